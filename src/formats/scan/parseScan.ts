/**
 * Reads a scanner export, chunk by chunk, into findings. The format is found
 * from the content (never the file name); work happens one chunk at a time and
 * the caller may yield between chunks, so a 100 MB file does not freeze the
 * pane. Findings the scanner repeats (Nessus writes a row per CVE) are merged
 * as they arrive, so memory holds the distinct findings, not the file.
 */
import { PoamError } from "../../domain/core/errors";
import { SaxesParser } from "saxes";
import { CsvError, CsvReader, guessDelimiter } from "./CsvReader";
import { csvFormatOf, type CsvFormat } from "./csvFormats";
import { SEVERITIES, type ParsedScan, type ScanFinding, type ScanFormat } from "../../domain/scan/scanTypes";
import { startCklb } from "./stigCklb";
import { xmlFormatOf, type XmlFindingReader } from "./xmlFormats";
import { XmlDepthError } from "./xmlRecords";

export interface ParseOptions {
  /** Called after each chunk with the number of characters read so far. */
  readonly onProgress?: (charactersRead: number) => void;
  /** Awaited between chunks, to let the UI breathe. */
  readonly pause?: () => Promise<void>;
  readonly signal?: AbortSignal;
}

export const EXPECTED_FORMATS =
  "Expected a scan export: a Nessus, Tenable.sc or Tenable Vulnerability Management CSV, a .nessus file, " +
  "an OpenVAS / Greenbone CSV or XML report, a Qualys CSV or XML report (asset data, scan report, PCI, Web Application Scanning), " +
  "a Rapid7 Nexpose / InsightVM XML export, a STIG Viewer checklist (.ckl or .cklb) or XCCDF results.";

/** Text read before first trying to decide what a file is; the header of any supported CSV fits well within it. */
const DETECTION_CHARS = 256 * 1024;
/**
 * The most text read while still looking for a CSV header or an XML document
 * element. A header longer than the first window is read on (the window
 * doubles each time, so the text is reread at most twice over in all).
 */
export const MAX_DETECTION_CHARS = 16 * 1024 * 1024;
/** How many records may come before a CSV header (Qualys VMDR has three lines of report details first). */
const MAX_PREAMBLE_RECORDS = 20;

function notAScan(detail: string): PoamError {
  return new PoamError("invalidInput", `${detail} ${EXPECTED_FORMATS}`);
}

/** A finding while it is being merged: the set owns it until `all()` hands it out. */
type Merging = { -readonly [K in keyof ScanFinding]: ScanFinding[K] } & { cves: string[] };

const earlier = (a?: string, b?: string) => (a && b ? (a < b ? a : b) : (a ?? b));
const later = (a?: string, b?: string) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * The findings kept on one host under one plugin ID: most often one, so it is
 * kept as it is rather than in a list of its own (a large export keeps tens of
 * thousands of these, and every extra object is work for the garbage collector).
 */
type SameHostAndPlugin = Merging | Merging[];

const isRepeat = (finding: ScanFinding, kept: Merging) =>
  kept.scanner === finding.scanner && (kept.port ?? "") === (finding.port ?? "") && (kept.protocol ?? "") === (finding.protocol ?? "");

/** The finding kept (on the same host and plugin ID) that `finding` repeats: same scanner, port and protocol. */
function repeatOf(finding: ScanFinding, kept: SameHostAndPlugin): Merging | undefined {
  if (Array.isArray(kept)) return kept.find((candidate) => isRepeat(finding, candidate));
  return isRepeat(finding, kept) ? kept : undefined;
}

/**
 * Collects findings, merging repeats of the same scanner, ID, host, port and
 * protocol. A repeat updates the finding kept, in place: a large export
 * repeats most findings (a row per CVE), and a copy per row is what costs.
 */
class FindingSet {
  /**
   * Findings by host, then plugin ID; the few per host and plugin (ports, protocols, scanners) are told apart by comparison.
   * Host first because exports list a host's findings together: consecutive rows then share one small map.
   */
  private readonly byHost = new Map<string, Map<string, SameHostAndPlugin>>();
  private readonly inOrder: Merging[] = [];
  /** The host of the last finding added and its map, so a run of rows on one host looks the host up once. */
  private lastHost?: string;
  private lastHostPlugins = new Map<string, SameHostAndPlugin>();
  records = 0;

  add(finding: ScanFinding): void {
    this.records++;
    const plugins = this.pluginsOn(finding.host);
    const same = plugins.get(finding.pluginId);
    const known = same && repeatOf(finding, same);
    if (!known) {
      // Readers hand over findings they made for this set (and CVE lists of their own), so it keeps them as they are.
      const merging = finding as Merging;
      // The host as the first of this run of rows on it wrote it, shared by their findings: one string kept per run, not per row.
      merging.host = this.lastHost as string;
      if (same === undefined) plugins.set(finding.pluginId, merging);
      else if (Array.isArray(same)) same.push(merging);
      else plugins.set(finding.pluginId, [same, merging]);
      this.inOrder.push(merging);
      return;
    }
    for (const cve of finding.cves) if (!known.cves.includes(cve)) known.cves.push(cve);
    // A repeat rated higher (a Qualys host listing a QID twice at two levels) raises the finding: never under-rate.
    if (SEVERITIES.indexOf(finding.severity) < SEVERITIES.indexOf(known.severity)) known.severity = finding.severity;
    known.cvss ??= finding.cvss;
    known.firstSeen = earlier(known.firstSeen, finding.firstSeen);
    known.lastSeen = later(known.lastSeen, finding.lastSeen);
  }

