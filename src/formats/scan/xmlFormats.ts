/**
 * The XML reports POA&M Workbench reads: Nessus v2 (.nessus), OpenVAS /
 * Greenbone report XML, the Qualys asset data, scan and WAS reports, Rapid7
 * Nexpose / InsightVM, STIG Viewer checklists and XCCDF results, each
 * recognised by its document element.
 */
import { bestCvss, cleanText, parseCves, parseScanDate, severityFromCvss, severityFromNessusLevel, severityFromQualysLevel, severityFromWord } from "./scanValues";
import type { ChecklistResults, ScanFinding, ScanFormat } from "../../domain/scan/scanTypes";
import { qualysScanXmlReader } from "./qualysScanXml";
import { nexposeXmlReader } from "./nexposeXml";
import { qualysWasXmlReader } from "./qualysWasXml";
import { startCkl } from "./stigCkl";
import { startXccdf } from "./xccdfResults";
import { readerTaking } from "./readerTaking";
import { XmlRecordReader, childNamed, childText, childrenNamed, type XmlNode, type XmlRecord } from "./xmlRecords";

export interface XmlFormat {
  readonly format: ScanFormat;
  readonly root: string;
  /** A reader that turns the report's records into findings. */
  start(): XmlFindingReader;
}

export interface XmlFindingReader {
  push(chunk: string): ScanFinding[];
  end(): ScanFinding[];
  /** The document element's name, once read. */
  readonly root: string | undefined;
  /** For checklists and XCCDF results: every rule's result, once `end()` has run. */
  readonly checklist?: ChecklistResults;
}

/** Whether an element called `name` is among `ancestors` (searched from the nearest, as records sit a few levels down). */
function within(ancestors: readonly XmlNode[], name: string): boolean {
  for (let i = ancestors.length - 1; i >= 0; i--) if (ancestors[i].name === name) return true;
  return false;
}

/** Markup some reports put inside their text (Qualys's CDATA holds HTML). */
const plain = (text: string | undefined) => cleanText(text?.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/[ \t]+/g, " "));

function readerOver(reader: XmlRecordReader, map: (record: XmlRecord) => ScanFinding | null, finish: () => ScanFinding[] = () => []): XmlFindingReader {
  return readerTaking(reader, (records) => records.map(map).filter((finding): finding is ScanFinding => finding !== null), finish);
}


/** A Nessus ReportHost's properties (host-ip, host-fqdn, HOST_START…). */
function hostProperties(host: XmlNode | undefined): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const tag of childrenNamed(childNamed(host, "HostProperties"), "tag")) properties[tag.attributes.name ?? ""] = tag.text.trim();
  return properties;
}

function nessusItem({ node, ancestors }: XmlRecord): ScanFinding | null {
  const host = ancestors.find((ancestor) => ancestor.name === "ReportHost");
  const properties = hostProperties(host);
  const address = cleanText(properties["host-ip"]) ?? cleanText(host?.attributes.name) ?? "";
  const pluginId = node.attributes.pluginID ?? "";
  if (pluginId === "" || address === "") return null;
  const cvss = bestCvss(childText(node, "cvss3_base_score"), childText(node, "cvss_base_score"), childText(node, "cvss4_base_score"));
  const port = node.attributes.port;
  const scanned = parseScanDate(properties.HOST_END) ?? parseScanDate(properties.HOST_START);
  return {
    scanner: "Tenable",
    pluginId,
    title: (node.attributes.pluginName ?? childText(node, "plugin_name") ?? pluginId).trim(),
    severity: severityFromNessusLevel(node.attributes.severity) ?? severityFromWord(childText(node, "risk_factor")) ?? severityFromCvss(cvss) ?? "Info",
    cvss,
    cves: parseCves(...childrenNamed(node, "cve").map((cve) => cve.text)),
    host: address,
    hostname: cleanText(properties["host-fqdn"]) ?? cleanText(properties.hostname) ?? cleanText(properties["netbios-name"]),
    port: port && port !== "0" ? port : undefined,
    protocol: cleanText(node.attributes.protocol),
    solution: childText(node, "solution"),
    description: childText(node, "synopsis") ?? childText(node, "description"),
    firstSeen: parseScanDate(properties.HOST_START),
    lastSeen: scanned,
    output: childText(node, "plugin_output"),
  };
}

/** OpenVAS keeps summary, solution and more as "key=value|key=value" in <tags>. */
function openvasTags(tags: string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of (tags ?? "").split("|")) {
    const at = part.indexOf("=");
    if (at > 0) result[part.slice(0, at).trim()] = part.slice(at + 1).replace(/\s+/g, " ").trim();
  }
  return result;
}

function openvasResult({ node }: XmlRecord): ScanFinding | null {
  const nvt = childNamed(node, "nvt");
  const host = childNamed(node, "host");
  const address = cleanText(host?.text) ?? "";
  const pluginId = nvt?.attributes.oid ?? "";
  if (pluginId === "" || address === "") return null;
  const tags = openvasTags(childText(nvt, "tags"));
  const cvss = bestCvss(childText(node, "severity"), childText(nvt, "cvss_base"));
  const [port, protocol] = (childText(node, "port") ?? "").split("/");
  const refs = childrenNamed(childNamed(nvt, "refs"), "ref").filter((ref) => ref.attributes.type?.toLowerCase() === "cve");
  const seen = parseScanDate(childText(node, "creation_time")) ?? parseScanDate(childText(node, "modification_time"));
  return {
    scanner: "OpenVAS",
    pluginId,
    title: (childText(nvt, "name") ?? childText(node, "name") ?? pluginId).trim(),
    severity: severityFromWord(childText(node, "threat")) ?? severityFromCvss(cvss) ?? "Info",
    cvss,
    cves: parseCves(...refs.map((ref) => ref.attributes.id), childText(nvt, "cve")),
    host: address,
    hostname: childText(host, "hostname"),
    port: port && /^\d+$/.test(port) ? port : undefined,
    protocol: cleanText(protocol),
    solution: cleanText(tags.solution) ?? childText(nvt, "solution"),
    description: cleanText(tags.summary),
    firstSeen: seen,
    lastSeen: seen,
    output: childText(node, "description"),
  };
}

