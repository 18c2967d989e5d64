/**
 * The words the task pane and `poam` share for what an export or a migration
 * did, so both say the same thing the same way.
 */
import type { CheckIssue } from "../domain/poam/checkPoam";
import type { FedrampImport, ImportWarning } from "../domain/poam/migration";
import { FEDRAMP_FIELDS } from "./fedramp/fedrampImport";
import type { OscalSummary } from "./oscal/oscal";

/** "1 item", "2 items", "1 party", "3 parties". */
export const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What an OSCAL document holds: "40 items, 40 risks, 20 milestones, 5 assets and 3 parties". */
export function oscalContents(summary: OscalSummary): string {
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

/** Notes with the same message once, with the rows they are on (the first five, and how many more). */
function byMessage(notes: readonly ImportWarning[]): string[] {
  const rows = new Map<string, string[]>();
  for (const note of notes) rows.set(note.message, [...(rows.get(note.message) ?? []), ...(note.row === undefined ? [] : [`${note.sheet} row ${note.row}`])]);
  return [...rows].map(([message, where]) => `${message}${where.length === 0 ? "" : ` (${where.slice(0, 5).join(", ")}${where.length > 5 ? ` and ${where.length - 5} more` : ""})`}`);
}

/** The template's columns a migration carried into the POA&M's own: "Mapped: Weakness Name → weakness". */
export function migrationMapped(read: FedrampImport): string[] {
  const notMapped = new Set(read.unmapped.map((column) => column.column));
  return Object.entries(FEDRAMP_FIELDS)
    .filter(([column, source]) => "field" in source && !notMapped.has(column))
    .map(([column, source]) => `Mapped: ${column} → ${(source as { field: string }).field}`);
}

/** What a migration guessed, kept in Comments, did not carry over or noted, a line each. */
export function migrationNotes(read: FedrampImport): string[] {
  return [
    ...byMessage(read.guesses).map((line) => `Guessed: ${line}`),
    ...read.keptInComments.map((kept) => `Kept in Comments: ${kept.column} (${counted(kept.items, "item")})`),
    ...read.unmapped.map((column) => `Column not mapped: ${column.column} (${column.reason})`),
    ...read.skipped.map((row) => `Row skipped: ${row.sheet} row ${row.row} (${row.reason})`),
    ...read.warnings.map((warning) => `Note: ${warning.sheet ? `${warning.sheet}${warning.row ? ` row ${warning.row}` : ""}: ` : ""}${warning.message}`),
  ];
}
