/**
 * A workbook plan: plain data saying what to put in a workbook, in the order
 * it must be applied. Three executors apply it: `src/excel/` to the open
 * workbook through Office.js, `src/xlsx/` to a new file through ExcelJS,
 * and `src/xlsx-patch/` to an existing file at the package level.
 *
 * Addresses are local to the named sheet ("A2:A41"). Rows and columns in
 * boxes are zero-based.
 */
import type { RangeBox } from "../core/a1";
import type { CellStyle } from "./schema";

/** A formula, stored without its leading "=". */
export interface Formula {
  readonly formula: string;
}

/** Text that links to a place in the workbook, e.g. `'POA&M'!A12`. The text is written as text. */
export interface Link {
  readonly text: string;
  readonly location: string;
}

/**
 * A cell to write. Strings are always written as text, never parsed: a
 * weakness titled "=1+1" stays that string. Dates are Excel serial numbers
 * with a date number format. `null` leaves the cell empty.
 */
export type Cell = string | number | boolean | null | Formula | Link;

export function isFormula(cell: Cell): cell is Formula {
  return typeof cell === "object" && cell !== null && "formula" in cell;
}

export function isLink(cell: Cell): cell is Link {
  return typeof cell === "object" && cell !== null && "location" in cell;
}

/** A range of cells on a named sheet. */
export interface SheetRange {
  readonly sheet: string;
  readonly range: RangeBox;
}

/** A chart drawn from ranges of the workbook, so it follows their values. */
export interface ChartSpec {
  /** Identifies the chart on its sheet, so a later plan can replace it. */
  readonly name: string;
  readonly title: string;
  readonly type: "line" | "columnClustered" | "columnStacked";
  /** The category labels (x axis): one column. */
  readonly categories: SheetRange;
  /** One column each, as long as the categories. */
  readonly series: readonly { readonly name: string; readonly values: SheetRange }[];
  /** The cells the chart covers on its own sheet. */
  readonly placement: RangeBox;
}

/** A table column to create; its number format is applied to its data cells before anything is written. */
export interface ColumnSpec {
  readonly header: string;
  readonly numberFormat?: string;
}

/** Office.js data-validation rules, in a form both executors can apply. */
export type ValidationSpec =
  | { readonly type: "list"; readonly source: string }
  | { readonly type: "decimal" | "whole"; readonly operator: "between" | "greaterThanOrEqual"; readonly formula1: string; readonly formula2?: string }
  | { readonly type: "date"; readonly operator: "lessThanOrEqual" | "greaterThan"; readonly formula1: string }
  | { readonly type: "textLength"; readonly operator: "lessThanOrEqual"; readonly formula1: string }
  | { readonly type: "custom"; readonly formula: string };

export type PlanOp =
  /** Renames a sheet the add-in may take over (a blank workbook's only sheet). */
  | { readonly kind: "renameSheet"; readonly from: string; readonly to: string; readonly tabColor: string }
  | { readonly kind: "addSheet"; readonly sheet: string; readonly tabColor: string }
  /**
   * Creates a table whose header row starts at `at`, with literal rows (formula
   * columns left empty: `setColumnFormula` fills them once every table exists,
   * because a formula may only name tables that already exist).
   */
  | {
      readonly kind: "createTable";
      readonly sheet: string;
      readonly table: string;
      readonly at: { readonly row: number; readonly column: number };
      readonly columns: readonly ColumnSpec[];
      readonly rows: readonly (readonly Cell[])[];
      readonly style: string;
    }
  /** Adds columns after the last column of an existing table, with empty cells. */
  | {
      readonly kind: "appendColumns";
      readonly sheet: string;
      readonly table: string;
      /** The table's range before the columns are added, header row included. */
      readonly range: RangeBox;
      readonly columns: readonly ColumnSpec[];
    }
  /** Adds rows of literal values at the end of an existing table. */
  | { readonly kind: "appendRows"; readonly sheet: string; readonly table: string; readonly range: RangeBox; readonly rows: readonly (readonly Cell[])[] }
  /** Fills a table column's data cells with one formula: a calculated column. */
  | {
      readonly kind: "setColumnFormula";
      readonly sheet: string;
      readonly table: string;
      readonly column: string;
      /** The column's data cells. */
      readonly range: RangeBox;
      readonly formula: string;
    }
  /** Writes a block of cells; strings as text, formulas as formulas. */
  | { readonly kind: "writeCells"; readonly sheet: string; readonly at: { readonly row: number; readonly column: number }; readonly cells: readonly (readonly Cell[])[] }
  | {
      readonly kind: "formatRange";
      readonly sheet: string;
      readonly range: RangeBox;
      readonly numberFormat?: string;
      readonly style?: CellStyle & { readonly fontSize?: number; readonly wrap?: boolean };
    }
  | { readonly kind: "setColumnWidths"; readonly sheet: string; readonly widths: readonly { readonly column: number; readonly width: number }[] }
  | {
      readonly kind: "setValidation";
      readonly sheet: string;
      readonly range: RangeBox;
      readonly rule: ValidationSpec;
      /** "warning" lets the user keep the entry after the message; "stop" refuses it. */
      readonly alert: "stop" | "warning";
      readonly message: string;
    }
  /** Deletes the add-in's own earlier conditional formats, found when the workbook was read. */
  | { readonly kind: "deleteConditionalFormats"; readonly sheet: string; readonly ids: readonly string[] }
  | {
      readonly kind: "addConditionalFormat";
      readonly sheet: string;
      readonly range: RangeBox;
      /** A1 formula for the range's first cell, without "=". */
      readonly formula: string;
      readonly style: CellStyle;
      /** 0 is the most important; lower numbers win where rules overlap. */
      readonly rank: number;
    }
  | { readonly kind: "defineName"; readonly name: string; readonly formula: string; readonly comment: string }
  /** Empties the cells of a range (values, formats and links), leaving everything around it alone. */
  | { readonly kind: "clearRange"; readonly sheet: string; readonly range: RangeBox }
  /** Removes the charts of these names from the sheet, where they exist. */
  | { readonly kind: "removeCharts"; readonly sheet: string; readonly names: readonly string[] }
  | { readonly kind: "addChart"; readonly sheet: string; readonly chart: ChartSpec }
  | { readonly kind: "freezePanes"; readonly sheet: string; readonly rows: number; readonly columns: number }
  | { readonly kind: "activateSheet"; readonly sheet: string };

export interface WorkbookPlan {
  readonly ops: readonly PlanOp[];
}