/** Qualys lists the hosts' detections first and describes each QID in a glossary at the end. */
function qualysReader(): XmlFindingReader {
  const detections: { info: XmlNode; host: XmlNode | undefined }[] = [];
  const details = new Map<string, XmlNode>();
  const reader = new XmlRecordReader(
    (node, ancestors) => node.name === "VULN_DETAILS" || (node.name === "VULN_INFO" && ancestors.some((a) => a.name === "HOST")),
    undefined,
    // A record's own elements, and a HOST's details (IP, DNS, NETBIOS) for its detections.
    (_node, ancestors) => ancestors.at(-1)?.name === "HOST" || within(ancestors, "VULN_INFO") || within(ancestors, "VULN_DETAILS"),
  );
  return readerOver(
    reader,
    ({ node, ancestors }) => {
      if (node.name === "VULN_DETAILS") details.set(childText(node, "QID") ?? node.attributes.id?.replace(/^qid_/, "") ?? "", node);
      else detections.push({ info: node, host: ancestors.find((a) => a.name === "HOST") });
      return null;
    },
    () =>
      detections.flatMap(({ info, host }): ScanFinding[] => {
        const qid = childText(info, "QID") ?? "";
        const address = childText(host, "IP") ?? childText(host, "DNS") ?? "";
        if (qid === "" || address === "" || /^fixed$/i.test(childText(info, "VULN_STATUS") ?? "")) return [];
        const detail = details.get(qid);
        const cvss = bestCvss(childText(childNamed(detail, "CVSS3_SCORE"), "CVSS3_BASE"), childText(childNamed(detail, "CVSS_SCORE"), "CVSS_BASE"));
        const informational = /^ig$/i.test(childText(info, "TYPE") ?? "");
        const cves = childrenNamed(childNamed(detail, "CVE_ID_LIST"), "CVE_ID").map((cve) => childText(cve, "ID"));
        return [
          {
            scanner: "Qualys",
            pluginId: qid,
            title: plain(childText(detail, "TITLE")) ?? `QID ${qid}`,
            severity: informational ? "Info" : (severityFromQualysLevel(childText(detail, "SEVERITY")) ?? severityFromCvss(cvss) ?? "Info"),
            cvss,
            cves: parseCves(...cves),
            host: address,
            hostname: childText(host, "DNS") ?? childText(host, "NETBIOS"),
            port: childText(info, "PORT"),
            protocol: childText(info, "PROTOCOL")?.toLowerCase(),
            solution: plain(childText(detail, "SOLUTION")),
            description: plain(childText(detail, "THREAT")),
            firstSeen: parseScanDate(childText(info, "FIRST_FOUND")),
            lastSeen: parseScanDate(childText(info, "LAST_FOUND")),
            output: plain(childText(info, "RESULT")),
          },
        ];
      }),
  );
}

export const XML_FORMATS: readonly XmlFormat[] = [
  {
    format: "nessus-xml",
    root: "NessusClientData_v2",
    // The scan policy can be most of a .nessus file and holds no findings.
    start: () =>
      readerOver(
        new XmlRecordReader(
          (node) => node.name === "ReportItem",
          (name) => name === "Policy",
          // A ReportItem's own elements, and the host's properties its findings read.
          (node, ancestors) => node.name === "HostProperties" || within(ancestors, "HostProperties") || within(ancestors, "ReportItem"),
        ),
        nessusItem,
      ),
  },
  {
    format: "openvas-xml",
    root: "report",
    start: () =>
      readerOver(
        new XmlRecordReader(
          (node) => node.name === "result" && childNamed(node, "nvt") !== undefined,
          undefined,
          (_node, ancestors) => within(ancestors, "result"),
        ),
        openvasResult,
      ),
  },
  { format: "qualys-xml", root: "ASSET_DATA_REPORT", start: qualysReader },
  { format: "qualys-scan-xml", root: "SCAN", start: qualysScanXmlReader },
  { format: "nexpose-xml", root: "NexposeReport", start: nexposeXmlReader },
  { format: "qualys-was-xml", root: "WAS_SCAN_REPORT", start: qualysWasXmlReader },
  { format: "qualys-was-xml", root: "WAS_WEBAPP_REPORT", start: qualysWasXmlReader },
  { format: "stig-ckl", root: "CHECKLIST", start: startCkl },
  { format: "xccdf-results", root: "Benchmark", start: startXccdf },
  { format: "xccdf-results", root: "TestResult", start: startXccdf },
  { format: "xccdf-results", root: "asset-report-collection", start: startXccdf },
];

/** The XML format whose document element is `root`, with or without a namespace prefix (XCCDF files write `cdf:Benchmark`). */
export function xmlFormatOf(root: string): XmlFormat | undefined {
  const local = root.replace(/^[^:]*:/, "");
  return XML_FORMATS.find((format) => format.root === root || format.root === local);
}
