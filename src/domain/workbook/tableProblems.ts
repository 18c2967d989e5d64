/**
 * What makes a POA&M's tables unreadable, found before reading them: a
 * column the reading depends on that is missing (renamed, most likely), or a
 * setting or history date outside Excel's dates. Reading on would lose items
 * silently or work out figures from nothing, so the caller stops and shows
 * these. (An item's own dates out of range are rule breaks instead: the
 * checks name the item and column.)
 */
import { cellAddress, quoteSheet } from "../core/a1";
import { isDateSerial } from "../core/dates";
import type { TableValues } from "../poam/poamData";
import { cellText } from "../poam/records";
import { HISTORY_COLUMNS, POAM_TABLE } from "./schema";
import { SETTING, SETTINGS } from "./settingsKeys";

/**
 * The columns each table is read by. Without them its rows cannot be told
 * apart (an item without POA&M ID and Weakness is skipped as a blank row) or
 * their rules and figures would be worked out from nothing.
 */
export const REQUIRED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  [POAM_TABLE]: ["POA&M ID", "Item Type", "Requirement", "Weakness", "Discovered", "Priority", "Status"],
  Milestones: ["POA&M ID", "Milestone", "Due Date"],
  Controls: ["Requirement", "Status"],
  Settings: ["Setting", "Value"],
  Sla: ["Priority", "Days"],
  Statuses: ["Status", "Closed"],
  People: ["Name"],
  History: [HISTORY_COLUMNS[0].header],
};

const list = (names: readonly string[]) => {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
};

const DATE_SETTINGS = new Set(SETTINGS.filter((setting) => setting.kind === "date").map((setting) => SETTING[setting.key].toLowerCase()));

/** The sheet cell of a table's data row `row`, column `column` (both zero-based within the table). */
const cellOf = (table: TableValues, row: number, column: number) =>
  `${quoteSheet(table.sheet)}!${cellAddress({ row: table.headerRow + 1 + row, column: table.column + column })}`;

const notADate = (where: string, what: string, value: number) =>
  `${where} (${what}) holds ${String(value)}, which is not a date: Excel's dates run from 1900-01-01 to 9999-12-31.`;

/** A message for each problem that stops `tables` being read; none when they can be. */
export function tableProblems(tables: readonly TableValues[]): string[] {
  const problems: string[] = [];
  for (const table of tables) {
    const required = Object.entries(REQUIRED_COLUMNS).find(([name]) => name.toLowerCase() === table.name.toLowerCase())?.[1];
    if (!required) continue;
    const missing = required.filter((header) => !table.headers.includes(header));
    if (missing.length > 0) {
      problems.push(
        `The ${table.name} table (sheet ${table.sheet}) has no ${list(missing)} ${missing.length === 1 ? "column" : "columns"}, so it cannot be read; ` +
          `${missing.length === 1 ? "it may have been renamed: give it back its name" : "they may have been renamed: give them back their names"}.`,
      );
      continue;
    }
    if (table.name.toLowerCase() === "settings") {
      const setting = table.headers.indexOf("Setting");
      const value = table.headers.indexOf("Value");
      table.rows.forEach((row, r) => {
        const label = cellText(row[setting]).trim();
        const cell = row[value];
        if (DATE_SETTINGS.has(label.toLowerCase()) && typeof cell === "number" && !isDateSerial(cell)) problems.push(notADate(cellOf(table, r, value), label, cell));
      });
    }
    if (table.name.toLowerCase() === "history") {
      const date = table.headers.indexOf(HISTORY_COLUMNS[0].header);
      table.rows.forEach((row, r) => {
        const cell = row[date];
        if (typeof cell === "number" && !isDateSerial(cell)) problems.push(notADate(cellOf(table, r, date), HISTORY_COLUMNS[0].header, cell));
      });
    }
  }
  return problems;
}
