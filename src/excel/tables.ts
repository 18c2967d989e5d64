/**
 * Reading and writing rows of the POA&M's tables. Helpers queue work on a
 * context; the caller decides when to sync.
 */
import { PoamError } from "../domain/core/errors";
import { ERROR_MESSAGES } from "../domain/core/messages";
import { TABLES, numberFormatsFor } from "../domain/workbook/schema";
import { changeLogRowsIn, type Change } from "../domain/poam/changeLog";
import { isFormula, type Cell } from "../domain/workbook/plan";

/** A table whose layout is being loaded. */
export interface TableRead {
  readonly name: string;
  readonly table: Excel.Table;
  readonly range: Excel.Range;
  readonly header: Excel.Range;
  readonly lastRow: Excel.Range;
}

/** Where a table is and what its columns are, once loaded. */
export interface TableLayout {
  readonly name: string;
  readonly table: Excel.Table;
  readonly sheet: Excel.Worksheet;
  /** Zero-based sheet row of the header. */
  readonly headerRow: number;
  readonly column: number;
  /** Data rows (a table always has at least one). */
  readonly rowCount: number;
  readonly headers: readonly string[];
  /** Whether the last data row is empty: a new table's first row, reused rather than left blank. */
  readonly lastRowBlank: boolean;
}

/** Queues loading the layout of table `name`. */
export function readTable(context: Excel.RequestContext, name: string): TableRead {
  const table = context.workbook.tables.getItem(name);
  return {
    name,
    table,
    range: table.getRange().load("rowIndex, columnIndex, rowCount, columnCount"),
    header: table.getHeaderRowRange().load("values"),
    lastRow: table.getDataBodyRange().getLastRow().load("values"),
  };
}

/** The layout of a table read with `readTable`, after the sync. */
export function layoutOf(read: TableRead): TableLayout {
  return {
    name: read.name,
    table: read.table,
    sheet: read.table.worksheet,
    headerRow: read.range.rowIndex,
    column: read.range.columnIndex,
    rowCount: read.range.rowCount - 1,
    headers: read.header.values[0].map((value) => String(value)),
    lastRowBlank: read.lastRow.values[0].every((value) => value === ""),
  };
}

/** A table's data row as a range (zero-based data row). */
export function dataRowRange(layout: TableLayout, row: number): Excel.Range {
  return layout.sheet.getRangeByIndexes(layout.headerRow + 1 + row, layout.column, 1, layout.headers.length);
}

/**
 * Number formats for a row about to be written: Text for every cell receiving
 * a non-empty string (so "=1+1" stays text), the schema's format for other
 * cells the add-in owns (a cleared cell, "", gets its column's own format
 * back, so a date typed there later is a date, not text), and no change
 * (null) elsewhere.
 */
function formatsFor(layout: TableLayout, row: readonly Cell[]): (string | null)[] {
  const schemaFormats = numberFormatsFor(layout.name, layout.headers);
  const formulas = calculatedFormulas(layout);
  return row.map((cell, index) => {
    if (typeof cell === "string" && cell !== "") return "@";
    if (cell === null && formulas[index] === null) return null;
    return schemaFormats[index];
  });
}

/** The calculated-column formula ("=…") of each of the table's columns, null for the others. */
function calculatedFormulas(layout: TableLayout): (string | null)[] {
  const columns = TABLES.find((table) => table.name === layout.name)?.columns ?? [];
  return layout.headers.map((header) => {
    const formula = columns.find((column) => column.header === header)?.formula;
    return formula === undefined ? null : `=${formula}`;
  });
}

const literals = (row: readonly Cell[]) => row.map((cell) => (isFormula(cell) ? null : cell));

/** Queues writing cells into an existing data row; null cells are left as they are. */
export function writeRow(layout: TableLayout, row: number, cells: readonly Cell[]): void {
  const range = dataRowRange(layout, row);
  range.numberFormat = [formatsFor(layout, cells)];
  range.values = [literals(cells)];
}

/**
 * Queues writing new rows into `range`: one 2-D number format and one 2-D
 * values command, then the table's calculated columns. Excel fills those in
 * added rows only while the user's AutoCorrect option "Fill formulas in
 * tables to create calculated columns" is on (office-js #2093, #5909, #6745),
 * so the add-in writes them itself: the formulas into the first row, filled
 * down each formula column (Range.autoFill, ExcelApi 1.9), so a block costs
 * the same commands and nearly the same bytes whatever its number of rows.
 */
function writeNewRows(layout: TableLayout, range: Excel.Range, rows: readonly (readonly Cell[])[]): void {
  range.numberFormat = rows.map((row) => formatsFor(layout, row));
  range.values = rows.map(literals);
  const formulas = calculatedFormulas(layout);
  if (formulas.every((formula) => formula === null)) return;
  range.getRow(0).formulas = [formulas];
  if (rows.length === 1) return;
  formulas.forEach((formula, column) => {
    if (formula !== null) range.getCell(0, column).autoFill(range.getColumn(column), "FillCopy");
  });
}

