/**
 * Plans a refresh of the leadership summary: a dated snapshot row in
 * `History`, the charts drawn from it, and the Summary's refreshed lists
 * (the most overdue items, the items due before the next review), each
 * linked to its row. The live formulas are written again too, so a workbook
 * set up by an older version gets the current Summary. Nothing outside the
 * Summary's own areas and the `History` table is touched.
 */
import { cellAddress, quoteSheet, type RangeBox } from "../core/a1";
import { daysBetween, toSerial, type IsoDate } from "../core/dates";
import type { Cell, ChartSpec, PlanOp, WorkbookPlan } from "../workbook/plan";
import type { PoamData, TableValues } from "../poam/poamData";
import { HISTORY_COLUMNS } from "../workbook/schema";
import { SUMMARY_AREAS, summaryLayout, type RefreshedList } from "./summaryLayout";
import { PRIORITIES } from "../poam/vocabulary";
import { type ComputedItem, nextReviewDate } from "../poam/computeItem";
import { summarise, type SummaryFigures } from "./summarise";

/** The charts the refresh owns on the Summary sheet, by name. */
export const CHART_NAMES = { trend: "POAM_TrendChart", priorities: "POAM_PriorityChart", score: "POAM_ScoreChart" } as const;

export interface RefreshInput {
  readonly data: PoamData;
  /** The `History` table as read, to append to it or replace today's row. */
  readonly history: TableValues;
  readonly summarySheet: string;
  /** Names of the charts already on the Summary sheet. */
  readonly existingCharts: readonly string[];
  readonly who: string;
  /** The moment of the refresh, as an Excel serial date-time in local time. */
  readonly now: number;
  /** Today's date, used when Settings has no As of date. */
  readonly today: IsoDate;
}

export interface RefreshResult {
  readonly plan: WorkbookPlan;
  readonly figures: SummaryFigures;
  /** The snapshot recorded in History. */
  readonly snapshot: Readonly<Record<string, string | number>>;
  /** Whether the snapshot replaced an earlier one for the same date. */
  readonly replaced: boolean;
}

const isBlank = (row: readonly unknown[]) => row.every((value) => value === null || value === undefined || value === "");

function snapshotValues(figures: SummaryFigures, items: readonly ComputedItem[], since: IsoDate | undefined, who: string): Record<string, string | number> {
  const count = (priority: string) => figures.byPriority.find((p) => p.priority === priority)?.open ?? 0;
  const closedSince = items.filter(({ state, completedOn: on }) => {
    if (state !== "Closed" || !on || on > figures.asOf) return false;
    // With no earlier snapshot the period is the last 30 days.
    return since ? on > since : daysBetween(on, figures.asOf) < 30;
  }).length;
  return {
    "Snapshot Date": toSerial(figures.asOf),
    Open: figures.open,
    ...Object.fromEntries(PRIORITIES.map((priority) => [priority, count(priority)])),
    Overdue: figures.overdue,
    "Due Soon": figures.dueSoon,
    "SPRS Score": figures.readiness.score,
    "Closed Since Last": closedSince,
    "Refreshed By": who,
  };
}

function listRows(list: RefreshedList, rows: Cell[][], total: number, what: string): Cell[][] {
  const shown = rows.slice(0, list.rows);
  const rest = total - shown.length;
  const padded: Cell[][] = [...shown];
  padded.push([total === 0 ? `No ${what}.` : rest > 0 ? `…and ${rest} more` : null]);
  return padded;
}

