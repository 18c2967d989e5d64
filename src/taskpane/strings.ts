/** The task pane's words, in one place. */
import type { SetupSummary } from "../domain/planSetup";

export const STRINGS = {
  appTitle: "POA&M Workbench",
  checking: "Checking this workbook…",
  notInExcel: "Open POA&M Workbench from Excel's Home tab to use it with a workbook.",
  none: {
    title: "This workbook is not a POA&M yet",
    body: "Set up adds the POA&M sheets, tables, validation and formatting. Your own sheets and data stay as they are.",
    action: "Set up POA&M",
  },
  outdated: {
    title: "This POA&M needs an upgrade",
    body: "Upgrading adds what is missing and re-applies validation and formatting. It never changes or removes your data.",
    action: "Upgrade",
  },
  ready: {
    title: "This workbook is a POA&M",
    body: "Every sheet, table and column is in place.",
    action: "Re-apply validation and formatting",
  },
  steps: {
    reading: "Reading the workbook…",
    writing: "Writing sheets, tables and formulas…",
    done: "Done.",
  },
  progressLabel: "Setup progress",
  checkAgain: "Check again",
  unexpected: "Something went wrong. Try again; if it keeps failing, close and reopen the task pane.",
};

const list = (items: readonly string[]) => items.join(", ");
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** What a setup or upgrade will add (before) or added (after), one line each. */
export function describeChanges(summary: SetupSummary): string[] {
  const lines: string[] = [];
  if (summary.createdSheets.length > 0) lines.push(`${plural(summary.createdSheets.length, "sheet")}: ${list(summary.createdSheets)}`);
  if (summary.createdTables.length > 0) lines.push(`${plural(summary.createdTables.length, "table")}: ${list(summary.createdTables)}`);
  for (const { table, columns } of summary.addedColumns) lines.push(`${plural(columns.length, "column")} in ${table}: ${list(columns)}`);
  if (summary.addedSettings.length > 0) lines.push(`${plural(summary.addedSettings.length, "setting")}: ${list(summary.addedSettings)}`);
  if (summary.addedNames.length > 0) lines.push(`${plural(summary.addedNames.length, "workbook name")}`);
  for (const { wanted, used } of summary.renamedForCollision) {
    lines.push(`Your sheet "${wanted}" was left alone; the add-in's is "${used}".`);
  }
  return lines;
}

export function resultTitle(summary: SetupSummary): string {
  if (summary.isNew) return "The POA&M is set up";
  return describeChanges(summary).length > 0 ? "The POA&M is upgraded" : "Validation and formatting re-applied";
}
