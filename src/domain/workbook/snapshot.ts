/**
 * What the setup planner needs to know about a workbook before changing it:
 * read from the open workbook by `src/excel/`, or built by hand in tests.
 */
import type { RangeBox } from "../core/a1";

export interface SheetInfo {
  readonly name: string;
  /** The used range; null when the sheet is empty; undefined when it was not read. */
  readonly usedRange?: RangeBox | null;
}

export interface TableInfo {
  readonly name: string;
  readonly sheet: string;
  /** The whole table, header row included. */
  readonly range: RangeBox;
  readonly headers: readonly string[];
  /** For key/value tables (Settings): the values of the first column. */
  readonly keys?: readonly string[];
}

export interface NameInfo {
  readonly name: string;
  /** The sheet the name points into, when it refers to a range. */
  readonly sheet?: string;
}

export interface ConditionalFormatInfo {
  readonly sheet: string;
  readonly id: string;
  /** The rule's formula as the workbook reports it, with or without "=". */
  readonly formula: string;
}

export interface WorkbookSnapshot {
  /** In tab order. */
  readonly sheets: readonly SheetInfo[];
  readonly tables: readonly TableInfo[];
  readonly names: readonly NameInfo[];
  /** Custom-formula conditional formats on the sheets that hold the add-in's tables. */
  readonly conditionalFormats: readonly ConditionalFormatInfo[];
  /** Names of the workbook's other tables (not the add-in's): they share a namespace with defined names. */
  readonly otherTables?: readonly string[];
}

export const EMPTY_WORKBOOK: WorkbookSnapshot = {
  sheets: [{ name: "Sheet1", usedRange: null }],
  tables: [],
  names: [],
  conditionalFormats: [],
};

/** The sheet a defined name's formula points into: "='POA&M (2)'!$A$1" gives "POA&M (2)". */
export function sheetOfReference(formula: string): string | undefined {
  const match = /^=?(?:'((?:[^']|'')+)'|([^'!=(]+))!/.exec(formula.trim());
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2];
}
