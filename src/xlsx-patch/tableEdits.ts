/**
 * Table parts created or grown at the package level (ECMA-376 Part 1, 18.5
 * Tables): a new table part joined to its sheet, columns added after a
 * table's last one, a calculated column's formula. The header cells hold
 * the column names exactly, as Excel requires of a table.
 */
import { parseRange, rangeAddress, type RangeBox } from "../domain/core/a1";
import { PoamError } from "../domain/core/errors";
import type { Cell } from "../domain/workbook/plan";
import { escapeXml } from "../formats/xlsx-read/packageParts";
import { attributeMap, attributesOf } from "./packageTables";
import type { SheetCells } from "./sheetCells";
import { findChild, insertChild } from "./worksheetElements";
import type { WorkbookPackage } from "./workbookPackage";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

/** Table ids are unique across the workbook (18.5.1.2, id). */
async function nextTableId(pkg: WorkbookPackage): Promise<number> {
  let highest = 0;
  for (const path of Object.keys(pkg.zip.files).filter((file) => /^xl\/tables\/[^/]+\.xml$/.test(file))) {
    highest = Math.max(highest, Number(attributesOf(await pkg.read(path), "table")?.get("id") ?? 0));
  }
  return highest + 1;
}

/** The sheet part with `xmlns:r` declared on its root, which a `tablePart`'s `r:id` needs. */
function withRelationshipsNamespace(sheetXml: string): string {
  const root = /<worksheet\b[^>]*>/.exec(sheetXml);
  if (!root) throw new PoamError("invalidInput", "A sheet part of the workbook has no worksheet element; it is damaged.");
  if (/\sxmlns:r="/.test(root[0])) return sheetXml;
  return sheetXml.replace(root[0], root[0].replace(/^<worksheet\b/, `<worksheet xmlns:r="${RELATIONSHIPS_NS}"`));
}

/** The sheet part with a `tablePart` for `rId` added to its `tableParts` (18.3.1.95). */
export function withTablePart(sheetXml: string, rId: string): string {
  const sheet = withRelationshipsNamespace(sheetXml);
  const part = `<tablePart r:id="${rId}"/>`;
  const existing = findChild(sheet, "tableParts");
  if (!existing) return insertChild(sheet, "tableParts", `<tableParts count="1">${part}</tableParts>`);
  const element = sheet.slice(existing.start, existing.end);
  const count = (element.match(/<tablePart\b/g) ?? []).length + 1;
  const grown = element.endsWith("/>")
    ? `<tableParts count="1">${part}</tableParts>`
    : element.replace(/\scount="\d+"/, ` count="${count}"`).replace("</tableParts>", `${part}</tableParts>`);
  return sheet.slice(0, existing.start) + grown + sheet.slice(existing.end);
}

export interface NewTable {
  readonly sheetPath: string;
  readonly name: string;
  readonly at: { readonly row: number; readonly column: number };
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly style: string;
}

/**
 * Creates a table at `at` with its header row and rows written into
 * `cells` (the sheet's cells, which the caller writes back). A table with
 * no rows gets one blank row, as Excel's own new tables have. Returns the
 * table part's relationship id, for the sheet's `tableParts` (see
 * withTablePart), and the table's data range.
 */
export async function createTable(pkg: WorkbookPackage, cells: SheetCells, table: NewTable): Promise<{ rId: string; data: RangeBox }> {
  const rowCount = Math.max(1, table.rows.length);
  const box: RangeBox = { row: table.at.row, column: table.at.column, rowCount: rowCount + 1, columnCount: table.headers.length };
  if (cells.hasValues(box)) {
    throw new PoamError("invalidInput", `Cells where the new table ${table.name} would go (${rangeAddress(box)}) are not empty; the workbook was not changed.`);
  }
  table.headers.forEach((header, c) => cells.setValue(box.row, box.column + c, header));
  table.rows.forEach((row, r) => row.forEach((value, c) => cells.setValue(box.row + 1 + r, box.column + c, value)));

  const id = await nextTableId(pkg);
  const ref = rangeAddress(box);
  const path = pkg.newPartPath("xl/tables/table");
  const columns = table.headers.map((header, c) => `<tableColumn id="${c + 1}" name="${escapeXml(header)}"/>`).join("");
  pkg.write(
    path,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<table xmlns="${MAIN_NS}" id="${id}" name="${escapeXml(table.name)}" displayName="${escapeXml(table.name)}" ref="${ref}" totalsRowShown="0">` +
      `<autoFilter ref="${ref}"/><tableColumns count="${table.headers.length}">${columns}</tableColumns>` +
      `<tableStyleInfo name="${escapeXml(table.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
  );
  await pkg.addContentType(path, TABLE_TYPE);
  const rId = await pkg.addRelationship(table.sheetPath, "table", path);
  return { rId, data: { ...box, row: box.row + 1, rowCount } };
}

/** The table part's `ref` and its filter's, grown to `box`. */
function withReference(tableXml: string, box: RangeBox): string {
  const ref = rangeAddress(box);
  return tableXml.replace(/(<table\s[^>]*?\bref=")([^"]*)(")/, `$1${ref}$3`).replace(/(<autoFilter\s[^>]*?\bref=")([^"]*)(")/, `$1${ref}$3`);
}

/** The table's range, header row included, from its part. */
export function tableRange(tableXml: string): RangeBox {
  return parseRange(attributesOf(tableXml, "table")?.get("ref") ?? "");
}

/**
 * Adds columns after the table's last one: their header cells written, the
 * table part's columns and reference grown. Refuses when any of the new
 * columns' cells beside the table hold something.
 */
export function appendColumns(tableXml: string, cells: SheetCells, headers: readonly string[], tableName: string): { tableXml: string; added: RangeBox } {
  const box = tableRange(tableXml);
  const added: RangeBox = { row: box.row, column: box.column + box.columnCount, rowCount: box.rowCount, columnCount: headers.length };
  if (cells.hasValues(added)) {
    throw new PoamError(
      "invalidInput",
      `Cells to the right of the table ${tableName} (${rangeAddress(added)}) are not empty, where its new columns go. Move them, then run again.`,
    );
  }
  headers.forEach((header, c) => cells.setValue(box.row, added.column + c, header));
  const ids = [...tableXml.matchAll(/<tableColumn\s([^>]*?)\/?>/g)].map((match) => Number(attributeMap(match[1]).get("id") ?? 0));
  let next = Math.max(0, ...ids) + 1;
  const columns = headers.map((header) => `<tableColumn id="${next++}" name="${escapeXml(header)}"/>`).join("");
  const count = ids.length + headers.length;
  const grown = tableXml.replace(/<tableColumns\b([^>]*)>([\s\S]*?)<\/tableColumns>/, (_, attributes: string, inner: string) => {
    return `<tableColumns${attributes.replace(/\scount="\d+"/, ` count="${count}"`)}>${inner}${columns}</tableColumns>`;
  });
  return { tableXml: withReference(grown, { ...box, columnCount: box.columnCount + headers.length }), added };
}

/**
 * The table part with `formula` (without "=") as `column`'s calculated
 * column formula (18.5.1.1), which Excel fills into rows a user adds; the
 * caller writes it into the existing cells.
 */
export function setCalculatedColumn(tableXml: string, column: string, formula: string, tableName: string): string {
  let found = false;
  const patched = tableXml.replace(/<tableColumn\s([^>]*?)(\/>|>([\s\S]*?)<\/tableColumn>)/g, (whole, attributes: string, _close: string, inner?: string) => {
    if (attributeMap(attributes).get("name") !== column) return whole;
    found = true;
    const rest = (inner ?? "").replace(/<calculatedColumnFormula\b[^>]*?(\/>|>[\s\S]*?<\/calculatedColumnFormula>)/, "");
    return `<tableColumn ${attributes}><calculatedColumnFormula>${escapeXml(formula.replace(/^=/, ""))}</calculatedColumnFormula>${rest}</tableColumn>`;
  });
  if (!found) throw new PoamError("invalidInput", `The table ${tableName} has no column ${column}.`);
  return patched;
}
