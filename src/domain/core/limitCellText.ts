/**
 * Excel keeps at most 32,767 characters in a cell (Microsoft's "Excel
 * specifications and limits"); a longer string is cut without a word when
 * the file is opened, or refused by Office.js. Every string a plan writes is
 * held to that: a longer one is clipped, ends with a marker saying how long
 * it was, and is reported, so nothing is lost without the user being told.
 */
import { cellAddress, quoteSheet } from "./a1";
import { isLink, type Cell, type PlanOp, type WorkbookPlan } from "../workbook/plan";

/** The most characters Excel holds in one cell. */
export const EXCEL_CELL_CHARS = 32_767;

/** The marker ending a clipped cell. */
export const clippedMarker = (length: number) => ` [clipped: Excel holds ${EXCEL_CELL_CHARS.toLocaleString("en")} characters in a cell; this text had ${length.toLocaleString("en")}]`;

/** A cell whose text was clipped: where it is (`'Sheet'!A1`) and how long the text was. */
export interface ClippedCell {
  readonly cell: string;
  readonly length: number;
}

/** What was clipped, in words: a sentence, then a line per cell; "" when nothing was. */
export function describeClipped(clipped: readonly ClippedCell[]): string {
  if (clipped.length === 0) return "";
  const lines = clipped.map((cell) => `  ${cell.cell}: ${cell.length.toLocaleString("en")} characters`);
  const one = clipped.length === 1;
  return `${clipped.length} ${one ? "cell was" : "cells were"} longer than the ${EXCEL_CELL_CHARS.toLocaleString("en")} characters Excel holds in a cell, so ${one ? "it ends" : "each ends"} clipped, with a marker:\n${lines.join("\n")}`;
}

/** `text` clipped to Excel's cell limit, marker included; the same string when it fits. */
export function clipText(text: string): string {
  if (text.length <= EXCEL_CELL_CHARS) return text;
  const marker = clippedMarker(text.length);
  let end = EXCEL_CELL_CHARS - marker.length;
  // Never split a surrogate pair.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + marker;
}

function limitRows(rows: readonly (readonly Cell[])[], sheet: string, firstRow: number, firstColumn: number, clipped: ClippedCell[]): readonly (readonly Cell[])[] {
  let changed = false;
  const limited = rows.map((row, r) => {
    let rowChanged = false;
    const cells = row.map((cell, c) => {
      const text = typeof cell === "string" ? cell : isLink(cell) ? cell.text : undefined;
      if (text === undefined || text.length <= EXCEL_CELL_CHARS) return cell;
      rowChanged = true;
      clipped.push({ cell: `${quoteSheet(sheet)}!${cellAddress({ row: firstRow + r, column: firstColumn + c })}`, length: text.length });
      return typeof cell === "string" ? clipText(cell) : { ...(cell as Exclude<Cell, string | number | boolean | null>), text: clipText(text) };
    });
    if (!rowChanged) return row;
    changed = true;
    return cells;
  });
  return changed ? limited : rows;
}

/** `plan` with every string it writes held to Excel's cell limit, and the cells that were clipped. */
export function limitCellText<P extends WorkbookPlan>(plan: P): { plan: P; clipped: ClippedCell[] } {
  const clipped: ClippedCell[] = [];
  const ops = plan.ops.map((op): PlanOp => {
    switch (op.kind) {
      case "createTable": {
        const rows = limitRows(op.rows, op.sheet, op.at.row + 1, op.at.column, clipped);
        return rows === op.rows ? op : { ...op, rows };
      }
      case "appendRows": {
        const rows = limitRows(op.rows, op.sheet, op.range.row + op.range.rowCount, op.range.column, clipped);
        return rows === op.rows ? op : { ...op, rows };
      }
      case "writeCells": {
        const cells = limitRows(op.cells, op.sheet, op.at.row, op.at.column, clipped);
        return cells === op.cells ? op : { ...op, cells };
      }
      default:
        return op;
    }
  });
  return { plan: clipped.length === 0 ? plan : { ...plan, ops }, clipped };
}
