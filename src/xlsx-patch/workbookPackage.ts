/**
 * A workbook package open for patching: its parts read as text, changed
 * parts written back, and the bookkeeping that joins a new part to the
 * package (a relationship from its owner, a content type). Parts nobody
 * changes keep their stored bytes (ECMA-376 Part 2, Open Packaging
 * Conventions: a package is its parts, their relationships and content types).
 */
import JSZip from "jszip";
import { PoamError } from "../domain/core/errors";
import { relsPath, resolveTarget } from "../formats/xlsx-read/packageParts";
import { addRelationship, nextPartNumber, override, relativeTarget } from "../xlsx/charts";
import { removeRelationships } from "./packageCharts";
import { attributeMap } from "./packageTables";


/** A sheet as the workbook part lists it. */
export interface SheetEntry {
  readonly name: string;
  readonly path: string;
  readonly sheetId: number;
}

export class WorkbookPackage {
  private readonly written = new Set<string>();
  /** Parts' text as last read or written: a large sheet is inflated once, not once per edit. */
  private readonly texts = new Map<string, string>();

  private constructor(readonly zip: JSZip) {}

  static async load(bytes: Uint8Array): Promise<WorkbookPackage> {
    return new WorkbookPackage(await JSZip.loadAsync(bytes));
  }

  has(path: string): boolean {
    return this.zip.file(path) !== null;
  }

  async read(path: string): Promise<string> {
    const known = this.texts.get(path);
    if (known !== undefined) return known;
    const file = this.zip.file(path);
    if (!file) throw new PoamError("invalidInput", `The workbook has no part ${path}; it is damaged.`);
    const text = await file.async("string");
    this.texts.set(path, text);
    return text;
  }

  write(path: string, xml: string): void {
    this.zip.file(path, xml);
    this.texts.set(path, xml);
    this.written.add(path);
  }

  remove(path: string): void {
    this.zip.remove(path);
    this.texts.delete(path);
    this.written.add(path);
  }

  /** Records a change made to the package's parts directly through `zip`, whose parts are then read afresh. */
  touch(): void {
    this.texts.clear();
    this.written.add("");
  }

  /** Whether any part was written or removed. */
  get changed(): boolean {
    return this.written.size > 0;
  }

  /** The sheets in tab order. */
  async sheets(): Promise<SheetEntry[]> {
    const workbook = await this.read("xl/workbook.xml");
    const targets = await this.relationships("xl/workbook.xml");
    const sheets: SheetEntry[] = [];
    for (const [, attributes] of workbook.matchAll(/<sheet\s([^>]*?)\/?>/g)) {
      const sheet = attributeMap(attributes);
      const path = targets.get(sheet.get("r:id") ?? "")?.path;
      if (path) sheets.push({ name: sheet.get("name") ?? "", path, sheetId: Number(sheet.get("sheetId") ?? 0) });
    }
    return sheets;
  }

  /** The part of the sheet called `name` (Excel's sheet names ignore case). */
  async sheetPath(name: string): Promise<string> {
    const sheet = (await this.sheets()).find((entry) => entry.name.toLowerCase() === name.toLowerCase());
    if (!sheet) throw new PoamError("invalidInput", `The workbook has no sheet named ${name}.`);
    return sheet.path;
  }

  /** The relationships of the part at `path`: id to target path and type. */
  async relationships(path: string): Promise<Map<string, { path: string; type: string; external: boolean }>> {
    const rels = this.zip.file(relsPath(path));
    const found = new Map<string, { path: string; type: string; external: boolean }>();
    if (!rels) return found;
    for (const [, attributes] of (await rels.async("string")).matchAll(/<Relationship\s([^>]*?)\/?>/g)) {
      const map = attributeMap(attributes);
      const external = map.get("TargetMode") === "External";
      const target = map.get("Target") ?? "";
      found.set(map.get("Id") ?? "", { path: external ? target : resolveTarget(path, target), type: map.get("Type") ?? "", external });
    }
    return found;
  }

  /** Adds a relationship of `type` (the last segment of an Office relationship type, e.g. "table") from `from` to `to`; returns its id. */
  async addRelationship(from: string, type: string, to: string): Promise<string> {
    this.written.add(relsPath(from));
    this.texts.delete(relsPath(from));
    return addRelationship(this.zip, from, type, relativeTarget(from, to));
  }

  /** Declares the content type of a new part. */
  async addContentType(path: string, contentType: string): Promise<void> {
    const xml = await this.read("[Content_Types].xml");
    this.write("[Content_Types].xml", xml.replace("</Types>", `${override(path, contentType)}</Types>`));
  }

  /**
   * Removes the workbook's calculation chain (ECMA-376 Part 1, 18.6), if it
   * has one: the part, the workbook's relationship to it and its content
   * type. Excel refuses a chain naming a cell that no longer holds a formula
   * ("Removed Records: Formula from /xl/calcChain.xml part") and builds the
   * chain again when there is none.
   */
  async removeCalcChain(): Promise<void> {
    const chains = [...(await this.relationships("xl/workbook.xml"))].filter(([, rel]) => !rel.external && rel.type.endsWith("/calcChain"));
    if (chains.length === 0) return;
    await removeRelationships(this.zip, "xl/workbook.xml", new Set(chains.map(([id]) => id)));
    this.touch();
  }

  /** A part name `${prefix}N.xml` no part has, N one more than the highest in use. */
  newPartPath(prefix: string): string {
    return `${prefix}${nextPartNumber(this.zip, prefix)}.xml`;
  }

  /** The package's bytes: unchanged when nothing was written. */
  async save(original: Uint8Array): Promise<Uint8Array> {
    if (!this.changed) return original;
    return this.zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }
}
