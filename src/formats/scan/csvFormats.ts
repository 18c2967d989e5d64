/**
 * The CSV exports POA&M Workbench reads, each recognised by its header row
 * and mapped onto one finding per row. A row the scanner itself reports as
 * fixed is left out; rows of only delimiters are skipped.
 */
import { bestCvss, cleanText, parseCves, parseScanDate, severityFromCvss, severityFromQualysLevel, severityFromWord } from "./scanValues";
import type { ScanFinding, ScanFormat, Scanner, Severity } from "../../domain/scan/scanTypes";
import { QUALYS_PCI_CSV } from "./qualysPciCsv";

/** A row's cells by header name; "" for a header the file does not have. */
export type RowReader = (header: string) => string;

export interface CsvFormat {
  readonly format: ScanFormat;
  readonly scanner: Scanner;
  /** Headers that must all be present for a header row to be this format's. */
  readonly requires: readonly string[];
  /** The finding in a row, or null for a row that is not an open finding. */
  read(cell: RowReader): ScanFinding | null;
}

const isFixed = (status: string) => /^(fixed|closed|remediated)$/i.test(status.trim());
const portOf = (port: string) => {
  const value = cleanText(port);
  return value && value !== "-" ? value : undefined;
};
const protocolOf = (protocol: string) => {
  const value = cleanText(protocol);
  return value && value !== "-" ? value.toLowerCase() : undefined;
};

/**
 * The row's finding, or null without a plugin ID or host. The fields object is
 * the row's own, just made, with every property it will have (a property added
 * later would cost each kept finding a second object): completing its severity
 * in place spares a copy per row of a large file.
 */
function finding(fields: Omit<ScanFinding, "severity"> & { severity: Severity | undefined }): ScanFinding | null {
  if (fields.pluginId === "" || fields.host === "") return null;
  const completed = fields as { -readonly [K in keyof ScanFinding]: ScanFinding[K] };
  completed.severity = fields.severity ?? severityFromCvss(fields.cvss) ?? "Info";
  return completed;
}