  /** The findings kept on `host`, by plugin ID. */
  private pluginsOn(host: string): Map<string, SameHostAndPlugin> {
    // Nested maps rather than one map keyed by a joined string: a large export merges a row per record, and the joined key was most of that work.
    if (host !== this.lastHost) {
      let plugins = this.byHost.get(host);
      if (!plugins) {
        plugins = new Map();
        this.byHost.set(host, plugins);
      }
      this.lastHost = host;
      this.lastHostPlugins = plugins;
    }
    return this.lastHostPlugins;
  }

  all(): ScanFinding[] {
    return [...this.inOrder];
  }
}

/** Reads CSV records once the header is found: each row becomes a finding, a blank or a skipped row. */
class CsvFindings {
  private headerIndex = new Map<string, number>();
  blankRows = 0;
  skippedRows = 0;

  constructor(
    private readonly format: CsvFormat,
    header: readonly string[],
    private readonly into: FindingSet,
  ) {
    header.forEach((name, index) => {
      if (!this.headerIndex.has(name.trim())) this.headerIndex.set(name.trim(), index);
    });
  }

  /** The record being read; one reader function serves every record rather than a new one per row. */
  private record: readonly string[] = [];
  private readonly cell = (header: string): string => {
    const index = this.headerIndex.get(header);
    return index === undefined ? "" : (this.record[index] ?? "");
  };

  take(records: readonly string[][]): void {
    for (const record of records) {
      if (record.every((cell) => cell.trim() === "")) {
        this.blankRows++;
        continue;
      }
      this.record = record;
      const finding = this.format.read(this.cell);
      if (finding) this.into.add(finding);
      else this.skippedRows++;
    }
  }
}

function looksBinary(head: string): string | undefined {
  if (head.startsWith("PK\u0003\u0004")) return "This file is a ZIP package (an Excel workbook, say), not a scan export.";
  if (head.startsWith("%PDF")) return "This file is a PDF, not a scan export.";
  if (head.slice(0, 4096).includes("\u0000")) return "This file is not text (it may be a binary file or in an encoding other than UTF-8 or UTF-16).";
  return undefined;
}

interface CsvStart {
  readonly reader: CsvReader;
  readonly format: CsvFormat;
  readonly header: string[];
  readonly afterHeader: string[][];
}

function csvProblem(error: CsvError): PoamError {
  return new PoamError("invalidInput", error.message, error);
}

/**
 * Picks a CSV format from the first records, allowing a short preamble, and
 * returns the reader set to go on; undefined while more text could still
 * show a header. `final` says `head` is the whole file.
 */
function startCsv(head: string, final: boolean): CsvStart | undefined {
  const firstLine = head.split(/\r\n|\r|\n/, MAX_PREAMBLE_RECORDS + 1).find((line) => line.trim() !== "") ?? "";
  const delimiters = [...new Set([guessDelimiter(firstLine), ",", ";", "\t"])];
  let undecided = false;
  for (const delimiter of delimiters) {
    const probe = new CsvReader(delimiter);
    const records = probe.push(head);
    let failure: CsvError | undefined;
    if (final) {
      try {
        records.push(...probe.end());
      } catch (error) {
        if (!(error instanceof CsvError)) throw error;
        failure = error;
      }
    }
    for (let i = 0; i < Math.min(records.length, MAX_PREAMBLE_RECORDS); i++) {
      const format = csvFormatOf(records[i]);
      if (!format) continue;
      if (failure) throw csvProblem(failure);
      return { reader: probe, format, header: records[i], afterHeader: records.slice(i + 1) };
    }
    if (!final && records.length < MAX_PREAMBLE_RECORDS) undecided = true;
  }
  if (undecided && head.length < MAX_DETECTION_CHARS) return undefined;
  throw notAScan(
    undecided
      ? `The first ${MAX_DETECTION_CHARS / (1024 * 1024)} MB of the file hold no header row of a scan export POA&M Workbench reads.`
      : "The file's columns are not those of a scan export POA&M Workbench reads.",
  );
}

/**
 * The document element's name, read by the XML parser itself (so a name in a
 * comment, a DOCTYPE or a processing instruction is never taken for it);
 * undefined while `head` ends before it.
 */
