/**
 * What the setup planner needs to know about a workbook file, read from its
 * package as `src/excel/readSnapshot.ts` reads it from an open workbook:
 * sheets in tab order with the cells they use, the add-in's tables with
 * their headers (and Settings' keys), every defined name, the other tables'
 * names, and the custom-formula conditional formats on the add-in's sheets,
 * with ids that `deleteConditionalFormats` understands on the same part.
 */
import { columnIndex, parseRange, type RangeBox } from "../domain/core/a1";
import { TABLES } from "../domain/workbook/schema";
import { sheetOfReference, type ConditionalFormatInfo, type SheetInfo, type TableInfo, type WorkbookSnapshot } from "../domain/workbook/snapshot";
import type { StoredSheet, StoredWorkbook } from "../formats/xlsx-read/readXlsx";
import { conditionalFormatsOf } from "./sheetRules";
import type { WorkbookPackage } from "./workbookPackage";

/** The cells holding a value or a formula, as Excel's `getUsedRange(true)` gives them; null when there are none. */
export function usedRange(sheet: StoredSheet): RangeBox | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const [address, cell] of sheet.cells) {
    if (cell.value === "" && cell.formula === undefined) continue;
    const match = /^([A-Z]+)(\d+)$/.exec(address);
    if (!match) continue;
    const row = Number(match[2]) - 1;
    const column = columnIndex(match[1]);
    top = Math.min(top, row);
    bottom = Math.max(bottom, row);
    left = Math.min(left, column);
    right = Math.max(right, column);
  }
  return bottom < 0 ? null : { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
}

export async function snapshotOfPackage(pkg: WorkbookPackage, stored: StoredWorkbook): Promise<WorkbookSnapshot> {
  const ours = new Map(TABLES.map((schema) => [schema.name.toLowerCase(), schema]));
  const sheets: SheetInfo[] = stored.sheets.map((sheet) => ({ name: sheet.name, usedRange: usedRange(sheet) }));
  const tables: TableInfo[] = [];
  const otherTables: string[] = [];
  for (const sheet of stored.sheets) {
    for (const table of sheet.tables) {
      const schema = ours.get(table.name.toLowerCase());
      if (!schema) {
        otherTables.push(table.name);
        continue;
      }
      const range = parseRange(table.ref);
      const key = (row: number) => {
        const cell = sheet.cells.get(`${/^[A-Z]+/.exec(table.ref)?.[0] ?? "A"}${range.row + row + 1}`);
        return cell === undefined ? "" : String(cell.value);
      };
      tables.push({
        name: table.name,
        sheet: sheet.name,
        range,
        headers: table.columns.map((column) => column.name),
        ...(schema.keyed && { keys: Array.from({ length: range.rowCount - 1 }, (_, i) => key(i + 1)) }),
      });
    }
  }
  const hostSheets = new Set(tables.map((table) => table.sheet));
  const conditionalFormats: ConditionalFormatInfo[] = [];
  for (const entry of await pkg.sheets()) {
    if (!hostSheets.has(entry.name)) continue;
    for (const format of conditionalFormatsOf(await pkg.read(entry.path))) conditionalFormats.push({ sheet: entry.name, id: format.id, formula: format.formula });
  }
  const names = [...stored.definedNames].map(([name, formula]) => ({ name, sheet: sheetOfReference(formula) }));
  return { sheets, tables, names, conditionalFormats, otherTables };
}
