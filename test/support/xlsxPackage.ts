/**
 * Reads an .xlsx package the way the tests need it: every cell's stored value
 * and formula (cached results included, which ExcelJS drops when they are 0 or
 * empty), and each sheet's data validations and conditional formats.
 */
import { XMLParser } from "fast-xml-parser";
import JSZip from "jszip";

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
  trimValues: false,
  isArray: (name) =>
    ["sheet", "row", "c", "si", "r", "dataValidation", "conditionalFormatting", "cfRule", "definedName", "tableColumn", "Relationship", "numFmt", "xf", "tablePart"].includes(name),
});

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const textOf = (node: unknown): string => {
  if (node === undefined || node === null) return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (typeof node === "object" && "#text" in (node as Record<string, unknown>)) return String((node as Record<string, unknown>)["#text"]);
  return "";
};

/** Built-in number formats the tests meet (ECMA-376 §18.8.30). */
const BUILT_IN_FORMATS: Record<number, string> = { 0: "General", 1: "0", 2: "0.00", 4: "#,##0.00", 14: "mm-dd-yy", 49: "@" };

/** A package part parsed to plain objects; untyped, as the parts' shapes vary. */
async function xml(zip: JSZip, path: string): Promise<any> {
  const file = zip.file(path);
  if (!file) throw new Error(`The package has no ${path}`);
  return parser.parse(await file.async("string"));
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const part of target.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

function relsPath(path: string): string {
  const parts = path.split("/");
  const file = parts.pop();
  return [...parts, "_rels", `${file}.rels`].join("/");
}

export async function readXlsx(buffer: Uint8Array): Promise<StoredWorkbook> {
  const zip = await JSZip.loadAsync(buffer);
  const workbook = (await xml(zip, "xl/workbook.xml")).workbook;
  const rels: any[] = asArray<any>((await xml(zip, "xl/_rels/workbook.xml.rels")).Relationships).flatMap((r) => asArray<any>(r.Relationship));
  const sharedStrings = zip.file("xl/sharedStrings.xml")
    ? asArray<any>((await xml(zip, "xl/sharedStrings.xml")).sst.si).map((si: any) =>
        si.t !== undefined ? textOf(si.t) : asArray(si.r).map((run: any) => textOf(run.t)).join(""),
      )
    : [];
  const styles = (await xml(zip, "xl/styles.xml")).styleSheet;
  const customFormats = new Map<number, string>(
    asArray(styles.numFmts?.numFmt).map((f: any) => [Number(f.numFmtId), String(f.formatCode)]),
  );
  const cellFormats = asArray(styles.cellXfs?.xf).map((xf: any) => {
    const id = Number(xf.numFmtId ?? 0);
    return customFormats.get(id) ?? BUILT_IN_FORMATS[id] ?? `builtin:${id}`;
  });

  const definedNames = new Map<string, string>(
    asArray(workbook.definedNames?.definedName).map((n: any) => [String(n.name), textOf(n)]),
  );

  const sheets: StoredSheet[] = [];
  for (const entry of asArray<any>(workbook.sheets.sheet)) {
    const rel = rels.find((r) => r.Id === entry["r:id"]);
    const path = resolveTarget("xl/workbook.xml", rel.Target);
    const ws = (await xml(zip, path)).worksheet;
    const cells = new Map<string, StoredCell>();
    for (const row of asArray<any>(ws.sheetData?.row)) {
      for (const c of asArray<any>(row.c)) {
        const raw = c.v === undefined ? "" : textOf(c.v);
        const type = c.t ?? "n";
        let value: string | number | boolean;
        if (type === "s") value = sharedStrings[Number(raw)];
        else if (type === "b") value = raw === "1";
        else if (type === "n") value = raw === "" ? "" : Number(raw);
        else if (type === "inlineStr") value = textOf(c.is?.t);
        else value = raw;
        const formula = c.f === undefined ? undefined : textOf(c.f);
        if (raw === "" && formula === undefined && type !== "inlineStr") continue;
        cells.set(String(c.r), {
          value,
          ...(formula !== undefined && { formula }),
          numberFormat: cellFormats[Number(c.s ?? 0)] ?? "General",
        });
      }
    }
    const validations = asArray(ws.dataValidations?.dataValidation).map((dv: any) => ({
      sqref: String(dv.sqref),
      type: String(dv.type ?? "any"),
      ...(dv.operator && { operator: String(dv.operator) }),
      ...(dv.errorStyle && { errorStyle: String(dv.errorStyle) }),
      ...(dv.formula1 !== undefined && { formula1: textOf(dv.formula1) }),
      ...(dv.formula2 !== undefined && { formula2: textOf(dv.formula2) }),
    }));
    const conditionalFormats = asArray(ws.conditionalFormatting).flatMap((cf: any) =>
      asArray(cf.cfRule).map((rule: any) => ({
        sqref: String(cf.sqref),
        formula: textOf(asArray(rule.formula)[0]),
        priority: Number(rule.priority),
      })),
    );
    const sheetRels: any[] = zip.file(relsPath(path)) ? asArray<any>((await xml(zip, relsPath(path))).Relationships?.Relationship) : [];
    const tables: StoredTable[] = [];
    for (const part of asArray<any>(ws.tableParts?.tablePart)) {
      const tableRel = sheetRels.find((r) => r.Id === part["r:id"]);
      const table = (await xml(zip, resolveTarget(path, tableRel.Target))).table;
      tables.push({
        name: String(table.name),
        ref: String(table.ref),
        columns: asArray(table.tableColumns?.tableColumn).map((column: any) => ({
          name: String(column.name),
          ...(column.calculatedColumnFormula !== undefined && {
            calculatedColumnFormula: textOf(column.calculatedColumnFormula),
          }),
        })),
      });
    }
    sheets.push({ name: String(entry.name), cells, validations, conditionalFormats, tables });
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