function rootElement(head: string, final: boolean): string | undefined {
  let root: string | undefined;
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    root ??= tag.name;
  });
  try {
    parser.write(head);
    if (final && root === undefined) parser.close();
  } catch (error) {
    // A fault after the document element is the reader's to report, with the rest of the file.
    if (root === undefined) throw xmlError(error);
  }
  if (root === undefined && (final || head.length >= MAX_DETECTION_CHARS)) {
    throw notAScan(`This XML file has no document element in its first ${MAX_DETECTION_CHARS / (1024 * 1024)} MB.`);
  }
  return root;
}

function xmlError(error: unknown): PoamError {
  if (error instanceof PoamError) return error;
  if (error instanceof XmlDepthError) return new PoamError("invalidInput", error.message, error);
  const message = error instanceof Error ? error.message : "";
  // saxes starts its messages with the line and column: "12:5: unclosed tag: ReportItem".
  const line = /^(\d+):\d+:/.exec(message)?.[1];
  const at = line === undefined ? "" : `Line ${line}: `;
  const sentence = (text: string) => new PoamError("invalidInput", at === "" ? text[0].toUpperCase() + text.slice(1) : at + text, error);
  if (/undefined entity|disallowed character in entity/i.test(message)) {
    return sentence("this XML report uses entities the add-in does not expand (for safety it reads only XML's own). It cannot be imported.");
  }
  if (/unclosed|unexpected end|premature end/i.test(message)) {
    return sentence("this XML report ends before it is complete; the file may have been cut short.");
  }
  return sentence("this XML report is not well-formed, so it cannot be read.");
}

/**
 * Reads the scan export arriving as `chunks` of text. Throws PoamError with
 * a specific message when the content is not a scan export it knows.
 */
export async function parseScan(chunks: AsyncIterable<string> | Iterable<string>, options: ParseOptions = {}): Promise<ParsedScan> {
  const findings = new FindingSet();
  let read = 0;
  let head = "";
  let csv: { reader: CsvReader; findings: CsvFindings; ended: boolean } | undefined;
  let nextTry = DETECTION_CHARS;
  let xml: XmlFindingReader | undefined;
  let format: ScanFormat | undefined;

  const checkCancel = () => {
    if (options.signal?.aborted) throw new PoamError("cancelled", "The import was cancelled; nothing was written.");
  };

  /** Decides what the file is from `text` (the whole file when `final`); false while it cannot tell yet. */
  const start = (text: string, final: boolean): boolean => {
    const trimmed = text.replace(/^\uFEFF/, "").trimStart();
    const binary = looksBinary(trimmed);
    if (binary) throw notAScan(binary);
    if (trimmed.startsWith("<")) {
      const root = rootElement(text, final);
      if (root === undefined) return false;
      const xmlFormat = xmlFormatOf(root);
      if (!xmlFormat) throw notAScan(`This XML file's document element is <${root}>, which is not a scan report POA&M Workbench reads.`);
      format = xmlFormat.format;
      xml = xmlFormat.start();
      feedXml(text);
      return true;
    }
    // The one JSON export read is STIG Viewer 3's checklist; its reader checks the shape once it has the whole text.
    if (trimmed.startsWith("{")) {
      format = "stig-cklb";
      xml = startCklb();
      feedXml(text);
      return true;
    }
    const started = startCsv(text, final);
    if (!started) return false;
    format = started.format.format;
    const csvFindings = new CsvFindings(started.format, started.header, findings);
    csvFindings.take(started.afterHeader);
    csv = { reader: started.reader, findings: csvFindings, ended: final };
    return true;
  };

  const feedCsv = (read: () => string[][]) => {
    try {
      (csv as NonNullable<typeof csv>).findings.take(read());
    } catch (error) {
      throw error instanceof CsvError ? csvProblem(error) : error;
    }
  };

  const feedXml = (text: string) => {
    try {
      for (const finding of (xml as XmlFindingReader).push(text)) findings.add(finding);
    } catch (error) {
      throw xmlError(error);
    }
  };

  for await (const chunk of chunks) {
    checkCancel();
    read += chunk.length;
    if (!format) {
      head += chunk;
      if (head.length >= nextTry) {
        if (start(head, false)) head = "";
        else nextTry = head.length * 2;
      }
    } else if (csv) {
      const reader = csv.reader;
      feedCsv(() => reader.push(chunk));
    } else {
      feedXml(chunk);
    }
    options.onProgress?.(read);
    await options.pause?.();
  }
  checkCancel();
  if (!format) {
    if (head.replace(/^\uFEFF/, "").trim() === "") throw new PoamError("invalidInput", `The file is empty. ${EXPECTED_FORMATS}`);
    start(head, true);
  }
  if (csv) {
    const reader = csv.reader;
    if (!csv.ended) feedCsv(() => reader.end());
  } else {
    try {
      for (const finding of (xml as XmlFindingReader).end()) findings.add(finding);
    } catch (error) {
      throw xmlError(error);
    }
  }
  return {
    format: format as ScanFormat,
    findings: findings.all(),
    findingRecords: findings.records,
    blankRows: csv?.findings.blankRows ?? 0,
    skippedRows: csv?.findings.skippedRows ?? 0,
    ...(xml?.checklist && { checklist: xml.checklist }),
  };
}
