/**
 * The fixed vocabularies of a POA&M. The workbook seeds its Settings tables
 * from these; users may extend the Settings lists, but formulas and rules rely
 * on the values named here.
 */

export const PRIORITIES = ["Critical", "High", "Medium", "Low"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Default remediation days by priority (editable in the workbook's `Sla` table). */
export const DEFAULT_SLA_DAYS: Readonly<Record<Priority, number>> = {
  Critical: 15,
  High: 30,
  Medium: 90,
  Low: 180,
};

/** The suggested priority for a CVSS base score: 9.0+ Critical, 7.0+ High, 4.0+ Medium, else Low. */
export function priorityFromCvss(cvss: number): Priority {
  if (!Number.isFinite(cvss) || cvss < 0 || cvss > 10) {
    throw new RangeError(`A CVSS score is between 0 and 10, not ${cvss}`);
  }
  if (cvss >= 9) return "Critical";
  if (cvss >= 7) return "High";
  if (cvss >= 4) return "Medium";
  return "Low";
}

export interface StatusDefinition {
  readonly status: string;
  /** Whether an item in this status counts as closed (no longer due, not overdue). */
  readonly closed: boolean;
  readonly meaning: string;
}

export const STATUSES: readonly StatusDefinition[] = [
  { status: "Open", closed: false, meaning: "Recorded; work has not started." },
  { status: "In Progress", closed: false, meaning: "Remediation under way; needs at least one milestone." },
  { status: "Risk Accepted", closed: false, meaning: "Approver accepted the risk until the due date (the acceptance expiry)." },
  { status: "Deferred", closed: false, meaning: "Postponed with approval; the due date still applies." },
  { status: "Completed", closed: true, meaning: "Remediated and verified; needs completion date, verifier and evidence." },
  { status: "Closed", closed: true, meaning: "Closed after verification; needs completion date, verifier and evidence." },
];

export const ITEM_TYPES = [
  "CMMC POA&M item",
  "Operational plan of action (temporary deficiency)",
  "Enduring exception",
  "Vulnerability (scan finding)",
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const SOURCES = [
  "Self-assessment",
  "Third-party assessment",
  "Vulnerability scan",
  "Penetration test",
  "Audit",
  "Incident",
  "Other",
] as const;

/** Implementation status of a requirement in the `Controls` self-assessment. */
export const CONTROL_STATUSES = ["Met", "Not Met", "Partial", "N/A"] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** The values of the State column, computed by the workbook. */
export const STATES = ["Overdue", "Due Soon", "On Track", "Accepted", "Closed"] as const;
export type State = (typeof STATES)[number];
