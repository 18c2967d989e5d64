/**
 * A workbook file opened in the fake, and the fake's changes saved back:
 * what happens when a user opens a file the `poam` command wrote in Excel,
 * uses the add-in, and saves.
 *
 * Opening: Excel computes formulas when it opens a file marked
 * `fullCalcOnLoad` (which the `poam` command's files are), so cell values
 * come from a copy LibreOffice has recalculated, formulas and number formats
 * from the file itself. Sheets, tables and defined names are loaded;
 * validation, conditional formats and charts are not, since the add-in's
 * item actions neither read nor change them.
 *
 * Saving: the changes the add-in made to table rows (values it wrote, rows
 * it added) are written into the file with the package patcher, the way
 * `poam add` writes its own. Any other change (a cell outside every table, a
 * formula rewritten) is refused rather than dropped, so a test cannot lose
 * an edit without knowing.
 */
import { cellAddress, columnIndex, parseRange } from "../../src/domain/core/a1";
import type { Cell } from "../../src/domain/workbook/plan";
import { readXlsx } from "../../src/formats/xlsx-read/readXlsx";
import { patchWorkbook, type TableAppend, type TableEdit } from "../../src/xlsx-patch/patchWorkbook";
import { FakeTable, FakeWorkbook, type FakeCell } from "./fakeExcel";

/** The workbook in `bytes` as the fake holds it; `calculated` is the same file recalculated. */
export async function fakeFromFile(bytes: Uint8Array, calculated: Uint8Array): Promise<FakeWorkbook> {
  const [stored, values] = [await readXlsx(bytes), await readXlsx(calculated)];
  const model = new FakeWorkbook([]);
  for (const sheet of stored.sheets) {
    const fake = model.addSheet(sheet.name);
    const computed = values.sheet(sheet.name).cells;
    for (const [address, cell] of sheet.cells) {
      const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
      const target = fake.cell(Number(row) - 1, columnIndex(letters));
      target.numberFormat = cell.numberFormat;
      if (cell.formula === undefined) target.value = cell.value;
      else {
        target.formula = `=${cell.formula}`;
        target.value = computed.get(address)?.value ?? "";
      }
    }
    for (const table of sheet.tables) model.tables.push(new FakeTable(table.name, fake, parseRange(table.ref)));
  }
  model.names = [...stored.definedNames].map(([name, formula]) => ({ name, formula: `=${formula}` }));
  return model;
}

const same = (a: FakeCell | undefined, b: FakeCell | undefined) => (a?.value ?? "") === (b?.value ?? "") && a?.formula === b?.formula;

/** The fake's changes since `before` (a clone taken when the file was opened), as the patcher's edits and appends. */
export function tableChanges(before: FakeWorkbook, after: FakeWorkbook): { edits: TableEdit[]; appends: TableAppend[] } {
  const edits: TableEdit[] = [];
  const appends: TableAppend[] = [];
  const inTables = new Set<string>();
  for (const table of after.tables) {
    const was = before.table(table.name);
    const headers = table.headers();
    if (headers.join("\u0000") !== was.headers().join("\u0000")) throw new Error(`The add-in changed the columns of ${table.name}; saving that is not modelled.`);
    const rows: Cell[][] = [];
    for (let r = 0; r < table.range.rowCount - 1; r++) {
      const row = table.range.row + 1 + r;
      const cells: Record<string, Cell> = {};
      const values: Cell[] = [];
      for (let c = 0; c < headers.length; c++) {
        const column = table.range.column + c;
        inTables.add(`${table.sheet.name}!${cellAddress({ row, column })}`);
        const now = table.sheet.peek(row, column);
        values.push(now?.formula === undefined ? (now?.value ?? null) : null);
        if (r >= was.range.rowCount - 1) continue;
        const then = was.sheet.peek(row, column);
        if (same(now, then)) continue;
        if (now?.formula !== undefined || then?.formula !== undefined) throw new Error(`The add-in changed the formula in ${table.name} row ${r + 1}, ${headers[c]}.`);
        cells[headers[c]] = now?.value ?? null;
      }
      if (r >= was.range.rowCount - 1) rows.push(values);
      else if (Object.keys(cells).length > 0) edits.push({ table: table.name, row: r, cells });
    }
    if (rows.length > 0) appends.push({ table: table.name, rows });
  }
  const opened = before.cellMap();
  const outside = [...after.cellMap()].filter(([address, cell]) => {
    if (inTables.has(address)) return false;
    const then = opened.get(address);
    return then?.value !== cell.value || then?.formula !== cell.formula;
  });
  if (outside.length > 0) throw new Error(`The add-in changed cells outside its tables (${outside.map(([address]) => address).join(", ")}); saving those is not modelled.`);
  return { edits, appends };
}

/** `bytes` with the fake's changes since `before` saved into it. */
export async function saveFake(bytes: Uint8Array, before: FakeWorkbook, after: FakeWorkbook): Promise<Uint8Array> {
  return patchWorkbook(bytes, tableChanges(before, after));
}
