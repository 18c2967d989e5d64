/**
 * Finding a workbook package's tables and the sheets that hold them, as the
 * package's relationships name them (ECMA-376 Part 1, 12.3: the workbook
 * part lists its sheets, each sheet's relationships its table parts). The
 * parts are read as text, so that a patch can change a few of their bytes
 * and leave the rest as Excel or the user's other tools wrote them.
 */
import type JSZip from "jszip";
import { PoamError } from "../domain/core/errors";
import { decodeReferences, relsPath, resolveTarget } from "../formats/xlsx-read/packageParts";

/** A table part and the worksheet part it belongs to. */
export interface TablePart {
  readonly name: string;
  readonly tablePath: string;
  readonly sheetPath: string;
  readonly sheetName: string;
}

/** The attributes of the first element named `tag` in `xml` (undefined when there is none). */
export function attributesOf(xml: string, tag: string): Map<string, string> | undefined {
  const match = new RegExp(`<${tag}(\\s[^>]*?)?/?>`).exec(xml);
  if (!match) return undefined;
  return attributeMap(match[1] ?? "");
}

/** The attributes written in an element's opening tag, their entities decoded. */
export function attributeMap(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, value] of text.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attributes.set(name, decodeReferences(value));
  return attributes;
}

export async function partText(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new PoamError("invalidInput", `The workbook has no part ${path}; it is damaged.`);
  return file.async("string");
}

/** The relationships of the part at `path`: id to the target's path in the package. */
async function relationships(zip: JSZip, path: string): Promise<Map<string, string>> {
  const file = zip.file(relsPath(path));
  if (!file) return new Map();
  const xml = await file.async("string");
  const targets = new Map<string, string>();
  for (const [, attributes] of xml.matchAll(/<Relationship\s([^>]*?)\/?>/g)) {
    const map = attributeMap(attributes);
    if (map.get("TargetMode") === "External") continue;
    targets.set(map.get("Id") ?? "", resolveTarget(path, map.get("Target") ?? ""));
  }
  return targets;
}

/** Every table of the workbook in `zip`, with the sheet that holds it. */
export async function tableParts(zip: JSZip): Promise<TablePart[]> {
  const workbook = await partText(zip, "xl/workbook.xml");
  const workbookRels = await relationships(zip, "xl/workbook.xml");
  const found: TablePart[] = [];
  for (const [, attributes] of workbook.matchAll(/<sheet\s([^>]*?)\/?>/g)) {
    const sheet = attributeMap(attributes);
    const sheetPath = workbookRels.get(sheet.get("r:id") ?? "");
    if (!sheetPath || !zip.file(sheetPath)) continue;
    const sheetXml = await partText(zip, sheetPath);
    const sheetRels = await relationships(zip, sheetPath);
    for (const [, partAttributes] of sheetXml.matchAll(/<tablePart\s([^>]*?)\/?>/g)) {
      const tablePath = sheetRels.get(attributeMap(partAttributes).get("r:id") ?? "");
      if (!tablePath || !zip.file(tablePath)) continue;
      const name = attributesOf(await partText(zip, tablePath), "table")?.get("name") ?? "";
      found.push({ name, tablePath, sheetPath, sheetName: sheet.get("name") ?? "" });
    }
  }
  return found;
}
