/**
 * Reads one file from disk as far as the pane or `poam` does before writing:
 * a scan export read in 1 MB slices, decoded, parsed and grouped into items,
 * or (for .xlsx) a POA&M workbook read into its records. Prints what it
 * found, or the message it stopped with, and the process's peak resident
 * memory as JSON. The benchmark runs it bundled, in a process of its own, so
 * the peak is this work's alone.
 *
 *   node parseFile.js FILE
 */
import { createReadStream, readFileSync } from "node:fs";
import { PoamError } from "../src/domain/core/errors";
import { decodeChunks } from "../src/formats/scan/decodeText";
import { parseScan } from "../src/formats/scan/parseScan";
import { DEFAULT_IMPORT_OPTIONS, planImport } from "../src/domain/scan/planImport";
import { readPoamFile } from "../src/formats/xlsx-read/readPoamFile";

export interface ParseFileReport {
  readonly findings?: number;
  readonly items?: number;
  /** The message reading stopped with, for a file that is refused. */
  readonly refused?: string;
  /** Peak resident set size, in kilobytes (process.resourceUsage().maxRSS). */
  readonly maxRssKb: number;
}

async function read(file: string): Promise<Omit<ParseFileReport, "maxRssKb">> {
  if (file.endsWith(".xlsx")) {
    const data = await readPoamFile(new Uint8Array(readFileSync(file)));
    return { items: data.items.length };
  }
  const parsed = await parseScan(decodeChunks(createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>));
  const plan = planImport(parsed, [], new Set(), { ...DEFAULT_IMPORT_OPTIONS, today: "2026-11-23" });
  return { findings: plan.counts.findings, items: plan.counts.items };
}

async function main(file: string): Promise<void> {
  const result = await read(file).catch((error: unknown) => {
    if (error instanceof PoamError) return { refused: error.message };
    throw error;
  });
  const report: ParseFileReport = { ...result, maxRssKb: process.resourceUsage().maxRSS };
  process.stdout.write(JSON.stringify(report));
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
