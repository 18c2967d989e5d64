/**
 * The cells of a worksheet part, for writing anywhere on the sheet: rows
 * are found in the part's text and only the rows a change touches are
 * written again; every other row keeps its exact text. Cells stand in
 * column order within their row and rows in number order (ECMA-376 Part 1,
 * 18.3.1.73 row, 18.3.1.4 c).
 */
import { cellAddress, columnIndex, parseRange, rangeAddress, type RangeBox } from "../domain/core/a1";
import { PoamError } from "../domain/core/errors";
import type { Cell } from "../domain/workbook/plan";
import { cellXml } from "./appendRows";
import { attributeMap } from "./packageTables";

interface RowText {
  /** The row's opening-tag attributes, as written (r included, and added when the part left it out). */
  attributes: string;
  /** The whole row element as the part has it; written back as it was while the row is unchanged. */
  readonly text: string;
  /** Column index to the cell's whole `<c>` element; parsed from the row's text when first touched. */
  cells?: Map<number, string>;
  body: string;
  changed: boolean;
}

/** The `s` attribute of a `<c>` element. */
export const styleOf = (element: string): string | undefined => attributeMap(/^<c(\s[^>]*?)?\/?>/.exec(element)?.[1] ?? "").get("s");

/** Whether a `<c>` element holds a value or a formula, not only a style. */
export const holdsValue = (element: string): boolean => /<(?:v|is|f)[\s>/]/.test(element);

const holdsFormula = (element: string) => /<f[\s>/]/.test(element);

