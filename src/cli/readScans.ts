/** Reading the scan exports named on the command line into one import, as the pane reads the files it is given. */
import { createReadStream, existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { PoamError } from "../domain/core/errors";
import type { ParsedScan } from "../domain/scan/scanTypes";
import { decodeChunks } from "../formats/scan/decodeText";
import { mergeScans } from "../formats/scan/mergeScans";
import { parseScan } from "../formats/scan/parseScan";
import { UsageError, type CliIo } from "./io";

/** The files `names` (one format; several are one import), streamed in 1 MB chunks; a file that cannot be read stops with its name. */
export async function readScans(names: readonly string[], io: CliIo): Promise<ParsedScan> {
  for (const name of names) {
    const file = resolve(io.cwd, name);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No such file: ${name}`);
  }
  const scans = [];
  for (const name of names) {
    const file = resolve(io.cwd, name);
    const scan = await parseScan(decodeChunks(createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>)).catch((error: unknown) => {
      throw error instanceof PoamError ? new UsageError(`${name}: ${error.message}`) : error;
    });
    scans.push({ name, scan });
  }
  try {
    return mergeScans(scans);
  } catch (error) {
    throw error instanceof PoamError ? new UsageError(error.message) : error;
  }
}
