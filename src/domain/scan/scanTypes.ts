/** What a scanner export becomes: findings in one shape, whatever the scanner. */
import type { IsoDate } from "../core/dates";

export type ScanFormat =
  | "nessus-csv"
  | "tenable-sc-csv"
  | "tenable-vm-csv"
  | "nessus-xml"
  | "openvas-csv"
  | "openvas-xml"
  | "qualys-csv"
  | "qualys-vmdr-csv"
  | "qualys-xml"
  | "qualys-scan-xml"
  | "qualys-pci-csv"
  | "qualys-was-xml"
  | "nexpose-xml"
  | "stig-ckl"
  | "stig-cklb"
  | "xccdf-results";

export const FORMAT_NAMES: Readonly<Record<ScanFormat, string>> = {
  "nessus-csv": "Nessus CSV",
  "tenable-sc-csv": "Tenable.sc CSV",
  "tenable-vm-csv": "Tenable Vulnerability Management CSV",
  "nessus-xml": "Nessus XML (.nessus)",
  "openvas-csv": "OpenVAS / Greenbone CSV",
  "openvas-xml": "OpenVAS / Greenbone XML report",
  "qualys-csv": "Qualys CSV",
  "qualys-vmdr-csv": "Qualys VMDR CSV",
  "qualys-xml": "Qualys XML report",
  "qualys-scan-xml": "Qualys scan report XML",
  "qualys-pci-csv": "Qualys PCI / HackerGuardian CSV",
  "qualys-was-xml": "Qualys Web Application Scanning XML",
  "nexpose-xml": "Rapid7 Nexpose / InsightVM XML",
  "stig-ckl": "STIG Viewer checklist (.ckl)",
  "stig-cklb": "STIG Viewer 3 checklist (.cklb)",
  "xccdf-results": "XCCDF results",
};

/**
 * Whose identifiers a finding uses. Nessus, Tenable.sc and Tenable VM share
 * Tenable's plugin IDs, so a finding is the same item whichever of them
 * reported it. A STIG rule is "STIG" with its Vuln ID whether a checklist or
 * SCAP results reported it; other XCCDF rules are "XCCDF" with the rule's ID.
 */
export type Scanner = "Tenable" | "OpenVAS" | "Qualys" | "Rapid7" | "STIG" | "XCCDF";

export const SEVERITIES = ["Critical", "High", "Medium", "Low", "Info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface ScanFinding {
  readonly scanner: Scanner;
  /** Plugin ID, NVT OID or QID. */
  readonly pluginId: string;
  readonly title: string;
  readonly severity: Severity;
  /** The best CVSS base score available: v3, else v2, else v4. */
  readonly cvss?: number;
  readonly cves: readonly string[];
  /** IP address, or name when the scanner gives no address. */
  readonly host: string;
  readonly hostname?: string;
  readonly port?: string;
  readonly protocol?: string;
  readonly solution?: string;
  readonly description?: string;
  readonly firstSeen?: IsoDate;
  readonly lastSeen?: IsoDate;
  readonly output?: string;
  /** Further identifiers for Source Ref, after the ID (a STIG rule's benchmark, version, Rule ID, STIG ID and CCIs). */
  readonly reference?: string;
}

/** Where a finding came from in the file, for messages. */
export interface ScanProblem {
  readonly record: number;
  readonly message: string;
}

/**
 * A rule's result, in a checklist's words. Only open rules become findings;
 * the rest are counted so the preview can say "438 rules not reviewed".
 */
export const CHECK_RESULTS = ["open", "notAFinding", "notApplicable", "notReviewed", "error"] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];
export type CheckCounts = Readonly<Record<CheckResult, number>>;

export const CHECK_RESULT_NAMES: Readonly<Record<CheckResult, string>> = {
  open: "open",
  notAFinding: "not a finding",
  notApplicable: "not applicable",
  notReviewed: "not reviewed",
  error: "error",
};

/** A rule a checklist marks not a finding on a host, so a tracked item for it may be ready to close. */
export interface PassedRule {
  readonly scanner: "STIG" | "XCCDF";
  readonly pluginId: string;
  readonly host: string;
}

/** What a checklist or results file says beyond its open rules. */
export interface ChecklistResults {
  /** Every rule read, by result (before any merging). */
  readonly results: CheckCounts;
  /** The STIGs or benchmarks checked, as "RHEL_9_STIG V1R3". */
  readonly benchmarks: readonly string[];
  /** The rules marked not a finding (pass), once per rule and host. */
  readonly passed: readonly PassedRule[];
}

export const noChecks = (): Record<CheckResult, number> => ({ open: 0, notAFinding: 0, notApplicable: 0, notReviewed: 0, error: 0 });

/** A scanner export, read. */
export interface ParsedScan {
  readonly format: ScanFormat;
  /** Distinct findings (scanner, ID, host, port and protocol), every severity. */
  readonly findings: readonly ScanFinding[];
  /** Records or elements read that held a finding, before merging. */
  readonly findingRecords: number;
  /** Rows with nothing in them (some exports pad with rows of commas). */
  readonly blankRows: number;
  /** Rows the scanner marks as fixed, or without an ID or host. */
  readonly skippedRows: number;
  /** For STIG checklists and XCCDF results: every rule by result (open, not a finding, not reviewed…). */
  readonly checklist?: ChecklistResults;
}
