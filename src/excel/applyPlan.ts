/**
 * The Office.js executor: queues a workbook plan on a request context and
 * sends it in as few syncs as it can. A sync is sent early only when the
 * queued values approach the request budget, so the number of round trips
 * does not grow with the workbook's size except by payload-sized blocks.
 */
import { columnLetter, rangeAddress, type RangeBox } from "../domain/core/a1";
import { isFormula, isLink, type Cell, type ChartSpec, type PlanOp, type SheetRange, type ValidationSpec, type WorkbookPlan } from "../domain/workbook/plan";
import type { CellStyle } from "../domain/workbook/schema";

/**
 * Excel on the web refuses requests over 5 MB; staying under 4 MB leaves room
 * for the request's own framing (docs/architecture.md, "The Excel adapter").
 */
export const REQUEST_BUDGET_BYTES = 4_000_000;
/** Values are sent early once this much is queued, so one more op cannot cross the budget. */
const FLUSH_AT_BYTES = 2_500_000;

/** Excel column widths are in points; a character of the default font is about 5.6 pt, plus padding. */
const pointsForCharacters = (characters: number) => Math.round(characters * 5.6 + 5);

const OPERATORS = {
  between: "Between",
  greaterThanOrEqual: "GreaterThanOrEqualTo",
  lessThanOrEqual: "LessThanOrEqualTo",
  greaterThan: "GreaterThan",
} as const;

/**
 * A list source as Office.js takes it: a formula ("=POAM_Priorities") or the
 * items themselves, comma-separated, without the quotes the file format puts
 * around a literal list (ListDataValidation.source:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.listdatavalidation#excel-excel-listdatavalidation-source-member).
 */
const listSource = (source: string) => (source.startsWith("=") ? source : source.replace(/^"(.*)"$/, "$1"));

/**
 * A date rule's operand as Office.js takes it: a formula, or a date in ISO
 * 8601; a bare serial number ("1") is neither, so it goes as the formula "=1"
 * (DateTimeDataValidation.formula1:
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.datetimedatavalidation#excel-excel-datetimedatavalidation-formula1-member).
 */
const dateOperand = (operand: string) => (operand.startsWith("=") || /^\d{4}-\d{2}-\d{2}/.test(operand) ? operand : `=${operand}`);

function officeRule(rule: ValidationSpec): Excel.DataValidationRule {
  switch (rule.type) {
    case "list":
      return { list: { inCellDropDown: true, source: listSource(rule.source) } };
    case "custom":
      return { custom: { formula: `=${rule.formula}` } };
    case "date":
      return { date: { operator: OPERATORS[rule.operator], formula1: dateOperand(rule.formula1) } };
    case "textLength":
      return { textLength: { operator: OPERATORS[rule.operator], formula1: Number(rule.formula1) } };
    case "decimal":
    case "whole": {
      const basic: Excel.BasicDataValidation = {
        operator: OPERATORS[rule.operator],
        formula1: Number(rule.formula1),
        ...(rule.formula2 !== undefined && { formula2: Number(rule.formula2) }),
      };
      return rule.type === "decimal" ? { decimal: basic } : { wholeNumber: basic };
    }
  }
}

const fill = <T>(rows: number, columns: number, value: T): T[][] =>
  Array.from({ length: rows }, () => Array.from({ length: columns }, () => value));

const encoder = new TextEncoder();

/**
 * Size of a value in the request: the UTF-8 bytes of its JSON, as Excel
 * counts the payload. A string's length in characters undercounts any text
 * beyond ASCII (an "é" is two bytes, a "€" three).
 */
const sizeOf = (value: unknown) => encoder.encode(JSON.stringify(value) ?? "").length;

export interface ApplyResult {
  readonly syncs: number;
}

class Batch {
  private queued = 0;
  syncs = 0;

  constructor(readonly context: Excel.RequestContext) {}

  /** Notes `bytes` about to be queued, sending what is queued first if they would not fit. */
  async reserve(bytes: number): Promise<void> {
    if (this.queued > 0 && this.queued + bytes > FLUSH_AT_BYTES) await this.flush();
    this.queued += bytes;
  }

  async flush(): Promise<void> {
    await this.context.sync();
    this.syncs++;
    this.queued = 0;
  }

