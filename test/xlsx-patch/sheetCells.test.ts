/**
 * The cells of a worksheet part, written anywhere on the sheet: only the rows
 * a change touches are written again, new rows and cells go where the schema
 * orders them, the dimension covers what was written, and everything outside
 * `<sheetData>` keeps its bytes.
 */
import { holdsValue, SheetCells, styleOf } from "../../src/xlsx-patch/sheetCells";
import type { RangeBox } from "../../src/domain/core/a1";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const BEFORE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetPr><tabColor rgb="FF00FF00"/></sheetPr><dimension ref="A1:C3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>`;
const AFTER = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
const sheet = (rows: string) => `${BEFORE}<sheetData>${rows}</sheetData>${AFTER}`;

const ROW_1 = '<row r="1" spans="1:3" ht="24" customHeight="1" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';
const ROW_2 = '<row r="2" spans="1:3"><c r="A2"><v>42</v></c><c r="B2" s="3"/><c r="C2" t="str"><f>A2*2</f><v>84</v></c></row>';
const ROW_3 = '<row r="3" spans="1:3" ht="30" customHeight="1"><c r="A3" s="2" t="s"><v>2</v></c><c r="C3" s="1" t="inlineStr"><is><t>three</t></is></c></row>';
const ROWS = ROW_1 + ROW_2 + ROW_3;

const box = (row: number, column: number, rowCount = 1, columnCount = 1): RangeBox => ({ row, column, rowCount, columnCount });
/** The `<row>` element numbered `n`, whole. */
const rowText = (xml: string, n: number) => new RegExp(`<row r="${n}"[^>]*?(?:/>|>[\\s\\S]*?</row>)`).exec(xml)?.[0];
const rowNumbers = (xml: string) => [...xml.matchAll(/<row r="(\d+)"/g)].map((match) => Number(match[1]));
const cellRefs = (row: string | undefined) => [...(row ?? "").matchAll(/<c r="([A-Z]+\d+)"/g)].map((match) => match[1]);
const dimension = (xml: string) => /<dimension ref="([^"]*)"\/>/.exec(xml)?.[1];

