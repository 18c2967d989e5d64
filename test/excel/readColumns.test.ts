import { FIRST_PAGE_CELLS, RESPONSE_BUDGET_BYTES, columnOf, headersOf, queueRows, readRemainingRows } from "../../src/excel/readColumns";
import { fakeExcel, FakeWorkbook, PAYLOAD_LIMIT_BYTES } from "../support/fakeExcel";

/** A sheet "Data" with table "Things" (ID, Name, Note) of `rows` rows; `note(i)` is row i's Note. */
function things(rows: number, note: (i: number) => string = () => "") {
  const model = new FakeWorkbook(["Data"]);
  model.addTable(
    "Data",
    "Things",
    "B3",
    ["ID", "Name", "Note"],
    Array.from({ length: rows }, (_, i) => [`T-${i + 1}`, `Thing ${i + 1}`, note(i)]),
  );
  return { model, ...fakeExcel(model) };
}

async function readAll(rows: number, columns?: string[], note?: (i: number) => string) {
  const { context } = things(rows, note);
  const excel = context.asExcel();
  const read = queueRows(excel, "Things", columns);
  await context.sync();
  const pageSyncs = await readRemainingRows(excel, [read]);
  return { read, pageSyncs, context };
}

describe("reading a table's rows", () => {
  it("reads a small table in the first sync alone", async () => {
    const { read, pageSyncs, context } = await readAll(3);
    expect(pageSyncs).toBe(0);
    expect(context.syncs).toBe(1);
    expect(headersOf(read)).toEqual(["ID", "Name", "Note"]);
    expect(read.rows).toEqual([
      ["T-1", "Thing 1", ""],
      ["T-2", "Thing 2", ""],
      ["T-3", "Thing 3", ""],
    ]);
  });

  it("reads only the columns asked for, in the order asked", async () => {
    const { read } = await readAll(2, ["Name", "ID"]);
    expect(read.rows).toEqual([
      ["Thing 1", "T-1"],
      ["Thing 2", "T-2"],
    ]);
    expect(columnOf(read, "ID")).toEqual(["T-1", "T-2"]);
    expect(() => columnOf(read, "Note")).toThrow("Note was not read from Things");
  });

  it("reads no row below the table into its first page", async () => {
    const { model, context } = things(2);
    model.put("Data", "B6", [["below"]]);
    const read = queueRows(context.asExcel(), "Things", ["ID"]);
    await context.sync();
    await readRemainingRows(context.asExcel(), [read]);
    expect(columnOf(read, "ID")).toEqual(["T-1", "T-2"]);
  });

  it("reads the rows past the first page in pages, every row once and in order", async () => {
    const rows = FIRST_PAGE_CELLS * 3;
    const { read, pageSyncs } = await readAll(rows, ["ID"]);
    expect(pageSyncs).toBe(1);
    expect(columnOf(read, "ID")).toEqual(Array.from({ length: rows }, (_, i) => `T-${i + 1}`));
  });

  it("sizes pages from the first page's rows, each sync under the budget", async () => {
    // About 200 bytes a row: the 20,000 rows past the first page are 4 MB, two syncs' worth.
    const rows = FIRST_PAGE_CELLS + 20_000;
    const { read, pageSyncs, context } = await readAll(rows, ["Note"], () => "n".repeat(200));
    expect(read.rows).toHaveLength(rows);
    expect(pageSyncs).toBe(2);
    expect(Math.max(...context.requests.slice(1).map((r) => r.responseBytes))).toBeLessThanOrEqual(RESPONSE_BUDGET_BYTES * 1.05);
  });

  it("asks again in halves for a page Excel refuses, when later rows are longer than the first", async () => {
    const short = FIRST_PAGE_CELLS;
    // The first page's rows are short; the next 400 are 30,000 characters each: 12 MB where 16 KB was expected.
    const { read, context } = await readAll(short + 400, ["Note"], (i) => (i < short ? "" : "x".repeat(30_000)));
    expect(read.rows).toHaveLength(short + 400);
    expect(read.rows.at(-1)?.[0]).toHaveLength(30_000);
    expect(context.requests.filter((request) => request.refused).length).toBeGreaterThan(0);
    expect(context.maxResponseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  it("gives up with Excel's error when a single row is over the limit", async () => {
    // A wide table whose last row holds 200 cells of 30,000 characters: 6 MB in one row.
    const model = new FakeWorkbook(["Data"]);
    const headers = Array.from({ length: 200 }, (_, c) => `C${c + 1}`);
    const short = Array.from({ length: 1000 }, () => headers.map(() => ""));
    model.addTable("Data", "Wide", "A1", headers, [...short, headers.map(() => "x".repeat(30_000))]);
    const { context } = fakeExcel(model);
    const read = queueRows(context.asExcel(), "Wide");
    await context.sync();
    await expect(readRemainingRows(context.asExcel(), [read])).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });
});
