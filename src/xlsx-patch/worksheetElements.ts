/**
 * Putting a child element of a worksheet part where the schema wants it.
 * CT_Worksheet (ECMA-376 Part 1, 18.3.1.99) is a sequence: Excel refuses a
 * sheet whose children are out of order ("We found a problem with some
 * content"), so an element a patch adds goes after the last sibling that
 * must precede it. The part's other bytes stay as they were.
 */

/** CT_Worksheet's children, in schema order. */
export const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
] as const;

export type WorksheetChild = (typeof WORKSHEET_ORDER)[number];

/** One child element of the worksheet: its local name and where it stands in the part's text. */
export interface ChildElement {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Opening, closing and empty tags; quoted attribute values may hold ">". */
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/** The worksheet element's children, in document order, and where its closing tag stands. */
export function worksheetChildren(sheetXml: string): { children: ChildElement[]; close: number } {
  const children: ChildElement[] = [];
  let depth = 0;
  let current: { name: string; start: number } | undefined;
  TAG.lastIndex = 0;
  for (let tag = TAG.exec(sheetXml); tag; tag = TAG.exec(sheetXml)) {
    const [whole, closing, name, selfClosing] = tag;
    if (name.startsWith("?") || whole.startsWith("<!")) continue;
    const local = name.replace(/^.*:/, "");
    const at = tag.index;
    if (closing) {
      depth--;
      if (depth === 0) return { children, close: at };
      if (depth === 1 && current) {
        children.push({ name: current.name, start: current.start, end: at + whole.length });
        current = undefined;
      }
      continue;
    }
    if (depth === 1) {
      if (selfClosing) children.push({ name: local, start: at, end: at + whole.length });
      else current = { name: local, start: at };
    }
    if (!selfClosing) depth++;
    // Cell text cannot hold "<", so the sheet data's many rows are skipped in one step.
    if (depth === 2 && local === "sheetData" && !selfClosing) {
      const end = sheetXml.indexOf("</sheetData>", at);
      if (end > at) TAG.lastIndex = end;
    }
  }
  throw new Error("The sheet part has no closing </worksheet>");
}

/** The first child named `name`, if the sheet has one. */
export function findChild(sheetXml: string, name: WorksheetChild): ChildElement | undefined {
  return worksheetChildren(sheetXml).children.find((child) => child.name === name);
}

/** Every child named `name` (conditionalFormatting repeats). */
export function findChildren(sheetXml: string, name: WorksheetChild): ChildElement[] {
  return worksheetChildren(sheetXml).children.filter((child) => child.name === name);
}

/**
 * The sheet with `element` (a whole `<name …>` element) put where the schema
 * orders a child called `name`: after the last existing child that comes
 * before it or is another of its kind, so repeated elements keep their order.
 */
export function insertChild(sheetXml: string, name: WorksheetChild, element: string): string {
  const rank = WORKSHEET_ORDER.indexOf(name);
  const { children, close } = worksheetChildren(sheetXml);
  const later = children.find((child) => {
    const childRank = WORKSHEET_ORDER.indexOf(child.name as WorksheetChild);
    // An element not in the schema (another namespace's) stays where it is; the new one goes before anything ranked later.
    return childRank > rank;
  });
  const at = later ? later.start : close;
  return sheetXml.slice(0, at) + element + sheetXml.slice(at);
}

/**
 * The sheet with its child `name` replaced by `element`, or `element`
 * inserted when there is none; an empty `element` removes the child.
 */
export function replaceChild(sheetXml: string, name: WorksheetChild, element: string): string {
  const existing = findChild(sheetXml, name);
  if (!existing) return element === "" ? sheetXml : insertChild(sheetXml, name, element);
  return sheetXml.slice(0, existing.start) + element + sheetXml.slice(existing.end);
}
