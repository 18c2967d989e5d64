/**
 * Adds to an ExcelJS-written package what ExcelJS cannot express: defined
 * names that are formulas (not plain ranges) and calculated-column formulas,
 * which make Excel fill a formula column when a user adds a row to a table.
 */
import JSZip from "jszip";
import type { PackageExtras } from "./applyPlanToWorkbook";

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const unescapeXml = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function withDefinedNames(workbookXml: string, names: PackageExtras["names"]): string {
  const withoutOld = workbookXml.replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, "");
  if (names.length === 0) return withoutOld;
  const entries = names
    .map(({ name, formula, comment }) => `<definedName name="${escapeXml(name)}" comment="${escapeXml(comment)}">${escapeXml(formula)}</definedName>`)
    .join("");
  // definedNames follows sheets in the CT_Workbook sequence.
  return withoutOld.replace("</sheets>", `</sheets><definedNames>${entries}</definedNames>`);
}

function withCalculatedColumns(tableXml: string, columns: Map<string, string>): string {
  return tableXml.replace(/<tableColumn ([^>]*?)\/>/g, (element, attributes: string) => {
    const name = /\bname="([^"]*)"/.exec(attributes)?.[1];
    const formula = name === undefined ? undefined : columns.get(unescapeXml(name));
    if (formula === undefined) return element;
    return `<tableColumn ${attributes}><calculatedColumnFormula>${escapeXml(formula)}</calculatedColumnFormula></tableColumn>`;
  });
}

export async function finishPackage(buffer: Uint8Array, extras: PackageExtras): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const workbook = zip.file("xl/workbook.xml");
  if (!workbook) throw new Error("The package has no xl/workbook.xml");
  zip.file("xl/workbook.xml", withDefinedNames(await workbook.async("string"), extras.names));

  for (const path of Object.keys(zip.files).filter((file) => /^xl\/tables\/table\d+\.xml$/.test(file))) {
    const xml = await (zip.file(path) as JSZip.JSZipObject).async("string");
    const table = /<table [^>]*\bname="([^"]*)"/.exec(xml)?.[1];
    const columns = table === undefined ? undefined : extras.calculatedColumns.get(unescapeXml(table));
    if (columns) zip.file(path, withCalculatedColumns(xml, columns));
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