  sheet(name: string): Excel.Worksheet {
    return this.context.workbook.worksheets.getItem(name);
  }
}

/**
 * Writes rows of one property (values, formulas or number formats) to
 * `range`, in blocks of rows small enough for one request each.
 */
async function writeRows(batch: Batch, sheet: Excel.Worksheet, range: RangeBox, rows: unknown[][], property: "values" | "formulas" | "numberFormat"): Promise<void> {
  let start = 0;
  while (start < rows.length) {
    let end = start;
    let bytes = 0;
    while (end < rows.length && (end === start || bytes + sizeOf(rows[end]) <= FLUSH_AT_BYTES)) {
      bytes += sizeOf(rows[end]);
      end++;
    }
    await batch.reserve(bytes);
    const block = sheet.getRange(rangeAddress({ ...range, row: range.row + start, rowCount: end - start }));
    block[property] = rows.slice(start, end) as never;
    start = end;
  }
}

/**
 * Writes a block of cells: per block of rows, one 2-D number format, one 2-D
 * values and (when the block holds any) one 2-D formulas command, so the
 * commands grow with the blocks, not with the cells. Strings are stored as
 * text: any cell receiving a string gets the Text number format before its
 * value, so "=1+1" or "-cmd" is never taken for a formula and "00123" keeps
 * its zeros. `columnFormats` gives the other cells their column's format
 * (a new table's columns); without it they keep the format they have.
 */
async function writeCells(
  batch: Batch,
  sheet: Excel.Worksheet,
  at: { row: number; column: number },
  cells: readonly (readonly Cell[])[],
  columnFormats: readonly (string | undefined)[] = [],
): Promise<void> {
  const width = Math.max(columnFormats.length, ...cells.map((row) => row.length));
  if (cells.length === 0 || width === 0) return;
  const grid = cells.map((row) => Array.from({ length: width }, (_, c) => (c < row.length ? row[c] : null)));
  const box = { row: at.row, column: at.column, rowCount: grid.length, columnCount: width };
  const formats = grid.map((row) =>
    row.map((cell, c) => {
      const own = columnFormats[c] ?? null;
      // An empty string clears the cell: it keeps (or gets) its column's format, not Text.
      return ((typeof cell === "string" && cell !== "") || (cell !== null && isLink(cell))) && own !== "@" ? "@" : own;
    }),
  );
  if (formats.some((row) => row.some((format) => format !== null))) await writeRows(batch, sheet, box, formats, "numberFormat");
  const literals = grid.map((row) => row.map((cell) => (cell === null ? null : isFormula(cell) ? null : isLink(cell) ? cell.text : cell)));
  await writeRows(batch, sheet, box, literals, "values");
  const formulas = grid.map((row) => row.map((cell) => (cell !== null && isFormula(cell) ? `=${cell.formula}` : null)));
  if (formulas.some((row) => row.some((formula) => formula !== null))) await writeRows(batch, sheet, box, formulas, "formulas");
  // Links are few (the Summary's lists of at most 30 items): one Range.hyperlink (ExcelApi 1.7) each, its text kept as typed.
  for (const [r, row] of grid.entries()) {
    for (const [c, cell] of row.entries()) {
      if (cell === null || !isLink(cell)) continue;
      await batch.reserve(sizeOf(cell) + 64);
      sheet.getRangeByIndexes(at.row + r, at.column + c, 1, 1).hyperlink = { documentReference: cell.location, textToDisplay: cell.text };
    }
  }
}

/** Office.js takes its enums' string values; the `Excel` namespace is not there until Office has loaded. */
const CHART_TYPES = { line: "Line", columnClustered: "ColumnClustered", columnStacked: "ColumnStacked" } as const satisfies Record<ChartSpec["type"], `${Excel.ChartType}`>;

function rangeOf(batch: Batch, where: SheetRange): Excel.Range {
  return batch.sheet(where.sheet).getRange(rangeAddress(where.range));
}

/**
 * Adds a chart and points each series at its own column (Chart series, ExcelApi 1.7), so the
 * chart follows the cells rather than a copy of their values.
 */