export function planRefresh(input: RefreshInput): RefreshResult {
  const { data, history, summarySheet: sheet } = input;
  const { figures, items } = summarise(data, input.today);
  const asOf = figures.asOf;
  const ops: PlanOp[] = [];

  // 1. The live section, written again (it is the add-in's own), then the refreshed lists.
  const layout = summaryLayout();
  ops.push({ kind: "writeCells", sheet, at: { row: 0, column: 0 }, cells: layout.cells });
  for (const format of layout.formats) ops.push({ kind: "formatRange", sheet, range: format.range, numberFormat: format.numberFormat, style: format.style });
  ops.push({ kind: "setColumnWidths", sheet, widths: layout.widths });

  const { poamTable } = data;
  const idColumn = 0;
  const linkTo = (item: ComputedItem): Cell => ({
    text: item.item.finding.id,
    location: `${quoteSheet(poamTable.sheet)}!${cellAddress({ row: poamTable.headerRow + 1 + item.item.row, column: poamTable.column + idColumn })}`,
  });
  const serial = (date: IsoDate | undefined) => (date ? toSerial(date) : null);
  const text = (value: string | undefined) => value ?? "";

  /** An item's row in a refreshed list: linked ID, weakness, owner, priority, due date, then `last`. */
  const listRow = (item: ComputedItem, last: Cell): Cell[] => [
    linkTo(item),
    text(item.item.finding.weakness),
    text(item.item.finding.owner),
    text(item.item.finding.priority),
    serial(item.dueDate),
    last,
  ];
  const byDueDate = (a: ComputedItem, b: ComputedItem) => (a.dueDate as IsoDate).localeCompare(b.dueDate as IsoDate) || a.item.row - b.item.row;

  const overdue = items.filter((item) => item.open && item.state === "Overdue").sort(byDueDate);
  const overdueRows = overdue.map((item) => listRow(item, -(item.daysLeft as number)));

  const review = nextReviewDate(data, asOf);
  const due = items
    .filter((item) => item.open && item.state !== "Accepted" && item.dueDate !== undefined && item.dueDate <= review)
    .sort(byDueDate);
  const dueRows = due.map((item) => listRow(item, text(item.state)));

  const { lastRefreshed, topOverdue, dueBeforeReview } = SUMMARY_AREAS;
  ops.push({ kind: "writeCells", sheet, at: lastRefreshed, cells: [[input.now]] });
  for (const [list, rows, total, what] of [
    [topOverdue, overdueRows, overdue.length, "overdue items"],
    [dueBeforeReview, dueRows, due.length, "open items due before the next review"],
  ] as const) {
    ops.push({ kind: "clearRange", sheet, range: list.body });
    ops.push({ kind: "writeCells", sheet, at: list.body, cells: listRows(list, rows, total, what) });
    ops.push({ kind: "formatRange", sheet, range: { ...list.body, column: 4, columnCount: 1, rowCount: list.rows }, numberFormat: "yyyy-mm-dd" });
  }

  // 2. The snapshot: today's row is replaced, a new date gets a new row.
  const previous = data.history.filter((row) => row.date < asOf).map((row) => row.date).sort().at(-1);
  const snapshot = snapshotValues(figures, items, previous, input.who);
  const standard = new Set(HISTORY_COLUMNS.map((column) => column.header));
  const cells = history.headers.map((header): Cell => (standard.has(header) ? (snapshot[header] ?? null) : null));
  const sameDay = data.history.find((row) => row.date === asOf);
  const blankOnly = history.rows.length === 1 && isBlank(history.rows[0]);
  let dataRows = history.rows.length;
  if (sameDay || blankOnly) {
    const row = sameDay ? sameDay.row : 0;
    ops.push({ kind: "writeCells", sheet: history.sheet, at: { row: history.headerRow + 1 + row, column: history.column }, cells: [cells] });
  } else {
    const range = { row: history.headerRow, column: history.column, rowCount: history.rows.length + 1, columnCount: history.headers.length };
    ops.push({ kind: "appendRows", sheet: history.sheet, table: history.name, range, rows: [cells] });
    dataRows++;
  }

  // 3. The charts, drawn again over the whole History table.
  const existing = Object.values(CHART_NAMES).filter((name) => input.existingCharts.includes(name));
  if (existing.length > 0) ops.push({ kind: "removeCharts", sheet, names: existing });
  const historyColumn = (header: string) => ({
    sheet: history.sheet,
    range: { row: history.headerRow + 1, column: history.column + history.headers.indexOf(header), rowCount: dataRows, columnCount: 1 },
  });
  const seriesOf = (...headers: string[]) =>
    headers.filter((header) => history.headers.includes(header)).map((header) => ({ name: header, values: historyColumn(header) }));
  const place = (index: number): RangeBox => ({ row: 4 + index * 17, column: SUMMARY_AREAS.chartColumn, rowCount: 16, columnCount: 8 });
  const categories = historyColumn("Snapshot Date");
  const charts: ChartSpec[] = [
    { name: CHART_NAMES.trend, title: "Open and overdue items", type: "line", categories, series: seriesOf("Open", "Overdue", "Due Soon"), placement: place(0) },
    { name: CHART_NAMES.priorities, title: "Open items by priority", type: "columnStacked", categories, series: seriesOf(...PRIORITIES), placement: place(1) },
    { name: CHART_NAMES.score, title: "SPRS score", type: "line", categories, series: seriesOf("SPRS Score"), placement: place(2) },
  ];
  if (history.headers.includes("Snapshot Date")) {
    for (const chart of charts) if (chart.series.length > 0) ops.push({ kind: "addChart", sheet, chart });
  }

  return { plan: { ops }, figures, snapshot, replaced: sameDay !== undefined };
}
