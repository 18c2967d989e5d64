/**
 * The Summary refresh against the recording fake: what it writes, where, and
 * in how many requests. The fake does not calculate, which does not matter
 * here: the refresh works its figures out from the records.
 */
import { toSerial } from "../../src/domain/core/dates";
import type { InitialData } from "../../src/domain/poam/records";
import { planSetup } from "../../src/domain/workbook/planSetup";
import { CHART_NAMES } from "../../src/domain/summary/refreshPlan";
import { EMPTY_WORKBOOK } from "../../src/domain/workbook/snapshot";
import { SUMMARY_AREAS, summaryLayout } from "../../src/domain/summary/summaryLayout";
import { REQUEST_BUDGET_BYTES, applyPlan } from "../../src/excel/applyPlan";
import { createExcelActions } from "../../src/excel/createExcelActions";
import { fakeExcel, FakeWorkbook } from "../support/fakeExcel";
import { aFinding } from "../support/builders";
import { assessed } from "../support/complianceCases";
import { readPageRequests } from "../budgets/budgets";

const NOW = new Date(2026, 10, 23, 14, 5);
const AS_OF = "2026-11-23";

const FINDINGS = [
  // Overdue by 20 days (due 2026-11-03), the most overdue.
  aFinding({ id: "POAM-2026-0001", weakness: "Oldest overdue", priority: "Critical", discovered: "2026-10-19", owner: "Dana Ortiz" }),
  // Overdue by 7 days (due 2026-11-16).
  aFinding({ id: "POAM-2026-0002", weakness: "Newer overdue", priority: "Critical", discovered: "2026-11-01", owner: "Sam Lee" }),
  // Due 2026-12-10: before the next review (2026-12-23), Due Soon.
  aFinding({ id: "POAM-2026-0003", weakness: "Due soon", priority: "High", discovered: "2026-11-10" }),
  // Due 2027-05-22: after the review.
  aFinding({ id: "POAM-2026-0004", weakness: "Later", priority: "Low", discovered: "2026-11-23" }),
  aFinding({ id: "POAM-2026-0005", weakness: "Closed last week", priority: "High", discovered: "2026-10-01", status: "Closed", completedOn: "2026-11-16" }),
  aFinding({ id: "POAM-2026-0006", weakness: "Accepted", priority: "Medium", discovered: "2026-10-01", status: "Risk Accepted", extendedTo: "2026-12-01" }),
];

const DATA: InitialData = { findings: FINDINGS, settings: { asOf: AS_OF }, controlStatuses: assessed({ "3.1.1": "Not Met" }) };

async function poamWorkbook(data: InitialData = DATA): Promise<FakeWorkbook> {
  const model = new FakeWorkbook();
  await fakeExcel(model).run((context) => applyPlan(context, planSetup(EMPTY_WORKBOOK, data)));
  return model;
}

function actionsOn(model: FakeWorkbook, now = NOW) {
  const excel = fakeExcel(model);
  return { ...excel, actions: createExcelActions(excel.run, { clock: () => now }) };
}

const summary = (model: FakeWorkbook) => model.sheet("Summary");
const at = (model: FakeWorkbook, row: number, column: number) => summary(model).peek(row, column);

/** Every cell outside the Summary sheet and the History table. */
function cellsElsewhere(model: FakeWorkbook): Map<string, unknown> {
  return new Map([...model.cellMap()].filter(([address]) => !address.startsWith("Summary!") && !address.startsWith("Refresh History!")));
}

