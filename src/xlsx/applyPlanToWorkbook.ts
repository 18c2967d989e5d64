/**
 * The file executor: applies a workbook plan to an ExcelJS workbook. Used by
 * the `poam` command and by the tests, which let LibreOffice recalculate the
 * result. It applies plans for new workbooks; upgrading an existing workbook
 * is the add-in's job (src/excel/).
 */
import type ExcelJS from "exceljs";
import { cellAddress, rangeAddress, type RangeBox } from "../domain/core/a1";
import { isFormula, isLink, type Cell, type ChartSpec, type PlanOp, type SheetRange, type ValidationSpec, type WorkbookPlan } from "../domain/workbook/plan";
import { numberFormatsFor, type CellStyle } from "../domain/workbook/schema";

/** What the plan needs beyond ExcelJS's own model, added by `finishPackage`. */
export interface PackageExtras {
  readonly names: { name: string; formula: string; comment: string }[];
  /** Calculated-column formulas by table name and column header. */
  readonly calculatedColumns: Map<string, Map<string, string>>;
  /** Charts by the sheet they are drawn on, in the order they were added. */
  readonly charts: PendingChart[];
}

export interface PendingChart {
  readonly sheet: string;
  readonly chart: ChartSpec;
  /**
   * The category cells' number format when they hold numbers (dates are
   * numbers), so the chart reads and labels them as numbers; absent when they
   * hold text. Known only once the whole plan is applied.
   */
  readonly categoryFormat?: string;
}

/** ExcelJS has `Worksheet.dataValidations` (since 4.3) but its type definitions leave it out. */
interface WithDataValidations {
  readonly dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

function cellValue(cell: Cell): ExcelJS.CellValue {
  if (isFormula(cell)) return { formula: cell.formula, date1904: false };
  // "#" makes the link internal; finishPackage turns it into a plain location.
  if (isLink(cell)) return { text: cell.text, hyperlink: `#${cell.location}` };
  return cell;
}

function eachCell(range: RangeBox, visit: (row: number, column: number) => void): void {
  for (let r = 0; r < range.rowCount; r++) {
    for (let c = 0; c < range.columnCount; c++) visit(range.row + r + 1, range.column + c + 1);
  }
}

function styleCell(cell: ExcelJS.Cell, style: CellStyle & { fontSize?: number; wrap?: boolean }): void {
  if (style.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  if (style.fontColor || style.bold || style.fontSize) {
    cell.font = {
      ...cell.font,
      ...(style.fontColor && { color: { argb: argb(style.fontColor) } }),
      ...(style.bold && { bold: true }),
      ...(style.fontSize && { size: style.fontSize }),
    };
  }
  if (style.wrap) cell.alignment = { ...cell.alignment, wrapText: true, vertical: "top" };
}

/**
 * ExcelJS writes a date rule's bounds only as fixed dates, so a bound that is
 * a formula (TODAY()) becomes the equivalent custom rule on the same range.
 */
function toExcelJsValidation(rule: ValidationSpec, range: RangeBox): ExcelJS.DataValidation {
  const first = `${cellAddress({ row: range.row, column: range.column })}`;
  const anchored = first.replace(/^([A-Z]+)/, "$$$1");
  const stripEquals = (formula: string) => formula.replace(/^=/, "");
  switch (rule.type) {
    case "list":
      return { type: "list", formulae: [stripEquals(rule.source)] };
    case "custom":
      return { type: "custom", formulae: [rule.formula] };
    case "date":
      return {
        type: "custom",
        formulae: [
          rule.operator === "lessThanOrEqual"
            ? `AND(ISNUMBER(${anchored}),${anchored}<=${stripEquals(rule.formula1)})`
            : `AND(ISNUMBER(${anchored}),${anchored}>${stripEquals(rule.formula1)})`,
        ],
      };
    case "textLength":
      return { type: "textLength", operator: rule.operator, formulae: [Number(rule.formula1)] };
    case "decimal":
    case "whole":
      return rule.operator === "between"
        ? { type: rule.type, operator: "between", formulae: [Number(rule.formula1), Number(rule.formula2)] }
        : { type: rule.type, operator: "greaterThanOrEqual", formulae: [Number(rule.formula1)] };
  }
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`The plan names a sheet the workbook does not have: ${name}`);
  return found;
}

function applyOp(workbook: ExcelJS.Workbook, op: PlanOp, extras: PackageExtras): void {
  switch (op.kind) {
    case "renameSheet": {
      const ws = sheet(workbook, op.from);
      ws.name = op.to;
      ws.properties.tabColor = { argb: argb(op.tabColor) };
      return;
    }
    case "addSheet":
      workbook.addWorksheet(op.sheet, { properties: { tabColor: { argb: argb(op.tabColor) } } });
      return;
    case "createTable": {
      const ws = sheet(workbook, op.sheet);
      ws.addTable({
        name: op.table,
        displayName: op.table,
        ref: cellAddress(op.at),
        headerRow: true,
        totalsRow: false,
        style: { theme: op.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
        columns: op.columns.map((column) => ({ name: column.header, filterButton: true })),
        rows: op.rows.map((row) => row.map(cellValue)),
      });
      op.columns.forEach((column, index) => {
        if (!column.numberFormat) return;
        for (let r = 0; r < op.rows.length; r++) {
          ws.getCell(op.at.row + 2 + r, op.at.column + 1 + index).numFmt = column.numberFormat;
        }
      });
      return;
    }
    case "setColumnFormula": {
      const ws = sheet(workbook, op.sheet);
      eachCell(op.range, (row, column) => {
        ws.getCell(row, column).value = { formula: op.formula, date1904: false };
      });
      const columns = extras.calculatedColumns.get(op.table) ?? new Map<string, string>();
      columns.set(op.column, op.formula);
      extras.calculatedColumns.set(op.table, columns);
      return;
    }
    case "writeCells": {
      const ws = sheet(workbook, op.sheet);
      op.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (cell !== null) ws.getCell(op.at.row + r + 1, op.at.column + c + 1).value = cellValue(cell);
        }),
      );
      return;
    }
    case "formatRange": {
      const ws = sheet(workbook, op.sheet);
      eachCell(op.range, (row, column) => {
        const cell = ws.getCell(row, column);
        if (op.numberFormat) cell.numFmt = op.numberFormat;
        if (op.style) styleCell(cell, op.style);
      });
      return;
    }
    case "setColumnWidths": {
      const ws = sheet(workbook, op.sheet);
      for (const { column, width } of op.widths) ws.getColumn(column + 1).width = width;
      return;
    }
    case "setValidation":
      (sheet(workbook, op.sheet) as unknown as WithDataValidations).dataValidations.add(rangeAddress(op.range), {
        ...toExcelJsValidation(op.rule, op.range),
        allowBlank: true,
        showErrorMessage: true,
        errorStyle: op.alert,
        errorTitle: "POA&M Workbench",
        error: op.message,
      });
      return;
    case "addConditionalFormat":
      sheet(workbook, op.sheet).addConditionalFormatting({
        ref: rangeAddress(op.range),
        rules: [
          {
            type: "expression",
            priority: op.rank + 1,
            formulae: [op.formula],
            style: {
              ...(op.style.fill && { fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(op.style.fill) } } }),
              font: {
                ...(op.style.fontColor && { color: { argb: argb(op.style.fontColor) } }),
                ...(op.style.bold && { bold: true }),
              },
            },
          },
        ],
      });
      return;
    case "defineName":
      extras.names.push({ name: op.name, formula: op.formula, comment: op.comment });
      return;
    case "clearRange": {
      const ws = sheet(workbook, op.sheet);
      eachCell(op.range, (row, column) => {
        const cell = ws.getCell(row, column);
        cell.value = null;
        cell.style = {};
      });
      return;
    }
    case "removeCharts":
      // A file is written new: the only charts to remove are the plan's own.
      for (let i = extras.charts.length - 1; i >= 0; i--) {
        const { sheet: on, chart } = extras.charts[i];
        if (on === op.sheet && op.names.includes(chart.name)) extras.charts.splice(i, 1);
      }
      return;
    case "addChart":
      // Fails here, not when the file is finished, on a sheet the workbook does not have.
      sheet(workbook, op.sheet);
      extras.charts.push({ sheet: op.sheet, chart: op.chart });
      return;
    case "freezePanes":
      sheet(workbook, op.sheet).views = [
        { state: "frozen", xSplit: op.columns, ySplit: op.rows, topLeftCell: cellAddress({ row: op.rows, column: op.columns }) },
      ];
      return;
    case "activateSheet": {
      const index = workbook.worksheets.findIndex((ws) => ws.name === op.sheet);
      workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: index, visibility: "visible" }];
      return;
    }
    case "appendRows": {
      // Rows added to a table the same plan created (the demo's refresh after its setup).
      const ws = sheet(workbook, op.sheet);
      const table = ws.getTable(op.table) as ExcelJS.Table & { table: { columns: { name: string }[] } };
      const formats = numberFormatsFor(op.table, table.table.columns.map((column) => column.name));
      op.rows.forEach((row, index) => {
        table.addRow(row.map(cellValue));
        formats.forEach((format, c) => {
          if (format) ws.getCell(op.range.row + op.range.rowCount + index + 1, op.range.column + c + 1).numFmt = format;
        });
      });
      table.commit();
      return;
    }
    case "appendColumns":
    case "deleteConditionalFormats":
      throw new Error(`A workbook file is written new; "${op.kind}" applies only to a workbook open in Excel.`);
  }
}

