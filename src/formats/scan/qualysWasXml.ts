/**
 * The Qualys Web Application Scanning report XML (`<WAS_SCAN_REPORT>`, and
 * the web application report `<WAS_WEBAPP_REPORT>`): RESULTS lists each
 * detection (VULNERABILITY, SENSITIVE_CONTENT, INFORMATION_GATHERED) with its
 * QID and URL; GLOSSARY/QID_LIST describes each QID, with the severity (1–5)
 * that lives nowhere else; APPENDIX/WEBAPP names the web applications.
 *
 * The asset is the web application (its URL identifies it, its name goes
 * with it), so the same QID on many pages of one application is one finding
 * listing the pages. VULNERABILITY detections are rated by the glossary;
 * sensitive content and information gathered are Info. The glossary and the
 * applications follow the results, so detections are held, small (no
 * payloads), until the report ends.
 */
import { bestCvss, highestSeverity, parseCves, parseScanDate, severityFromCvss, severityFromQualysLevel } from "./scanValues";
import type { IsoDate } from "../../domain/core/dates";
import type { ScanFinding, Severity } from "../../domain/scan/scanTypes";
import { readerTaking } from "./readerTaking";
import type { XmlFindingReader } from "./xmlFormats";
import { XmlRecordReader, childNamed, childText, type XmlNode } from "./xmlRecords";
import { htmlToText } from "./htmlToText";

const DETECTIONS = new Set(["VULNERABILITY", "SENSITIVE_CONTENT", "INFORMATION_GATHERED"]);
/** Requests and responses replayed (most of a large report) and base64 data: nothing a finding needs. */
const UNREAD = new Set(["PAYLOADS", "DATA", "OPTION_PROFILE_DETAILS"]);
/** How many of a finding's pages its output lists. */
const PAGES_LISTED = 20;

interface Detection {
  readonly qid: string;
  readonly kind: string;
  readonly url?: string;
  /** A level and title on the detection itself, which some reports give beside the glossary's. */
  readonly level?: string;
  readonly title?: string;
  readonly firstSeen?: IsoDate;
  readonly lastSeen?: IsoDate;
  /** The WEB_APPLICATION element holding the detection, in a web application report. */
  readonly application?: XmlNode;
}

interface Application {
  readonly name?: string;
  readonly url?: string;
}

interface QidEntry {
  readonly title?: string;
  readonly level?: string;
  readonly cvss?: number;
  readonly cves: string[];
  readonly solution?: string;
  readonly description?: string;
}

/** "N/A" is how the glossary says there is nothing. */
const text = (value: string | undefined) => {
  const plain = htmlToText(value);
  return plain && !/^n\/?a$/i.test(plain) ? plain : undefined;
};

const applicationOf = (node: XmlNode | undefined): Application => ({ name: childText(node, "NAME"), url: childText(node, "URL") });

const hostOf = (url: string | undefined) => /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url ?? "")?.[1]?.toLowerCase();

/** The application's URL without a trailing slash, so "https://a/" and "https://a" are one asset. */
const assetOf = (url: string) => url.replace(/\/+$/, "");

