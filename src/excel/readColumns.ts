/**
 * Reading a table's rows in pages that fit in Excel's responses. Excel on the
 * web refuses a response over 5 MB (ResponsePayloadSizeLimitExceeded,
 * https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins),
 * and a POA&M of 20,000 items read whole is several times that.
 *
 * A read names the columns its action needs (or takes the whole table). Its
 * first page travels in the action's first sync beside the tables' layout, so
 * a small POA&M is read in one round trip as before; the rest follows in
 * pages sized from the first page's bytes per row, the pages of several reads
 * sharing a sync up to the budget. A page Excel still refuses (rows far longer
 * than the first ones) is asked for again in halves.
 */
import { TABLES } from "../domain/workbook/schema";

/** What one sync's pages may bring back: well under Excel's 5 MB, as a page's rows may be longer than the first page's. */
export const RESPONSE_BUDGET_BYTES = 2 * 1024 * 1024;

/** Cells in a read's first page: about 1 MB at 100 bytes a cell, for a first sync that holds several reads. */
export const FIRST_PAGE_CELLS = 10_000;

const encoder = new TextEncoder();
const utf8Bytes = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

/** A table's rows being read: queued by `queueRows`, complete after `readRemainingRows`. */
export interface RowsRead {
  readonly table: string;
  /** The headers asked for, in order; undefined for every column. */
  readonly columns: readonly string[] | undefined;
  /** Where the rows come from: one data body per column asked for, or the table's whole data body. */
  readonly sources: readonly Excel.Range[];
  /** The table's header row, loaded when every column is read. */
  readonly header: Excel.Range | undefined;
  readonly firstPageRows: number;
  readonly firstPage: readonly Excel.Range[];
  /** Every row, in `columns` order (or the table's), once read. */
  rows: unknown[][];
}

/** The first `rows` rows of `body`, never past its end. */
function topRows(body: Excel.Range, rows: number): Excel.Range {
  return body.getIntersectionOrNullObject(body.getRow(0).getResizedRange(rows - 1, 0));
}

/**
 * Queues the first page of table `name`'s data rows: the columns `columns`
 * (by header, in that order), or every column when omitted.
 */
export function queueRows(context: Excel.RequestContext, name: string, columns?: readonly string[]): RowsRead {
  const table = context.workbook.tables.getItem(name);
  const sources = columns ? columns.map((header) => table.columns.getItem(header).getDataBodyRange()) : [table.getDataBodyRange()];
  const width = columns?.length ?? TABLES.find((t) => t.name === name)?.columns.length ?? 10;
  const firstPageRows = Math.max(1, Math.floor(FIRST_PAGE_CELLS / Math.max(1, width)));
  sources[0].load("rowCount");
  return {
    table: name,
    columns,
    sources,
    header: columns ? undefined : table.getHeaderRowRange().load("values"),
    firstPageRows,
    firstPage: sources.map((source) => topRows(source, firstPageRows).load("values")),
    rows: [],
  };
}

/** The headers of a read's rows: those asked for, or the table's own. */
export function headersOf(read: RowsRead): string[] {
  return read.columns ? [...read.columns] : (read.header?.values[0] ?? []).map(String);
}

/** One column of a read's rows, by header (a column the read did not ask for is a programming error). */
export function columnOf(read: RowsRead, header: string): unknown[] {
  const index = headersOf(read).indexOf(header);
  if (index < 0) throw new RangeError(`${header} was not read from ${read.table}`);
  return read.rows.map((row) => row[index]);
}

interface Page {
  readonly read: RowsRead;
  readonly start: number;
  readonly count: number;
  readonly bytes: number;
}

/** Puts the values of each source's page side by side into the read's rows from `start`. */
function store(read: RowsRead, start: number, parts: readonly (readonly (readonly unknown[])[])[]): void {
  const count = parts[0]?.length ?? 0;
  for (let r = 0; r < count; r++) read.rows[start + r] = parts.flatMap((part) => part[r]);
}

/** Takes the first page out of the first sync; returns the pages still to read. */
function afterFirstPage(read: RowsRead): Page[] {
  const rowCount = read.sources[0].rowCount;
  const parts = read.firstPage.map((range) => (range.isNullObject ? [] : range.values));
  store(read, 0, parts);
  const got = Math.min(rowCount, read.firstPageRows);
  read.rows.length = got;
  if (got >= rowCount) return [];
  const bytesPerRow = Math.max(16, utf8Bytes(parts) / Math.max(1, got));
  const pageRows = Math.max(1, Math.floor(RESPONSE_BUDGET_BYTES / bytesPerRow));
  const pages: Page[] = [];
  for (let start = got; start < rowCount; start += pageRows) {
    const count = Math.min(pageRows, rowCount - start);
    pages.push({ read, start, count, bytes: count * bytesPerRow });
  }
  return pages;
}

/**
 * A refused page, asked for again in halves. Its rows were longer than
 * estimated, so each half is taken to weigh what the whole was thought to:
 * fewer pages then share a sync, down to one row a sync.
 */
function retried(page: Page): Page[] {
  if (page.count === 1) return [{ ...page, bytes: page.bytes * 2 }];
  const first = Math.ceil(page.count / 2);
  return [
    { ...page, count: first },
    { ...page, start: page.start + first, count: page.count - first },
  ];
}

const responseTooLarge = (error: unknown) => (error as { code?: string } | null)?.code === "ResponsePayloadSizeLimitExceeded";

/**
 * After the sync that carried the first pages: reads the rest of every read's
 * rows, several pages a sync up to the budget. Returns the syncs it took (0
 * when the first pages held every row).
 */
export async function readRemainingRows(context: Excel.RequestContext, reads: readonly RowsRead[]): Promise<number> {
  let pending = reads.flatMap(afterFirstPage);
  let syncs = 0;
  while (pending.length > 0) {
    let bytes = 0;
    let taken = 0;
    while (taken < pending.length && (taken === 0 || bytes + pending[taken].bytes <= RESPONSE_BUDGET_BYTES)) bytes += pending[taken++].bytes;
    const batch = pending.slice(0, taken);
    const loads = batch.map((page) => page.read.sources.map((source) => source.getRow(page.start).getResizedRange(page.count - 1, 0).load("values")));
    syncs++;
    try {
      // Each page depends on none other, but one response must stay under the limit: so one sync per batch of pages.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      if (!responseTooLarge(error) || (batch.length === 1 && batch[0].count === 1)) throw error;
      pending = [...batch.flatMap(retried), ...pending.slice(taken)];
      continue;
    }
    batch.forEach((page, index) => store(page.read, page.start, loads[index].map((range) => range.values)));
    pending = pending.slice(taken);
  }
  return syncs;
}
