/**
 * The words the task pane and `poam` share for what an export did, so both
 * say the same thing the same way (a migration's: fedramp/migrationReport.ts).
 */
import type { CheckIssue } from "../domain/poam/checkPoam";
import type { OscalCounts } from "./oscal/oscal";

/** "1 item", "2 items", "1 party", "3 parties". */
export const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What an OSCAL document holds: "40 items, 40 risks, 20 milestones, 5 assets and 3 parties". */
export function oscalContents(summary: OscalCounts): string {
  return (
    `${counted(summary.items, "item")}, ${counted(summary.risks, "risk")}, ${counted(summary.milestones, "milestone")}, ` +
    `${counted(summary.assets, "asset")} and ${counted(summary.parties, "party", "parties")}`
  );
}

/** How many rule breaks went out with an export: "2 errors and 1 warning". */
export function issueCounts(issues: readonly CheckIssue[]): string {
  const errors = issues.filter((issue) => issue.severity === "error").length;
  return `${counted(errors, "error")} and ${counted(issues.length - errors, "warning")}`;
}

/** One rule break, by item and column: "POAM-2026-0001, Owner: Give an owner." */
export function issueLine(issue: CheckIssue): string {
  return `${[issue.id, issue.column].filter(Boolean).join(", ")}: ${issue.message}`;
}