describe("SheetCells", () => {
  it("gives back the part unchanged when nothing was written", () => {
    const xml = sheet(ROWS);
    const cells = new SheetCells(xml);
    expect(cells.element(1, 0)).toBe('<c r="A2"><v>42</v></c>');
    expect(cells.hasValues(box(0, 0, 3, 3))).toBe(true);
    expect(cells.toXml()).toBe(xml);
  });

  it("writes again only the row it changes: the others keep their text, attributes and all", () => {
    const cells = new SheetCells(sheet(ROWS));
    cells.setValue(1, 1, "new");
    const xml = cells.toXml();
    expect(rowText(xml, 1)).toBe(ROW_1);
    expect(rowText(xml, 3)).toBe(ROW_3);
    // The changed row keeps its own cells as written, drops spans (only a hint that may no longer hold) and keeps B2's style.
    expect(rowText(xml, 2)).toBe('<row r="2"><c r="A2"><v>42</v></c><c r="B2" s="3" t="inlineStr"><is><t xml:space="preserve">new</t></is></c><c r="C2" t="str"><f>A2*2</f><v>84</v></c></row>');
    expect(xml.startsWith(BEFORE)).toBe(true);
    expect(xml.endsWith(`</sheetData>${AFTER}`)).toBe(true);
  });

  it("keeps the text of rows it only looked at, empty and self-closing ones too", () => {
    const empty = '<row r="4" ht="12" customHeight="1"/>';
    const open = '<row r="5" spans="1:3"></row>';
    const xml = sheet(ROWS + empty + open);
    const cells = new SheetCells(xml);
    // Looking at rows 4 and 5 (as a new table's check for values does) changes neither.
    expect(cells.hasValues(box(3, 0, 2, 3))).toBe(false);
    expect(cells.element(4, 0)).toBeUndefined();
    expect(cells.toXml()).toBe(xml);
    cells.setValue(0, 2, 1);
    const changed = cells.toXml();
    expect(rowText(changed, 4)).toBe(empty);
    expect(changed).toContain(open);
  });

  it("leaves shared-string cells elsewhere in the row exactly as written", () => {
    const cells = new SheetCells(sheet(ROWS));
    cells.setValue(0, 2, "C1 text");
    const row = rowText(cells.toXml(), 1);
    expect(row).toContain('<c r="A1" s="1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>');
    expect(row).toContain('<c r="C1" t="inlineStr"><is><t xml:space="preserve">C1 text</t></is></c>');
    // The row's own attributes other than spans stay.
    expect(row).toMatch(/^<row r="1" ht="24" customHeight="1" x14ac:dyDescent="0.25">/);
  });

  it("puts a new row in number order", () => {
    const cells = new SheetCells(sheet(ROW_1 + ROW_3));
    cells.setValue(1, 0, "between");
    cells.setValue(9, 0, "last");
    const xml = cells.toXml();
    expect(rowNumbers(xml)).toEqual([1, 2, 3, 10]);
    expect(rowText(xml, 2)).toBe('<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">between</t></is></c></row>');
  });

  it("puts new cells in column order, AA after Z", () => {
    const cells = new SheetCells(sheet('<row r="1"><c r="B1"><v>1</v></c><c r="AA1"><v>2</v></c></row>'));
    cells.setValue(0, 25, 3); // Z1
    cells.setValue(0, 0, 4); // A1
    cells.setValue(0, 27, 5); // AB1
    cells.setValue(0, 2, 6); // C1
    expect(cellRefs(rowText(cells.toXml(), 1))).toEqual(["A1", "B1", "C1", "Z1", "AA1", "AB1"]);
  });

  it("grows the dimension to cover new cells, and leaves it alone when nothing is written", () => {
    const cells = new SheetCells(sheet(ROWS));
    cells.setValue(6, 4, 1); // E7
    expect(dimension(cells.toXml())).toBe("A1:E7");
    const wider = new SheetCells(sheet(ROWS).replace('<dimension ref="A1:C3"/>', '<dimension ref="B2:C3"/>'));
    wider.setFormula(0, 0, "1+1"); // A1
    expect(dimension(wider.toXml())).toBe("A1:C3");
    const untouched = new SheetCells(sheet(ROWS).replace('<dimension ref="A1:C3"/>', '<dimension ref="A1:Z99"/>'));
    untouched.setValue(1, 1, "x");
    expect(dimension(untouched.toXml())).toBe("A1:Z99");
  });

  it("writes strings as text, even those that look like formulas, and numbers, booleans and formulas as such", () => {
    const cells = new SheetCells(sheet(ROWS));
    cells.setValue(4, 0, "=1+1");
    cells.setValue(4, 1, "@SUM(A1)");
    cells.setValue(4, 2, 2.5);
    cells.setValue(4, 3, true);
    cells.setValue(4, 4, { formula: "=A5&B5" });
    cells.setValue(4, 5, 'a < b & "c"');
    expect(rowText(cells.toXml(), 5)).toBe(
      '<row r="5"><c r="A5" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c><c r="B5" t="inlineStr"><is><t xml:space="preserve">@SUM(A1)</t></is></c>' +
        '<c r="C5"><v>2.5</v></c><c r="D5" t="b"><v>1</v></c><c r="E5"><f>A5&amp;B5</f></c>' +
        '<c r="F5" t="inlineStr"><is><t xml:space="preserve">a &lt; b &amp; &quot;c&quot;</t></is></c></row>',
    );
  });

  it("replaces a formula and its cached value with a value, and a value with a formula, keeping the style", () => {
    const cells = new SheetCells(sheet(ROWS));
    cells.setValue(1, 2, 7); // C2 held A2*2
    cells.setFormula(2, 2, "A2+1"); // C3 held text, style 1
    const xml = cells.toXml();
    expect(rowText(xml, 2)).toContain('<c r="C2"><v>7</v></c>');
    expect(rowText(xml, 3)).toContain('<c r="C3" s="1"><f>A2+1</f></c>');
  });

  it("empties a cell for null or an empty string, keeping only its style", () => {
    const cells = new SheetCells(sheet(ROWS));
    cells.setValue(0, 0, ""); // A1, s="1"
    cells.setValue(1, 0, null); // A2, no style
    const xml = cells.toXml();
    expect(rowText(xml, 1)).toContain('<c r="A1" s="1"/><c r="B1" t="s"><v>1</v></c>');
    expect(cellRefs(rowText(xml, 2))).toEqual(["B2", "C2"]);
  });

  it("sets a style and keeps the value, on cells with and without content and on new ones", () => {
    const cells = new SheetCells(sheet(ROWS));
    cells.setStyle(1, 0, "5"); // A2: a number, no style
    cells.setStyle(1, 1, "6"); // B2: style only
    cells.setStyle(2, 2, "7"); // C3: text, style 1
    cells.setStyle(2, 1, "8"); // B3: no cell
    expect(cells.styleAt(1, 0)).toBe("5");
    const xml = cells.toXml();
    expect(rowText(xml, 2)).toBe('<row r="2"><c r="A2" s="5"><v>42</v></c><c r="B2" s="6"/><c r="C2" t="str"><f>A2*2</f><v>84</v></c></row>');
    expect(rowText(xml, 3)).toBe('<row r="3" ht="30" customHeight="1"><c r="A3" s="2" t="s"><v>2</v></c><c r="B3" s="8"/><c r="C3" t="inlineStr" s="7"><is><t>three</t></is></c></row>');
  });

  it("clears the cells of a range, values, formulas and styles, and leaves their neighbours", () => {
    const cells = new SheetCells(sheet(ROWS));
    cells.clear(box(1, 1, 2, 2)); // B2:C3
    const xml = cells.toXml();
    expect(rowText(xml, 1)).toBe(ROW_1);
    expect(rowText(xml, 2)).toBe('<row r="2"><c r="A2"><v>42</v></c></row>');
    expect(rowText(xml, 3)).toBe('<row r="3" ht="30" customHeight="1"><c r="A3" s="2" t="s"><v>2</v></c></row>');
    expect(cells.hasValues(box(1, 1, 2, 2))).toBe(false);
    expect(cells.hasValues(box(1, 0, 2, 1))).toBe(true);
  });

  it("counts values and formulas as content, a style alone not", () => {
    const cells = new SheetCells(sheet(ROWS));
    expect(cells.hasValues(box(1, 1))).toBe(false); // B2: style only
    expect(cells.hasValues(box(1, 2))).toBe(true); // C2: formula
    expect(cells.hasValues(box(2, 2))).toBe(true); // C3: inline string
    expect(cells.hasValues(box(0, 1))).toBe(true); // B1: shared string
    expect(cells.hasValues(box(5, 0, 10, 10))).toBe(false); // no rows there
    expect(holdsValue('<c r="A1" s="2"/>')).toBe(false);
    expect(holdsValue('<c r="A1"><f>1+1</f></c>')).toBe(true);
    expect(styleOf('<c r="A1" s="2"/>')).toBe("2");
    expect(styleOf('<c r="A1"><v>1</v></c>')).toBeUndefined();
  });

  it("writes into a self-closing <sheetData/>", () => {
    const xml = `${BEFORE}<sheetData/>${AFTER}`;
    const cells = new SheetCells(xml);
    expect(cells.hasValues(box(0, 0, 5, 5))).toBe(false);
    expect(cells.toXml()).toBe(xml);
    cells.setValue(1, 1, "B2");
    expect(cells.toXml()).toBe(`${BEFORE}<sheetData><row r="2"><c r="B2" t="inlineStr"><is><t xml:space="preserve">B2</t></is></c></row></sheetData>${AFTER}`);
  });

  it("places cells and rows written without an r attribute where they stand, and keeps them", () => {
    // r is optional on both (18.3.1.73, 18.3.1.4): a row follows the one before it, a cell the cell before it.
    const cells = new SheetCells(sheet('<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c><c r="C2"><v>4</v></c></row>'));
    expect(cells.element(0, 1)).toContain("<v>2</v>");
    expect(cells.element(1, 0)).toContain("<v>3</v>");
    cells.setValue(0, 2, 5);
    cells.setValue(1, 1, 6);
    const xml = cells.toXml();
    expect(rowText(xml, 1)).toBe('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>5</v></c></row>');
    expect(rowText(xml, 2)).toBe('<row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>6</v></c><c r="C2"><v>4</v></c></row>');
  });

  it("refuses a part with no sheet data", () => {
    expect(() => new SheetCells(`${BEFORE}${AFTER}`)).toThrow(/no cell data/);
  });
});
