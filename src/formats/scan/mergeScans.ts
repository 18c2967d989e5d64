/**
 * Several files read for one import, as one scan: a host gives one checklist
 * per STIG, and a rule open on several hosts should be one item with the
 * hosts listed. The files must share a format, so the import has one name to
 * record and one default requirement; a mix is refused with the files named.
 */
import { PoamError } from "../../domain/core/errors";
import { CHECK_RESULTS, type ChecklistResults, FORMAT_NAMES, noChecks, type ParsedScan, type ScanFinding } from "../../domain/scan/scanTypes";

export interface NamedScan {
  readonly name: string;
  readonly scan: ParsedScan;
}

const findingKey = (f: ScanFinding) => `${f.scanner}|${f.pluginId}|${f.host}|${f.port ?? ""}|${f.protocol ?? ""}`;

/** The files' findings merged (the same finding in two files counts once) and their counts added up. */
export function mergeScans(scans: readonly NamedScan[]): ParsedScan {
  if (scans.length === 0) throw new PoamError("invalidInput", "No file was chosen.");
  if (scans.length === 1) return scans[0].scan;
  const first = scans[0];
  const other = scans.find(({ scan }) => scan.format !== first.scan.format);
  if (other) {
    throw new PoamError(
      "invalidInput",
      `The files are of different formats (${first.name}: ${FORMAT_NAMES[first.scan.format]}; ${other.name}: ${FORMAT_NAMES[other.scan.format]}). Import files of one format at a time; items are matched across imports, so nothing is lost.`,
    );
  }
  const byKey = new Map<string, ScanFinding>();
  for (const { scan } of scans) {
    for (const finding of scan.findings) {
      const key = findingKey(finding);
      const known = byKey.get(key);
      byKey.set(key, known ? { ...known, cves: [...new Set([...known.cves, ...finding.cves])] } : finding);
    }
  }
  const checklists = scans.map(({ scan }) => scan.checklist).filter((c): c is ChecklistResults => c !== undefined);
  const results = noChecks();
  for (const checklist of checklists) for (const result of CHECK_RESULTS) results[result] += checklist.results[result];
  const sum = (pick: (scan: ParsedScan) => number) => scans.reduce((total, { scan }) => total + pick(scan), 0);
  return {
    format: first.scan.format,
    findings: [...byKey.values()],
    findingRecords: sum((scan) => scan.findingRecords),
    blankRows: sum((scan) => scan.blankRows),
    skippedRows: sum((scan) => scan.skippedRows),
    ...(checklists.length > 0 && {
      checklist: { results, benchmarks: [...new Set(checklists.flatMap((c) => c.benchmarks))], passed: checklists.flatMap((c) => c.passed) },
    }),
  };
}
