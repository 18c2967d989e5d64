/**
 * Changes to the workbook part itself: sheets added or renamed, defined
 * names. CT_Workbook (ECMA-376 Part 1, 18.2.27) is a sequence, so new
 * elements go where the schema orders them.
 */
import { quoteSheet } from "../domain/core/a1";
import { PoamError } from "../domain/core/errors";
import { decodeReferences, escapeXml } from "../formats/xlsx-read/packageParts";
import { attributeMap } from "./packageTables";
import { insertChild } from "./worksheetElements";
import type { WorkbookPackage } from "./workbookPackage";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/** An ARGB colour as the file stores it: "#1F4E79" is "FF1F4E79". */
export const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/** The sheet part with its tab colour set (CT_SheetPr's first child, 18.3.1.82). */
export function withTabColor(sheetXml: string, color: string): string {
  const tab = `<tabColor rgb="${argb(color)}"/>`;
  const sheetPr = /<sheetPr(\s[^>]*?)?(\/>|>([\s\S]*?)<\/sheetPr>)/.exec(sheetXml);
  if (!sheetPr) return insertChild(sheetXml, "sheetPr", `<sheetPr>${tab}</sheetPr>`);
  const inner = (sheetPr[3] ?? "").replace(/<tabColor\b[^>]*?(\/>|>[\s\S]*?<\/tabColor>)/, "");
  return sheetXml.slice(0, sheetPr.index) + `<sheetPr${sheetPr[1] ?? ""}>${tab}${inner}</sheetPr>` + sheetXml.slice(sheetPr.index + sheetPr[0].length);
}

/** Adds an empty sheet after the last one. */
export async function addSheet(pkg: WorkbookPackage, name: string, tabColor: string): Promise<void> {
  const path = pkg.newPartPath("xl/worksheets/sheet");
  pkg.write(
    path,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="${MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      `<sheetPr><tabColor rgb="${argb(tabColor)}"/></sheetPr><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
      '<sheetFormatPr defaultRowHeight="15"/><sheetData/>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
  );
  await pkg.addContentType(path, WORKSHEET_TYPE);
  const rId = await pkg.addRelationship("xl/workbook.xml", "worksheet", path);
  const workbook = await pkg.read("xl/workbook.xml");
  const ids = [...workbook.matchAll(/<sheet\s([^>]*?)\/?>/g)].map((match) => Number(attributeMap(match[1]).get("sheetId") ?? 0));
  const element = `<sheet name="${escapeXml(name)}" sheetId="${Math.max(0, ...ids) + 1}" r:id="${rId}"/>`;
  if (!workbook.includes("</sheets>")) throw new PoamError("invalidInput", "The workbook part lists no sheets; it is damaged.");
  pkg.write("xl/workbook.xml", workbook.replace("</sheets>", `${element}</sheets>`));
}

/**
 * Renames a sheet, with the defined names that point into it. Only a blank
 * workbook's only sheet is renamed (see planSetup), so no formula of the
 * user's can name it.
 */
export async function renameSheet(pkg: WorkbookPackage, from: string, to: string, tabColor: string): Promise<void> {
  const path = await pkg.sheetPath(from);
  const workbook = await pkg.read("xl/workbook.xml");
  const renamed = workbook.replace(/<sheet\s([^>]*?)(\/?)>/g, (element, attributes: string, close: string) => {
    if ((attributeMap(attributes).get("name") ?? "").toLowerCase() !== from.toLowerCase()) return element;
    return `<sheet ${attributes.replace(/\bname="[^"]*"/, `name="${escapeXml(to)}"`)}${close}>`;
  });
  const oldReference = `${quoteSheet(from)}!`;
  const names = renamed.replace(/(<definedName\b[^>]*>)([\s\S]*?)(<\/definedName>)/g, (_, open: string, formula: string, close: string) => {
    const decoded = decodeReferences(formula);
    return decoded.includes(oldReference) ? open + escapeXml(decoded.split(oldReference).join(`${quoteSheet(to)}!`)) + close : _;
  });
  pkg.write("xl/workbook.xml", names);
  pkg.write(path, withTabColor(await pkg.read(path), tabColor));
}

/** CT_Workbook's children that come before definedNames (18.2.27). */
const BEFORE_NAMES = ["fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets", "functionGroups", "externalReferences"];

/** Defines (or redefines) a workbook-level name; `formula` is without "=". */
export async function defineName(pkg: WorkbookPackage, name: string, formula: string, comment: string): Promise<void> {
  const workbook = await pkg.read("xl/workbook.xml");
  const element = `<definedName name="${escapeXml(name)}" comment="${escapeXml(comment)}">${escapeXml(formula.replace(/^=/, ""))}</definedName>`;
  const list = /<definedNames(\s[^>]*)?(\/>|>([\s\S]*?)<\/definedNames>)/.exec(workbook);
  if (list) {
    // A workbook-level name of the same name (names ignore case) is replaced; sheet-level ones (localSheetId) are the user's own.
    const kept = (list[3] ?? "").replace(/<definedName\s([^>]*)>[\s\S]*?<\/definedName>/g, (whole, attributes: string) => {
      const map = attributeMap(attributes);
      return !map.has("localSheetId") && (map.get("name") ?? "").toLowerCase() === name.toLowerCase() ? "" : whole;
    });
    pkg.write("xl/workbook.xml", workbook.slice(0, list.index) + `<definedNames${list[1] ?? ""}>${kept}${element}</definedNames>` + workbook.slice(list.index + list[0].length));
    return;
  }
  const last = BEFORE_NAMES.map((tag) => {
    const close = workbook.lastIndexOf(`</${tag}>`);
    if (close >= 0) return close + tag.length + 3;
    const empty = new RegExp(`<${tag}\\b[^>]*/>`).exec(workbook);
    return empty ? empty.index + empty[0].length : -1;
  }).reduce((a, b) => Math.max(a, b), -1);
  if (last < 0) throw new PoamError("invalidInput", "The workbook part lists no sheets; it is damaged.");
  pkg.write("xl/workbook.xml", workbook.slice(0, last) + `<definedNames>${element}</definedNames>` + workbook.slice(last));
}
