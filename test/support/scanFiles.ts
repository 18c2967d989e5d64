/** Reading scan exports in the tests as the pane reads them: bytes in chunks, decoded, parsed; and the counts the corpus tests compare. */
import { readdirSync, readFileSync } from "node:fs";
import type { PoamError } from "../../src/domain/core/errors";
import { decodeChunks } from "../../src/formats/scan/decodeText";
import { parseScan } from "../../src/formats/scan/parseScan";
import { sharedFile } from "./shared";
import type { ParsedScan } from "../../src/domain/scan/scanTypes";

/** A file's bytes in chunks of `size`, as a browser or a stream would deliver them. */
export function* chunksOf(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export const parseBytes = (bytes: Uint8Array, size = 64 * 1024) => parseScan(decodeChunks(chunksOf(bytes, size)));
/** A corpus file (a path under ../shared/corpus), in chunks of `size` bytes. */
export const parseCorpusFile = (file: string, size?: number) => parseBytes(readFileSync(sharedFile("corpus", file)), size);
export const parseText = (text: string, size?: number) => parseBytes(new TextEncoder().encode(text), size);

/** The error parsing `text` ends in (a PoamError for a file it cannot read). */
export const parseFailure = async (text: string) => (await parseText(text).catch((error: unknown) => error)) as PoamError;

/** What the corpus tests compare: format, records, distinct findings, hosts and findings by severity. */
export function scanCounts(parsed: ParsedScan) {
  const bySeverity: Record<string, number> = {};
  for (const finding of parsed.findings) bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;
  return {
    format: parsed.format,
    records: parsed.findingRecords,
    findings: parsed.findings.length,
    hosts: new Set(parsed.findings.map((f) => f.host)).size,
    bySeverity,
  };
}

export type ScanCounts = ReturnType<typeof scanCounts>;

/**
 * The checks every corpus folder gets, inside a describe block: `expected`
 * names each of the folder's files, and each reads to its counts, whole and
 * in 1 KB chunks.
 */
export function itReadsTheCorpusFolder(folder: string, expected: readonly (readonly [string, ScanCounts])[]): void {
  it("covers every file in the corpus folder", () => {
    expect(expected.map(([file]) => file).sort()).toEqual(readdirSync(sharedFile("corpus", folder)).map((file) => `${folder}/${file}`).sort());
  });

  it.each(expected.map(([file, counts]) => [file, counts] as const))("reads %s", async (file, counts) => {
    expect(scanCounts(await parseCorpusFile(file))).toEqual(counts);
  });

  it.each(expected.map(([file, counts]) => [file, counts] as const))("reads %s the same in 1 KB chunks", async (file, counts) => {
    expect(scanCounts(await parseCorpusFile(file, 1024))).toEqual(counts);
  });
}
