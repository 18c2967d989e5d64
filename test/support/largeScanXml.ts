/**
 * Large XML scan reports made from corpus files, for the streaming tests and
 * the benchmark: the report's opening, then one of its parts (a host, the
 * nodes, the vulnerability list) over and over, then its closing, handed out
 * in slices and never held whole. Each copy of a host gets an address of its
 * own, as a scan of many hosts reads.
 */
import { readFileSync } from "node:fs";
import { sharedFile } from "./shared";

export type XmlFamily = "qualys-scan-xml" | "nexpose-xml" | "qualys-was-xml";

interface Source {
  readonly file: string;
  /** Where the repeated part starts (the first `from` after `after`) and ends (before the last `until`). */
  readonly after?: string;
  readonly from: string;
  readonly until: string;
  /** The repeated part, copy `n`, made distinct where the family's findings are told apart by host. */
  readonly copy: (part: string, n: number) => string;
  /** Per copy: records and distinct findings; and findings the report holds once, outside the repeated part. */
  readonly perCopy: { readonly records: number; readonly findings: number };
  readonly fixed: { readonly records: number; readonly findings: number };
}

/** The nth host address: 10.0.0.1, 10.0.0.2, … */
const hostAddress = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

const SOURCES: Readonly<Record<XmlFamily, Source>> = {
  // One IP element: 7 items (3 VULN, 2 INFO, 2 SERVICE), 7 distinct findings.
  "qualys-scan-xml": {
    file: "qualys-scan-xml/dradis_qualys_simple.xml",
    from: "<IP ",
    until: "</SCAN>",
    copy: (part, n) => part.replace('value="10.0.155.160"', `value="${hostAddress(n)}"`),
    perCopy: { records: 7, findings: 7 },
    fixed: { records: 0, findings: 0 },
  },
  // Four nodes, 26 vulnerable tests, 14 distinct findings; the definitions come after all the nodes.
  "nexpose-xml": {
    file: "nexpose/dd_nexpose_report_auth.xml",
    from: "<node ",
    until: "</nodes>",
    copy: (part, n) => {
      let node = 0;
      return part.replace(/address="[^"]*"/g, () => `address="${hostAddress(n * 4 + node++)}"`);
    },
    perCopy: { records: 26, findings: 14 },
    fixed: { records: 0, findings: 0 },
  },
  // Four detections (three QIDs) of one web application, on pages of their own each copy; 18 information gathered once.
  "qualys-was-xml": {
    file: "qualys-was-xml/dd_qualys_webapp_many_vuln.xml",
    // The SUMMARY has a VULNERABILITY element too: a count.
    after: "<VULNERABILITY_LIST>",
    from: "<VULNERABILITY>",
    until: "</VULNERABILITY_LIST>",
    copy: (part, n) => part.replace(/<URL>([^<]*)<\/URL>/g, (_, url: string) => `<URL>${url}${url.includes("?") ? "&amp;" : "?"}copy=${n}</URL>`),
    perCopy: { records: 4, findings: 0 },
    fixed: { records: 18, findings: 21 },
  },
};

export interface LargeXml {
  readonly slices: Generator<string>;
  /** Counts once the slices are all taken. */
  readonly expected: () => { readonly copies: number; readonly records: number; readonly findings: number };
}

/** A report of the family, at least `characters` long, in slices of `slice` characters. */
export function largeScanXml(family: XmlFamily, characters: number, slice = 1 << 20): LargeXml {
  const source = SOURCES[family];
  const text = readFileSync(sharedFile("corpus", source.file), "utf8");
  const start = text.indexOf(source.from, source.after === undefined ? 0 : text.indexOf(source.after));
  const end = text.lastIndexOf(source.until);
  if (start < 0 || end < start) throw new Error(`${source.file} has no ${source.from} … ${source.until} to repeat`);
  const part = text.slice(start, end);
  let copies = 0;
  function* slices(): Generator<string> {
    let pending = text.slice(0, start);
    let produced = 0;
    while (produced < characters) {
      while (pending.length < slice) pending += source.copy(part, ++copies);
      yield pending.slice(0, slice);
      produced += slice;
      pending = pending.slice(slice);
    }
    yield pending + text.slice(end);
  }
  return {
    slices: slices(),
    expected: () => ({
      copies,
      records: copies * source.perCopy.records + source.fixed.records,
      findings: copies * source.perCopy.findings + source.fixed.findings,
    }),
  };
}