describe("refreshing the Summary", () => {
  it("takes two requests: one read and one write", async () => {
    const model = await poamWorkbook();
    const { actions, context } = actionsOn(model);
    const result = await actions.refreshSummary("Dana Ortiz");
    expect(context.syncs).toBe(2);
    expect(result.syncs).toBe(2);
    expect(context.maxRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
  });

  it("records a dated snapshot row in History", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.refreshSummary("Dana Ortiz");
    expect(model.table("History").rows()).toEqual([
      {
        "Snapshot Date": toSerial(AS_OF),
        Open: 5,
        Critical: 2,
        High: 1,
        Medium: 1,
        Low: 1,
        Overdue: 2,
        "Due Soon": 1,
        // 3.1.1 Not Met (5) and open CMMC items on 3.1.8 (1): 110 - 6.
        "SPRS Score": 104,
        "Closed Since Last": 1,
        "Refreshed By": "Dana Ortiz",
      },
    ]);
  });

  it("lists the most overdue items first, each linked to its row, and the items due before the next review", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.refreshSummary("Dana Ortiz");
    const { topOverdue, dueBeforeReview } = SUMMARY_AREAS;
    const row = (list: typeof topOverdue, index: number) =>
      Array.from({ length: 6 }, (_, c) => at(model, list.body.row + index, c)?.value ?? "");
    expect(row(topOverdue, 0)).toEqual(["POAM-2026-0001", "Oldest overdue", "Dana Ortiz", "Critical", toSerial("2026-11-03"), 20]);
    expect(row(topOverdue, 1)).toEqual(["POAM-2026-0002", "Newer overdue", "Sam Lee", "Critical", toSerial("2026-11-16"), 7]);
    expect(row(topOverdue, 2)[0]).toBe("");
    // The POA&M table's header is row 1, so the first item is on row 2.
    expect(at(model, topOverdue.body.row, 0)?.hyperlink).toBe("'POA&M'!A2");
    expect(at(model, topOverdue.body.row + 1, 0)?.hyperlink).toBe("'POA&M'!A3");
    // Due before 2026-12-23 (30 days after As of): the two overdue items and the one due soon; not the accepted risk.
    expect([0, 1, 2, 3].map((i) => row(dueBeforeReview, i)[0])).toEqual(["POAM-2026-0001", "POAM-2026-0002", "POAM-2026-0003", ""]);
    expect(row(dueBeforeReview, 2)[5]).toBe("Due Soon");
    expect(at(model, SUMMARY_AREAS.lastRefreshed.row, SUMMARY_AREAS.lastRefreshed.column)?.value).toBeCloseTo(toSerial(AS_OF) + (14 * 60 + 5) / 1440, 6);
  });

  it("says so when nothing is overdue", async () => {
    const model = await poamWorkbook({ findings: [], settings: { asOf: AS_OF }, controlStatuses: assessed() });
    await actionsOn(model).actions.refreshSummary("Dana Ortiz");
    expect(at(model, SUMMARY_AREAS.topOverdue.body.row, 0)?.value).toBe("No overdue items.");
    expect(model.table("History").rows()[0]).toMatchObject({ Open: 0, "SPRS Score": 110 });
  });

  it("draws the trend, priority and score charts from the History table", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.refreshSummary("Dana Ortiz");
    const charts = summary(model).charts;
    expect(charts.map((chart) => [chart.name, chart.type, chart.title])).toEqual([
      [CHART_NAMES.trend, "Line", "Open and overdue items"],
      [CHART_NAMES.priorities, "ColumnStacked", "Open items by priority"],
      [CHART_NAMES.score, "Line", "SPRS score"],
    ]);
    expect(charts[0].series).toEqual([
      { name: "Open", values: "'Refresh History'!B2", xValues: "'Refresh History'!A2" },
      { name: "Overdue", values: "'Refresh History'!G2", xValues: "'Refresh History'!A2" },
      { name: "Due Soon", values: "'Refresh History'!H2", xValues: "'Refresh History'!A2" },
    ]);
    expect(charts[1].series.map((s) => s.name)).toEqual(["Critical", "High", "Medium", "Low"]);
    // Beside the summary's columns, never over them.
    expect(charts.every((chart) => /^J\d+$/.test(chart.position?.start ?? ""))).toBe(true);
  });

  it("replaces the same day's snapshot and its charts rather than adding more", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.refreshSummary("Dana Ortiz");
    const again = actionsOn(model);
    const result = await again.actions.refreshSummary("Sam Lee");
    expect(result.replaced).toBe(true);
    expect(again.context.syncs).toBe(2);
    expect(model.table("History").rows()).toHaveLength(1);
    expect(model.table("History").rows()[0]["Refreshed By"]).toBe("Sam Lee");
    expect(summary(model).charts).toHaveLength(3);
  });

  it("adds a row for a new date and extends the charts over it", async () => {
    const model = await poamWorkbook({ ...DATA, settings: {} });
    await actionsOn(model, new Date(2026, 10, 23, 9, 0)).actions.refreshSummary("Dana Ortiz");
    const later = actionsOn(model, new Date(2026, 11, 1, 9, 0));
    await later.actions.refreshSummary("Dana Ortiz");
    expect(later.context.syncs).toBe(2);
    const rows = model.table("History").rows();
    expect(rows.map((r) => r["Snapshot Date"])).toEqual([toSerial("2026-11-23"), toSerial("2026-12-01")]);
    // On 2026-12-01 the two critical items are still the only overdue ones; nothing closed in between.
    expect(rows[1]).toMatchObject({ Overdue: 2, "Closed Since Last": 0 });
    expect(summary(model).charts[0].series[0]).toEqual({ name: "Open", values: "'Refresh History'!B2:B3", xValues: "'Refresh History'!A2:A3" });
  });

  it("changes no cell outside the Summary's own areas and the History table", async () => {
    const model = await poamWorkbook();
    summary(model).cell(200, 0).value = "A note of my own below the summary";
    summary(model).cell(2, 12).value = "A note beside it";
    const before = cellsElsewhere(model);
    await actionsOn(model).actions.refreshSummary("Dana Ortiz");
    expect(cellsElsewhere(model)).toEqual(before);
    expect(at(model, 200, 0)?.value).toBe("A note of my own below the summary");
    expect(at(model, 2, 12)?.value).toBe("A note beside it");
    const height = summaryLayout().cells.length;
    for (const address of summary(model).cells.keys()) {
      const [row, column] = address.split(",").map(Number);
      if ((row === 200 && column === 0) || (row === 2 && column === 12)) continue;
      expect(row < height && column < 8).toBe(true);
    }
  });

  it("sends the requests of 50 items for 5,000, but for pages of rows read", async () => {
    // All overdue, so both fill the refreshed lists.
    const overdue = (count: number) =>
      poamWorkbook({
        ...DATA,
        findings: Array.from({ length: count }, (_, i) => aFinding({ id: `POAM-2026-${String(i + 1).padStart(5, "0")}`, discovered: "2026-09-01", priority: "High" })),
      });
    const many = await overdue(5000);
    const few = await overdue(50);
    const manyRun = actionsOn(many);
    const fewRun = actionsOn(few);
    await manyRun.actions.refreshSummary("Dana Ortiz");
    await fewRun.actions.refreshSummary("Dana Ortiz");
    expect(fewRun.context.syncs).toBe(2);
    expect(manyRun.context.syncs).toBeLessThanOrEqual(fewRun.context.syncs + readPageRequests(manyRun.context.totalResponseBytes));
    // The first read and the write send the same commands; only the pages between them are extra.
    const ends = (run: typeof fewRun) => [run.context.requests[0].commands, run.context.requests.at(-1)?.commands];
    expect(ends(manyRun)).toEqual(ends(fewRun));
    expect(manyRun.context.maxRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
    expect(manyRun.context.maxResponseBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
    // Ten overdue rows listed, and a line for the rest.
    expect(at(many, SUMMARY_AREAS.topOverdue.body.row + 10, 0)?.value).toBe("…and 4990 more");
  });

  it("stops, naming the column, when a column it reads by was renamed, changing nothing", async () => {
    const model = await poamWorkbook(DATA);
    const poam = model.table("Poam");
    poam.sheet.cell(poam.range.row, poam.range.column + poam.headers().indexOf("Weakness")).value = "Title";
    const before = model.cellMap();
    await expect(actionsOn(model).actions.refreshSummary("Dana Ortiz")).rejects.toMatchObject({
      code: "invalidInput",
      message: expect.stringContaining('The Poam table (sheet POA&M) has no "Weakness" column'),
    });
    expect(model.cellMap()).toEqual(before);
  });

  it("tells the user the workbook is not a POA&M, changing nothing", async () => {
    const model = new FakeWorkbook();
    const before = model.cellMap();
    await expect(actionsOn(model).actions.refreshSummary("Dana Ortiz")).rejects.toMatchObject({ code: "notPoam" });
    expect(model.cellMap()).toEqual(before);
  });
});

describe("reading the Summary's figures", () => {
  it("works them out in one request and reports the last refresh", async () => {
    const model = await poamWorkbook();
    const first = actionsOn(model);
    const before = await first.actions.readSummary();
    expect(first.context.syncs).toBe(1);
    expect(before.lastRefreshed).toBeUndefined();
    expect(before.figures).toMatchObject({ open: 5, overdue: 2, dueSoon: 1 });
    expect(before.figures.readiness.score).toBe(104);
    await actionsOn(model).actions.refreshSummary("Dana Ortiz");
    expect((await actionsOn(model).actions.readSummary()).lastRefreshed).toBe("2026-11-23 14:05");
  });
});