export const CSV_FORMATS: readonly CsvFormat[] = [
  {
    format: "tenable-vm-csv",
    scanner: "Tenable",
    requires: ["definition.id", "definition.name", "severity"],
    read: (cell) => {
      if (isFixed(cell("state"))) return null;
      const cvss = bestCvss(cell("definition.cvss3.base_score"), cell("definition.cvss2.base_score"), cell("definition.cvss4.base_score"));
      return finding({
        pluginId: cell("definition.id").trim(),
        title: cell("definition.name").trim(),
        severity: severityFromWord(cell("severity")),
        cvss,
        cves: parseCves(cell("definition.cve")),
        host: cleanText(cell("asset.display_ipv4_address")) ?? cleanText(cell("asset.display_fqdn")) ?? cleanText(cell("asset.host_name")) ?? "",
        hostname: cleanText(cell("asset.display_fqdn")) ?? cleanText(cell("asset.host_name")),
        port: portOf(cell("port")),
        protocol: protocolOf(cell("protocol")),
        solution: cleanText(cell("definition.solution")),
        description: cleanText(cell("definition.synopsis")) ?? cleanText(cell("definition.description")),
        firstSeen: parseScanDate(cell("first_observed")),
        lastSeen: parseScanDate(cell("last_seen")),
        output: cleanText(cell("output")),
        scanner: "Tenable",
      });
    },
  },
  {
    format: "tenable-sc-csv",
    scanner: "Tenable",
    requires: ["Plugin", "Plugin Name", "Severity", "IP Address"],
    read: (cell) =>
      finding({
        pluginId: cell("Plugin").trim(),
        title: cell("Plugin Name").trim(),
        severity: severityFromWord(cell("Severity")),
        cvss: bestCvss(cell("CVSS V3 Base Score"), cell("CVSS V2 Base Score"), cell("CVSS V4 Base Score")),
        cves: parseCves(cell("CVE")),
        host: cleanText(cell("IP Address")) ?? cleanText(cell("DNS Name")) ?? "",
        hostname: cleanText(cell("DNS Name")) ?? cleanText(cell("NetBIOS Name")),
        port: portOf(cell("Port")),
        protocol: protocolOf(cell("Protocol")),
        solution: cleanText(cell("Solution")),
        description: cleanText(cell("Synopsis")) ?? cleanText(cell("Description")),
        firstSeen: parseScanDate(cell("First Discovered")),
        lastSeen: parseScanDate(cell("Last Observed")),
        output: cleanText(cell("Plugin Text")),
        scanner: "Tenable",
      }),
  },
  {
    format: "nessus-csv",
    scanner: "Tenable",
    requires: ["Plugin ID", "Host", "Name"],
    read: (cell) =>
      finding({
        pluginId: cell("Plugin ID").trim(),
        title: cell("Name").trim(),
        severity: severityFromWord(cell("Risk")) ?? severityFromWord(cell("Risk Factor")) ?? severityFromWord(cell("Severity")),
        cvss: bestCvss(cell("CVSS v3.0 Base Score"), cell("CVSS v2.0 Base Score"), cell("CVSS"), cell("CVSS v4.0 Base Score")),
        cves: parseCves(cell("CVE")),
        host: cleanText(cell("Host")) ?? "",
        port: portOf(cell("Port")),
        protocol: protocolOf(cell("Protocol")),
        solution: cleanText(cell("Solution")),
        description: cleanText(cell("Synopsis")) ?? cleanText(cell("Description")),
        output: cleanText(cell("Plugin Output")),
        scanner: "Tenable",
      }),
  },
  {
    format: "openvas-csv",
    scanner: "OpenVAS",
    requires: ["IP", "NVT OID", "Severity"],
    read: (cell) =>
      finding({
        pluginId: cell("NVT OID").trim(),
        title: (cleanText(cell("NVT Name")) ?? cell("NVT OID")).trim(),
        severity: severityFromWord(cell("Severity")) ?? severityFromCvss(bestCvss(cell("CVSS"))),
        cvss: bestCvss(cell("CVSS")),
        cves: parseCves(cell("CVEs"), cell("NVT OID"), cell("NVT Name")),
        host: cleanText(cell("IP")) ?? cleanText(cell("Hostname")) ?? "",
        hostname: cleanText(cell("Hostname")),
        port: portOf(cell("Port")),
        protocol: protocolOf(cell("Port Protocol")),
        solution: cleanText(cell("Solution")),
        description: cleanText(cell("Summary")),
        firstSeen: parseScanDate(cell("Timestamp")),
        lastSeen: parseScanDate(cell("Timestamp")),
        output: cleanText(cell("Specific Result")),
        scanner: "OpenVAS",
      }),
  },
  {
    format: "qualys-vmdr-csv",
    scanner: "Qualys",
    requires: ["QID", "Title", "Severity", "Asset IPV4"],
    read: (cell) => {
      if (isFixed(cell("Status"))) return null;
      const addresses = (cleanText(cell("Asset IPV4")) ?? "").split(/\s*,\s*/).filter(Boolean);
      return finding({
        pluginId: cell("QID").trim(),
        title: cell("Title").trim(),
        severity: severityFromQualysLevel(cell("Severity")),
        cvss: bestCvss(cell("CVSSv3.1 Base (nvd)"), cell("CVSSv2 Base (nvd)")),
        cves: parseCves(cell("CVE")),
        host: addresses[0] ?? cleanText(cell("Asset Name")) ?? "",
        hostname: cleanText(cell("Asset Name")),
        port: portOf(cell("Port")),
        protocol: protocolOf(cell("Protocol")),
        solution: cleanText(cell("Solution")),
        description: cleanText(cell("CVE-Description")) ?? cleanText(cell("Threat")),
        firstSeen: parseScanDate(cell("First Detected")),
        lastSeen: parseScanDate(cell("Last Detected")),
        output: cleanText(cell("Results")),
        scanner: "Qualys",
      });
    },
  },
  {
    format: "qualys-csv",
    scanner: "Qualys",
    requires: ["IP", "QID", "Title", "Severity"],
    read: (cell) => {
      if (isFixed(cell("Vuln Status"))) return null;
      // "Ig" rows are information gathered, not vulnerabilities.
      const informational = /^ig$/i.test(cell("Type").trim());
      return finding({
        pluginId: cell("QID").trim(),
        title: cell("Title").trim(),
        severity: informational ? "Info" : severityFromQualysLevel(cell("Severity")),
        cvss: bestCvss(cell("CVSS3 Base"), cell("CVSS Base")),
        cves: parseCves(cell("CVE ID")),
        host: cleanText(cell("IP")) ?? cleanText(cell("DNS")) ?? "",
        hostname: cleanText(cell("DNS")) ?? cleanText(cell("NetBIOS")),
        port: portOf(cell("Port")),
        protocol: protocolOf(cell("Protocol")),
        solution: cleanText(cell("Solution")),
        description: cleanText(cell("Threat")),
        firstSeen: parseScanDate(cell("First Detected")),
        lastSeen: parseScanDate(cell("Last Detected")),
        output: cleanText(cell("Results")),
        scanner: "Qualys",
      });
    },
  },
  QUALYS_PCI_CSV,
];

/** The format whose required headers a row has, if any. */
export function csvFormatOf(headers: readonly string[]): CsvFormat | undefined {
  const present = new Set(headers.map((header) => header.trim()));
  return CSV_FORMATS.find((format) => format.requires.every((header) => present.has(header)));
}
