/**
 * Reading the whole POA&M for the summary maths, and the summary refresh:
 * the read (one sync, and row pages for a large POA&M), then one write of the
 * plan the domain makes from it.
 */
import { formatSerialDateTime, localToday, toSerialDateTime, type IsoDate } from "../domain/core/dates";
import { NAME } from "../domain/workbook/definedNames";
import { DATA_TABLES, poamDataFromTables, type PoamData, type TableValues } from "../domain/poam/poamData";
import type { SummaryRefresh, SummaryStatus } from "../domain/ports";
import { planRefresh } from "../domain/summary/refreshPlan";
import { SUMMARY_AREAS } from "../domain/summary/summaryLayout";
import { applyPlan } from "./applyPlan";
import type { Author } from "./itemActions";
import { headersOf, queueRows, readRemainingRows, type RowsRead } from "./readColumns";
import { syncReads } from "./tables";
import { summarise } from "../domain/summary/summarise";

/**
 * The tables the summary maths reads, queued; after the first sync, `finish`
 * reads their remaining rows, and those of an action's other reads with them.
 */
export interface TablesRead {
  finish(context: Excel.RequestContext, alongside?: readonly RowsRead[]): Promise<{ tables: TableValues[]; syncs: number }>;
}

/** Queues reading every table the summary maths needs: their layout and first pages, for the action's first sync. */
export function queueTableReads(context: Excel.RequestContext): TablesRead {
  const reads = DATA_TABLES.map((name) => {
    const table = context.workbook.tables.getItem(name);
    return {
      name,
      range: table.getRange().load("rowIndex, columnIndex"),
      sheet: table.worksheet.load("name"),
      rows: queueRows(context, name),
    };
  });
  return {
    async finish(context, alongside = []) {
      const syncs = await readRemainingRows(context, [...reads.map((read) => read.rows), ...alongside]);
      const tables = reads.map((read) => ({
        name: read.name,
        sheet: read.sheet.name,
        headerRow: read.range.rowIndex,
        column: read.range.columnIndex,
        headers: headersOf(read.rows),
        rows: read.rows.rows,
      }));
      return { tables, syncs };
    },
  };
}

/** The POA&M's records: one sync, and row pages for a large POA&M. */
export async function readPoamData(context: Excel.RequestContext): Promise<PoamData> {
  const reads = queueTableReads(context);
  await syncReads(context);
  return poamDataFromTables((await reads.finish(context)).tables);
}

/** The Summary's figures and the time of its last refresh: one sync, and row pages for a large POA&M. */
export async function readSummary(context: Excel.RequestContext, today: IsoDate): Promise<SummaryStatus> {
  const reads = queueTableReads(context);
  const { row, column } = SUMMARY_AREAS.lastRefreshed;
  const stamp = context.workbook.names.getItem(NAME.summary).getRange().worksheet.getRangeByIndexes(row, column, 1, 1).load("values");
  await syncReads(context);
  const { tables } = await reads.finish(context);
  const refreshed: unknown = stamp.values[0][0];
  return {
    figures: summarise(poamDataFromTables(tables), today).figures,
    lastRefreshed: typeof refreshed === "number" && refreshed > 0 ? formatSerialDateTime(refreshed) : undefined,
  };
}

/** Refreshes the Summary: one read (with row pages for a large POA&M) and one write. */
export async function refreshSummary(context: Excel.RequestContext, author: Author): Promise<SummaryRefresh> {
  const reads = queueTableReads(context);
  const summaryCell = context.workbook.names.getItem(NAME.summary).getRange();
  const summarySheet = summaryCell.worksheet.load("name");
  const charts = summaryCell.worksheet.charts.load("items/name");
  await syncReads(context);
  const { tables, syncs: pageSyncs } = await reads.finish(context);

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
  return { figures: refreshed.figures, snapshot: refreshed.snapshot, replaced: refreshed.replaced, refreshedAt: author.now, syncs: 1 + pageSyncs + syncs };
}
