/**
 * Adds to an ExcelJS-written package what ExcelJS cannot express: defined
 * names that are formulas (not plain ranges), calculated-column formulas,
 * which make Excel fill a formula column when a user adds a row to a table,
 * links to places in the workbook, and charts.
 */
import JSZip from "jszip";
import { decodeReferences, escapeXml, relsPath, resolveTarget } from "../formats/xlsx-read/packageParts";
import type { PackageExtras } from "./applyPlanToWorkbook";
import { addCharts } from "./charts";

const HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";


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
    const formula = name === undefined ? undefined : columns.get(decodeReferences(name));
    if (formula === undefined) return element;
    return `<tableColumn ${attributes}><calculatedColumnFormula>${escapeXml(formula)}</calculatedColumnFormula></tableColumn>`;
  });
}

const attribute = (element: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];

/** Each sheet's part by sheet name: the parts' numbering need not follow the tab order. */
async function sheetParts(zip: JSZip, workbookXml: string): Promise<Map<string, string>> {
  const rels = zip.file("xl/_rels/workbook.xml.rels");
  if (!rels) throw new Error("The package has no xl/_rels/workbook.xml.rels");
  const targets = new Map(
    [...(await rels.async("string")).matchAll(/<Relationship [^>]*>/g)].map(([element]) => [attribute(element, "Id"), attribute(element, "Target")]),
  );
  const parts = new Map<string, string>();
  for (const [element] of workbookXml.matchAll(/<sheet [^>]*>/g)) {
    const name = attribute(element, "name");
    const target = targets.get(attribute(element, "r:id"));
    if (name === undefined || target === undefined) continue;
    parts.set(decodeReferences(name), resolveTarget("xl/workbook.xml", target));
  }
  return parts;
}

/**
 * ExcelJS writes a link to a place in the workbook ("#Sheet!A1") as an
 * external relationship plus a `location` that repeats the "#", which Excel
 * and LibreOffice join into an address that goes nowhere. An internal link is
 * a `location` alone.
 */
async function fixInternalLinks(zip: JSZip, sheetPath: string): Promise<void> {
  const rels = zip.file(relsPath(sheetPath));
  const sheet = zip.file(sheetPath);
  if (!rels || !sheet) return;
  const locations = new Map<string, string>();
  const kept = (await rels.async("string")).replace(/<Relationship [^>]*>/g, (element) => {
    const id = attribute(element, "Id");
    const target = attribute(element, "Target");
    if (id === undefined || !target?.startsWith("#") || attribute(element, "Type") !== HYPERLINK) return element;
    locations.set(id, target.slice(1));
    return "";
  });
  if (locations.size === 0) return;
  zip.file(relsPath(sheetPath), kept);
  const xml = await sheet.async("string");
  zip.file(
    sheetPath,
    xml.replace(/<hyperlink [^>]*>/g, (element) => {
      const location = locations.get(attribute(element, "r:id") ?? "");
      const ref = attribute(element, "ref");
      // Both values are still escaped, as attributes need.
      return location === undefined || ref === undefined ? element : `<hyperlink ref="${ref}" location="${location}"/>`;
    }),
  );
}

export async function finishPackage(buffer: Uint8Array, extras: PackageExtras): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buffer);
  const workbook = zip.file("xl/workbook.xml");
  if (!workbook) throw new Error("The package has no xl/workbook.xml");
  const workbookXml = await workbook.async("string");
  zip.file("xl/workbook.xml", withDefinedNames(workbookXml, extras.names));

  for (const path of Object.keys(zip.files).filter((file) => /^xl\/tables\/table\d+\.xml$/.test(file))) {
    const xml = await (zip.file(path) as JSZip.JSZipObject).async("string");
    const table = /<table [^>]*\bname="([^"]*)"/.exec(xml)?.[1];
    const columns = table === undefined ? undefined : extras.calculatedColumns.get(decodeReferences(table));
    if (columns) zip.file(path, withCalculatedColumns(xml, columns));
  }

  const sheets = await sheetParts(zip, workbookXml);
  for (const path of sheets.values()) await fixInternalLinks(zip, path);
  await addCharts(zip, extras.charts, sheets);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
