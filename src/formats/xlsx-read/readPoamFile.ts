/**
 * Reads a POA&M workbook file into the records the summary maths, the checks
 * and the exports work on. Tables are found by name, wherever they are.
 */
import { cellAddress, columnIndex, parseRange, type RangeBox } from "../../domain/core/a1";
import { DATA_TABLES, poamDataFromTables, type PoamData, type TableValues } from "../../domain/poam/poamData";
import { PoamError } from "../../domain/core/errors";
import { MAX_TABLE_CELLS, readXlsx, type StoredSheet, type StoredTable, type StoredWorkbook } from "./readXlsx";

/** Excel's grid: 1,048,576 rows by 16,384 columns. */
const EXCEL_ROWS = 1_048_576;
const EXCEL_COLUMNS = 16_384;

/** The box of a table's reference, checked to be a range within Excel's grid. */
function tableBox(table: StoredTable, sheet: StoredSheet): RangeBox {
  let box: RangeBox | undefined;
  try {
    box = parseRange(table.ref);
  } catch {
    box = undefined;
  }
  if (!box || box.rowCount < 1 || box.columnCount < 1 || box.row + box.rowCount > EXCEL_ROWS || box.column + box.columnCount > EXCEL_COLUMNS) {
    throw new PoamError("invalidInput", `The table ${table.name} on sheet ${sheet.name} has the reference "${table.ref.slice(0, 40)}", which is not a range of a worksheet.`);
  }
  return box;
}

/** The last row and column (zero-based) holding a stored cell on a sheet; -1 when it has none. */
function extentOf(sheet: StoredSheet): { lastRow: number; lastColumn: number } {
  let lastRow = -1;
  let lastColumn = -1;
  for (const address of sheet.cells.keys()) {
    const match = /^([A-Z]+)(\d+)$/.exec(address);
    if (!match) continue;
    lastRow = Math.max(lastRow, Number(match[2]) - 1);
    lastColumn = Math.max(lastColumn, columnIndex(match[1]));
  }
  return { lastRow, lastColumn };
}

/**
 * The values of every table in a stored workbook (cached formula results
 * included). Rows below the sheet's last stored cell are empty and left
 * out, as are columns past both the last stored cell and the table's
 * named columns; a table still spanning more than MAX_TABLE_CELLS cells
 * is refused, naming it, rather than filling memory.
 */
export function tableValues(workbook: StoredWorkbook): TableValues[] {
  return workbook.sheets.flatMap((sheet) => {
    const extent = sheet.tables.length > 0 ? extentOf(sheet) : { lastRow: -1, lastColumn: -1 };
    return sheet.tables.map((table): TableValues => {
      const box = tableBox(table, sheet);
      const rowCount = Math.max(0, Math.min(box.rowCount - 1, extent.lastRow - box.row));
      const columnCount = Math.max(1, Math.min(box.columnCount, Math.max(extent.lastColumn - box.column + 1, table.columns.length)));
      if ((rowCount + 1) * columnCount > MAX_TABLE_CELLS) {
        throw new PoamError(
          "invalidInput",
          `The table ${table.name} on sheet ${sheet.name} spans ${table.ref} (${((rowCount + 1) * columnCount).toLocaleString("en")} cells with data in reach); ` +
            `POA&M Workbench reads tables of at most ${MAX_TABLE_CELLS.toLocaleString("en")} cells.`,
        );
      }
      const valueAt = (row: number, column: number) => sheet.cells.get(cellAddress({ row, column }))?.value ?? null;
      const headers = Array.from({ length: columnCount }, (_, c) => String(valueAt(box.row, box.column + c) ?? table.columns[c]?.name ?? ""));
      const rows = Array.from({ length: rowCount }, (_, r) => Array.from({ length: columnCount }, (_, c) => valueAt(box.row + 1 + r, box.column + c)));
      return { name: table.name, sheet: sheet.name, headerRow: box.row, column: box.column, headers, rows };
    });
  });
}

/**
 * The POA&M held in `bytes`; throws `notPoam` when it has no `Poam` or
 * `Controls` table, and `invalidInput` naming the table and column, or the
 * cell, when a column it is read by is missing or a setting's date is out
 * of range.
 */
export async function readPoamFile(bytes: Uint8Array): Promise<PoamData> {
  return (await readPoamTables(bytes)).data;
}

/** The POA&M in `bytes`, the values of every table of the workbook (the Change Log's among them) and its defined names. */
export async function readPoamTables(bytes: Uint8Array): Promise<{ data: PoamData; tables: TableValues[]; definedNames: ReadonlyMap<string, string> }> {
  return poamOf(await readXlsx(bytes));
}

/** The POA&M in a stored workbook, as readPoamTables gives it. */
export function poamOf(stored: StoredWorkbook): { data: PoamData; tables: TableValues[]; definedNames: ReadonlyMap<string, string> } {
  const tables = tableValues(stored);
  const wanted = new Set<string>(DATA_TABLES.map((name) => name.toLowerCase()));
  return { data: poamDataFromTables(tables.filter((table) => wanted.has(table.name.toLowerCase()))), tables, definedNames: stored.definedNames };
}