/** An opening tag's attributes with `r` set to `r` when it has none (r is optional on rows and cells: 18.3.1.73, 18.3.1.4). */
const withR = (attributes: string, r: string) => (/\sr="/.test(attributes) ? attributes : ` r="${r}"${attributes}`);

export class SheetCells {
  private readonly rows = new Map<number, RowText>();
  private readonly source: string;
  private readonly before: string;
  private readonly after: string;
  private readonly open: string;
  private touched: RangeBox | undefined;
  private dropped = false;

  constructor(sheetXml: string) {
    this.source = sheetXml;
    const start = sheetXml.search(/<sheetData[\s>/]/);
    if (start < 0) throw new PoamError("invalidInput", "A sheet of the workbook has no cell data; it is damaged.");
    const selfClosing = /^<sheetData[^>]*\/>/.exec(sheetXml.slice(start));
    const openEnd = sheetXml.indexOf(">", start) + 1;
    const end = selfClosing ? start + selfClosing[0].length : sheetXml.indexOf("</sheetData>", start) + "</sheetData>".length;
    this.before = sheetXml.slice(0, start);
    this.after = sheetXml.slice(end);
    this.open = selfClosing ? selfClosing[0].replace(/\/>$/, ">") : sheetXml.slice(start, openEnd);
    const body = selfClosing ? "" : sheetXml.slice(openEnd, end - "</sheetData>".length);
    let previous = 0;
    for (const match of body.matchAll(/<row(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      // A row without r follows the one before it.
      const number = Number(attributeMap(match[1] ?? "").get("r") ?? previous + 1);
      previous = number;
      this.rows.set(number, { attributes: withR(match[1] ?? "", String(number)), text: match[0], body: match[2] ?? "", changed: false });
    }
  }

  private cellsOf(row: RowText, number: number): Map<number, string> {
    if (!row.cells) {
      row.cells = new Map();
      let previous = -1;
      for (const match of row.body.matchAll(/<c(?=[\s/>])(\s[^>]*?)?(?:\/>|>[\s\S]*?<\/c>)/g)) {
        const letters = /^([A-Z]+)\d+$/.exec(attributeMap(match[1] ?? "").get("r") ?? "")?.[1];
        // A cell without r follows the one before it; it gets its r written, so that it stays put if a cell is added before it.
        const column = letters ? columnIndex(letters) : previous + 1;
        previous = column;
        const element = letters ? match[0] : `<c${withR(match[1] ?? "", cellAddress({ row: number - 1, column }))}${match[0].slice(2 + (match[1] ?? "").length)}`;
        row.cells.set(column, element);
      }
    }
    return row.cells;
  }

  /** Whether any cell was written, changed or removed. */
  get changed(): boolean {
    return [...this.rows.values()].some((row) => row.changed);
  }

  /** Whether a cell that held a formula holds none now: the workbook's calculation chain may name it. */
  get formulasRemoved(): boolean {
    return this.dropped;
  }

  /** The `<c>` element at a zero-based position, if the sheet has one. */
  element(row: number, column: number): string | undefined {
    const found = this.rows.get(row + 1);
    return found ? this.cellsOf(found, row + 1).get(column) : undefined;
  }

  /** Sets the whole `<c>` element at a position; "" removes the cell. */
  private put(row: number, column: number, element: string): void {
    let found = this.rows.get(row + 1);
    if (!found) {
      if (element === "") return;
      found = { attributes: ` r="${row + 1}"`, text: "", body: "", changed: true };
      this.rows.set(row + 1, found);
    }
    const cells = this.cellsOf(found, row + 1);
    const before = cells.get(column) ?? "";
    if (before === element) return;
    if (holdsFormula(before) && !holdsFormula(element)) this.dropped = true;
    if (element === "") cells.delete(column);
    else cells.set(column, element);
    found.changed = true;
    const box = { row, column, rowCount: 1, columnCount: 1 };
    this.touched = this.touched ? union(this.touched, box) : box;
  }

  /** Writes `value` at a position, keeping the cell's style (or giving it `style`). */
  setValue(row: number, column: number, value: Cell, style = this.styleAt(row, column)): void {
    const address = cellAddress({ row, column });
    this.put(row, column, cellXml(address, style, value, undefined) || (style === undefined ? "" : `<c r="${address}" s="${style}"/>`));
  }

  /** Writes a formula (without "=") at a position, keeping the cell's style; its cached value goes, to be calculated on load. */
  setFormula(row: number, column: number, formula: string): void {
    this.put(row, column, cellXml(cellAddress({ row, column }), this.styleAt(row, column), null, formula));
  }

  styleAt(row: number, column: number): string | undefined {
    const element = this.element(row, column);
    return element === undefined ? undefined : styleOf(element);
  }

  /** Gives the cell the style `style`, keeping its value. */
  setStyle(row: number, column: number, style: string): void {
    const element = this.element(row, column);
    const address = cellAddress({ row, column });
    if (element === undefined) {
      this.put(row, column, `<c r="${address}" s="${style}"/>`);
      return;
    }
    const open = /^<c(\s[^>]*?)?(\/?)>/.exec(element) as RegExpExecArray;
    const attributes = (open[1] ?? "").replace(/\ss="[^"]*"/, "");
    this.put(row, column, `<c${attributes} s="${style}"${open[2]}>${element.slice(open[0].length)}`);
  }

  /** Removes the cells of `range`: values, formulas and styles. */
  clear(range: RangeBox): void {
    for (let r = range.row; r < range.row + range.rowCount; r++) {
      const found = this.rows.get(r + 1);
      if (!found) continue;
      const cells = this.cellsOf(found, r + 1);
      for (const column of [...cells.keys()]) {
        if (column >= range.column && column < range.column + range.columnCount) this.put(r, column, "");
      }
    }
  }

  /** Whether any cell of `range` holds a value or a formula. */
  hasValues(range: RangeBox): boolean {
    for (let r = range.row; r < range.row + range.rowCount; r++) {
      const found = this.rows.get(r + 1);
      if (!found) continue;
      for (const [column, element] of this.cellsOf(found, r + 1)) {
        if (column >= range.column && column < range.column + range.columnCount && holdsValue(element)) return true;
      }
    }
    return false;
  }

  /** The sheet part with the changed rows written again and its dimension covering them. */
  toXml(): string {
    if (!this.changed) return this.source;
    const numbers = [...this.rows.keys()].sort((a, b) => a - b);
    const body = numbers
      .map((number) => {
        const row = this.rows.get(number) as RowText;
        if (!row.changed) return row.text;
        const cells = [...this.cellsOf(row, number)].sort(([a], [b]) => a - b).map(([, element]) => element);
        // "spans" is only a hint for readers (18.3.1.73) and may no longer be true.
        const attributes = row.attributes.replace(/\sspans="[^"]*"/, "");
        return cells.length === 0 ? `<row${attributes}/>` : `<row${attributes}>${cells.join("")}</row>`;
      })
      .join("");
    let before = this.before;
    if (this.touched) {
      const touched = this.touched;
      before = before.replace(/(<dimension\s[^>]*?\bref=")([^"]*)(")/, (whole, open: string, ref: string, close: string) => {
        try {
          return open + rangeAddress(union(parseRange(ref), touched)) + close;
        } catch {
          return whole;
        }
      });
    }
    return `${before}${this.open}${body}</sheetData>${this.after}`;
  }
}

function union(a: RangeBox, b: RangeBox): RangeBox {
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return {
    row,
    column,
    rowCount: Math.max(a.row + a.rowCount, b.row + b.rowCount) - row,
    columnCount: Math.max(a.column + a.columnCount, b.column + b.columnCount) - column,
  };
}
