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
import { partText, tableParts } from "./packageTables";

export interface TableAppend {
  readonly table: string;
  /** In the table's own column order (read its headers first). */
  readonly rows: readonly (readonly Cell[])[];
}

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

/** `bytes` (an .xlsx package) with each append's rows added to its table. */
export async function appendToWorkbook(bytes: Uint8Array, appends: readonly TableAppend[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await tableParts(zip);
  const changed = new Map<string, string>();
  const text = async (path: string) => changed.get(path) ?? (await partText(zip, path));
  for (const append of appends) {
    if (append.rows.length === 0) continue;
    const part = parts.find((p) => p.name.toLowerCase() === append.table.toLowerCase());
    if (!part) throw new PoamError("notPoam", `The workbook has no ${append.table} table.`);
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
