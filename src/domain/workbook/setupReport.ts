/**
 * What a setup or upgrade adds, in the words the task pane and "poam setup"
 * both use.
 */
import type { SetupChanges } from "./planSetup";

const list = (items: readonly string[]) => items.join(", ");
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** What a setup or upgrade will add (before) or added (after), one line each. */
export function describeChanges(changes: SetupChanges): string[] {
  const lines: string[] = [];
  if (changes.createdSheets.length > 0) lines.push(`${plural(changes.createdSheets.length, "sheet")}: ${list(changes.createdSheets)}`);
  if (changes.createdTables.length > 0) lines.push(`${plural(changes.createdTables.length, "table")}: ${list(changes.createdTables)}`);
  for (const { table, columns } of changes.addedColumns) lines.push(`${plural(columns.length, "column")} in ${table}: ${list(columns)}`);
  if (changes.addedSettings.length > 0) lines.push(`${plural(changes.addedSettings.length, "setting")}: ${list(changes.addedSettings)}`);
  if (changes.addedNames.length > 0) lines.push(`${plural(changes.addedNames.length, "workbook name")}`);
  if (changes.updatedFormulas && changes.updatedFormulas.length > 0) {
    lines.push(`The current SPRS and close-out rules in the formulas of ${changes.updatedFormulas.join(", ")}`);
  }
  for (const { wanted, used } of changes.renamedForCollision) {
    lines.push(`Your sheet "${wanted}" was left alone; the add-in's is "${used}".`);
  }
  return lines;
}

export function resultTitle(changes: SetupChanges): string {
  if (changes.isNew) return "The POA&M is set up";
  return describeChanges(changes).length > 0 ? "The POA&M is upgraded" : "Validation and formatting re-applied";
}
