/**
 * Adding rows at the end of a table in a workbook package, by editing the
 * few places of the sheet and table parts that must change: the rows
 * themselves, the table's and its filter's reference, the sheet's
 * dimension, and the ranges of the validation rules and conditional formats
 * that covered the table's column down to its last row. Nothing else of the
 * part is rewritten, and no other part is touched: new text goes in as
 * inline strings, so the shared string table stays as it was.
 *
 * The new rows take the styles of the table's last row, cell by cell, so
 * number formats (Text, dates) carry on; calculated columns get the
 * table's own calculatedColumnFormula (ECMA-376 Part 1, 18.5.1.1), or the
 * add-in's formula where the table has lost it (see columnFormulas), which
 * Excel and LibreOffice compute on load.
 */
import { cellAddress, columnIndex, parseRange, rangeAddress, type RangeBox } from "../domain/core/a1";
import { PoamError } from "../domain/core/errors";
import { isFormula, isLink, type Cell } from "../domain/workbook/plan";
import { TABLES } from "../domain/workbook/schema";
import { decodeReferences, escapeXml } from "../formats/xlsx-read/packageParts";
import { attributeMap, attributesOf } from "./packageTables";

/** Characters XML 1.0 cannot hold, written as OOXML's `_xHHHH_` escapes (ECMA-376 Part 1, 22.9.2.19 ST_Xstring). */
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as a cell's `<t>` holds it: an existing "_xHHHH_" is escaped first, so it reads back as written. */
export function cellText(text: string): string {
  const escaped = text.replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_").replace(NOT_XML, (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeXml(escaped);
}

