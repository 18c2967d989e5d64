/**
 * Writes an import into the open POA&M: new item rows in payload-sized
 * blocks with calculation suspended, changed cells of tracked items, new
 * milestones and the Change Log, then one recalculation. Progress is reported
 * after each block and the import can be cancelled between blocks. A
 * cancelled or failed import removes the rows it added and puts back the
 * cells it changed, so no partial import is left behind.
 */
import { PoamError } from "../domain/core/errors";
import { ERROR_MESSAGES } from "../domain/core/messages";
import type { Cell } from "../domain/workbook/plan";
import type { ImportRun } from "../domain/ports";
import { REQUEST_BUDGET_BYTES } from "./applyPlan";
import { toPoamError } from "./errors";
import { appendBlock, appendRows, clearFilters, settleAppend, writeRow, type Appended, type TableLayout } from "./tables";

/**
 * Writes are cut into blocks whose values come to at most this much, leaving
 * room under the request budget for the commands around them.
 */
export const IMPORT_BLOCK_BYTES = Math.floor(REQUEST_BUDGET_BYTES * 0.6);

const utf8 = new TextEncoder();

/** Splits rows into blocks whose JSON stays within `budget`. */
export function blocksOf<T extends readonly unknown[]>(rows: readonly T[], budget = IMPORT_BLOCK_BYTES): T[][] {
  const blocks: T[][] = [];
  let block: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    // Values, plus a number format and an empty string per cell in the add; Excel counts UTF-8 bytes.
    const size = utf8.encode(JSON.stringify(row)).length * 1.5 + row.length * 3 + 16;
    if (block.length > 0 && bytes + size > budget) {
      blocks.push(block);
      block = [];
      bytes = 0;
    }
    block.push(row);
    bytes += size;
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

export interface ImportTables {
  readonly poam: TableLayout;
  readonly log: TableLayout;
  readonly milestones?: TableLayout;
}

export interface ImportWrites {
  /** New item rows, in the Poam table's column order. */
  readonly rows: readonly (readonly Cell[])[];
  readonly logRows: readonly (readonly Cell[])[];
  readonly milestoneRows?: readonly (readonly Cell[])[];
  /** Cells of tracked items to change, and what they held, to put back on failure. */
  readonly edits: readonly { readonly row: number; readonly cells: readonly Cell[]; readonly old: readonly Cell[] }[];
}

/** Writes `writes` into `tables`; returns the requests sent. */
export async function writeImport(context: Excel.RequestContext, tables: ImportTables, writes: ImportWrites, run: ImportRun = {}): Promise<number> {
  const { poam } = tables;
  const { rows, edits } = writes;
  const total = rows.length;
  const appendTo = [
    { layout: poam, before: poam.rowCount },
    { layout: tables.log, before: tables.log.rowCount },
    ...(tables.milestones ? [{ layout: tables.milestones, before: tables.milestones.rowCount }] : []),
  ];
  const reusedRows: Appended[] = [];
  let syncs = 0;

  const send = async () => {
    context.application.suspendApiCalculationUntilNextSync();
    await context.sync();
    syncs++;
  };
  /**
   * Puts the workbook back as it was read: rows past the tables' earlier ends
   * are deleted (however many Excel added before it stopped), a reused blank
   * row is emptied and changed cells get their old values.
   */
  const rollback = async () => {
    const counts = appendTo.map(({ layout }) => layout.table.getDataBodyRange().load("rowCount"));
    await context.sync();
    appendTo.forEach(({ layout, before }, index) => {
      const now = counts[index].rowCount;
      if (now > before) layout.sheet.getRangeByIndexes(layout.headerRow + 1 + before, layout.column, now - before, layout.headers.length).delete("Up");
    });
    for (const appended of reusedRows) {
      const row = appended.rows[0];
      if (row && !row.added) row.range.values = [row.cells.map((cell) => (cell === null ? null : ""))];
    }
    for (const edit of edits) writeRow(poam, edit.row, edit.old);
    await context.sync();
  };
  const attempt = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      await rollback();
      throw toPoamError(error);
    }
  };
  const stopIfCancelled = async () => {
    if (!run.signal?.aborted) return;
    await rollback();
    throw new PoamError("cancelled", ERROR_MESSAGES.cancelled);
  };
  /**
   * Appends `rows` to a table in blocks. A new table's blank row takes the
   * first row, guarded against someone filling it meanwhile (see
   * `settleAppend`): on its own request for the POA&M (`guardFirst`), whose
   * progress is shown, and with the first block elsewhere.
   */
  const append = async (
    layout: TableLayout,
    rows: readonly (readonly Cell[])[],
    { guardFirst = false, onBlock }: { guardFirst?: boolean; onBlock?: (count: number) => void } = {},
  ) => {
    const remaining = [...rows];
    let reused: Appended | undefined;
    if (remaining.length > 0 && layout.rowCount === 1 && layout.lastRowBlank) {
      reused = appendRows(layout, [remaining.shift() as Cell[]]);
      reusedRows.push(reused);
      if (guardFirst) {
        const first = reused;
        await attempt(async () => {
          await send();
          if (settleAppend(first)) await send();
        });
        reused = undefined;
        onBlock?.(1);
      }
    }
    const blocks = blocksOf(remaining);
    if (reused && blocks.length === 0) await attempt(send);
    for (const block of blocks) {
      if (guardFirst) await stopIfCancelled();
      appendBlock(layout, block);
      await attempt(send);
      onBlock?.(block.length);
    }
    const pending = reused;
    if (pending) await attempt(async () => {
      if (settleAppend(pending)) await send();
    });
  };

  clearFilters(appendTo.map(({ layout }) => layout));
  let written = 0;
  await append(poam, rows, {
    guardFirst: true,
    onBlock: (count) => {
      written += count;
      run.onProgress?.({ written, total });
    },
  });
  await stopIfCancelled();

  // Tracked items, milestones and the Change Log, then a recalculation, since calculation was suspended for the writes.
  if (edits.length > 0) {
    for (const edit of edits) writeRow(poam, edit.row, edit.cells);
    if (writes.logRows.length === 0) await attempt(send);
  }
  if (tables.milestones && writes.milestoneRows) await append(tables.milestones, writes.milestoneRows);
  await append(tables.log, writes.logRows);
  context.application.calculate("Recalculate");
  await context.sync();
  return syncs + 1;
}
