/**
 * Reads a POA&M workbook file into the records the summary maths, the checks
 * and the exports work on. Tables are found by name, wherever they are.
 */
import { cellAddress, parseRange } from "../domain/a1";
import { DATA_TABLES, poamDataFromTables, type PoamData, type TableValues } from "../domain/poamData";
import { PoamError } from "../domain/errors";
import { tableProblems } from "../domain/tableProblems";
import { readXlsx, type StoredWorkbook } from "./readXlsx";

/** The values of every table in a stored workbook (cached formula results included). */
export function tableValues(workbook: StoredWorkbook): TableValues[] {
  return workbook.sheets.flatMap((sheet) =>
    sheet.tables.map((table): TableValues => {
      const box = parseRange(table.ref);
      const valueAt = (row: number, column: number) => sheet.cells.get(cellAddress({ row, column }))?.value ?? null;
      const headers = Array.from({ length: box.columnCount }, (_, c) => String(valueAt(box.row, box.column + c) ?? table.columns[c]?.name ?? ""));
      const rows = Array.from({ length: box.rowCount - 1 }, (_, r) =>
        Array.from({ length: box.columnCount }, (_, c) => valueAt(box.row + 1 + r, box.column + c)),
      );
      return { name: table.name, sheet: sheet.name, headerRow: box.row, column: box.column, headers, rows };
    }),
  );
}

/**
 * The POA&M held in `bytes`; throws `notPoam` when it has no `Poam` or
 * `Controls` table, and `invalidInput` naming the table and column, or the
 * cell, when a column it is read by is missing or a setting's date is out
 * of range.
 */
export async function readPoamFile(bytes: Uint8Array): Promise<PoamData> {
  const workbook = await readXlsx(bytes);
  const wanted = new Set<string>(DATA_TABLES.map((name) => name.toLowerCase()));
  const tables = tableValues(workbook).filter((table) => wanted.has(table.name.toLowerCase()));
  const problems = tableProblems(tables);
  if (problems.length > 0) throw new PoamError("invalidInput", problems.join(" "));
  return poamDataFromTables(tables);
}