/** Rows added at the end of a table in one go, for imports of many rows. */
export interface AppendedBlock {
  readonly first: Excel.TableRow;
  readonly count: number;
}

/**
 * Queues adding `rows` as a block: the empty rows in one command (the
 * returned TableRow is "the top row of the newly added row(s)",
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.tablerowcollection#excel-excel-tablerowcollection-add-member(1)),
 * then the block's formats, values and calculated columns over its range.
 * The rows are added empty rather than with their values, since a string
 * must meet the Text format before it is written.
 */
export function appendBlock(layout: TableLayout, rows: readonly (readonly Cell[])[]): AppendedBlock {
  if (rows.length === 0) throw new RangeError("appendBlock needs at least one row");
  const first = layout.table.rows.add(undefined, rows.map(() => layout.headers.map(() => "")));
  writeNewRows(layout, first.getRange().getResizedRange(rows.length - 1, 0), rows);
  return { first, count: rows.length };
}

/** One row written by `appendRows`; `settleAppend` may move it to a new row. */
interface AppendedRow {
  range: Excel.Range;
  readonly cells: readonly Cell[];
  /** The row Excel added, when the row is new. */
  added?: Excel.TableRow;
  /**
   * When the table's blank row was reused: what it held just before the write,
   * loaded in the same request, to notice someone else filling it meanwhile.
   */
  guard?: Excel.Range;
}

export interface Appended {
  readonly layout: TableLayout;
  readonly rows: readonly AppendedRow[];
}

/**
 * Queues adding `rows` (in the table's column order; null where a formula or
 * a user's own column is) at the end of the table. New rows are added empty,
 * so Excel fills the calculated columns, then formatted and written through
 * the row Excel returns, never by position. A new table's single blank row is
 * filled rather than left empty above the first item; see `settleAppend`.
 */
export function appendRows(layout: TableLayout, rows: readonly (readonly Cell[])[]): Appended {
  const reuseBlank = layout.rowCount === 1 && layout.lastRowBlank;
  const written = rows.map((cells, index): AppendedRow => {
    if (index === 0 && reuseBlank) {
      const range = dataRowRange(layout, 0);
      const guard = dataRowRange(layout, 0).load("values");
      return { range, cells, guard };
    }
    const added = layout.table.rows.add();
    return { range: added.getRange(), cells, added };
  });
  for (const row of written) writeNewRows(layout, row.range, [row.cells]);
  return { layout, rows: written };
}

/**
 * After the append's sync: if the reused blank row turned out to hold someone
 * else's entry (written between our read and our write), queues putting their
 * values back and adding ours as a new row. Returns whether it queued work.
 */
export function settleAppend(appended: Appended): boolean {
  const reused = appended.rows.find((row) => row.guard);
  if (!reused?.guard || reused.guard.values[0].every((value) => value === "")) return false;
  const theirs = reused.guard.values[0].map((value, index) => (reused.cells[index] === null ? null : (value as Cell)));
  reused.range.values = [theirs];
  reused.added = appended.layout.table.rows.add();
  reused.range = reused.added.getRange();
  reused.guard = undefined;
  writeNewRows(appended.layout, reused.range, [reused.cells]);
  return true;
}

/**
 * Undo steps for an append whose sync failed part way: each added row is
 * deleted and a reused blank row emptied. Each step is sent on its own, since
 * some may never have happened (a row Excel did not get to add). The last row
 * goes first: a TableRow points at an index, not at its row
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.tablerow), so
 * deleting an earlier row first would move a later one into its place.
 */
export function undoAppendSteps(appended: Appended): (() => void)[] {
  return appended.rows
    .map((row) => () => {
      if (row.added) row.added.delete();
      else row.range.values = [row.cells.map((cell) => (cell === null ? null : ""))];
    })
    .reverse();
}

/**
 * Queues clearing any filter on the tables about to be written: under a
 * filter Excel skips row deletes and puts written values in the wrong rows
 * (office-js #994, #224). Table.clearFilters is ExcelApi 1.2; it shows every
 * row again, which the user can filter anew.
 */
export function clearFilters(layouts: readonly TableLayout[]): void {
  for (const layout of layouts) layout.table.clearFilters();
}

/** Change Log rows for `changes`, laid out in the ChangeLog table's own column order. */
export function changeLogRowsFor(log: TableLayout, changes: readonly Change[], who: string, when: number): Cell[][] {
  return changeLogRowsIn(log.headers, changes, who, when);
}

/** The first sync of an action: a missing table means the workbook is not a POA&M yet. */
export async function syncReads(context: Excel.RequestContext): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    if ((error as { code?: string }).code === "ItemNotFound") throw new PoamError("notPoam", ERROR_MESSAGES.notPoam, error);
    throw error;
  }
}
