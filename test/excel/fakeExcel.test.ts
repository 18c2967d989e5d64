/**
 * The recording fake of Excel behaves as Office.js is documented to, where
 * the add-in's correctness depends on it. Each behaviour here is one the fake
 * models (its source is cited beside it in test/support/fakeExcel.ts).
 */
import { fakeExcel, FakeWorkbook } from "../support/fakeExcel";

function tableOfThree() {
  const model = new FakeWorkbook(["Data"]);
  model.addTable("Data", "Things", "A1", ["Name"], [["first"], ["second"], ["third"]]);
  return { model, ...fakeExcel(model) };
}

const names = (model: FakeWorkbook) => model.table("Things").rows().map((row) => row.Name);

describe("table rows", () => {
  it("point at an index: after an earlier row is deleted, a row object names the row that moved up", async () => {
    const { model, context } = tableOfThree();
    const rows = context.asExcel().workbook.tables.getItem("Things").rows;
    const first = rows.getItemAt(0);
    const second = rows.getItemAt(1);
    first.delete();
    second.delete();
    await context.sync();
    // "second" moved to index 0, so the second delete took "third".
    expect(names(model)).toEqual(["second"]);
  });

  it("stop existing past the table's end", async () => {
    const { model, context } = tableOfThree();
    const rows = context.asExcel().workbook.tables.getItem("Things").rows;
    const second = rows.getItemAt(1);
    const third = rows.getItemAt(2);
    second.delete();
    third.delete();
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(names(model)).toEqual(["first", "third"]);
  });

  it("can be deleted from the last up", async () => {
    const { model, context } = tableOfThree();
    const rows = context.asExcel().workbook.tables.getItem("Things").rows;
    const [second, third] = [rows.getItemAt(1), rows.getItemAt(2)];
    third.delete();
    second.delete();
    await context.sync();
    expect(names(model)).toEqual(["first"]);
  });

  it("added by the API point at where they were added", async () => {
    const { model, context } = tableOfThree();
    const table = context.asExcel().workbook.tables.getItem("Things");
    const added = table.rows.add();
    table.rows.getItemAt(0).delete();
    added.getRange().values = [["fourth"]];
    // The row was added at index 3; after the delete, index 3 is past the end.
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    expect(names(model)).toEqual(["second", "third", ""]);
  });
});

describe("calculated columns", () => {
  function tableWithFormula(fill: boolean) {
    const model = new FakeWorkbook(["Data"]);
    const table = model.addTable("Data", "Things", "A1", ["Name", "Length"], [["first", null]]);
    table.sheet.cell(1, 1).formula = "=LEN(Things[[#This Row],[Name]])";
    model.fillFormulasInTables = fill;
    return { model, ...fakeExcel(model) };
  }

  it.each([
    [true, "=LEN(Things[[#This Row],[Name]])"],
    [false, undefined],
  ])("with AutoCorrect's table fill %p, give an added row the formula %p", async (fill, formula) => {
    const { model, context } = tableWithFormula(fill);
    context.asExcel().workbook.tables.getItem("Things").rows.add(undefined, [["second"]]);
    await context.sync();
    expect(model.table("Things").columnFormula("Length")).toEqual(["=LEN(Things[[#This Row],[Name]])", formula]);
  });
});

describe("typed and cleared cells", () => {
  it("read a typed date as a date, unless the cell is formatted as Text", () => {
    const model = new FakeWorkbook(["Data"]);
    model.sheet("Data").cell(0, 1).numberFormat = "@";
    model.typeInto("Data", "A1", "2026-12-01");
    model.typeInto("Data", "B1", "2026-12-01");
    expect([model.sheet("Data").valueAt("A1"), model.sheet("Data").valueAt("B1")]).toEqual([46357, "2026-12-01"]);
  });
});

describe("conditional formats", () => {
  async function sheetWithRules(formulas: string[]) {
    const model = new FakeWorkbook(["Data"]);
    const { context } = fakeExcel(model);
    for (const formula of formulas) context.asExcel().workbook.worksheets.getItem("Data").getRange("A1:A9").conditionalFormats.add("Custom").custom.rule.formula = formula;
    await context.sync();
    return { model, ...fakeExcel(model) };
  }

  it("have their priority as id, renumbered after a delete", async () => {
    const { model, context } = await sheetWithRules(["=ours1", "=ours2", "=theirs"]);
    const formats = context.asExcel().workbook.worksheets.getItem("Data").getRange().conditionalFormats.load("items/id");
    await context.sync();
    expect(formats.items.map((format) => format.id)).toEqual(["0", "1", "2"]);
    formats.getItem("0").delete();
    formats.getItem("1").delete();
    await context.sync();
    // The second delete took the user's rule, which had become priority 1.
    expect(model.sheet("Data").conditionalFormats.map((format) => format.formula)).toEqual(["=ours2"]);
  });

  it("fail with ItemNotFound when an id has gone past the end", async () => {
    const { context } = await sheetWithRules(["=theirs", "=ours1", "=ours2"]);
    const formats = context.asExcel().workbook.worksheets.getItem("Data").getRange().conditionalFormats;
    formats.getItem("1").delete();
    formats.getItem("2").delete();
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });
});

