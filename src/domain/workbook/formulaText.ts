/**
 * Builders for the text of stored formulas. Cell formulas use structured
 * references in the file form (`Poam[[#This Row],[Discovered]]`), which Excel
 * shows as `[@Discovered]` and LibreOffice also understands. Conditional
 * formats and validation rules cannot hold structured references, so they use
 * anchored A1 references or workbook names instead.
 */

/** Excel requires `'` before these characters inside a column specifier. */
function escapeColumn(column: string): string {
  return column.replace(/(['#[\]])/g, "'$1");
}

/** The whole data column of a table: `Sla[Days]`. */
export function columnRef(table: string, column: string): string {
  return `${table}[${escapeColumn(column)}]`;
}

/** The cell of a column in the formula's own row: `Poam[[#This Row],[Priority]]`. */
export function thisRowRef(table: string, column: string): string {
  return `${table}[[#This Row],[${escapeColumn(column)}]]`;
}

/** The header cell of a column: `Lists[[#Headers],[Source]]`. */
export function headerRef(table: string, column: string): string {
  return `${table}[[#Headers],[${escapeColumn(column)}]]`;
}

/** A string literal in a formula. */
export function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** `INDEX(table[result],MATCH(key,table[keyColumn],0))`: the portable lookup. */
export function lookup(key: string, table: string, keyColumn: string, resultColumn: string): string {
  return `INDEX(${columnRef(table, resultColumn)},MATCH(${key},${columnRef(table, keyColumn)},0))`;
}

/**
 * A list that grows with a table column, for validation drop-downs: the
 * non-empty cells from the top of the column (blank cells at the end of a
 * shorter column of `Lists` are left out).
 */
export function growingList(table: string, column: string): string {
  return `OFFSET(${headerRef(table, column)},1,0,MAX(1,COUNTA(${columnRef(table, column)})),1)`;
}

/**
 * Functions that Excel 2016 or LibreOffice cannot evaluate from a stored
 * formula (dynamic arrays and newer functions).
 */
export const FORBIDDEN_FUNCTIONS = [
  "XLOOKUP",
  "XMATCH",
  "LET",
  "LAMBDA",
  "FILTER",
  "SORT",
  "SORTBY",
  "UNIQUE",
  "SEQUENCE",
  "RANDARRAY",
  "TEXTJOIN",
  "CONCAT",
  "IFS",
  "SWITCH",
  "MAXIFS",
  "MINIFS",
] as const;

/** The forbidden functions a formula calls, if any. */
export function forbiddenFunctionsIn(formula: string): string[] {
  const withoutStrings = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return FORBIDDEN_FUNCTIONS.filter((name) => new RegExp(`(^|[^A-Za-z0-9_.])${name}\\s*\\(`, "i").test(withoutStrings));
}

/** Whether a formula contains a structured (table) reference. */
export function hasStructuredReference(formula: string): boolean {
  const withoutStrings = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return /[A-Za-z_][A-Za-z0-9_.]*\[/.test(withoutStrings) || withoutStrings.includes("[#");
}