/** One `<c>` element. */
export function cellXml(address: string, style: string | undefined, value: Cell | undefined, formula: string | undefined): string {
  const s = style === undefined ? "" : ` s="${style}"`;
  if (formula !== undefined) return `<c r="${address}"${s}><f>${escapeXml(formula)}</f></c>`;
  if (value === null || value === undefined || value === "") return style === undefined ? "" : `<c r="${address}"${s}/>`;
  if (isFormula(value)) return `<c r="${address}"${s}><f>${escapeXml(value.formula.replace(/^=/, ""))}</f></c>`;
  if (typeof value === "number") return `<c r="${address}"${s}><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${address}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  const text = isLink(value) ? value.text : value;
  return `<c r="${address}"${s} t="inlineStr"><is><t xml:space="preserve">${cellText(text)}</t></is></c>`;
}

interface RowElement {
  /** 1-based row number. */
  readonly number: number;
  readonly start: number;
  readonly end: number;
  readonly attributes: Map<string, string>;
  readonly body: string;
}

/** The `<row>` elements of a sheet's `<sheetData>`, with where each stands in the part's text. */
function rowElements(xml: string, from: number, to: number): RowElement[] {
  const rows: RowElement[] = [];
  const pattern = /<row(\s[^>]*?)?(\/>|>([\s\S]*?)<\/row>)/g;
  pattern.lastIndex = from;
  for (let match = pattern.exec(xml); match && match.index < to; match = pattern.exec(xml)) {
    const attributes = attributeMap(match[1] ?? "");
    rows.push({ number: Number(attributes.get("r")), start: match.index, end: match.index + match[0].length, attributes, body: match[3] ?? "" });
  }
  return rows;
}

/** The cells of a row's body: column index to its attributes and whether it holds anything. */
function cellsOf(body: string): Map<number, { style?: string; filled: boolean }> {
  const cells = new Map<number, { style?: string; filled: boolean }>();
  for (const match of body.matchAll(/<c(\s[^>]*?)(\/>|>([\s\S]*?)<\/c>)/g)) {
    const attributes = attributeMap(match[1]);
    const letters = /^([A-Z]+)\d+$/.exec(attributes.get("r") ?? "")?.[1];
    if (!letters) continue;
    const inner = match[3] ?? "";
    cells.set(columnIndex(letters), { style: attributes.get("s"), filled: /<v>|<is>/.test(inner) && !/<f[\s>]/.test(inner) });
  }
  return cells;
}

/** `sqref` (space-separated ranges) with each range that ended on `lastRow` within `columns` stretched down `added` rows. */
export function stretchRanges(sqref: string, box: RangeBox, added: number): string {
  const lastRow = box.row + box.rowCount - 1;
  return sqref
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => {
      let range: RangeBox;
      try {
        range = parseRange(part);
      } catch {
        return part;
      }
      const inside = range.column >= box.column && range.column + range.columnCount <= box.column + box.columnCount && range.row >= box.row;
      if (!inside || range.row + range.rowCount - 1 !== lastRow) return part;
      return rangeAddress({ ...range, rowCount: range.rowCount + added });
    })
    .join(" ");
}

/** The sheet part with the validation and conditional-format ranges that covered the table's rows stretched over the new ones. */
function stretchRules(xml: string, data: RangeBox, added: number): string {
  return xml
    .replace(/(<(?:dataValidation|conditionalFormatting)\s[^>]*?\bsqref=")([^"]*)(")/g, (_, open: string, sqref: string, close: string) => open + stretchRanges(sqref, data, added) + close)
    .replace(/(<xm:sqref>)([^<]*)(<\/xm:sqref>)/g, (_, open: string, sqref: string, close: string) => open + stretchRanges(sqref, data, added) + close);
}

/**
 * The formula each of a table's columns gives a new row: the table's own
 * calculatedColumnFormula, else, for one of the add-in's tables, the
 * schema's formula for the column, as the add-in writes into the rows it
 * adds. A table saved by LibreOffice Calc keeps its formulas in the cells
 * but loses the calculatedColumnFormula elements, and a new row without
 * them would have no Due Date or State.
 */
function columnFormulas(tableXml: string, name: string): (string | undefined)[] {
  const schema = TABLES.find((table) => table.name.toLowerCase() === name.toLowerCase());
  return [...tableXml.matchAll(/<tableColumn(\s[^>]*?)(?:\/>|>([\s\S]*?)<\/tableColumn>)/g)].map((column) => {
    const calculated = /<calculatedColumnFormula(?:\s[^>]*)?>([\s\S]*?)<\/calculatedColumnFormula>/.exec(column[2] ?? "");
    if (calculated) return decodeReferences(calculated[1]);
    const header = attributeMap(column[1]).get("name") ?? "";
    return schema?.columns.find((candidate) => candidate.header === header)?.formula;
  });
}

export interface TableRows {
  readonly tableXml: string;
  readonly sheetXml: string;
  /** Rows in the table's column order; null leaves a cell empty (a calculated column gets its formula). */
  readonly rows: readonly (readonly Cell[])[];
  /** For messages. */
  readonly tableName: string;
  readonly sheetName: string;
}

/**
 * The table and sheet parts with `rows` added at the end of the table. A
 * table whose only data row is blank (a new table's) has it filled first.
 * Refuses, changing nothing, a table with a totals row and a table with
 * cells below it, which the rows would overwrite.
 */
export function appendTableRows({ tableXml, sheetXml, rows, tableName, sheetName }: TableRows): { tableXml: string; sheetXml: string; firstRow: number } {
  const table = attributesOf(tableXml, "table");
  const ref = table?.get("ref");
  if (!table || !ref) throw new PoamError("invalidInput", `The table ${tableName} has no reference; the workbook is damaged.`);
  if (Number(table.get("totalsRowCount") ?? 0) > 0) {
    throw new PoamError("invalidInput", `The table ${tableName} on sheet ${sheetName} has a totals row; turn it off (Table Design › Total Row), then run again.`);
  }
  const box = parseRange(ref);
  const headerRows = Number(table.get("headerRowCount") ?? 1);
  const data: RangeBox = { row: box.row + headerRows, column: box.column, rowCount: box.rowCount - headerRows, columnCount: box.columnCount };
  const lastRow = box.row + box.rowCount; // 1-based number of the table's last row
  const formulas = columnFormulas(tableXml, table.get("name") ?? tableName);

  const dataStart = sheetXml.search(/<sheetData[\s>/]/);
  if (dataStart < 0) throw new PoamError("invalidInput", `Sheet ${sheetName} has no cell data; the workbook is damaged.`);
  const selfClosing = /^<sheetData[^>]*\/>/.exec(sheetXml.slice(dataStart));
  const dataEnd = selfClosing ? dataStart + selfClosing[0].length : sheetXml.indexOf("</sheetData>", dataStart);
  const existing = rowElements(sheetXml, dataStart, dataEnd);
  const inTable = (column: number) => column >= box.column && column < box.column + box.columnCount;
  const below = existing.find((row) => row.number > lastRow && [...cellsOf(row.body).keys()].some(inTable));
  if (below) {
    throw new PoamError(
      "invalidInput",
      `Sheet ${sheetName} has cells in row ${below.number}, below the table ${tableName}, where its new rows would go. Move them, then run again.`,
    );
  }
  if (existing.some((row) => row.number > lastRow && cellsOf(row.body).size > 0)) {
    throw new PoamError("invalidInput", `Sheet ${sheetName} has cells beside the rows below the table ${tableName}; move them, then run again.`);
  }

  const template = existing.find((row) => row.number === lastRow);
  const templateCells = template ? cellsOf(template.body) : new Map<number, { style?: string; filled: boolean }>();
  const reuseBlank = data.rowCount === 1 && [...templateCells.values()].every((cell) => !cell.filled);
  const firstRow = reuseBlank ? lastRow : lastRow + 1;
  const rowAttributes = [...(template?.attributes ?? new Map<string, string>())].filter(([name]) => name !== "r").map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join("");
  const newRows = rows.map((cells, index) => {
    const number = firstRow + index;
    const body = Array.from({ length: box.columnCount }, (_, c) =>
      cellXml(cellAddress({ row: number - 1, column: box.column + c }), templateCells.get(box.column + c)?.style, cells[c], formulas[c]),
    ).join("");
    return `<row r="${number}"${rowAttributes}>${body}</row>`;
  });

  // The rows go where the table ends: replacing its blank row, or after its last one, before any empty rows below.
  const keptBefore = existing.filter((row) => row.number < firstRow);
  const at = keptBefore.length > 0 ? keptBefore[keptBefore.length - 1].end : selfClosing ? dataStart : sheetXml.indexOf(">", dataStart) + 1;
  const replaced = existing.filter((row) => row.number >= firstRow && row.number < firstRow + rows.length);
  const removeTo = replaced.length > 0 ? replaced[replaced.length - 1].end : at;
  let sheet = selfClosing
    ? `${sheetXml.slice(0, dataStart)}<sheetData>${newRows.join("")}</sheetData>${sheetXml.slice(dataEnd)}`
    : sheetXml.slice(0, at) + newRows.join("") + sheetXml.slice(removeTo);

  const added = firstRow + rows.length - 1 - lastRow;
  if (added > 0) {
    sheet = stretchRules(sheet, data, added);
    sheet = sheet.replace(/(<dimension\s[^>]*?\bref=")([^"]*)(")/, (whole, open: string, dimension: string, close: string) => {
      try {
        const current = parseRange(dimension);
        const bottom = Math.max(current.row + current.rowCount, lastRow + added);
        return open + rangeAddress({ ...current, rowCount: bottom - current.row }) + close;
      } catch {
        return whole;
      }
    });
  }
  const newRef = rangeAddress({ ...box, rowCount: box.rowCount + Math.max(0, added) });
  const tablePatched = tableXml
    .replace(/(<table\s[^>]*?\bref=")([^"]*)(")/, `$1${newRef}$3`)
    .replace(/(<autoFilter\s[^>]*?\bref=")([^"]*)(")/, `$1${newRef}$3`);
  return { tableXml: tablePatched, sheetXml: sheet, firstRow };
}
