/**
 * The Qualys scan report XML (scan-1.dtd): `<SCAN>` holding a HEADER and an
 * `<IP value name>` per host, whose INFOS, SERVICES, VULNS and PRACTICES list
 * `CAT` groups (with the port and protocol) of items, each with its QID in
 * `@number` and its level (1–5) in `@severity`.
 *
 * VULN (confirmed) and PRACTICE (potential) are vulnerabilities, rated by
 * their level; INFO and SERVICE are information gathered, so Info. Each item
 * carries its own details, so findings come out as the items close and
 * nothing is held back.
 */
import { bestCvss, cleanText, highestSeverity, parseCves, parseScanDate, severityFromCvss, severityFromQualysLevel } from "./scanValues";
import type { ScanFinding } from "../../domain/scan/scanTypes";
import { readerTaking } from "./readerTaking";
import type { XmlFindingReader } from "./xmlFormats";
import { XmlRecordReader, childNamed, childText, childrenNamed, type XmlNode, type XmlRecord } from "./xmlRecords";
import { htmlToText } from "./htmlToText";

const VULNERABILITIES = new Set(["VULN", "PRACTICE"]);
const INFORMATIONAL = new Set(["INFO", "SERVICE"]);

/** What Qualys writes in IP/@name when DNS gave no name. */
const NO_HOSTNAME = /^no registered hostname$/i;

/** The scan's date from HEADER/KEY[@value="DATE"]: every finding in the report was seen then. */
function scanDate(scan: XmlNode | undefined) {
  const key = childrenNamed(childNamed(scan, "HEADER"), "KEY").find((k) => k.attributes.value === "DATE");
  return parseScanDate(key?.text);
}

/** Turns text into plain text once per distinct text. */
type PlainText = (text: string | undefined) => string | undefined;

/**
 * A QID's title, diagnosis and solution repeat on every host it is found on:
 * each distinct text is converted once and the findings share the result,
 * which spares the work and the memory of a copy per host.
 */
function sharedPlainText(): PlainText {
  const known = new Map<string, string | undefined>();
  return (text) => {
    if (text === undefined) return undefined;
    if (known.has(text)) return known.get(text);
    // A bound on what is kept; a report with more distinct texts converts the rest anew.
    if (known.size >= 10_000) known.clear();
    const plain = htmlToText(text);
    known.set(text, plain);
    return plain;
  };
}

function itemFinding(node: XmlNode, ancestors: readonly XmlNode[], seen: string | undefined, shared: PlainText): ScanFinding | null {
  const ip = ancestors.find((a) => a.name === "IP");
  const category = ancestors.filter((a) => a.name === "CAT").pop();
  const qid = cleanText(node.attributes.number) ?? "";
  const given = cleanText(ip?.attributes.name);
  const named = given && !NO_HOSTNAME.test(given) ? given : undefined;
  const host = cleanText(ip?.attributes.value) ?? named ?? "";
  if (qid === "" || host === "") return null;
  const cvss = bestCvss(childText(node, "CVSS3_BASE"), childText(node, "CVSS_BASE"));
  const severity = VULNERABILITIES.has(node.name)
    ? // A level the subscription changed is kept beside Qualys's own (standard-severity); the higher counts.
      (highestSeverity(severityFromQualysLevel(node.attributes.severity), severityFromQualysLevel(node.attributes["standard-severity"])) ?? severityFromCvss(cvss) ?? "Medium")
    : "Info";
  const port = cleanText(category?.attributes.port);
  return {
    scanner: "Qualys",
    pluginId: qid,
    title: shared(childText(node, "TITLE")) ?? `QID ${qid}`,
    severity,
    cvss,
    cves: parseCves(node.attributes.cveid, ...childrenNamed(childNamed(node, "CVE_ID_LIST"), "CVE_ID").map((cve) => childText(cve, "ID"))),
    host,
    hostname: named ?? childText(ip, "NETBIOS_HOSTNAME") ?? cleanText(category?.attributes.fqdn),
    port: port && port !== "0" ? port : undefined,
    protocol: cleanText(category?.attributes.protocol)?.toLowerCase(),
    solution: shared(childText(node, "SOLUTION")),
    description: shared(childText(node, "DIAGNOSIS")) ?? shared(childText(node, "CONSEQUENCE")),
    firstSeen: seen,
    lastSeen: seen,
    output: htmlToText(childText(node, "RESULT")),
  };
}

/** A reader of one Qualys scan report. */
export function qualysScanXmlReader(): XmlFindingReader {
  let seen: { date: string | undefined } | undefined;
  const shared = sharedPlainText();
  // An IP is a record too, so that a host read is dropped from the report rather than kept to its end.
  const reader = new XmlRecordReader(
    (node, ancestors) => node.name === "IP" || ((VULNERABILITIES.has(node.name) || INFORMATIONAL.has(node.name)) && ancestors.some((a) => a.name === "IP")),
  );
  const convert = (records: XmlRecord[]) =>
    records.flatMap(({ node, ancestors }) => {
      if (node.name === "IP") return [];
      seen ??= { date: scanDate(ancestors[0]) };
      const finding = itemFinding(node, ancestors, seen.date, shared);
      return finding ? [finding] : [];
    });
  return readerTaking(reader, convert);
}