/**
 * The number format of a chart's category cells when they all hold numbers,
 * else undefined. A formula's result is unknown until it is calculated, so a
 * formula counts as a number only when its cell has a number format.
 */
function categoryFormat(workbook: ExcelJS.Workbook, categories: SheetRange): string | undefined {
  const ws = sheet(workbook, categories.sheet);
  const cells: ExcelJS.Cell[] = [];
  eachCell(categories.range, (row, column) => {
    const cell = ws.getCell(row, column);
    if (cell.value !== null && cell.value !== undefined) cells.push(cell);
  });
  const numeric = ({ value, numFmt }: ExcelJS.Cell) => {
    if (typeof value === "number" || value instanceof Date) return true;
    const formula = typeof value === "object" && value !== null && "formula" in value;
    return formula && Boolean(numFmt) && numFmt !== "@" && numFmt !== "General";
  };
  if (cells.length === 0 || !cells.every(numeric)) return undefined;
  return cells[0].numFmt || "General";
}

/** Applies `plan` to `workbook`, returning what ExcelJS cannot hold and `finishPackage` adds. */
export function applyPlanToWorkbook(workbook: ExcelJS.Workbook, plan: WorkbookPlan): PackageExtras {
  const extras: PackageExtras = { names: [], calculatedColumns: new Map(), charts: [] };
  for (const op of plan.ops) applyOp(workbook, op, extras);
  extras.charts.forEach((pending, i) => {
    extras.charts[i] = { ...pending, categoryFormat: categoryFormat(workbook, pending.chart.categories) };
  });
  return extras;
}