/** A reader of one WAS report. */
export function qualysWasXmlReader(): XmlFindingReader {
  const detections: Detection[] = [];
  const glossary = new Map<string, QidEntry>();
  const applications: Application[] = [];

  const reader = new XmlRecordReader(
    (node, ancestors) =>
      // The SUMMARY's VULNERABILITY and INFORMATION_GATHERED are counts, without a QID.
      (DETECTIONS.has(node.name) && childNamed(node, "QID") !== undefined) ||
      (node.name === "QID" && ancestors.at(-1)?.name === "QID_LIST") ||
      (node.name === "WEBAPP" && ancestors.some((a) => a.name === "APPENDIX")),
    (name) => UNREAD.has(name),
  );

  const take = (records: ReturnType<XmlRecordReader["push"]>) => {
    for (const { node, ancestors } of records) {
      const qid = childText(node, "QID") ?? "";
      if (node.name === "WEBAPP") applications.push(applicationOf(node));
      else if (node.name === "QID") {
        if (qid !== "") glossary.set(qid, glossaryEntry(node));
      } else if (qid !== "" && !/^fixed$/i.test(childText(node, "STATUS") ?? "")) {
        const detected = parseScanDate(childText(node, "DETECTION_DATE"));
        detections.push({
          qid,
          kind: node.name,
          url: childText(node, "URL"),
          level: childText(node, "SEVERITY"),
          title: childText(node, "TITLE"),
          firstSeen: parseScanDate(childText(node, "FIRST_TIME_DETECTED")) ?? detected ?? parseScanDate(childText(node, "LAST_TIME_DETECTED")),
          lastSeen: parseScanDate(childText(node, "LAST_TIME_DETECTED")) ?? detected ?? parseScanDate(childText(node, "FIRST_TIME_DETECTED")),
          application: ancestors.find((a) => a.name === "WEB_APPLICATION"),
        });
      }
    }
    return [];
  };

  /**
   * The application a detection belongs to: its report section's, the one
   * whose address its URL starts with or whose host it has, else the only
   * (or, for a detection with no URL, the first) application listed.
   */
  const resolve = (detection: Detection): Application => {
    if (detection.application) return applicationOf(detection.application);
    const host = hostOf(detection.url);
    const sameHost = applications.filter((app) => host !== undefined && hostOf(app.url) === host);
    const byPrefix = sameHost.filter((app) => app.url && detection.url?.startsWith(app.url)).sort((a, b) => (b.url?.length ?? 0) - (a.url?.length ?? 0));
    const matched = byPrefix[0] ?? sameHost[0];
    if (matched) return matched;
    const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i.exec(detection.url ?? "")?.[0];
    return applications.length === 1 || (origin === undefined && applications.length > 0) ? applications[0] : { url: origin };
  };

  const finish = (): ScanFinding[] => {
    // Pages beyond those listed are only counted, so a finding on thousands of pages stays small.
    const findings = new Map<string, { finding: { -readonly [K in keyof ScanFinding]: ScanFinding[K] }; pages: Set<string>; unlisted: number; records: number }>();
    for (const detection of detections) {
      const application = resolve(detection);
      const host = application.url ? assetOf(application.url) : (application.name ?? "");
      if (host === "") continue;
      const key = `${detection.qid}|${host}`;
      const known = findings.get(key);
      if (known) {
        known.records++;
        if (detection.url && !known.pages.has(detection.url)) {
          if (known.pages.size < PAGES_LISTED) known.pages.add(detection.url);
          else known.unlisted++;
        }
        const { finding } = known;
        if (detection.firstSeen && (!finding.firstSeen || detection.firstSeen < finding.firstSeen)) finding.firstSeen = detection.firstSeen;
        if (detection.lastSeen && (!finding.lastSeen || detection.lastSeen > finding.lastSeen)) finding.lastSeen = detection.lastSeen;
        continue;
      }
      const entry = glossary.get(detection.qid);
      const severity: Severity =
        detection.kind === "VULNERABILITY"
          ? (highestSeverity(severityFromQualysLevel(entry?.level), severityFromQualysLevel(detection.level)) ?? severityFromCvss(entry?.cvss) ?? "Medium")
          : "Info";
      findings.set(key, {
        records: 1,
        pages: new Set(detection.url ? [detection.url] : []),
        unlisted: 0,
        finding: {
          scanner: "Qualys",
          pluginId: detection.qid,
          title: entry?.title ?? text(detection.title) ?? `QID ${detection.qid}`,
          severity,
          cvss: entry?.cvss,
          cves: [...(entry?.cves ?? [])],
          host,
          hostname: application.name,
          solution: entry?.solution,
          description: entry?.description,
          firstSeen: detection.firstSeen,
          lastSeen: detection.lastSeen,
        },
      });
    }
    const done: ScanFinding[] = [];
    for (const { finding, pages, unlisted, records } of findings.values()) {
      if (pages.size > 0) finding.output = [...pages, ...(unlisted > 0 ? [`…and ${unlisted} more`] : [])].join("\n");
      // One finding per detection read, so the record count is the report's; the same object merges into itself.
      for (let i = 0; i < records; i++) done.push(finding);
    }
    return done;
  };

  return readerTaking(reader, take, finish);
}

function glossaryEntry(node: XmlNode): QidEntry {
  return {
    title: text(childText(node, "TITLE")),
    level: childText(node, "SEVERITY"),
    cvss: bestCvss(childText(childNamed(node, "CVSS_V3"), "BASE"), childText(node, "CVSS_V3_BASE"), childText(node, "CVSS_BASE")),
    cves: parseCves(childText(node, "CVE"), childText(node, "CVE_ID"), ...(childNamed(node, "CVE_LIST")?.children.map((cve) => cve.text) ?? [])),
    solution: text(childText(node, "SOLUTION")),
    description: text(childText(node, "DESCRIPTION")) ?? text(childText(node, "IMPACT")),
  };
}
