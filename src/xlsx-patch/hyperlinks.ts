/**
 * A sheet's links (ECMA-376 Part 1, 18.3.1.47 hyperlink): links to a place
 * in the workbook are a `location` alone, with no relationship. Links of
 * cleared or rewritten cells go; the others stay as written.
 */
import { parseRange, type RangeBox } from "../domain/core/a1";
import { escapeXml } from "../formats/xlsx-read/packageParts";
import { attributeMap } from "./packageTables";
import { findChild, replaceChild } from "./worksheetElements";

export interface InternalLink {
  /** The cell, "A5". */
  readonly address: string;
  /** Where it leads, "'POA&M'!A12". */
  readonly location: string;
  readonly display: string;
}

const inside = (cell: RangeBox, range: RangeBox) =>
  cell.row >= range.row && cell.row < range.row + range.rowCount && cell.column >= range.column && cell.column < range.column + range.columnCount;

/** The sheet with the links in `removed` ranges dropped and `added` ones written. */
export function withLinks(sheetXml: string, removed: readonly RangeBox[], added: readonly InternalLink[]): string {
  if (removed.length === 0 && added.length === 0) return sheetXml;
  const existing = findChild(sheetXml, "hyperlinks");
  const replacedCells = added.map((link) => parseRange(link.address));
  const gone = [...removed, ...replacedCells];
  const links = existing ? [...sheetXml.slice(existing.start, existing.end).matchAll(/<hyperlink\s([^>]*?)(?:\/>|>[\s\S]*?<\/hyperlink>)/g)] : [];
  const kept = links
    .filter((match) => {
      let ref: RangeBox;
      try {
        ref = parseRange(attributeMap(match[1]).get("ref") ?? "");
      } catch {
        return true;
      }
      return !gone.some((range) => inside(ref, range));
    })
    .map((match) => match[0]);
  // Nothing dropped and nothing added: the element stays as written.
  if (added.length === 0 && kept.length === links.length) return sheetXml;
  const written = added.map((link) => `<hyperlink ref="${link.address}" location="${escapeXml(link.location)}" display="${escapeXml(link.display)}"/>`);
  const all = [...kept, ...written];
  return replaceChild(sheetXml, "hyperlinks", all.length === 0 ? "" : `<hyperlinks>${all.join("")}</hyperlinks>`);
}
