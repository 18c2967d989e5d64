import { cellAddress, parseRange } from "../../src/domain/core/a1";
import { PoamError } from "../../src/domain/core/errors";
import { planSetup } from "../../src/domain/workbook/planSetup";
import { NAME } from "../../src/domain/workbook/definedNames";
import { POAM_COLUMNS, POAM_FORMULAS, TABLES } from "../../src/domain/workbook/schema";
import { SUMMARY_AREAS, summaryLayout } from "../../src/domain/summary/summaryLayout";
import { applyPlan, REQUEST_BUDGET_BYTES } from "../../src/excel/applyPlan";
import { createExcelActions } from "../../src/excel/createExcelActions";
import { readSnapshot } from "../../src/excel/readSnapshot";
import { aFinding } from "../support/builders";
import { fakeExcel, FakeWorkbook } from "../support/fakeExcel";

async function setUp(model: FakeWorkbook) {
  const excel = fakeExcel(model);
  const result = await createExcelActions(excel.run).setUp();
  return { ...excel, result };
}

/** A workbook the add-in set up, then used: items added and a column of the user's own. */
async function usedPoam(): Promise<FakeWorkbook> {
  const model = new FakeWorkbook();
  await setUp(model);
  const poam = model.table("Poam");
  const sheet = poam.sheet;
  // POA&M ID, Item Type, Requirement, (Family: a formula), Weakness
  const rows = [
    ["POAM-2026-0001", "CMMC POA&M item", "3.1.8", null, "Lockout not set"],
    ["POAM-2026-0002", "Vulnerability (scan finding)", "3.14.1", null, "=not a formula"],
  ];
  rows.forEach((row, r) => row.forEach((value, c) => value !== null && (sheet.cell(1 + r, c).value = value)));
  poam.range = { ...poam.range, rowCount: 3, columnCount: poam.range.columnCount + 1 };
  sheet.cell(0, 38).value = "Our Notes";
  sheet.cell(1, 38).value = "ask Dana";
  model.put("Settings", "B6", [["Acme Tooling"]]);
  return model;
}

