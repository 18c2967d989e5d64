/**
 * Reads an .xlsx package: every cell's stored value and formula (cached
 * results included, which ExcelJS drops when they are 0 or empty), each
 * sheet's tables, data validations and conditional formats, and the defined
 * names. ExcelJS cannot read tables back from a file, so the package is read
 * directly. Entities are never expanded: a package is untrusted input.
 */
import { XMLParser } from "fast-xml-parser";
import JSZip from "jszip";
import { quoteSheet } from "../../domain/core/a1";
import { PoamError } from "../../domain/core/errors";
import { decodeReferences, relsPath, resolveTarget } from "./packageParts";

export interface StoredCell {
  /** The cached value: a number, a string, a boolean, or "" for an empty result. */
  readonly value: string | number | boolean;
  readonly formula?: string;
  /** The cell's number format code. */
  readonly numberFormat: string;
}

export interface StoredValidation {
  readonly sqref: string;
  readonly type: string;
  readonly operator?: string;
  readonly errorStyle?: string;
  readonly formula1?: string;
  readonly formula2?: string;
}

export interface StoredConditionalFormat {
  readonly sqref: string;
  readonly formula: string;
  readonly priority: number;
}

export interface StoredSheet {
  readonly name: string;
  readonly cells: ReadonlyMap<string, StoredCell>;
  readonly validations: readonly StoredValidation[];
  readonly conditionalFormats: readonly StoredConditionalFormat[];
  readonly tables: readonly StoredTable[];
}

export interface StoredTable {
  readonly name: string;
  readonly ref: string;
  readonly columns: readonly { readonly name: string; readonly calculatedColumnFormula?: string }[];
}

export interface StoredWorkbook {
  readonly sheets: readonly StoredSheet[];
  readonly definedNames: ReadonlyMap<string, string>;
  sheet(name: string): StoredSheet;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  tagValueProcessor: (_name, value) => decodeReferences(value),
  attributeValueProcessor: (_name, value) => decodeReferences(value),
  trimValues: false,
  isArray: (name, _path, _leaf, isAttribute) =>
    !isAttribute &&
    ["sheet", "row", "c", "si", "r", "dataValidation", "conditionalFormatting", "cfRule", "definedName", "tableColumn", "Relationship", "numFmt", "xf", "tablePart"].includes(name),
});

/** A parsed element: attributes and child elements by name, text under "#text". */
interface XmlNode {
  readonly [name: string]: XmlValue | undefined;
}
type XmlValue = string | XmlNode | readonly XmlValue[];

const isNode = (value: XmlValue | undefined): value is XmlNode => typeof value === "object" && value !== null && !Array.isArray(value);

/** The child elements called `name` (none, one or many). */
function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  if (value === undefined) return [];
  const list: readonly XmlValue[] = Array.isArray(value) ? (value as readonly XmlValue[]) : [value];
  return list.map((item) => (isNode(item) ? item : { "#text": item }));
}

const child = (node: XmlNode | undefined, name: string): XmlNode | undefined => children(node, name)[0];

/** An attribute's value, or undefined. */
function attr(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[name];
  return typeof value === "string" ? value : undefined;
}

/** An element's text (or a text-only element's value). */
function textOf(node: XmlNode | undefined): string {
  const value = node?.["#text"];
  return typeof value === "string" ? value : "";
}

/** Built-in number formats the tests meet (ECMA-376 §18.8.30). */
const BUILT_IN_FORMATS: Record<number, string> = { 0: "General", 1: "0", 2: "0.00", 4: "#,##0.00", 14: "mm-dd-yy", 49: "@" };

/**
 * The most a package part may unpack to, and all of them together. A few
 * kilobytes of a ZIP can unpack to gigabytes (a "zip bomb"), so every part
 * is unpacked and counted, keeping nothing, before any is read: reading
 * stops as soon as a part passes its limit, whatever size the package
 * declares. A POA&M of 5,000 items unpacks to about 17 MB (and takes a few
 * seconds to read); these limits allow about four times that.
 */
export const MAX_PART_BYTES = 32 * 1024 * 1024;
export const MAX_PACKAGE_BYTES = 64 * 1024 * 1024;
/**
 * The most cells a table may span (rows × columns of its reference), after
 * the rows below its last stored cell are left out: Excel allows a table of
 * 16,384 columns by 1,048,576 rows, which no reader can hold.
 */
