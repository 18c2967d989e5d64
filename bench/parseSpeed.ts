/**
 * Throughput of the scan import pipeline against papaparse on the same text.
 * Both start from the file's text in memory, so neither pays for the disk or
 * for decoding: ours takes it in 1 MB slices, as the pane reads a file, and
 * parses, normalises and merges the findings, then groups them into items;
 * papaparse parses the whole text into rows of strings, which is all it does.
 * Our CSV reader alone, on the same slices, is timed too: it is the part
 * that does papaparse's job.
 */
import { performance } from "node:perf_hooks";
import Papa from "papaparse";
import { CsvReader } from "../src/formats/scan/CsvReader";
import { parseScan } from "../src/formats/scan/parseScan";
import { DEFAULT_IMPORT_OPTIONS, planImport, type ImportPlan } from "../src/domain/scan/planImport";
import { MIB } from "./scanExport";

const SLICE = MIB;

function* slices(text: string): Generator<string> {
  for (let start = 0; start < text.length; start += SLICE) yield text.slice(start, start + SLICE);
}

/** The pane's pipeline, short of writing to the workbook: parse, normalise, merge, group. */
export async function importPipeline(text: string): Promise<ImportPlan> {
  const parsed = await parseScan(slices(text));
  return planImport(parsed, [], new Set(), { ...DEFAULT_IMPORT_OPTIONS, today: "2026-11-23" });
}

/** Our CSV reader alone: records out of the same slices, nothing more. */
export function csvReader(text: string): number {
  const reader = new CsvReader(",");
  let records = 0;
  for (const slice of slices(text)) records += reader.push(slice).length;
  return records + reader.end().length;
}

/** papaparse alone: the whole text into rows of strings. */
export function papaparse(text: string): number {
  return Papa.parse<string[]>(text, { delimiter: "," }).data.length;
}

/** papaparse reading rows by their header, as a scan importer needs them. */
export function papaparseHeader(text: string): number {
  return Papa.parse<Record<string, string>>(text, { delimiter: ",", header: true }).data.length;
}

type Contender = "ours" | "csvReader" | "papaparse" | "papaparseHeader";
const CONTENDERS: Record<Contender, (text: string) => unknown> = { ours: importPipeline, csvReader, papaparse, papaparseHeader };

/** Median seconds per run of each, and how many runs. */
export type SpeedResult = Record<Contender, number> & { readonly runs: number };

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Collects garbage between runs when Node runs with --expose-gc, so one run does not pay for the last. */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

async function timed(work: () => unknown): Promise<number> {
  collect();
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

/** Times each on `text`, taking turns, after one warm-up run of each; medians of `runs` runs. */
export async function compareWithPapaparse(text: string, runs: number): Promise<SpeedResult> {
  const names = Object.keys(CONTENDERS) as Contender[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Contender, number[]>;
  for (const name of names) await CONTENDERS[name](text);
  for (let run = 0; run < runs; run++) {
    for (const name of names) times[name].push(await timed(() => CONTENDERS[name](text)));
  }
  return {
    ours: median(times.ours),
    csvReader: median(times.csvReader),
    papaparse: median(times.papaparse),
    papaparseHeader: median(times.papaparseHeader),
    runs,
  };
}