describe("setting up a blank workbook", () => {
  it("creates every sheet, table and name in one run with two syncs", async () => {
    const model = new FakeWorkbook();
    const { context, runs, result } = await setUp(model);
    expect(runs()).toBe(1);
    expect(context.syncs).toBe(2);
    expect(context.maxRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
    expect(model.sheets.map((s) => s.name)).toEqual(["POA&M", "Milestones", "Summary", "Controls", "Settings", "Refresh History", "Change Log"]);
    expect(model.tables.map((t) => t.name).sort()).toEqual(TABLES.map((t) => t.name).sort());
    expect(model.table("Poam").headers()).toEqual(POAM_COLUMNS.map((c) => c.header));
    expect(model.table("Controls").rows()).toHaveLength(110);
    expect(model.names.map((n) => n.name)).toContain("POAM_ReportDate");
    expect(model.activeSheet).toBe("POA&M");
    expect(result.changes.isNew).toBe(true);
  });

  it("writes the calculated columns as formulas and the text columns as Text", async () => {
    const model = new FakeWorkbook();
    await setUp(model);
    const poam = model.table("Poam");
    expect(poam.columnFormula("State")[0]).toMatch(/^=IF\(TRIM\(Poam\[\[#This Row\],\[Status\]\]\)=""/);
    expect(poam.columnFormula("Target Date")[0]).toContain("INDEX(Sla[Days],MATCH(Poam[[#This Row],[Priority]],Sla[Priority],0))");
    expect(poam.sheet.peek(1, 4)?.numberFormat).toBe("@");
    expect(poam.sheet.peek(1, 10)?.numberFormat).toBe("yyyy-mm-dd");
  });

  it("puts validation and conditional formats on the table's cells", async () => {
    const model = new FakeWorkbook();
    await setUp(model);
    const sheet = model.sheet("POA&M");
    const priority = sheet.validations.find((v) => v.range.column === 12);
    expect(priority?.rule).toEqual({ list: { inCellDropDown: true, source: "=POAM_Priorities" } });
    expect(priority?.errorAlert?.style).toBe("Stop");
    expect(sheet.validations.find((v) => v.range.column === 13)?.errorAlert?.style).toBe("Warning");
    expect(sheet.conditionalFormats.map((f) => f.formula)).toEqual([
      '=AND($AJ2="No",OR(TRIM($B2)="",TRIM($B2)="CMMC POA&M item"),$AH2<>"Closed",$AH2<>"")',
      "=AND(ISNUMBER($W2),LEN(TRIM($X2))=0)",
      '=$AH2="Overdue"',
      '=$AH2="Due Soon"',
      '=$AH2="Closed"',
    ]);
  });

  it("says the workbook is a complete POA&M afterwards", async () => {
    const model = new FakeWorkbook();
    await setUp(model);
    const { run, context } = fakeExcel(model);
    expect((await createExcelActions(run).inspect()).state).toBe("ready");
    expect(context.syncs).toBe(2);
  });
});

describe("setting up again", () => {
  it("changes no cell and adds no duplicate rule", async () => {
    const model = new FakeWorkbook();
    await setUp(model);
    const before = model.cellMap();
    const formats = model.sheets.map((s) => s.conditionalFormats.length);
    const validations = model.sheets.map((s) => s.validations.length);
    const { context, result } = await setUp(model);
    expect(model.cellMap()).toEqual(before);
    expect(model.sheets.map((s) => s.conditionalFormats.length)).toEqual(formats);
    expect(model.sheets.map((s) => s.validations.length)).toEqual(validations);
    expect(result.changes.createdTables).toEqual([]);
    expect(context.syncs).toBe(3);
  });

  it("keeps a used workbook's items, text and extra column exactly", async () => {
    const model = await usedPoam();
    const before = model.cellMap();
    await setUp(model);
    expect(model.cellMap()).toEqual(before);
    expect(model.table("Poam").rows()[1]["Weakness"]).toBe("=not a formula");
    expect(model.table("Poam").headers().at(-1)).toBe("Our Notes");
  });

  it("stretches the rules over the rows the table has now", async () => {
    const model = await usedPoam();
    await setUp(model);
    const overdue = model.sheet("POA&M").conditionalFormats.find((f) => f.formula.includes("Overdue"));
    expect(overdue?.range).toEqual({ row: 1, column: 0, rowCount: 2, columnCount: 38 });
  });
});

describe("upgrading an older POA&M", () => {
  const OLD_HEADERS = POAM_COLUMNS.map((c) => c.header).filter((h) => !["Approver", "Ticket", "Days Open", "Updated"].includes(h));

  function olderWorkbook(): FakeWorkbook {
    const model = new FakeWorkbook(["Plan", "Lists and rules"]);
    model.addTable(
      "Plan",
      "Poam",
      "A1",
      [...OLD_HEADERS, "Budget line"],
      [
        [...OLD_HEADERS.map((h) => (h === "POA&M ID" ? "POAM-2025-0007" : h === "Weakness" ? "-cmd|' /C calc'!A0" : null)), "CapEx 12"],
        [...OLD_HEADERS.map((h) => (h === "POA&M ID" ? "POAM-2025-0008" : null)), null],
      ],
    );
    model.addTable("Lists and rules", "Sla", "A1", ["Priority", "Days"], [
      ["Critical", 10],
      ["High", 30],
    ]);
    model.addTable("Lists and rules", "Settings", "D1", ["Setting", "Value", "Notes"], [["As of", null, null]]);
    model.put("Lists and rules", "H20", [["keep me"]]);
    return model;
  }

  it("appends the missing columns and fills their formulas for every row, touching nothing else", async () => {
    const model = olderWorkbook();
    const before = model.cellMap();
    const { context, result } = await setUp(model);
    const poam = model.table("Poam");
    expect(poam.headers().slice(OLD_HEADERS.length)).toEqual(["Budget line", "Approver", "Ticket", "Days Open", "Updated"]);
    expect(poam.columnFormula("Days Open")).toHaveLength(2);
    expect(poam.columnFormula("Days Open").every((f) => f?.startsWith("=IF(NOT(ISNUMBER(Poam[[#This Row],[Discovered]]))"))).toBe(true);
    for (const [address, cell] of before) expect(model.cellMap().get(address)).toEqual(cell);
    expect(result.changes.addedColumns).toEqual([{ table: "Poam", columns: ["Approver", "Ticket", "Days Open", "Updated"] }]);
    expect(context.syncs).toBe(3);
  });

  it("keeps the user's SLA days and adds the missing settings rows and tables", async () => {
    const model = olderWorkbook();
    await setUp(model);
    expect(model.table("Sla").rows()).toEqual([
      { Priority: "Critical", Days: 10 },
      { Priority: "High", Days: 30 },
    ]);
    expect(model.table("Settings").rows().map((r) => r.Setting)).toEqual([
      "As of",
      "Organisation",
      "System name",
      "Due soon (days)",
      "Assessment date",
      "Conditional status date",
      "CMMC close-out (days)",
      "Next review",
    ]);
    const people = model.table("People");
    expect(people.sheet.name).toBe("Lists and rules");
    // To the right of the sheet's used range (A1:H20), leaving a column free.
    expect(people.range.column).toBeGreaterThan(parseRange("H1").column + 1);
    expect(model.sheets.map((s) => s.name)).toEqual(["Plan", "Lists and rules", "Milestones", "Summary", "Controls", "Refresh History", "Change Log"]);
  });
});

describe("a workbook with the user's own Summary sheet", () => {
  it("leaves the user's sheet alone and uses a free name", async () => {
    const model = new FakeWorkbook(["Summary", "Sheet2"]);
    model.put("Summary", "A1", [["Quarterly numbers"], [42]]);
    const before = model.cellMap();
    const { result } = await setUp(model);
    expect(model.sheets.map((s) => s.name)).toEqual(["Summary", "Sheet2", "POA&M", "Milestones", "Summary (2)", "Controls", "Settings", "Refresh History", "Change Log"]);
    for (const [address, cell] of before) expect(model.cellMap().get(address)).toEqual(cell);
    expect(model.sheet("Summary (2)").valueAt("A1")).toBe("POA&M Summary");
    expect(model.names.find((n) => n.name === "POAM_Summary")?.formula).toBe("='Summary (2)'!$A$1");
    expect(result.changes.renamedForCollision).toEqual([{ wanted: "Summary", used: "Summary (2)" }]);
  });

  it("finds its own renamed Summary again on the next run", async () => {
    const model = new FakeWorkbook(["Summary"]);
    model.put("Summary", "A1", [["mine"]]);
    await setUp(model);
    model.sheet("Summary (2)").name = "Leadership";
    model.names.find((n) => n.name === "POAM_Summary")!.formula = "=Leadership!$A$1";
    const { result } = await setUp(model);
    expect(result.changes.createdSheets).toEqual([]);
  });
});

describe("a workbook whose names clash with the add-in's", () => {
  it("stops before writing anything when a defined name takes a table's name", async () => {
    const model = new FakeWorkbook(["Sheet1"]);
    model.put("Sheet1", "A1", [["Requirement list"], ["3.1.1"]]);
    model.names.push({ name: "Controls", formula: "=Sheet1!$A$1:$A$2" });
    const before = model.cellMap();
    const { run, context } = fakeExcel(model);
    const failure = await createExcelActions(run).setUp().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "nameTaken", message: expect.stringContaining('"Controls"') });
    expect(model.cellMap()).toEqual(before);
    expect(model.sheets.map((sheet) => sheet.name)).toEqual(["Sheet1"]);
    expect(model.tables).toEqual([]);
    expect(context.syncs).toBe(1);
  });

  it("stops when a user's table takes a name the add-in defines", async () => {
    const model = new FakeWorkbook(["Sheet1"]);
    model.addTable("Sheet1", "POAM_ReportDate", "A1", ["Date"], [[46349]]);
    const failure = await createExcelActions(fakeExcel(model).run).setUp().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "nameTaken", message: expect.stringContaining('"POAM_ReportDate"') });
    expect(model.sheets.map((sheet) => sheet.name)).toEqual(["Sheet1"]);
  });
});

describe("text from users", () => {
  it.each(["=1+1", "-cmd", "+44 20 7946 0000", "@SUM(A1)", "00123"])("stores %p as that text", async (text) => {
    const model = new FakeWorkbook();
    const { context } = fakeExcel(model);
    const { snapshot } = await readSnapshot(context.asExcel());
    await applyPlan(context.asExcel(), planSetup(snapshot, { findings: [aFinding({ weakness: text, sourceRef: text, comments: text })] }));
    const row = model.table("Poam").rows()[0];
    expect([row.Weakness, row["Source Ref"], row.Comments]).toEqual([text, text, text]);
    expect(model.table("Poam").columnFormula("Weakness")[0]).toBeUndefined();
  });
});

describe("large workbooks", () => {
  async function upgradeWithRows(rows: number) {
    const model = new FakeWorkbook(["POA&M"]);
    const headers = POAM_COLUMNS.map((c) => c.header).filter((h) => h !== "State" && h !== "Due Date");
    model.addTable("POA&M", "Poam", "A1", headers, Array.from({ length: rows }, (_, i) => [`POAM-2026-${i}`]));
    const { context } = await setUp(model);
    expect(model.table("Poam").columnFormula("State").filter(Boolean)).toHaveLength(rows);
    return context;
  }

  it("upgrades 5,000 rows with the same requests as 50", async () => {
    const small = await upgradeWithRows(50);
    const large = await upgradeWithRows(5000);
    expect(large.syncs).toBe(3);
    expect(small.syncs).toBe(3);
    // Only the addresses' row numbers grow ("AH51" becomes "AH5001").
    expect(large.maxRequestBytes - small.maxRequestBytes).toBeLessThan(300);
    expect(large.maxRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
  });
});

describe("when Excel refuses", () => {
  it.each([
    ["InvalidOperationInCellEditMode", "cellEditMode", /finish editing a cell/],
    ["AccessDenied", "accessDenied", /protected/],
    ["GeneralException", "unexpected", /could not finish/],
  ])("turns %s into a short message", async (officeCode, code, message) => {
    const { run, context } = fakeExcel(new FakeWorkbook());
    context.failWhen({ when: (command) => command.op === "tables.add", code: officeCode });
    const failure = await createExcelActions(run).setUp().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PoamError);
    expect(failure).toMatchObject({ code, message: expect.stringMatching(message) });
    expect((failure as Error).message).not.toContain(officeCode);
  });

  it("can finish a setup that failed half way when run again", async () => {
    const model = new FakeWorkbook();
    const first = fakeExcel(model);
    first.context.failWhen({ when: (command) => command.op === "names.add", code: "GeneralException" });
    await expect(createExcelActions(first.run).setUp()).rejects.toBeInstanceOf(PoamError);
    const { result } = await setUp(model);
    expect(result.changes.addedNames.length).toBeGreaterThan(0);
    expect((await createExcelActions(fakeExcel(model).run).inspect()).state).toBe("ready");
  });
});

describe("upgrading a workbook set up before the close-out clock rules", () => {
  const CLOCK_NAMES: string[] = [NAME.closeoutStart, NAME.closeoutDeadline, NAME.closeoutTargetDays];
  const OLD_STATE = '=IF(Poam[[#This Row],[Status]]="","",IF(COUNTIFS(Statuses[Status],Poam[[#This Row],[Status]],Statuses[Closed],"Yes")>0,"Closed","On Track"))';
  const area = SUMMARY_AREAS.readiness;
  const inReadiness = (row: number, column: number) =>
    row >= area.row && row < area.row + area.rowCount && column >= area.column && column < area.column + area.columnCount;

  /** A used POA&M as the earlier version left it: no clock names, its own State formula and Summary wording. */
  async function earlierPoam(): Promise<FakeWorkbook> {
    const model = await usedPoam();
    model.names = model.names.filter((name) => !CLOCK_NAMES.includes(name.name));
    const poam = model.table("Poam");
    const state = poam.headers().indexOf("State");
    for (let r = 1; r < poam.range.rowCount; r++) poam.sheet.cell(poam.range.row + r, poam.range.column + state).formula = OLD_STATE;
    const summary = model.sheet("Summary");
    summary.cell(area.row + 9, 0).value = "Conditional status date (Settings)";
    summary.cell(area.row + 1, 10).value = "our note beside the summary";
    return model;
  }

  it("rewrites the add-in's formula columns and the readiness section, and nothing of the user's", async () => {
    const model = await earlierPoam();
    const before = model.cellMap();
    const { result } = await setUp(model);
    expect(result.changes.updatedFormulas).toEqual(expect.arrayContaining(["Poam", "Controls", "Summary"]));
    expect(model.table("Poam").columnFormula("State").every((formula) => formula === `=${POAM_FORMULAS.state}`)).toBe(true);
    expect(model.names.map((name) => name.name)).toEqual(expect.arrayContaining(CLOCK_NAMES));

    const summary = model.sheet("Summary");
    const layout = summaryLayout().cells;
    for (let r = area.row; r < area.row + area.rowCount; r++) {
      for (let c = 0; c < area.columnCount; c++) {
        const wanted = layout[r]?.[c] ?? null;
        const cell = summary.peek(r, c);
        if (wanted === null) continue;
        if (typeof wanted === "object" && "formula" in wanted) expect(cell?.formula).toBe(`=${wanted.formula}`);
        else expect(cell?.value).toBe(wanted);
      }
    }
    // Every other cell is as it was, apart from the formula columns' own cells.
    const formulaCells = new Set(
      ["Poam", "Controls", "Milestones"].flatMap((name) => {
        const table = model.table(name);
        return table.headers().flatMap((header, c) =>
          table.columnFormula(header).some((f) => f !== undefined)
            ? Array.from({ length: table.range.rowCount - 1 }, (_, r) => `${table.sheet.name}!${cellAddress({ row: table.range.row + 1 + r, column: table.range.column + c })}`)
            : [],
        );
      }),
    );
    for (const [address, cell] of before) {
      const [sheet, a1] = address.split("!");
      const { row, column } = parseRange(a1);
      if (formulaCells.has(address) || (sheet === "Summary" && inReadiness(row, column))) continue;
      expect([address, model.cellMap().get(address)]).toEqual([address, cell]);
    }
    expect(summary.peek(area.row + 1, 10)?.value).toBe("our note beside the summary");
  });

  it("does it once: the next setup finds the workbook current", async () => {
    const model = await earlierPoam();
    await setUp(model);
    const { result } = await setUp(model);
    expect(result.changes.updatedFormulas).toBeUndefined();
  });
});