export const MAX_TABLE_CELLS = 5_000_000;

const MIB = 1024 * 1024;

/** How many bytes a part unpacks to, counted as it unpacks; refuses once past `allowed`. */
function unpackedSize(file: JSZip.JSZipObject, allowed: number, package_: number): Promise<number> {
  return new Promise((resolveSize, reject) => {
    let size = 0;
    let stopped = false;
    const stream = file.nodeStream("nodebuffer");
    stream.on("data", (chunk: Uint8Array) => {
      if (stopped) return;
      size += chunk.length;
      if (size > allowed) {
        stopped = true;
        stream.pause();
        stream.removeAllListeners("data");
        const limit = size > MAX_PART_BYTES ? `${MAX_PART_BYTES / MIB} MB, the most one part may hold` : `${package_ / MIB} MB, the most a workbook may hold`;
        reject(new PoamError("invalidInput", `The workbook's part ${file.name} unpacks to more than ${limit}; it is not read (it may be a "zip bomb").`));
      }
    });
    stream.on("error", (error: unknown) => {
      if (!stopped) reject(error instanceof Error ? error : new Error(String(error)));
    });
    stream.on("end", () => {
      if (!stopped) resolveSize(size);
    });
  });
}

/** Unpacks every part once, counting, and refuses the package when a part or the whole passes its limit. */
async function checkUnpackedSizes(zip: JSZip): Promise<void> {
  let used = 0;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    used += await unpackedSize(file, Math.min(MAX_PART_BYTES, MAX_PACKAGE_BYTES - used), MAX_PACKAGE_BYTES);
  }
}

const SPREADSHEET_ML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/**
 * A package part parsed to elements. SpreadsheetML may be written with a
 * namespace prefix (`<x:worksheet xmlns:x="…">`, as some libraries write
 * it; ECMA-376 Part 1, 18.2 and 18.3 define the elements by namespace, not
 * by prefix). Excel itself writes none, and neither this reader nor the
 * package patcher matches prefixed names, so such a part stops the reading
 * with a message, rather than reading as a workbook without tables.
 */
async function xml(zip: JSZip, path: string): Promise<XmlNode> {
  const file = zip.file(path);
  if (!file) throw new Error(`The package has no ${path}`);
  const parsed = parser.parse(await file.async("string")) as XmlNode;
  const root = Object.keys(parsed).find((name) => !name.startsWith("?"));
  if (root?.includes(":") && isNode(parsed[root]) && Object.entries(parsed[root]).some(([name, value]) => name === `xmlns:${root.split(":")[0]}` && value === SPREADSHEET_ML)) {
    throw new PoamError(
      "invalidInput",
      `The part ${path} is written with a namespace prefix (<${root}>), which POA&M Workbench does not read. Open the workbook in Excel and save it (Excel writes no prefix), then run again.`,
    );
  }
  return parsed;
}

/** A number cell's stored value; a value that is not a finite number means the file is damaged, and reading stops. */
function numberIn(raw: string, sheet: string, cell: string): number {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value)) {
    throw new PoamError("invalidInput", `${quoteSheet(sheet)}!${cell} holds "${raw.slice(0, 40)}" where the file says a number is stored; the workbook is damaged there.`);
  }
  return value;
}