async function addChart(batch: Batch, sheet: Excel.Worksheet, spec: ChartSpec): Promise<void> {
  await batch.reserve(sizeOf(spec) + 512);
  const [first, ...others] = spec.series;
  const chart = sheet.charts.add(CHART_TYPES[spec.type], rangeOf(batch, first.values), "Columns");
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  const categories = rangeOf(batch, spec.categories);
  const firstSeries = chart.series.getItemAt(0);
  firstSeries.name = first.name;
  firstSeries.setXAxisValues(categories);
  for (const other of others) {
    const series = chart.series.add(other.name);
    series.setValues(rangeOf(batch, other.values));
    series.setXAxisValues(categories);
  }
  const { row, column, rowCount, columnCount } = spec.placement;
  chart.setPosition(rangeAddress({ row, column, rowCount: 1, columnCount: 1 }), rangeAddress({ row: row + rowCount - 1, column: column + columnCount - 1, rowCount: 1, columnCount: 1 }));
}

function styleRange(range: Excel.Range, style: CellStyle & { fontSize?: number; wrap?: boolean }): void {
  if (style.fill) range.format.fill.color = style.fill;
  if (style.fontColor) range.format.font.color = style.fontColor;
  if (style.bold) range.format.font.bold = true;
  if (style.fontSize) range.format.font.size = style.fontSize;
  if (style.wrap) range.format.wrapText = true;
}

