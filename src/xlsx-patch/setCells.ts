/**
 * Changing cells of a table's existing data row in a sheet part: each cell
 * named is replaced in place (keeping its style), or put in column order
 * when the row has none there; every other cell and row is left as written.
 */
import { cellAddress, columnIndex, parseRange } from "../domain/core/a1";
import { PoamError } from "../domain/core/errors";
import type { Cell } from "../domain/workbook/plan";
import { cellXml } from "./appendRows";
import { attributeMap, attributesOf } from "./packageTables";

export interface RowEdit {
  /** Zero-based data row of the table. */
  readonly row: number;
  /** New values by the table's column index. */
  readonly cells: ReadonlyMap<number, Cell>;
}

/** The sheet part with `edit` made to the table whose part is `tableXml`. */
export function setRowCells(tableXml: string, sheetXml: string, edit: RowEdit, tableName: string): string {
  const table = attributesOf(tableXml, "table");
  const box = parseRange(table?.get("ref") ?? "");
  const number = box.row + Number(table?.get("headerRowCount") ?? 1) + edit.row + 1;
  if (number > box.row + box.rowCount) throw new PoamError("itemMoved", `Row ${edit.row + 1} of the table ${tableName} is no longer there.`);
  const rowPattern = new RegExp(`<row(\\s[^>]*?\\br="${number}"[^>]*?)(/>|>([\\s\\S]*?)</row>)`);
  const found = rowPattern.exec(sheetXml);
  let body = found?.[3] ?? "";
  for (const [offset, value] of edit.cells) {
    const column = box.column + offset;
    const address = cellAddress({ row: number - 1, column });
    const existing = new RegExp(`<c(\\s[^>]*?\\br="${address}"[^>]*?)(/>|>[\\s\\S]*?</c>)`).exec(body);
    const style = existing ? attributeMap(existing[1]).get("s") : undefined;
    const replacement = cellXml(address, style, value, undefined) || `<c r="${address}"${style === undefined ? "" : ` s="${style}"`}/>`;
    if (existing) {
      body = body.slice(0, existing.index) + replacement + body.slice(existing.index + existing[0].length);
      continue;
    }
    // Cells stand in column order: the new one goes before the first cell to its right.
    const after = [...body.matchAll(/<c\s[^>]*?\br="([A-Z]+)\d+"/g)].find((match) => columnIndex(match[1]) > column);
    body = after ? body.slice(0, after.index) + replacement + body.slice(after.index) : body + replacement;
  }
  if (found) return sheetXml.slice(0, found.index) + `<row${found[1]}>${body}</row>` + sheetXml.slice(found.index + found[0].length);
  // No row element yet: it goes before the first row below it.
  const next = [...sheetXml.matchAll(/<row\s[^>]*?\br="(\d+)"/g)].find((match) => Number(match[1]) > number);
  const element = `<row r="${number}">${body}</row>`;
  if (next?.index !== undefined) return sheetXml.slice(0, next.index) + element + sheetXml.slice(next.index);
  return sheetXml.replace("</sheetData>", `${element}</sheetData>`).replace("<sheetData/>", `<sheetData>${element}</sheetData>`);
}
