/**
 * Reads what the setup planner needs from the open workbook: one sync for the
 * sheets, tables and names, and a second only when the workbook already holds
 * some of the add-in's tables (their layout, settings keys and the
 * conditional formats on their sheets).
 */
import type { RangeBox } from "../domain/core/a1";
import { TABLES } from "../domain/workbook/schema";
import { sheetOfReference, type ConditionalFormatInfo, type TableInfo, type WorkbookSnapshot } from "../domain/workbook/snapshot";

interface Box {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

const toBox = (range: Box): RangeBox => ({
  row: range.rowIndex,
  column: range.columnIndex,
  rowCount: range.rowCount,
  columnCount: range.columnCount,
});

const BOX_PROPERTIES = "rowIndex, columnIndex, rowCount, columnCount";

export interface SnapshotRead {
  readonly snapshot: WorkbookSnapshot;
  readonly syncs: number;
}

export async function readSnapshot(context: Excel.RequestContext): Promise<SnapshotRead> {
  const { workbook } = context;
  const worksheets = workbook.worksheets.load("items/name");
  const tables = workbook.tables.load("items/name, items/worksheet/name");
  const names = workbook.names.load("items/name, items/formula");
  const firstUsed = workbook.worksheets.getFirst().getUsedRangeOrNullObject(true).load(BOX_PROPERTIES);
  await context.sync();

  const ours = new Set(TABLES.map((table) => table.name.toLowerCase()));
  const found = tables.items.filter((table) => ours.has(table.name.toLowerCase()));
  const sheetNames = worksheets.items.map((sheet) => sheet.name);
  const nameInfo = names.items.map((item) => ({ name: item.name, sheet: sheetOfReference(String(item.formula ?? "")) }));
  const otherTables = tables.items.filter((table) => !ours.has(table.name.toLowerCase())).map((table) => table.name);

  if (found.length === 0) {
    return {
      snapshot: {
        sheets: sheetNames.map((name, index) => ({
          name,
          ...(index === 0 && { usedRange: firstUsed.isNullObject ? null : toBox(firstUsed) }),
        })),
        tables: [],
        names: nameInfo,
        conditionalFormats: [],
        otherTables,
      },
      syncs: 1,
    };
  }

  const keyedTables = new Set(TABLES.filter((table) => table.keyed).map((table) => table.name.toLowerCase()));
  const reads = found.map((table) => ({
    name: table.name,
    sheet: table.worksheet.name,
    range: table.getRange().load(BOX_PROPERTIES),
    header: table.getHeaderRowRange().load("values"),
    // A keyed table's keys are its first column; the rest is the user's to edit and not needed here.
    keys: keyedTables.has(table.name.toLowerCase()) ? table.getDataBodyRange().getColumn(0).load("values") : undefined,
  }));
  const hostSheets = [...new Set(reads.map((read) => read.sheet))];
  const sheetReads = hostSheets.map((name) => {
    const sheet = workbook.worksheets.getItem(name);
    return {
      name,
      used: sheet.getUsedRangeOrNullObject(true).load(BOX_PROPERTIES),
      formats: sheet.getRange().conditionalFormats.load("items/id, items/type, items/customOrNullObject/rule/formula"),
    };
  });
  await context.sync();

  const tableInfo: TableInfo[] = reads.map((read) => ({
    name: read.name,
    sheet: read.sheet,
    range: toBox(read.range),
    headers: (read.header.values[0] ?? []).map((value) => String(value)),
    ...(read.keys && { keys: read.keys.values.map((row) => String(row[0] ?? "")) }),
  }));
  const conditionalFormats: ConditionalFormatInfo[] = sheetReads.flatMap((read) =>
    read.formats.items
      .filter((format) => format.type === "Custom" && !format.customOrNullObject.isNullObject)
      .map((format) => ({ sheet: read.name, id: format.id, formula: format.customOrNullObject.rule.formula })),
  );
  return {
    snapshot: {
      sheets: sheetNames.map((name) => {
        const read = sheetReads.find((s) => s.name === name);
        return read ? { name, usedRange: read.used.isNullObject ? null : toBox(read.used) } : { name };
      }),
      tables: tableInfo,
      names: nameInfo,
      conditionalFormats,
      otherTables,
    },
    syncs: 2,
  };
}
