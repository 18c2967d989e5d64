/**
 * Imports one scan export from disk as far as the pane does before writing:
 * read in 1 MB slices, decoded, parsed and grouped into items. Prints what it
 * found and the process's peak resident memory as JSON. The benchmark runs it
 * bundled, in a process of its own, so the peak is this work's alone.
 *
 *   node parseFile.js SCANFILE
 */
import { createReadStream } from "node:fs";
import { decodeChunks } from "../src/domain/scan/decodeText";
import { parseScan } from "../src/domain/scan/parseScan";
import { DEFAULT_IMPORT_OPTIONS, planImport } from "../src/domain/scan/planImport";

export interface ParseFileReport {
  readonly findings: number;
  readonly items: number;
  /** Peak resident set size, in kilobytes (process.resourceUsage().maxRSS). */
  readonly maxRssKb: number;
}

async function main(file: string): Promise<void> {
  const parsed = await parseScan(decodeChunks(createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>));
  const plan = planImport(parsed, [], new Set(), { ...DEFAULT_IMPORT_OPTIONS, today: "2026-11-23" });
  const report: ParseFileReport = { findings: plan.counts.findings, items: plan.counts.items, maxRssKb: process.resourceUsage().maxRSS };
  process.stdout.write(JSON.stringify(report));
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
