/**
 * The package-level executor of workbook plans: a blank workbook set up as a
 * POA&M (the same tables, calculated columns and names as `poam new` writes,
 * and LibreOffice computes them), each op on its own as the file then reads,
 * and which parts a plan changes: those its ops name, every other part byte
 * for byte as it was.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { RangeBox } from "../../src/domain/core/a1";
import type { ChartSpec, PlanOp } from "../../src/domain/workbook/plan";
import { planSetup } from "../../src/domain/workbook/planSetup";
import { SHEETS, TABLES } from "../../src/domain/workbook/schema";
import { EMPTY_WORKBOOK } from "../../src/domain/workbook/snapshot";
import { readXlsx, type StoredWorkbook } from "../../src/formats/xlsx-read/readXlsx";
import { writeWorkbookFile } from "../../src/xlsx/writeWorkbookFile";
import { applyPlanToPackage } from "../../src/xlsx-patch/applyPlanToPackage";
import { chartNames } from "../../src/xlsx-patch/packageCharts";
import { snapshotOfPackage } from "../../src/xlsx-patch/packageSnapshot";
import { WorkbookPackage } from "../../src/xlsx-patch/workbookPackage";
import { recalculate } from "../support/libreoffice";
import { changedParts, partsOf } from "../support/usersWorkbook";

jest.setTimeout(240_000);

// ---------------------------------------------------------------------------
// Builders

const box = (row: number, column: number, rowCount = 1, columnCount = 1): RangeBox => ({ row, column, rowCount, columnCount });

async function excelJsBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * Three sheets as ExcelJS writes them (text in the shared string table):
 * First, Data (a header row, two rows of text, numbers and a formula) and Last.
 */
const threeSheets = () =>
  excelJsBytes((workbook) => {
    workbook.addWorksheet("First").getCell("A1").value = "first";
    const data = workbook.addWorksheet("Data");
    data.addRows([
      ["Name", "Size"],
      ["alpha", 3],
      ["beta", 4],
    ]);
    data.getCell("C2").value = { formula: "B2*2", result: 6 };
    data.getCell("B3").numFmt = "0.0";
    workbook.addWorksheet("Last").getCell("A1").value = "last";
  });

/** Data with a table Things (Name, Size, Double) over A1:C3. */
const withTable = () =>
  excelJsBytes((workbook) => {
    workbook.addWorksheet("First").getCell("A1").value = "first";
    workbook.addWorksheet("Data").addTable({
      name: "Things",
      ref: "A1",
      headerRow: true,
      columns: [{ name: "Name" }, { name: "Size" }, { name: "Double" }],
      rows: [
        ["alpha", 3, null],
        ["beta", 4, null],
      ],
    });
  });