export async function readXlsx(buffer: Uint8Array): Promise<StoredWorkbook> {
  const zip = await JSZip.loadAsync(buffer);
  await checkUnpackedSizes(zip);
  const workbook = child(await xml(zip, "xl/workbook.xml"), "workbook");
  const rels = children(child(await xml(zip, "xl/_rels/workbook.xml.rels"), "Relationships"), "Relationship");
  const sharedStrings = zip.file("xl/sharedStrings.xml")
    ? children(child(await xml(zip, "xl/sharedStrings.xml"), "sst"), "si").map((si) =>
        si.t !== undefined ? textOf(child(si, "t")) : children(si, "r").map((run) => textOf(child(run, "t"))).join(""),
      )
    : [];
  const styles = child(await xml(zip, "xl/styles.xml"), "styleSheet");
  const customFormats = new Map<number, string>(
    children(child(styles, "numFmts"), "numFmt").map((f) => [Number(attr(f, "numFmtId")), attr(f, "formatCode") ?? ""]),
  );
  const cellFormats = children(child(styles, "cellXfs"), "xf").map((xf) => {
    const id = Number(attr(xf, "numFmtId") ?? 0);
    return customFormats.get(id) ?? BUILT_IN_FORMATS[id] ?? `builtin:${id}`;
  });

  const definedNames = new Map<string, string>(
    children(child(workbook, "definedNames"), "definedName").map((n) => [attr(n, "name") ?? "", textOf(n)]),
  );

  const sheets: StoredSheet[] = [];
  for (const entry of children(child(workbook, "sheets"), "sheet")) {
    const rel = rels.find((r) => attr(r, "Id") === attr(entry, "r:id"));
    const path = resolveTarget("xl/workbook.xml", attr(rel, "Target") ?? "");
    const sheetName = attr(entry, "name") ?? "";
    const ws = child(await xml(zip, path), "worksheet");
    const cells = new Map<string, StoredCell>();
    for (const row of children(child(ws, "sheetData"), "row")) {
      for (const c of children(row, "c")) {
        const v = child(c, "v");
        const raw = v === undefined ? "" : textOf(v);
        const type = attr(c, "t") ?? "n";
        let value: string | number | boolean;
        if (type === "s") value = sharedStrings[Number(raw)];
        else if (type === "b") value = raw === "1";
        else if (type === "n") value = raw === "" ? "" : numberIn(raw, sheetName, attr(c, "r") ?? "");
        else if (type === "inlineStr") value = textOf(child(child(c, "is"), "t"));
        else value = raw;
        const f = child(c, "f");
        const formula = f === undefined ? undefined : textOf(f);
        if (raw === "" && formula === undefined && type !== "inlineStr") continue;
        cells.set(attr(c, "r") ?? "", {
          value,
          ...(formula !== undefined && { formula }),
          numberFormat: cellFormats[Number(attr(c, "s") ?? 0)] ?? "General",
        });
      }
    }
    const validations = children(child(ws, "dataValidations"), "dataValidation").map((dv): StoredValidation => {
      const formula1 = child(dv, "formula1");
      const formula2 = child(dv, "formula2");
      return {
        sqref: attr(dv, "sqref") ?? "",
        type: attr(dv, "type") ?? "any",
        ...(attr(dv, "operator") && { operator: attr(dv, "operator") }),
        ...(attr(dv, "errorStyle") && { errorStyle: attr(dv, "errorStyle") }),
        ...(formula1 !== undefined && { formula1: textOf(formula1) }),
        ...(formula2 !== undefined && { formula2: textOf(formula2) }),
      };
    });
    const conditionalFormats = children(ws, "conditionalFormatting").flatMap((cf) =>
      children(cf, "cfRule").map((rule) => ({
        sqref: attr(cf, "sqref") ?? "",
        formula: textOf(child(rule, "formula")),
        priority: Number(attr(rule, "priority")),
      })),
    );
    const sheetRels = zip.file(relsPath(path)) ? children(child(await xml(zip, relsPath(path)), "Relationships"), "Relationship") : [];
    const tables: StoredTable[] = [];
    for (const part of children(child(ws, "tableParts"), "tablePart")) {
      const tableRel = sheetRels.find((r) => attr(r, "Id") === attr(part, "r:id"));
      const table = child(await xml(zip, resolveTarget(path, attr(tableRel, "Target") ?? "")), "table");
      tables.push({
        name: attr(table, "name") ?? "",
        ref: attr(table, "ref") ?? "",
        columns: children(child(table, "tableColumns"), "tableColumn").map((column) => {
          const calculated = child(column, "calculatedColumnFormula");
          return { name: attr(column, "name") ?? "", ...(calculated !== undefined && { calculatedColumnFormula: textOf(calculated) }) };
        }),
      });
    }
    sheets.push({ name: attr(entry, "name") ?? "", cells, validations, conditionalFormats, tables });
  }
  return {
    sheets,
    definedNames,
    sheet(name: string) {
      const found = sheets.find((s) => s.name === name);
      if (!found) throw new Error(`No sheet named ${name}; the workbook has ${sheets.map((s) => s.name).join(", ")}`);
      return found;
    },
  };
}