describe("data validation", () => {
  const rule = async (value: Excel.DataValidationRule) => {
    const { context } = fakeExcel(new FakeWorkbook(["Data"]));
    context.asExcel().workbook.worksheets.getItem("Data").getRange("A1:A9").dataValidation.rule = value;
    return context.sync();
  };

  it.each<[string, Excel.DataValidationRule]>([
    ["a list in file-format quotes", { list: { inCellDropDown: true, source: '"Yes,No"' } }],
    ["a date operand that is a bare number", { date: { operator: "GreaterThan", formula1: "1" } }],
    ["a custom formula without =", { custom: { formula: "ISNUMBER(A1)" } }],
  ])("refuses %s", async (_, value) => {
    await expect(rule(value)).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it.each<[string, Excel.DataValidationRule]>([
    ["a comma-separated list", { list: { inCellDropDown: true, source: "Yes,No" } }],
    ["a list from a name", { list: { inCellDropDown: true, source: "=POAM_Priorities" } }],
    ["a date formula", { date: { operator: "GreaterThan", formula1: "=1" } }],
    ["an ISO date", { date: { operator: "LessThanOrEqualTo", formula1: "2026-12-31" } }],
  ])("takes %s", async (_, value) => {
    await expect(rule(value)).resolves.toBeUndefined();
  });
});

describe("filtered tables", () => {
  function filtered() {
    const setup = tableOfThree();
    setup.model.table("Things").filtered = true;
    return setup;
  }

  it.each<[string, (table: Excel.Table) => void]>([
    ["adding a row", (table) => table.rows.add(undefined, [["fourth"]])],
    ["deleting a row", (table) => table.rows.getItemAt(1).delete()],
    ["writing its cells", (table) => (table.getDataBodyRange().values = [["a"], ["b"], ["c"]])],
  ])("refuse %s with FilteredRangeConflict", async (_, change) => {
    const { model, context } = filtered();
    change(context.asExcel().workbook.tables.getItem("Things"));
    await expect(context.sync()).rejects.toMatchObject({ code: "FilteredRangeConflict" });
    expect(names(model)).toEqual(["first", "second", "third"]);
  });

  it("take rows again once the filter is cleared", async () => {
    const { model, context } = filtered();
    const table = context.asExcel().workbook.tables.getItem("Things");
    table.clearFilters();
    table.rows.add(undefined, [["fourth"]]);
    await context.sync();
    expect(names(model)).toEqual(["first", "second", "third", "fourth"]);
  });
});

describe("requests and responses", () => {
  it("are measured in UTF-8 bytes", async () => {
    const model = new FakeWorkbook(["Data"]);
    const { context } = fakeExcel(model);
    const range = context.asExcel().workbook.worksheets.getItem("Data").getRange("A1");
    range.values = [["ü"]];
    await context.sync();
    range.values = [["u"]];
    await context.sync();
    expect(context.requests[0].bytes - context.requests[1].bytes).toBe(1);
    range.load("values");
    await context.sync();
    expect(context.requests[2].responseBytes).toBeGreaterThan(0);
    expect(context.maxResponseBytes).toBe(context.requests[2].responseBytes);
    expect([context.maxRequestCommands, context.totalCommands]).toEqual([1, 3]);
  });

  it("count what a collection's load sends back for each of its items", async () => {
    const sent = async (sheets: number) => {
      const { context } = fakeExcel(new FakeWorkbook(Array.from({ length: sheets }, (_, i) => `Sheet number ${i + 1}`)));
      context.asExcel().workbook.worksheets.load("items/name");
      await context.sync();
      return context.maxResponseBytes;
    };
    expect(await sent(20)).toBeGreaterThan((await sent(1)) + 19 * "Sheet number 1".length);
  });

  it("mark a refused response, which counts as nothing sent", async () => {
    const model = new FakeWorkbook(["Data"]);
    model.put("Data", "A1", Array.from({ length: 200 }, () => ["x".repeat(32_000)]));
    const { context } = fakeExcel(model);
    context.asExcel().workbook.worksheets.getItem("Data").getRange("A1:A200").load("values");
    await expect(context.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(context.requests[0].refused).toBe(true);
    expect(context.maxResponseBytes).toBe(0);
  });

  it("refuse a response over 5 MB", async () => {
    const model = new FakeWorkbook(["Data"]);
    const text = "x".repeat(32_000);
    model.put("Data", "A1", Array.from({ length: 200 }, () => [text]));
    const { context } = fakeExcel(model);
    context.asExcel().workbook.worksheets.getItem("Data").getRange("A1:A200").load("values");
    await expect(context.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  it("refuse a request over 5 MB", async () => {
    const { context } = fakeExcel(new FakeWorkbook(["Data"]));
    context.asExcel().workbook.worksheets.getItem("Data").getRange("A1:A200").values = Array.from({ length: 200 }, () => ["x".repeat(32_000)]);
    await expect(context.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });
});

describe("range intersections", () => {
  async function intersection(a: string, b: string) {
    const model = new FakeWorkbook(["Data"]);
    const { context } = fakeExcel(model);
    const sheets = context.asExcel().workbook.worksheets;
    const range = sheets.getItem("Data").getRange(a).getIntersectionOrNullObject(sheets.getItem("Data").getRange(b)).load("address");
    await context.sync();
    return range.isNullObject ? null : range.address;
  }

  it("are the cells two ranges share", async () => {
    expect(await intersection("B2:D10", "C5:F20")).toBe("Data!C5:D10");
    expect(await intersection("A1:A100", "A1:A5")).toBe("Data!A1:A5");
  });

  it("are a null object when the ranges share no cell", async () => {
    expect(await intersection("A1:B2", "C3:D4")).toBeNull();
  });
});
