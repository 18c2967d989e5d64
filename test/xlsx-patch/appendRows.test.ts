import { POAM_FORMULAS } from "../../src/domain/workbook/schema";
import { escapeXml } from "../../src/formats/xlsx-read/packageParts";
import { appendTableRows, cellText, stretchRanges } from "../../src/xlsx-patch/appendRows";
import { calculateOnLoad } from "../../src/xlsx-patch/patchWorkbook";

const TABLE = '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Things" ref="B2:D4"><autoFilter ref="B2:D4"/><tableColumns count="3"><tableColumn id="1" name="ID"/><tableColumn id="2" name="Note"/><tableColumn id="3" name="Size"><calculatedColumnFormula>LEN(Things[[#This Row],[Note]])</calculatedColumnFormula></tableColumn></tableColumns></table>';
const row = (n: number, id: string) => `<row r="${n}" spans="2:4"><c r="B${n}" s="1" t="inlineStr"><is><t>${id}</t></is></c><c r="C${n}" s="2"/><c r="D${n}" s="3"><f>LEN(Things[[#This Row],[Note]])</f></c></row>`;
const SHEET = (rows: string, rules = "") =>
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="B2:D4"/><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>ID</t></is></c></row>${rows}</sheetData>${rules}</worksheet>`;

describe("adding rows to a table in a sheet part", () => {
  it("writes them after the last row, in its styles, with the table's formulas, and grows the table", () => {
    const { tableXml, sheetXml, firstRow } = appendTableRows({ tableXml: TABLE, sheetXml: SHEET(row(3, "T-1") + row(4, "T-2")), rows: [["T-3", "=1+1", null]], tableName: "Things", sheetName: "Data" });
    expect(firstRow).toBe(5);
    expect(sheetXml).toContain(
      '<row r="5" spans="2:4"><c r="B5" s="1" t="inlineStr"><is><t xml:space="preserve">T-3</t></is></c><c r="C5" s="2" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c><c r="D5" s="3"><f>LEN(Things[[#This Row],[Note]])</f></c></row></sheetData>',
    );
    expect(sheetXml).toContain('<dimension ref="B2:D5"/>');
    expect(tableXml).toContain('ref="B2:D5"><autoFilter ref="B2:D5"/>');
  });

  it("fills a new table's one blank row first", () => {
    const blank = '<row r="3"><c r="B3" s="1"/><c r="C3" s="2"/><c r="D3" s="3"><f>LEN(Things[[#This Row],[Note]])</f></c></row>';
    const table = TABLE.replace(/B2:D4/g, "B2:D3");
    const { tableXml, sheetXml, firstRow } = appendTableRows({ tableXml: table, sheetXml: SHEET(blank), rows: [["T-1", "x", null], ["T-2", "y", null]], tableName: "Things", sheetName: "Data" });
    expect(firstRow).toBe(3);
    expect(sheetXml.match(/<row r="3"/g)).toHaveLength(1);
    expect(sheetXml).toContain('<row r="4"><c r="B4" s="1" t="inlineStr">');
    expect(tableXml).toContain('ref="B2:D4"');
  });

  it("stretches validation and conditional-format ranges that ended on the table's last row", () => {
    const rules = '<conditionalFormatting sqref="B3:D4 F1:F9"><cfRule type="expression" priority="1"><formula>1</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation type="list" sqref="C3:C4"/></dataValidations>';
    const { sheetXml } = appendTableRows({ tableXml: TABLE, sheetXml: SHEET(row(3, "T-1") + row(4, "T-2"), rules), rows: [["T-3", "", null]], tableName: "Things", sheetName: "Data" });
    expect(sheetXml).toContain('sqref="B3:D5 F1:F9"');
    expect(sheetXml).toContain('sqref="C3:C5"');
  });

  describe("a table without its calculated-column formulas (as LibreOffice Calc saves one)", () => {
    const columns = (name: string) =>
      `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="${name}" ref="B2:D4"><autoFilter ref="B2:D4"/><tableColumns count="3"><tableColumn id="1" name="POA&amp;M ID"/><tableColumn id="2" name="Requirement"/><tableColumn id="3" name="Family"/></tableColumns></table>`;
    const rowsFor = (tableXml: string) => appendTableRows({ tableXml, sheetXml: SHEET(row(3, "T-1") + row(4, "T-2")), rows: [["POAM-2026-0003", "3.1.8", null]], tableName: "Poam", sheetName: "POA&M" }).sheetXml;

    it("gives a column of the add-in's tables the add-in's formula", () => {
      expect(rowsFor(columns("Poam"))).toContain(`<c r="D5" s="3"><f>${escapeXml(POAM_FORMULAS.family)}</f></c></row>`);
    });

    it("gives a column of a table of the user's nothing", () => {
      expect(rowsFor(columns("MyTracker"))).toContain('<c r="D5" s="3"/></row>');
    });

    it("keeps a table's own calculated-column formula over the add-in's", () => {
      const own = columns("Poam").replace('<tableColumn id="3" name="Family"/>', '<tableColumn id="3" name="Family"><calculatedColumnFormula>UPPER(Poam[[#This Row],[Requirement]])</calculatedColumnFormula></tableColumn>');
      expect(rowsFor(own)).toContain('<c r="D5" s="3"><f>UPPER(Poam[[#This Row],[Requirement]])</f></c></row>');
    });
  });

  it.each([
    ["a totals row", TABLE.replace('ref="B2:D4"', 'ref="B2:D4" totalsRowCount="1"'), SHEET(row(3, "T-1")), /has a totals row/],
    ["cells below it", TABLE, SHEET(row(3, "T-1") + row(4, "T-2") + '<row r="7"><c r="C7" t="inlineStr"><is><t>mine</t></is></c></row>'), /has cells in row 7, below the table Things/],
  ])("refuses a table with %s", (_, tableXml, sheetXml, message) => {
    expect(() => appendTableRows({ tableXml, sheetXml, rows: [["T-3", "", null]], tableName: "Things", sheetName: "Data" })).toThrow(message);
  });
});

describe("the pieces", () => {
  it.each([
    ["A2:A41", "A2:A43"],
    ["A2:AL41 AM2:AM41", "A2:AL43 AM2:AM41"],
    ["A1:A41", "A1:A41"],
    ["B2:B40", "B2:B40"],
  ])("stretches %s over two new rows of A1:AL41 to %s", (sqref, stretched) => {
    expect(stretchRanges(sqref, { row: 1, column: 0, rowCount: 40, columnCount: 38 }, 2)).toBe(stretched);
  });

  it("writes text as XML can hold it, escaping what it cannot", () => {
    expect(cellText('a < b & "c"')).toBe("a &lt; b &amp; &quot;c&quot;");
    expect(cellText("bell\u0007")).toBe("bell_x0007_");
    expect(cellText("_x0041_")).toBe("_x005F_x0041_");
  });

  it("asks for calculation on load, once", () => {
    expect(calculateOnLoad('<workbook><sheets/><calcPr calcId="1"/></workbook>')).toBe('<workbook><sheets/><calcPr calcId="1" fullCalcOnLoad="1"/></workbook>');
    expect(calculateOnLoad('<workbook><sheets></sheets></workbook>')).toBe('<workbook><sheets></sheets><calcPr fullCalcOnLoad="1"/></workbook>');
    expect(calculateOnLoad('<workbook><calcPr fullCalcOnLoad="1"/></workbook>')).toBe('<workbook><calcPr fullCalcOnLoad="1"/></workbook>');
  });
});
