/**
 * What a migration mapped, guessed, kept in Comments and did not carry over,
 * in the words the task pane and `poam` share.
 */
import type { FedrampImport, ImportWarning } from "../../domain/poam/migration";
import { counted } from "../reports";
import { FEDRAMP_FIELDS } from "./fedrampImport";

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