/** The package with one part's text changed by `edit`. */
async function withPart(bytes: Uint8Array, path: string, edit: (xml: string) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  zip.file(path, edit(await zip.file(path)!.async("string")));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

const apply = (bytes: Uint8Array, ...ops: PlanOp[]) => applyPlanToPackage(bytes, { ops });

async function partText(bytes: Uint8Array, path: string): Promise<string> {
  const file = (await JSZip.loadAsync(bytes)).file(path);
  if (!file) throw new Error(`No part ${path}`);
  return file.async("string");
}

const sheetPath = async (bytes: Uint8Array, sheet: string) => (await WorkbookPackage.load(bytes)).sheetPath(sheet);
const sheetXml = async (bytes: Uint8Array, sheet: string) => partText(bytes, await sheetPath(bytes, sheet));

/** The paths of the parts whose bytes differ, or that only one package has. */
async function changed(before: Uint8Array, after: Uint8Array): Promise<string[]> {
  return changedParts(await partsOf(before), await partsOf(after));
}

/** A workbook read back by ExcelJS, a reader independent of this program's own. */
async function excelJsRead(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The sheet's `<hyperlink>` elements, as attribute maps. */
const hyperlinks = (xml: string) =>
  [...xml.matchAll(/<hyperlink\s([^>]*?)\/?>/g)].map((match) => Object.fromEntries([...match[1].matchAll(/([\w:]+)="([^"]*)"/g)].map(([, name, value]) => [name, value])));

const cell = (workbook: StoredWorkbook, sheet: string, address: string) => workbook.sheet(sheet).cells.get(address);

// ---------------------------------------------------------------------------

describe("setting up a blank workbook", () => {
  let blank: Uint8Array;
  let setUp: Uint8Array;
  let stored: StoredWorkbook;
  let fresh: StoredWorkbook;

  beforeAll(async () => {
    blank = await excelJsBytes((workbook) => workbook.addWorksheet("Sheet1"));
    const snapshot = await snapshotOfPackage(await WorkbookPackage.load(blank), await readXlsx(blank));
    setUp = await applyPlanToPackage(blank, planSetup(snapshot));
    stored = await readXlsx(setUp);
    fresh = await readXlsx(await writeWorkbookFile(planSetup(EMPTY_WORKBOOK)));
  });

  it("makes the only sheet the POA&M sheet, with its tab colour, and adds the others in tab order", async () => {
    expect(stored.sheets.map((sheet) => sheet.name)).toEqual(SHEETS.map((sheet) => sheet.name));
    // Renamed, not replaced: the blank workbook's own sheet part is the POA&M sheet.
    expect(await sheetPath(setUp, "POA&M")).toBe(await sheetPath(blank, "Sheet1"));
    for (const sheet of SHEETS) expect(await sheetXml(setUp, sheet.name)).toContain(`<tabColor rgb="FF${sheet.tabColor.slice(1)}"/>`);
  });

  it("creates every table with the schema's headers and calculated columns, as poam new does", () => {
    const tables = (workbook: StoredWorkbook) => new Map(workbook.sheets.flatMap((sheet) => sheet.tables.map((table) => [table.name, { sheet: sheet.name, ...table }])));
    const ours = tables(stored);
    expect([...ours.keys()].sort()).toEqual(TABLES.map((table) => table.name).sort());
    for (const schema of TABLES) {
      const table = ours.get(schema.name)!;
      expect(table.columns.map((column) => column.name)).toEqual(schema.columns.map((column) => column.header));
      expect(table.columns.map((column) => column.calculatedColumnFormula)).toEqual(schema.columns.map((column) => column.formula));
    }
    expect(ours).toEqual(tables(fresh));
  });

  it("writes the header cells and seed rows as poam new does", () => {
    const controls = stored.sheet("Controls");
    const header = TABLES.find((table) => table.name === "Controls")!.columns.map((column) => column.header);
    expect(header.map((_, c) => controls.cells.get(`${String.fromCharCode(65 + c)}1`)?.value)).toEqual(header);
    expect(cell(stored, "Controls", "A2")?.value).toBe(cell(fresh, "Controls", "A2")?.value);
    expect(cell(stored, "Controls", "A2")?.numberFormat).toBe("@");
  });

  it("defines the same names, pointing at the same places", () => {
    expect(stored.definedNames).toEqual(fresh.definedNames);
    expect(stored.definedNames.get("POAM_Summary")).toBe("Summary!$A$1");
  });

  it("leaves a workbook LibreOffice opens and calculates: the Controls table's Points Lost", async () => {
    const calculated = await readXlsx(await recalculate(setUp));
    const controls = calculated.sheet("Controls");
    const column = (header: string) => [...controls.cells].find(([address, c]) => /^[A-Z]+1$/.test(address) && c.value === header)![0].replace("1", "");
    const [requirement, points, lost] = [column("Requirement"), column("Points"), column("Points Lost")];
    const row = [...controls.cells].find(([address, c]) => address.startsWith(requirement) && c.value === "3.1.1")![0].slice(requirement.length);
    // Nothing is assessed yet, so every requirement loses all its points: 3.1.1 is worth 5.
    expect(controls.cells.get(`${lost}${row}`)?.value).toBe(5);
    expect(controls.cells.get(`${lost}${row}`)?.formula).toBeDefined();
    for (let r = 2; r <= 111; r++) expect(controls.cells.get(`${lost}${r}`)?.value).toBe(controls.cells.get(`${points}${r}`)?.value);
  });
});

describe("each op", () => {
  it("writeCells writes strings as text, even formula-like ones, numbers, booleans, formulas and links, and leaves null cells as they were", async () => {
    const before = await threeSheets();
    const after = await apply(before, {
      kind: "writeCells",
      sheet: "Data",
      at: { row: 1, column: 0 },
      cells: [["=1+1", "@SUM(A1)", null, true, { formula: "B3+1" }, { text: "Go to First", location: "First!A1" }], [null, 42.5]],
    });
    const stored = await readXlsx(after);
    expect(cell(stored, "Data", "A2")).toEqual({ value: "=1+1", numberFormat: "General" });
    expect(cell(stored, "Data", "B2")).toEqual({ value: "@SUM(A1)", numberFormat: "General" });
    expect(cell(stored, "Data", "C2")).toMatchObject({ formula: "B2*2", value: 6 });
    expect(cell(stored, "Data", "D2")?.value).toBe(true);
    expect(cell(stored, "Data", "E2")?.formula).toBe("B3+1");
    expect(cell(stored, "Data", "F2")?.value).toBe("Go to First");
    expect(cell(stored, "Data", "A3")?.value).toBe("beta");
    // The number takes B3's place and keeps its number format.
    expect(cell(stored, "Data", "B3")).toEqual({ value: 42.5, numberFormat: "0.0" });
    const xml = await sheetXml(after, "Data");
    expect(hyperlinks(xml)).toEqual([{ ref: "F2", location: "First!A1", display: "Go to First" }]);
    expect(xml).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c>');
  });

  it("writeCells gives a cell linked twice one link, the last", async () => {
    const link = (location: string): PlanOp => ({ kind: "writeCells", sheet: "Data", at: { row: 4, column: 0 }, cells: [[{ text: location, location }]] });
    const after = await apply(await threeSheets(), link("First!A1"), link("Last!A1"));
    expect(hyperlinks(await sheetXml(after, "Data"))).toEqual([{ ref: "A5", location: "Last!A1", display: "Last!A1" }]);
  });

  it("formatRange sets a number format and a style and keeps the values", async () => {
    const after = await apply(await threeSheets(), {
      kind: "formatRange",
      sheet: "Data",
      range: box(1, 1, 2, 1),
      numberFormat: "#,##0.000",
      style: { fill: "#FFEE00", fontColor: "#C00000", bold: true },
    });
    const stored = await readXlsx(after);
    expect(cell(stored, "Data", "B2")).toEqual({ value: 3, numberFormat: "#,##0.000" });
    expect(cell(stored, "Data", "B3")).toEqual({ value: 4, numberFormat: "#,##0.000" });
    const data = (await excelJsRead(after)).getWorksheet("Data")!;
    expect(data.getCell("B2").font).toMatchObject({ bold: true, color: { argb: "FFC00000" } });
    expect(data.getCell("B3").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFFFEE00" } });
    expect(data.getCell("A2").font?.bold).toBeFalsy();
  });

  it("clearRange takes out the values, styles and links in the range and leaves the neighbours", async () => {
    const linked = await apply(await threeSheets(), {
      kind: "writeCells",
      sheet: "Data",
      at: { row: 1, column: 3 },
      cells: [[{ text: "in", location: "First!A1" }, { text: "beside", location: "Last!A1" }]],
    });
    const after = await apply(linked, { kind: "clearRange", sheet: "Data", range: box(1, 1, 2, 3) }); // B2:D3
    const stored = await readXlsx(after);
    for (const address of ["B2", "C2", "D2", "B3"]) expect(cell(stored, "Data", address)).toBeUndefined();
    expect(cell(stored, "Data", "A2")?.value).toBe("alpha");
    expect(cell(stored, "Data", "A3")?.value).toBe("beta");
    expect(cell(stored, "Data", "E2")?.value).toBe("beside");
    const xml = await sheetXml(after, "Data");
    expect(hyperlinks(xml)).toEqual([{ ref: "E2", location: "Last!A1", display: "beside" }]);
    // B3's number format went with it.
    expect(xml).not.toMatch(/<c r="B3"/);
  });

  it("setColumnWidths sets the widths of the columns named", async () => {
    const after = await apply(await threeSheets(), { kind: "setColumnWidths", sheet: "Data", widths: [{ column: 0, width: 30 }, { column: 2, width: 12.5 }] });
    const data = (await excelJsRead(after)).getWorksheet("Data")!;
    expect([data.getColumn(1).width, data.getColumn(3).width]).toEqual([30, 12.5]);
    expect(await sheetXml(after, "Data")).toContain('<cols><col min="1" max="1" width="30" customWidth="1"/><col min="3" max="3" width="12.5" customWidth="1"/></cols>');
  });

  it("setValidation puts a rule on the range", async () => {
    const after = await apply(await threeSheets(), {
      kind: "setValidation",
      sheet: "Data",
      range: box(1, 1, 9, 1),
      rule: { type: "whole", operator: "between", formula1: "1", formula2: "10" },
      alert: "warning",
      message: "From 1 to 10.",
    });
    expect((await readXlsx(after)).sheet("Data").validations).toEqual([{ sqref: "B2:B10", type: "whole", operator: "between", errorStyle: "warning", formula1: "1", formula2: "10" }]);
  });

  it("addConditionalFormat adds a rule, and deleteConditionalFormats takes out the ones the snapshot names", async () => {
    const before = await excelJsBytes((workbook) => {
      const sheet = workbook.addWorksheet("Settings");
      sheet.addTable({ name: "Sla", ref: "A1", headerRow: true, columns: [{ name: "Priority" }, { name: "Days" }], rows: [["High", 30]] });
      sheet.addConditionalFormatting({ ref: "D1:D9", rules: [{ type: "expression", priority: 1, formulae: ["$D1>5"], style: { font: { bold: true } } }] });
    });
    const added = await apply(before, { kind: "addConditionalFormat", sheet: "Settings", range: box(1, 0, 1, 2), formula: '$A2="High"', style: { fill: "#FFC7CE" }, rank: 0 });
    expect((await readXlsx(added)).sheet("Settings").conditionalFormats.map((format) => [format.sqref, format.formula])).toEqual(
      expect.arrayContaining([
        ["D1:D9", "$D1>5"],
        ["A2:B2", '$A2="High"'],
      ]),
    );
    expect(await partText(added, "xl/styles.xml")).toMatch(/<dxf><fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"\/><\/patternFill><\/fill><\/dxf><\/dxfs>/);

    const snapshot = await snapshotOfPackage(await WorkbookPackage.load(added), await readXlsx(added));
    const ours = snapshot.conditionalFormats.filter((format) => format.formula === '$A2="High"');
    expect(ours).toHaveLength(1);
    const deleted = await apply(added, { kind: "deleteConditionalFormats", sheet: "Settings", ids: ours.map((format) => format.id) });
    expect((await readXlsx(deleted)).sheet("Settings").conditionalFormats.map((format) => format.formula)).toEqual(["$D1>5"]);
  });

  describe("defineName", () => {
    const NAMES =
      '<definedNames><definedName name="poam_thing" comment="old">Data!$A$1</definedName><definedName name="POAM_Thing" localSheetId="0">First!$A$1</definedName><definedName name="Other">Last!$A$1</definedName></definedNames>';
    const named = async () => withPart(await threeSheets(), "xl/workbook.xml", (xml) => xml.replace("<calcPr", `${NAMES}<calcPr`));
    const define: PlanOp = { kind: "defineName", name: "POAM_Thing", formula: "=Data!$B$2", comment: "The thing & more." };
    const names = (workbookXml: string) => [...workbookXml.matchAll(/<definedName\s[^>]*>[\s\S]*?<\/definedName>/g)].map((match) => match[0]);

    it("adds a name to a workbook that has none, where CT_Workbook puts definedNames", async () => {
      const after = await apply(await threeSheets(), define);
      expect((await readXlsx(after)).definedNames).toEqual(new Map([["POAM_Thing", "Data!$B$2"]]));
      expect(await partText(after, "xl/workbook.xml")).toMatch(
        /<\/sheets><definedNames><definedName name="POAM_Thing" comment="The thing &amp; more.">Data!\$B\$2<\/definedName><\/definedNames><calcPr /,
      );
    });

    it("replaces a workbook-level name of the same name whatever its case, and keeps a sheet-level one and the others", async () => {
      const workbookXml = await partText(await apply(await named(), define), "xl/workbook.xml");
      expect(names(workbookXml)).toEqual([
        '<definedName name="POAM_Thing" localSheetId="0">First!$A$1</definedName>',
        '<definedName name="Other">Last!$A$1</definedName>',
        '<definedName name="POAM_Thing" comment="The thing &amp; more.">Data!$B$2</definedName>',
      ]);
    });
  });

  it("addSheet adds a sheet after the others with a new sheetId, its part, relationship and content type", async () => {
    // sheetIds need not run 1, 2, 3: the new one is above the highest.
    const before = await withPart(await threeSheets(), "xl/workbook.xml", (xml) => xml.replace(/sheetId="3"/, 'sheetId="7"'));
    const after = await apply(before, { kind: "addSheet", sheet: "New & Improved", tabColor: "#7030A0" });
    const workbookXml = await partText(after, "xl/workbook.xml");
    expect(workbookXml).toMatch(/<sheet name="New &amp; Improved" sheetId="8" r:id="(rId\d+)"\/><\/sheets>/);
    const rId = /name="New &amp; Improved" sheetId="8" r:id="(rId\d+)"/.exec(workbookXml)![1];
    expect(await partText(after, "xl/_rels/workbook.xml.rels")).toContain(`<Relationship Id="${rId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet4.xml"/>`);
    expect(await partText(after, "[Content_Types].xml")).toContain('<Override PartName="/xl/worksheets/sheet4.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>');
    expect(await partText(after, "xl/worksheets/sheet4.xml")).toContain('<tabColor rgb="FF7030A0"/>');
    expect((await readXlsx(after)).sheets.map((sheet) => sheet.name)).toEqual(["First", "Data", "Last", "New & Improved"]);
    expect((await excelJsRead(after)).worksheets.map((sheet) => sheet.name)).toEqual(["First", "Data", "Last", "New & Improved"]);
  });

  it("renameSheet renames the sheet, gives it its tab colour and points the names that named it at the new name", async () => {
    const before = await withPart(await threeSheets(), "xl/workbook.xml", (xml) => xml.replace("<calcPr", '<definedNames><definedName name="Mine">Data!$A$1:$B$3</definedName></definedNames><calcPr'));
    const after = await apply(before, { kind: "renameSheet", from: "Data", to: "POA&M", tabColor: "#1F4E79" });
    const stored = await readXlsx(after);
    expect(stored.sheets.map((sheet) => sheet.name)).toEqual(["First", "POA&M", "Last"]);
    expect(stored.definedNames.get("Mine")).toBe("'POA&M'!$A$1:$B$3");
    expect(cell(stored, "POA&M", "A2")?.value).toBe("alpha");
    expect(await sheetXml(after, "POA&M")).toContain('<sheetPr><tabColor rgb="FF1F4E79"/></sheetPr>');
  });

  describe("createTable", () => {
    const create = (at: { row: number; column: number }): PlanOp => ({
      kind: "createTable",
      sheet: "Data",
      table: "Sla",
      at,
      columns: [{ header: "Priority", numberFormat: "@" }, { header: "Days", numberFormat: "0" }],
      rows: [
        ["High", 30],
        ["Low", 90],
      ],
      style: "TableStyleLight9",
    });

    it("makes a table on a sheet that has cells, with its part, relationship, content type and a table id of its own", async () => {
      const before = await withTable();
      const after = await apply(before, create({ row: 5, column: 4 }));
      const stored = await readXlsx(after);
      expect(stored.sheet("Data").tables.map((table) => [table.name, table.ref])).toEqual([
        ["Things", "A1:C3"],
        ["Sla", "E6:F8"],
      ]);
      expect(cell(stored, "Data", "E6")?.value).toBe("Priority");
      expect(cell(stored, "Data", "E7")).toEqual({ value: "High", numberFormat: "@" });
      expect(cell(stored, "Data", "F8")).toEqual({ value: 90, numberFormat: "0" });
      expect(cell(stored, "Data", "A2")?.value).toBe("alpha");
      const tablePath = (await changed(before, after)).find((path) => /^xl\/tables\//.test(path))!;
      expect(await partText(after, tablePath)).toMatch(/<table [^>]*id="2" name="Sla" displayName="Sla" ref="E6:F8"/);
      expect(await partText(after, "[Content_Types].xml")).toContain(`<Override PartName="/${tablePath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`);
      expect(await sheetXml(after, "Data")).toMatch(/<tableParts count="2"><tablePart r:id="rId\d+"\/><tablePart r:id="rId\d+"\/><\/tableParts>/);
    });

    it("refuses where a cell of the table's range is not empty, and leaves the bytes it was given", async () => {
      const before = await threeSheets();
      const copy = Uint8Array.from(before);
      await expect(apply(before, { kind: "writeCells", sheet: "First", at: { row: 5, column: 5 }, cells: [["x"]] }, create({ row: 2, column: 1 }))).rejects.toThrow(
        /Cells where the new table Sla would go \(B3:C5\) are not empty/,
      );
      expect(before).toEqual(copy);
    });

    it("keeps the links written earlier on the same sheet", async () => {
      const after = await apply(await threeSheets(), { kind: "writeCells", sheet: "Data", at: { row: 0, column: 3 }, cells: [[{ text: "back", location: "First!A1" }]] }, create({ row: 5, column: 4 }));
      expect(hyperlinks(await sheetXml(after, "Data"))).toEqual([{ ref: "D1", location: "First!A1", display: "back" }]);
      expect((await readXlsx(after)).sheet("Data").tables.map((table) => table.name)).toEqual(["Sla"]);
    });
  });

  describe("appendColumns", () => {
    const append: PlanOp = { kind: "appendColumns", sheet: "Data", table: "Things", range: box(0, 0, 3, 3), columns: [{ header: "Due", numberFormat: "yyyy-mm-dd" }, { header: "Note" }] };

    it("adds columns after the table's last one, with their headers and number formats", async () => {
      const after = await apply(await withTable(), append);
      const stored = await readXlsx(after);
      const [table] = stored.sheet("Data").tables;
      expect(table.ref).toBe("A1:E3");
      expect(table.columns.map((column) => column.name)).toEqual(["Name", "Size", "Double", "Due", "Note"]);
      expect([cell(stored, "Data", "D1")?.value, cell(stored, "Data", "E1")?.value]).toEqual(["Due", "Note"]);
      const tableXml = await partText(after, "xl/tables/table1.xml");
      expect(tableXml).toContain('<tableColumns count="5">');
      expect(tableXml).toContain('<tableColumn id="4" name="Due"/><tableColumn id="5" name="Note"/></tableColumns>');
      expect(tableXml).toMatch(/<autoFilter ref="A1:E3"/);
      const data = (await excelJsRead(after)).getWorksheet("Data")!;
      expect([data.getCell("D2").numFmt, data.getCell("D3").numFmt]).toEqual(["yyyy-mm-dd", "yyyy-mm-dd"]);
    });

    it("refuses when a cell beside the table, where the columns go, is not empty", async () => {
      const before = await apply(await withTable(), { kind: "writeCells", sheet: "Data", at: { row: 2, column: 4 }, cells: [["mine"]] });
      await expect(apply(before, append)).rejects.toThrow(/Cells to the right of the table Things \(D1:E3\) are not empty/);
    });
  });

  it("setColumnFormula makes a calculated column of the table's column, which LibreOffice computes", async () => {
    const formula = "Things[[#This Row],[Size]]*2";
    const after = await apply(await withTable(), { kind: "setColumnFormula", sheet: "Data", table: "Things", column: "Double", range: box(1, 2, 2, 1), formula });
    const stored = await readXlsx(after);
    expect(stored.sheet("Data").tables[0].columns[2]).toEqual({ name: "Double", calculatedColumnFormula: formula });
    expect([cell(stored, "Data", "C2")?.formula, cell(stored, "Data", "C3")?.formula]).toEqual([formula, formula]);
    expect(await partText(after, "xl/workbook.xml")).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    const calculated = await readXlsx(await recalculate(after));
    expect([cell(calculated, "Data", "C2")?.value, cell(calculated, "Data", "C3")?.value]).toEqual([6, 8]);
  });

  it("appendRows adds rows at the end of the table, its calculated column filled", async () => {
    const formula = "Things[[#This Row],[Size]]*2";
    const after = await apply(
      await withTable(),
      { kind: "setColumnFormula", sheet: "Data", table: "Things", column: "Double", range: box(1, 2, 2, 1), formula },
      { kind: "appendRows", sheet: "Data", table: "Things", range: box(0, 0, 3, 3), rows: [["gamma", 5, null], ["=delta", 6, null]] },
    );
    const stored = await readXlsx(after);
    expect(stored.sheet("Data").tables[0].ref).toBe("A1:C5");
    expect(cell(stored, "Data", "A4")?.value).toBe("gamma");
    expect(cell(stored, "Data", "A5")).toEqual({ value: "=delta", numberFormat: "General" });
    expect(cell(stored, "Data", "B5")?.value).toBe(6);
    expect(cell(stored, "Data", "C5")?.formula).toBe(formula);
  });

  describe("charts", () => {
    /** Trend: dates in A2:A4, numbers in B2:B4; a Summary sheet to draw on. */
    const trend = () =>
      excelJsBytes((workbook) => {
        const sheet = workbook.addWorksheet("Trend");
        sheet.addRows([
          ["Date", "Open"],
          [46000, 3],
          [46007, 5],
          [46014, 2],
        ]);
        for (const address of ["A2", "A3", "A4"]) sheet.getCell(address).numFmt = "yyyy-mm-dd";
        workbook.addWorksheet("Summary").getCell("A1").value = "Summary";
      });
    const chart: ChartSpec = {
      name: "POAM_TrendChart",
      title: "Open items",
      type: "line",
      categories: { sheet: "Trend", range: box(1, 0, 3, 1) },
      series: [{ name: "Open", values: { sheet: "Trend", range: box(1, 1, 3, 1) } }],
      placement: box(2, 3, 12, 7),
    };

    it("addChart draws a chart on the sheet, its dates read as dates, leaving the sheet it reads from as it was", async () => {
      const before = await trend();
      const after = await apply(before, { kind: "addChart", sheet: "Summary", chart });
      const zip = await JSZip.loadAsync(after);
      const summary = await sheetPath(after, "Summary");
      expect(await chartNames(zip, summary)).toEqual(["POAM_TrendChart"]);
      const chartPath = (await changed(before, after)).find((path) => /^xl\/charts\/chart\d+\.xml$/.test(path))!;
      const chartXml = await partText(after, chartPath);
      expect(chartXml).toContain("<c:cat><c:numRef><c:f>Trend!$A$2:$A$4</c:f>");
      expect(chartXml).toContain('formatCode="yyyy-mm-dd"');
      expect(await changed(before, after)).not.toContain(await sheetPath(before, "Trend"));
    });

    it("removeCharts takes out the charts of those names, their parts and content types", async () => {
      const drawn = await apply(await trend(), { kind: "addChart", sheet: "Summary", chart });
      const after = await apply(drawn, { kind: "removeCharts", sheet: "Summary", names: ["POAM_TrendChart", "Not there"] });
      const zip = await JSZip.loadAsync(after);
      expect(await chartNames(zip, await sheetPath(after, "Summary"))).toEqual([]);
      expect(Object.keys(zip.files).filter((path) => !zip.files[path].dir && path.startsWith("xl/charts/"))).toEqual([]);
      expect(await partText(after, "[Content_Types].xml")).not.toContain("/xl/charts/");
    });
  });

  it("freezePanes freezes the top rows and left columns", async () => {
    const after = await apply(await threeSheets(), { kind: "freezePanes", sheet: "Data", rows: 1, columns: 1 });
    expect(await sheetXml(after, "Data")).toContain('<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>');
    expect((await excelJsRead(after)).getWorksheet("Data")!.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });
  });

  it("activateSheet changes nothing: which sheet is selected is stored in the user's own sheets", async () => {
    const before = await threeSheets();
    expect(await apply(before, { kind: "activateSheet", sheet: "Last" })).toBe(before);
  });
});

describe("what a plan changes", () => {
  it("gives back the bytes it was given for an empty plan", async () => {
    const before = await threeSheets();
    expect(await apply(before)).toBe(before);
  });

  it("gives back the bytes it was given for a plan whose ops change nothing", async () => {
    // Last has a link, its list written as another program might lay it out.
    const links = '<hyperlinks>\n  <hyperlink ref="A1" location="Data!A1" display="last"/>\n</hyperlinks>';
    const before = await withPart(await threeSheets(), "xl/worksheets/sheet3.xml", (xml) => xml.replace("<pageMargins", `${links}<pageMargins`));
    const after = await apply(
      before,
      { kind: "writeCells", sheet: "Data", at: { row: 0, column: 0 }, cells: [[null, null]] },
      { kind: "writeCells", sheet: "Data", at: { row: 1, column: 1 }, cells: [[3]] },
      { kind: "clearRange", sheet: "Last", range: box(5, 5, 3, 3) },
      { kind: "formatRange", sheet: "First", range: box(0, 0, 4, 4) },
      { kind: "removeCharts", sheet: "First", names: ["POAM_TrendChart"] },
    );
    expect(await changed(before, after)).toEqual([]);
    expect(after).toBe(before);
  });

  it("changes only the sheet a writeCells names, and the workbook part (calculation on load)", async () => {
    const before = await threeSheets();
    const after = await apply(before, { kind: "writeCells", sheet: "Data", at: { row: 3, column: 0 }, cells: [["gamma", 5, { formula: "B4*2" }]] });
    expect(await changed(before, after)).toEqual([await sheetPath(before, "Data"), "xl/workbook.xml"].sort());
    const dataXml = await sheetXml(after, "Data");
    const original = await sheetXml(before, "Data");
    // The rows it did not write keep their text.
    for (const n of [1, 2, 3]) expect(dataXml).toContain(new RegExp(`<row r="${n}"[^>]*>[\\s\\S]*?</row>`).exec(original)![0]);
  });

  it("changes only the sheet and the styles part for a formatRange", async () => {
    const before = await threeSheets();
    const after = await apply(before, { kind: "formatRange", sheet: "Last", range: box(0, 0), style: { bold: true } });
    expect(await changed(before, after)).toEqual([await sheetPath(before, "Last"), "xl/styles.xml", "xl/workbook.xml"].sort());
  });

  describe("the calculation chain", () => {
    /** threeSheets with a calcChain part naming Data!C2, as Excel saves one. */
    async function withCalcChain(): Promise<Uint8Array> {
      const zip = await JSZip.loadAsync(await threeSheets());
      const dataSheet = /<sheet\s[^>]*name="Data"[^>]*>/.exec(await zip.file("xl/workbook.xml")!.async("string"))![0];
      const dataSheetId = /sheetId="(\d+)"/.exec(dataSheet)![1];
      zip.file("xl/calcChain.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="C2" i="${dataSheetId}"/></calcChain>`);
      const rels = "xl/_rels/workbook.xml.rels";
      zip.file(
        rels,
        (await zip.file(rels)!.async("string")).replace(
          "</Relationships>",
          '<Relationship Id="rIdChain" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
        ),
      );
      zip.file(
        "[Content_Types].xml",
        (await zip.file("[Content_Types].xml")!.async("string")).replace(
          "</Types>",
          '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
        ),
      );
      return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    }

    it("goes, with its relationship and content type, when a cell it names no longer holds a formula", async () => {
      const before = await withCalcChain();
      const after = await apply(before, { kind: "writeCells", sheet: "Data", at: { row: 1, column: 2 }, cells: [[12]] });
      const zip = await JSZip.loadAsync(after);
      expect(zip.file("xl/calcChain.xml")).toBeNull();
      expect(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).not.toContain("calcChain");
      expect(await zip.file("[Content_Types].xml")!.async("string")).not.toContain("calcChain");
      expect(cell(await readXlsx(after), "Data", "C2")?.value).toBe(12);
    });

    it("stays as it was when only values change", async () => {
      const before = await withCalcChain();
      const after = await apply(before, { kind: "writeCells", sheet: "Data", at: { row: 1, column: 0 }, cells: [["gamma"]] });
      expect(await changed(before, after)).toEqual([await sheetPath(before, "Data"), "xl/workbook.xml"].sort());
    });
  });

  it("changes only the sheets named when ops on two sheets interleave", async () => {
    const before = await threeSheets();
    const after = await apply(
      before,
      { kind: "writeCells", sheet: "Data", at: { row: 0, column: 4 }, cells: [["E1"]] },
      { kind: "setValidation", sheet: "Last", range: box(0, 0), rule: { type: "list", source: "Yes,No" }, alert: "stop", message: "Yes or No." },
      { kind: "writeCells", sheet: "Data", at: { row: 0, column: 5 }, cells: [["F1"]] },
      { kind: "freezePanes", sheet: "Data", rows: 1, columns: 0 },
    );
    expect(await changed(before, after)).toEqual([await sheetPath(before, "Data"), await sheetPath(before, "Last"), "xl/workbook.xml"].sort());
    const stored = await readXlsx(after);
    expect([cell(stored, "Data", "E1")?.value, cell(stored, "Data", "F1")?.value]).toEqual(["E1", "F1"]);
    expect(stored.sheet("Last").validations).toHaveLength(1);
  });
});
