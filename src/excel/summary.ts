/**
 * Reading the whole POA&M for the summary maths, and the summary refresh:
 * one read, then one write of the plan the domain makes from it.
 */
import { formatSerialDateTime, localToday, toSerialDateTime, type IsoDate } from "../domain/core/dates";
import { NAME } from "../domain/workbook/definedNames";
import { DATA_TABLES, poamDataFromTables, type PoamData, type TableValues } from "../domain/poam/poamData";
import type { SummaryRefresh, SummaryStatus } from "../domain/ports";
import { planRefresh } from "../domain/summary/refreshPlan";
import { SUMMARY_AREAS } from "../domain/summary/summaryLayout";
import { applyPlan } from "./applyPlan";
import type { Author } from "./itemActions";
import { syncReads } from "./tables";
import { summarise } from "../domain/summary/summarise";

/** Queues reading every table the summary maths needs; call `values()` after the sync. */
export function queueTableReads(context: Excel.RequestContext): () => TableValues[] {
  const reads = DATA_TABLES.map((name) => {
    const table = context.workbook.tables.getItem(name);
    return {
      name,
      range: table.getRange().load("rowIndex, columnIndex"),
      sheet: table.worksheet.load("name"),
      header: table.getHeaderRowRange().load("values"),
      body: table.getDataBodyRange().load("values"),
    };
  });
  return () =>
    reads.map((read) => ({
      name: read.name,
      sheet: read.sheet.name,
      headerRow: read.range.rowIndex,
      column: read.range.columnIndex,
      headers: read.header.values[0].map(String),
      rows: read.body.values,
    }));
}

/** The POA&M's records, in one sync. */
export async function readPoamData(context: Excel.RequestContext): Promise<PoamData> {
  const values = queueTableReads(context);
  await syncReads(context);
  return poamDataFromTables(values());
}

/** The Summary's figures and the time of its last refresh, in one sync. */
export async function readSummary(context: Excel.RequestContext, today: IsoDate): Promise<SummaryStatus> {
  const values = queueTableReads(context);
  const { row, column } = SUMMARY_AREAS.lastRefreshed;
  const stamp = context.workbook.names.getItem(NAME.summary).getRange().worksheet.getRangeByIndexes(row, column, 1, 1).load("values");
  await syncReads(context);
  const refreshed: unknown = stamp.values[0][0];
  return {
    figures: summarise(poamDataFromTables(values()), today).figures,
    lastRefreshed: typeof refreshed === "number" && refreshed > 0 ? formatSerialDateTime(refreshed) : undefined,
  };
}

/** Refreshes the Summary: two requests, whatever the POA&M's size (one read, one write). */
export async function refreshSummary(context: Excel.RequestContext, author: Author): Promise<SummaryRefresh> {
  const values = queueTableReads(context);
  const summaryCell = context.workbook.names.getItem(NAME.summary).getRange();
  const summarySheet = summaryCell.worksheet.load("name");
  const charts = summaryCell.worksheet.charts.load("items/name");
  await syncReads(context);

  const tables = values();
  const history = tables.find((table) => table.name === "History") as TableValues;
  const refreshed = planRefresh({
    data: poamDataFromTables(tables),
    history,
    summarySheet: summarySheet.name,
    existingCharts: charts.items.map((chart) => chart.name),
    who: author.who,
    now: toSerialDateTime(author.now),
    today: localToday(author.now),
  });
  const { syncs } = await applyPlan(context, refreshed.plan);
  return { figures: refreshed.figures, snapshot: refreshed.snapshot, replaced: refreshed.replaced, refreshedAt: author.now, syncs: syncs + 1 };
}