async function applyOp(batch: Batch, op: PlanOp): Promise<void> {
  const { workbook } = batch.context;
  switch (op.kind) {
    case "renameSheet": {
      await batch.reserve(op.to.length + 64);
      const sheet = batch.sheet(op.from);
      sheet.name = op.to;
      sheet.tabColor = op.tabColor;
      return;
    }
    case "addSheet": {
      await batch.reserve(op.sheet.length + 64);
      workbook.worksheets.add(op.sheet).tabColor = op.tabColor;
      return;
    }
    case "createTable": {
      const sheet = batch.sheet(op.sheet);
      const dataRows = op.rows.length;
      const header = op.columns.map((column) => column.header);
      await writeCells(batch, sheet, { row: op.at.row, column: op.at.column }, [header]);
      await writeCells(batch, sheet, { row: op.at.row + 1, column: op.at.column }, op.rows, op.columns.map((column) => column.numberFormat));
      await batch.reserve(op.table.length + 128);
      const whole = rangeAddress({ row: op.at.row, column: op.at.column, rowCount: dataRows + 1, columnCount: op.columns.length });
      const table = sheet.tables.add(sheet.getRange(whole), true);
      table.name = op.table;
      table.style = op.style;
      return;
    }
    case "appendColumns": {
      const sheet = batch.sheet(op.sheet);
      const table = workbook.tables.getItem(op.table);
      for (const [index, column] of op.columns.entries()) {
        await batch.reserve(column.header.length + 64);
        table.columns.add(undefined, undefined, column.header);
        if (!column.numberFormat) continue;
        // Format the first cell and fill the format down: the same small request for any number of rows.
        const box = { row: op.range.row + 1, column: op.range.column + op.range.columnCount + index, rowCount: op.range.rowCount - 1, columnCount: 1 };
        const first = sheet.getRangeByIndexes(box.row, box.column, 1, 1);
        first.numberFormat = [[column.numberFormat]];
        if (box.rowCount > 1) first.autoFill(sheet.getRange(rangeAddress(box)), "FillFormats");
      }
      return;
    }
    case "appendRows": {
      const values = op.rows.map((row) => row.map((cell) => (isFormula(cell) ? null : cell)));
      await batch.reserve(sizeOf(values));
      const table = workbook.tables.getItem(op.table);
      // Under a filter Excel misplaces added rows (office-js #224); Table.clearFilters is ExcelApi 1.2.
      table.clearFilters();
      table.rows.add(undefined, values as (string | number | boolean)[][]);
      return;
    }
    case "setColumnFormula": {
      // One formula and a fill down, whatever the number of rows (Range.autoFill, ExcelApi 1.9).
      await batch.reserve(sizeOf(op.formula) + 160);
      const sheet = batch.sheet(op.sheet);
      const first = sheet.getRangeByIndexes(op.range.row, op.range.column, 1, 1);
      first.formulas = [[`=${op.formula}`]];
      if (op.range.rowCount > 1) first.autoFill(sheet.getRange(rangeAddress(op.range)), "FillCopy");
      return;
    }
    case "writeCells":
      await writeCells(batch, batch.sheet(op.sheet), op.at, op.cells);
      return;
    case "formatRange": {
      const sheet = batch.sheet(op.sheet);
      if (op.numberFormat) await writeRows(batch, sheet, op.range, fill(op.range.rowCount, op.range.columnCount, op.numberFormat), "numberFormat");
      if (op.style) {
        await batch.reserve(128);
        styleRange(sheet.getRange(rangeAddress(op.range)), op.style);
      }
      return;
    }
    case "setColumnWidths": {
      const sheet = batch.sheet(op.sheet);
      for (const { column, width } of op.widths) {
        await batch.reserve(48);
        const letter = columnLetter(column);
        sheet.getRange(`${letter}:${letter}`).format.columnWidth = pointsForCharacters(width);
      }
      return;
    }
    case "setValidation": {
      await batch.reserve(sizeOf(op.rule) + op.message.length + 128);
      const validation = batch.sheet(op.sheet).getRange(rangeAddress(op.range)).dataValidation;
      validation.clear();
      validation.ignoreBlanks = true;
      validation.rule = officeRule(op.rule);
      validation.errorAlert = { showAlert: true, style: op.alert === "warning" ? "Warning" : "Stop", title: "POA&M Workbench", message: op.message };
      return;
    }
    case "deleteConditionalFormats": {
      const formats = batch.sheet(op.sheet).getRange().conditionalFormats;
      // A conditional format's id is its priority, and deleting one renumbers those after it
      // (https://learn.microsoft.com/en-us/javascript/api/excel/excel.conditionalformat#excel-excel-conditionalformat-id-member):
      // deleting from the last up leaves the ids still to delete pointing at the same rules.
      const lastFirst = [...op.ids].sort((a, b) => Number(b) - Number(a));
      for (const id of lastFirst) {
        await batch.reserve(64);
        formats.getItem(id).delete();
      }
      return;
    }
    case "addConditionalFormat": {
      await batch.reserve(op.formula.length + 160);
      const format = batch.sheet(op.sheet).getRange(rangeAddress(op.range)).conditionalFormats.add("Custom");
      format.custom.rule.formula = `=${op.formula}`;
      if (op.style.fill) format.custom.format.fill.color = op.style.fill;
      if (op.style.fontColor) format.custom.format.font.color = op.style.fontColor;
      if (op.style.bold) format.custom.format.font.bold = true;
      // Each new rule goes to the top; the plan lists the most important rule first, so add in reverse (see applyPlan).
      format.priority = 0;
      return;
    }
    case "defineName":
      await batch.reserve(op.formula.length + op.comment.length + 64);
      workbook.names.add(op.name, `=${op.formula}`, op.comment);
      return;
    case "freezePanes": {
      await batch.reserve(64);
      const panes = batch.sheet(op.sheet).freezePanes;
      if (op.columns > 0) panes.freezeAt(rangeAddress({ row: 0, column: 0, rowCount: op.rows, columnCount: op.columns }));
      else panes.freezeRows(op.rows);
      return;
    }
    case "activateSheet":
      await batch.reserve(64);
      batch.sheet(op.sheet).activate();
      return;
    case "clearRange":
      await batch.reserve(96);
      batch.sheet(op.sheet).getRange(rangeAddress(op.range)).clear("All");
      return;
    case "removeCharts": {
      const charts = batch.sheet(op.sheet).charts;
      for (const name of op.names) {
        await batch.reserve(name.length + 64);
        charts.getItem(name).delete();
      }
      return;
    }
    case "addChart":
      await addChart(batch, batch.sheet(op.sheet), op.chart);
      return;
  }
}

/**
 * Applies `plan` to the workbook behind `context`, ending with a sync.
 * Conditional formats are added least important first, since Excel puts each
 * new rule on top.
 */
export async function applyPlan(context: Excel.RequestContext, plan: WorkbookPlan): Promise<ApplyResult> {
  const batch = new Batch(context);
  const formats = plan.ops.filter((op) => op.kind === "addConditionalFormat").reverse();
  let formatsDone = false;
  for (const op of plan.ops) {
    if (op.kind !== "addConditionalFormat") {
      await applyOp(batch, op);
      continue;
    }
    if (formatsDone) continue;
    for (const format of formats) await applyOp(batch, format);
    formatsDone = true;
  }
  await batch.flush();
  return { syncs: batch.syncs };
}
