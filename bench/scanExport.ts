/**
 * Large Nessus CSV exports for the benchmark, made from a corpus file: its
 * header, then its rows over and over, each copy on a host address of its
 * own, as a scan of many hosts reads. Written to a temporary folder; the
 * corpus itself is never copied into the repository.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedFile } from "../test/support/shared";

export const MIB = 1024 * 1024;

/** The corpus export repeated: 30 records per copy (29 distinct findings, one of them Medium) on one host. */
const SOURCE = "nessus/dd_nessus_many_vuln2-default.csv";
const SOURCE_HOST = '"52.208.101.182"';

export interface ScanExport {
  readonly path: string;
  readonly bytes: number;
  /** How many copies of the corpus rows, hence how many hosts. */
  readonly copies: number;
}

/** The nth host address: 10.0.0.1, 10.0.0.2, … */
const hostAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** Writes a Nessus CSV export of at least `bytes` bytes (UTF-8) into a new temporary folder. */
export function writeScanExport(bytes: number, name = `nessus-${Math.round(bytes / MIB)}mb.csv`): ScanExport {
  const text = readFileSync(sharedFile("corpus", SOURCE), "utf8");
  const headerEnd = text.indexOf("\n") + 1;
  const header = Buffer.from(text.slice(0, headerEnd));
  const [before, ...after] = text.slice(headerEnd).split(SOURCE_HOST);
  const path = join(mkdtempSync(join(tmpdir(), "poam-bench-")), name);
  const file = openSync(path, "w");
  try {
    let written = writeSync(file, header);
    let copies = 0;
    while (written < bytes) {
      copies++;
      written += writeSync(file, Buffer.from(before + after.map((rest) => `"${hostAddress(copies)}"${rest}`).join("")));
    }
    return { path, bytes: written, copies };
  } finally {
    closeSync(file);
  }
}
