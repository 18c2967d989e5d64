/**
 * Changing a workbook file at the package level: the parts a change needs
 * are patched as text, every other part (other sheets, pivot tables,
 * images, macros, comments, custom XML, styles, shared strings) is carried
 * over as it was stored, compressed bytes and all.
 */
import JSZip from "jszip";
import { PoamError } from "../domain/core/errors";
import type { Cell } from "../domain/workbook/plan";
import { appendTableRows } from "./appendRows";
import { attributeMap, partText, tableParts } from "./packageTables";
import { setRowCells } from "./setCells";

export interface TableAppend {
  readonly table: string;
  /** In the table's own column order (read its headers first). */
  readonly rows: readonly (readonly Cell[])[];
}

export interface TableEdit {
  readonly table: string;
  /** Zero-based data row. */
  readonly row: number;
  /** New values by header. */
  readonly cells: Readonly<Record<string, Cell>>;
}

/** The names of a table part's columns, in order. */
const columnNames = (tableXml: string) => [...tableXml.matchAll(/<tableColumn\s([^>]*?)\/?>/g)].map((match) => attributeMap(match[1]).get("name") ?? "");

/** The workbook part with `fullCalcOnLoad` set, so Excel and LibreOffice compute the new rows' formulas when the file opens. */
export function calculateOnLoad(workbookXml: string): string {
  const calcPr = /<calcPr(\s[^>]*?)?(\/?)>/.exec(workbookXml);
  if (calcPr) {
    const attributes = (calcPr[1] ?? "").replace(/\sfullCalcOnLoad="[^"]*"/, "");
    return workbookXml.replace(calcPr[0], `<calcPr${attributes} fullCalcOnLoad="1"${calcPr[2]}>`);
  }
  // calcPr follows definedNames, or sheets when there are none (ECMA-376 Part 1, 18.2.27 CT_Workbook).
  const after = workbookXml.includes("</definedNames>") ? "</definedNames>" : workbookXml.includes("<definedNames/>") ? "<definedNames/>" : "</sheets>";
  return workbookXml.replace(after, `${after}<calcPr fullCalcOnLoad="1"/>`);
}

/**
 * `bytes` (an .xlsx package) with each edit made to its table's row, then
 * each append's rows added to its table.
 */
export async function patchWorkbook(bytes: Uint8Array, { edits = [], appends = [] }: { edits?: readonly TableEdit[]; appends?: readonly TableAppend[] }): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await tableParts(zip);
  const changed = new Map<string, string>();
  const text = async (path: string) => changed.get(path) ?? (await partText(zip, path));
  const partOf = (table: string) => {
    const part = parts.find((p) => p.name.toLowerCase() === table.toLowerCase());
    if (!part) throw new PoamError("notPoam", `The workbook has no ${table} table.`);
    return part;
  };
  for (const edit of edits) {
    const part = partOf(edit.table);
    const tableXml = await text(part.tablePath);
    const names = columnNames(tableXml);
    const cells = new Map(Object.entries(edit.cells).map(([header, value]) => [names.indexOf(header), value] as const).filter(([index]) => index >= 0));
    changed.set(part.sheetPath, setRowCells(tableXml, await text(part.sheetPath), { row: edit.row, cells }, part.name));
  }
  for (const append of appends) {
    if (append.rows.length === 0) continue;
    const part = partOf(append.table);
    const patched = appendTableRows({
      tableXml: await text(part.tablePath),
      sheetXml: await text(part.sheetPath),
      rows: append.rows,
      tableName: part.name,
      sheetName: part.sheetName,
    });
    changed.set(part.tablePath, patched.tableXml);
    changed.set(part.sheetPath, patched.sheetXml);
  }
  if (changed.size === 0) return bytes;
  changed.set("xl/workbook.xml", calculateOnLoad(await text("xl/workbook.xml")));
  for (const [path, xml] of changed) zip.file(path, xml);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
