/**
 * Validation rules, conditional formats, column widths and frozen panes in a
 * worksheet part, edited as text: each function takes the part's XML and
 * returns it with only the elements the change needs rewritten, everything
 * else byte for byte as it was. They mean in the file format what the plan
 * ops `setValidation`, `addConditionalFormat`, `deleteConditionalFormats`,
 * `setColumnWidths` and `freezePanes` mean to Office.js (src/excel/applyPlan.ts)
 * and ExcelJS (src/xlsx/applyPlanToWorkbook.ts).
 *
 * Element and attribute names are those of ECMA-376 Part 1, 18.3.1 (the
 * worksheet) and of the Excel 2010 extensions (MS-XLSX 2.6: x14:dataValidations,
 * x14:conditionalFormattings), matched by local name so any prefix works.
 * The worksheet's own elements are expected in the default namespace, as
 * Excel, LibreOffice and ExcelJS write them.
 */
import { cellAddress, columnIndex, rangeAddress, type RangeBox } from "../domain/core/a1";
import { isIsoDate, toSerial } from "../domain/core/dates";
import type { ValidationSpec } from "../domain/workbook/plan";
import { decodeReferences, escapeXml } from "../formats/xlsx-read/packageParts";
import { cellText } from "./appendRows";
import { findChild, findChildren, insertChild, type ChildElement } from "./worksheetElements";

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

// ---------------------------------------------------------------------------
// Reading and editing elements in place

/** One element of the part: where it, its opening tag and its content stand. */
interface XmlNode {
  /** Local name, without a prefix. */
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** Just after the opening tag (`end` when the element is empty-tag). */
  readonly openEnd: number;
  /** Where the closing tag starts (`end` when the element is empty-tag). */
  readonly closeStart: number;
  /** The opening tag's attributes, values decoded. */
  readonly attributes: ReadonlyMap<string, string>;
}

/** A replacement of the part's text from `start` to `end`. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Comments, CDATA and processing instructions, which hold no elements, and tags (quoted attribute values may hold ">"). */
const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

function attributesIn(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, double, single] of text.matchAll(ATTRIBUTE)) attributes.set(name, decodeReferences(double ?? single ?? ""));
  return attributes;
}

/** The element whose opening tag starts at `start`; `end`, when known (a worksheet child's), spares the search for its closing tag. */
function nodeAt(xml: string, start: number, end?: number): XmlNode {
  TOKEN.lastIndex = start;
  const open = TOKEN.exec(xml);
  if (!open || open.index !== start || !open[2] || open[1]) throw new Error(`No element starts at offset ${start} of the sheet part`);
  const name = localName(open[2]);
  const attributes = attributesIn(open[3]);
  const openEnd = start + open[0].length;
  if (open[4]) return { name, start, end: openEnd, openEnd, closeStart: openEnd, attributes };
  if (end !== undefined) return { name, start, end, openEnd, closeStart: xml.lastIndexOf("<", end - 1), attributes };
  let depth = 1;
  for (let tag = TOKEN.exec(xml); tag; tag = TOKEN.exec(xml)) {
    if (!tag[2] || tag[4]) continue;
    depth += tag[1] ? -1 : 1;
    if (depth === 0) return { name, start, end: tag.index + tag[0].length, openEnd, closeStart: tag.index, attributes };
  }
  throw new Error(`The sheet part's <${open[2]}> at offset ${start} is never closed`);
}

const worksheetNode = (xml: string, child: ChildElement) => nodeAt(xml, child.start, child.end);

/** The element children of `node`, in document order. */
function childrenOf(xml: string, node: XmlNode): XmlNode[] {
  const children: XmlNode[] = [];
  let depth = 0;
  let start = -1;
  TOKEN.lastIndex = node.openEnd;
  for (let tag = TOKEN.exec(xml); tag && tag.index < node.closeStart; tag = TOKEN.exec(xml)) {
    if (!tag[2]) continue;
    if (tag[1]) {
      depth--;
      if (depth === 0) {
        const lastIndex = TOKEN.lastIndex;
        children.push(nodeAt(xml, start, tag.index + tag[0].length));
        TOKEN.lastIndex = lastIndex;
      }
    } else if (tag[4]) {
      if (depth === 0) {
        const lastIndex = TOKEN.lastIndex;
        children.push(nodeAt(xml, tag.index));
        TOKEN.lastIndex = lastIndex;
      }
    } else {
      if (depth === 0) start = tag.index;
      depth++;
    }
  }
  return children;
}

/** Every element named `name` inside `node`, at any depth, in document order. */
function descendantsOf(xml: string, node: XmlNode, name: string): XmlNode[] {
  return childrenOf(xml, node).flatMap((child) => (child.name === name ? [child] : descendantsOf(xml, child, name)));
}

const textOf = (xml: string, node: XmlNode) => decodeReferences(xml.slice(node.openEnd, node.closeStart));

/** `xml` with `edits` (which do not overlap) made. */
function applyEdits(xml: string, edits: readonly Edit[]): string {
  let result = xml;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** Text for an attribute value: XML's escapes, with tabs and line breaks as references so that attribute normalization keeps them. */
const attributeText = (text: string) => cellText(text).replace(/[\t\n\r]/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The opening tag of `node` with attributes set (a value already escaped) or,
 * for `undefined`, removed. An attribute it has keeps its place; a new one goes last.
 */
function retag(xml: string, node: XmlNode, changes: Readonly<Record<string, string | undefined>>, selfClosing = node.openEnd === node.end): string {
  const tag = xml.slice(node.start, node.openEnd);
  const name = /^<([^\s/>]+)/.exec(tag)?.[1] ?? node.name;
  const written = [...tag.matchAll(ATTRIBUTE)].map((match) => [match[1], match[0]] as [string, string]);
  const kept = written
    .filter(([attribute]) => !(attribute in changes) || changes[attribute] !== undefined)
    .map(([attribute, text]) => (attribute in changes ? `${attribute}="${changes[attribute]}"` : text));
  const added = Object.entries(changes)
    .filter(([attribute, value]) => value !== undefined && !written.some(([existing]) => existing === attribute))
    .map(([attribute, value]) => `${attribute}="${value}"`);
  return `<${[name, ...kept, ...added].join(" ")}${selfClosing ? "/>" : ">"}`;
}

/** The whole closing tag `node` would need if it held content (its prefix kept). */
function closingTag(xml: string, node: XmlNode): string {
  return `</${/^<([^\s/>]+)/.exec(xml.slice(node.start, node.openEnd))?.[1] ?? node.name}>`;
}

/** Edits putting `content` at the end of `node`'s content, turning an empty-tag element into one with content. */
function appendTo(xml: string, node: XmlNode, content: string, changes: Readonly<Record<string, string | undefined>> = {}): Edit[] {
  if (node.openEnd === node.end) return [{ start: node.start, end: node.end, text: retag(xml, node, changes, false) + content + closingTag(xml, node) }];
  const edits: Edit[] = [{ start: node.closeStart, end: node.closeStart, text: content }];
  if (Object.keys(changes).length > 0) edits.push({ start: node.start, end: node.openEnd, text: retag(xml, node, changes) });
  return edits;
}

const removal = (node: XmlNode): Edit => ({ start: node.start, end: node.end, text: "" });

/**
 * What becomes of an element: it goes, it stays with edits inside it (none
 * for as it is), or its children are looked at in turn.
 */
type Fate = "remove" | "descend" | Edit[];

/**
 * Children that do not make a rule container worth keeping: once its rules
 * are gone, an x14:conditionalFormatting holding only its xm:sqref, or a
 * conditionalFormatting holding only an extLst, goes too.
 */
const INCIDENTAL = new Set(["sqref", "extLst"]);

/**
 * The edits `visit` asks for under `node`, or "remove" for `node` itself. An
 * element whose every rule-bearing child was removed goes too (the schema
 * wants at least one: dataValidations, conditionalFormatting, an ext), and
 * the `count` of one that keeps some is set to what is left.
 */
function prune(xml: string, node: XmlNode, visit: (node: XmlNode) => Fate): Edit[] | "remove" {
  const verdict = visit(node);
  if (verdict !== "descend") return verdict;
  const children = childrenOf(xml, node);
  const edits: Edit[] = [];
  let removed = 0;
  for (const child of children) {
    const fate = prune(xml, child, visit);
    if (fate === "remove") {
      removed++;
      edits.push(removal(child));
    } else edits.push(...fate);
  }
  const substantive = children.filter((child) => !INCIDENTAL.has(child.name)).length;
  if (removed > 0 && removed >= substantive) return "remove";
  if (removed > 0 && node.attributes.has("count")) edits.push({ start: node.start, end: node.openEnd, text: retag(xml, node, { count: String(substantive - removed) }) });
  return edits;
}

/** The sheet with `visit` applied under its child `name` (each of them, for conditionalFormatting). */
function pruneChildren(xml: string, name: "dataValidations" | "conditionalFormatting" | "extLst", visit: (node: XmlNode) => Fate): string {
  const edits = findChildren(xml, name).flatMap((child) => {
    const node = worksheetNode(xml, child);
    const fate = prune(xml, node, visit);
    return fate === "remove" ? [removal(node)] : fate;
  });
  return applyEdits(xml, edits);
}

// ---------------------------------------------------------------------------
// Ranges

/** One range of a sqref ("A1", "B2:C9", and the whole columns "A:C" or rows "3:5" other writers use), or undefined when it is none of these. */
function parseSqrefRange(text: string): RangeBox | undefined {
  const ends = text.split(":");
  if (ends.length > 2) return undefined;
  const parts = ends.map((end) => /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/.exec(end));
  if (parts.some((part) => !part || (!part[1] && !part[2]))) return undefined;
  const [a, b = a] = parts as RegExpExecArray[];
  const columns = a[1] && b[1] ? [columnIndex(a[1]), columnIndex(b[1])] : !a[1] && !b[1] ? [0, MAX_COLUMNS - 1] : undefined;
  const rows = a[2] && b[2] ? [Number(a[2]) - 1, Number(b[2]) - 1] : !a[2] && !b[2] && ends.length === 2 ? [0, MAX_ROWS - 1] : undefined;
  if (!columns || !rows) return undefined;
  const [row, lastRow] = [Math.min(...rows), Math.max(...rows)];
  const [column, lastColumn] = [Math.min(...columns), Math.max(...columns)];
  return { row, column, rowCount: lastRow - row + 1, columnCount: lastColumn - column + 1 };
}

/** The parts of `box` outside `cut`, as at most four rectangles in reading order: above, left, right, below. */
export function subtractRange(box: RangeBox, cut: RangeBox): RangeBox[] {
  const top = Math.max(box.row, cut.row);
  const bottom = Math.min(box.row + box.rowCount, cut.row + cut.rowCount);
  const left = Math.max(box.column, cut.column);
  const right = Math.min(box.column + box.columnCount, cut.column + cut.columnCount);
  if (top >= bottom || left >= right) return [box];
  const pieces: RangeBox[] = [];
  if (box.row < top) pieces.push({ ...box, rowCount: top - box.row });
  if (box.column < left) pieces.push({ row: top, column: box.column, rowCount: bottom - top, columnCount: left - box.column });
  if (right < box.column + box.columnCount) pieces.push({ row: top, column: right, rowCount: bottom - top, columnCount: box.column + box.columnCount - right });
  if (bottom < box.row + box.rowCount) pieces.push({ ...box, row: bottom, rowCount: box.row + box.rowCount - bottom });
  return pieces;
}

/** `sqref` without the cells of `cut` (ranges it leaves alone written as they were), or undefined when it shares no cell with `cut`. */
export function sqrefWithout(sqref: string, cut: RangeBox): string | undefined {
  let changed = false;
  const kept = sqref
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((text) => {
      const box = parseSqrefRange(text);
      if (!box) return [text];
      const pieces = subtractRange(box, cut);
      if (pieces.length === 1 && pieces[0] === box) return [text];
      changed = true;
      return pieces.map(rangeAddress);
    });
  return changed ? kept.join(" ") : undefined;
}

function checkRange(range: RangeBox): void {
  const { row, column, rowCount, columnCount } = range;
  const whole = [row, column, rowCount, columnCount].every((n) => Number.isInteger(n));
  if (!whole || row < 0 || column < 0 || rowCount < 1 || columnCount < 1 || row + rowCount > MAX_ROWS || column + columnCount > MAX_COLUMNS) {
    throw new RangeError(`Not a range of the sheet: ${JSON.stringify(range)}`);
  }
}

// ---------------------------------------------------------------------------
// Data validation

export const ERROR_TITLE = "POA&M Workbench";
/** Excel refuses a file whose validation message is longer (its dialog's limit; the title's is 32). */
export const MAX_ERROR_MESSAGE = 225;
/** Excel refuses a literal list longer than this: the items and their commas, without the quotes. */
const MAX_LIST_LITERAL = 255;

const withoutEquals = (formula: string) => formula.replace(/^=/, "");

function numberOperand(text: string, what: string): string {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) throw new Error(`A ${what} validation needs a number, not ${JSON.stringify(text)}`);
  return String(value);
}

/**
 * A plan's rule as CT_DataValidation has it (18.3.1.32): its type, operator
 * and formulas, without "=". Office.js takes a literal list bare and a date
 * bound as a formula or an ISO date; the file holds the list as a quoted
 * string and a date as its serial number.
 */
function fileRule(rule: ValidationSpec): { type: string; operator?: string; formulas: string[] } {
  switch (rule.type) {
    case "list": {
      if (rule.source.startsWith("=")) return { type: "list", formulas: [withoutEquals(rule.source)] };
      // A source may come quoted already ('"Yes,No"', as listSource in src/excel/applyPlan.ts allows).
      const literal = /^".*"$/s.test(rule.source) ? rule.source : `"${rule.source.replace(/"/g, '""')}"`;
      if (literal.length - 2 > MAX_LIST_LITERAL) throw new Error(`A validation list written out can be at most ${MAX_LIST_LITERAL} characters; this one has ${literal.length - 2}.`);
      return { type: "list", formulas: [literal] };
    }
    case "custom":
      return { type: "custom", formulas: [rule.formula] };
    case "date": {
      const bound = isIsoDate(rule.formula1) ? String(toSerial(rule.formula1)) : withoutEquals(rule.formula1);
      return { type: "date", operator: rule.operator, formulas: [bound] };
    }
    case "textLength":
      return { type: "textLength", operator: rule.operator, formulas: [numberOperand(rule.formula1, "text length")] };
    case "decimal":
    case "whole": {
      const formulas = [numberOperand(rule.formula1, rule.type)];
      if (rule.operator === "between") formulas.push(numberOperand(rule.formula2 ?? "", rule.type));
      return { type: rule.type, operator: rule.operator, formulas };
    }
  }
}

/**
 * Fate of a validation rule, main or x14, with the cells of `cut` taken out of
 * its range: the sqref attribute of a main one, the xm:sqref child of an x14 one.
 */
function cutValidation(xml: string, node: XmlNode, cut: RangeBox): Fate {
  if (node.name === "dataValidations" || node.name === "extLst" || node.name === "ext") return "descend";
  if (node.name !== "dataValidation") return [];
  const attribute = node.attributes.get("sqref");
  const child = attribute === undefined ? childrenOf(xml, node).find((c) => c.name === "sqref") : undefined;
  const sqref = attribute ?? (child ? textOf(xml, child) : undefined);
  if (sqref === undefined) return [];
  const left = sqrefWithout(sqref, cut);
  if (left === undefined) return [];
  if (left === "") return "remove";
  if (child) return [{ start: child.openEnd, end: child.closeStart, text: escapeXml(left) }];
  return [{ start: node.start, end: node.openEnd, text: retag(xml, node, { sqref: escapeXml(left) }) }];
}

/**
 * Sets data validation on `range`, replacing what validation covered those
 * cells before (ECMA-376 Part 1, 18.3.1.32/33), as Office.js's
 * `dataValidation.clear()` then `rule = …` does: every other rule loses the
 * cells of `range` (a range partly inside is split into the rectangles left
 * outside it), in `<dataValidations>` and in the x14:dataValidations Excel
 * keeps in `<extLst>` for rules that name other sheets; a rule left with no
 * cells goes. The new rule is the last of `<dataValidations>`.
 */
export function setValidation(sheetXml: string, range: RangeBox, rule: ValidationSpec, alert: "stop" | "warning", message: string): string {
  checkRange(range);
  if (message.length > MAX_ERROR_MESSAGE) {
    throw new Error(`A validation message can be at most ${MAX_ERROR_MESSAGE} characters (Excel refuses the file otherwise); this one has ${message.length}: ${message.slice(0, 60)}…`);
  }
  const { type, operator, formulas } = fileRule(rule);
  const cleared = pruneChildren(sheetXml, "dataValidations", (node) => cutValidation(sheetXml, node, range));
  const xml = pruneChildren(cleared, "extLst", (node) => cutValidation(cleared, node, range));

  // allowBlank is Office.js's ignoreBlanks; a list shows its drop-down unless showDropDown="1" (which, despite its name, hides it).
  const element =
    `<dataValidation type="${type}"${operator ? ` operator="${operator}"` : ""} allowBlank="1" showErrorMessage="1" errorStyle="${alert}"` +
    ` errorTitle="${attributeText(ERROR_TITLE)}" error="${attributeText(message)}" sqref="${rangeAddress(range)}">` +
    formulas.map((formula, i) => `<formula${i + 1}>${escapeXml(formula)}</formula${i + 1}>`).join("") +
    "</dataValidation>";
  const existing = findChild(xml, "dataValidations");
  if (!existing) return insertChild(xml, "dataValidations", `<dataValidations count="1">${element}</dataValidations>`);
  const node = worksheetNode(xml, existing);
  const count = childrenOf(xml, node).filter((child) => child.name === "dataValidation").length + 1;
  return applyEdits(xml, appendTo(xml, node, element, { count: String(count) }));
}

// ---------------------------------------------------------------------------
// Conditional formats

/**
 * The rules of the sheet's `<conditionalFormatting>` elements, numbered from
 * "1" in document order. Every cfRule counts, whatever its type, so an id
 * names the same rule whether or not the caller looked at the others. The
 * x14:conditionalFormatting rules in `<extLst>` (Excel 2010's, for formulas
 * naming other sheets and the newer data bars and icon sets) are not
 * numbered: they are no rules this module writes, and a main rule's
 * extension there is removed with it.
 */
function eachMainRule(xml: string, visit: (rule: XmlNode, id: string, formatting: XmlNode) => void): void {
  let id = 0;
  for (const child of findChildren(xml, "conditionalFormatting")) {
    const formatting = worksheetNode(xml, child);
    for (const rule of childrenOf(xml, formatting)) if (rule.name === "cfRule") visit(rule, String(++id), formatting);
  }
}

/** The sheet's custom-formula (type="expression") conditional-format rules, in document order, with an id for each and its formula text (decoded, no "="). */
export function conditionalFormatsOf(sheetXml: string): { id: string; formula: string; sqref: string }[] {
  const found: { id: string; formula: string; sqref: string }[] = [];
  eachMainRule(sheetXml, (rule, id, formatting) => {
    if (rule.attributes.get("type") !== "expression") return;
    const formula = childrenOf(sheetXml, rule).find((child) => child.name === "formula");
    found.push({ id, formula: formula ? textOf(sheetXml, formula) : "", sqref: formatting.attributes.get("sqref") ?? "" });
  });
  return found;
}

/** The x14 ids a main rule's extLst links it by (`<x14:id>{GUID}</x14:id>`, MS-XLSX 2.6.2). */
function extensionIds(xml: string, rule: XmlNode): string[] {
  return descendantsOf(xml, rule, "id").map((id) => textOf(xml, id).trim());
}

/**
 * Removes the rules with these ids (as conditionalFormatsOf gave them on this
 * same text); a conditionalFormatting left with no rule goes too, and so does
 * the x14 part of a removed rule. Throws on an id the sheet has no rule for.
 */
export function deleteConditionalFormats(sheetXml: string, ids: readonly string[]): string {
  const wanted = new Set(ids);
  const doomed = new Set<number>();
  const linked = new Set<string>();
  eachMainRule(sheetXml, (rule, id) => {
    if (!wanted.delete(id)) return;
    doomed.add(rule.start);
    for (const link of extensionIds(sheetXml, rule)) linked.add(link);
  });
  if (wanted.size > 0) throw new Error(`The sheet has no conditional format ${[...wanted].join(", ")}`);
  let xml = pruneChildren(sheetXml, "conditionalFormatting", (node) => (node.name === "conditionalFormatting" ? "descend" : doomed.has(node.start) ? "remove" : []));
  if (linked.size > 0) {
    xml = pruneChildren(xml, "extLst", (node) => {
      if (["extLst", "ext", "conditionalFormattings", "conditionalFormatting"].includes(node.name)) return "descend";
      return node.name === "cfRule" && linked.has(node.attributes.get("id") ?? "") ? "remove" : [];
    });
  }
  return xml;
}

/**
 * Priorities. Excel evaluates the lower `priority` first and wants each used
 * once per sheet (18.3.1.10), counting the x14 rules in `<extLst>` as well.
 * A rule added here must win over every rule the sheet had before and lose
 * only to rules added here with a lower rank, whatever order the ranks come
 * in; Office.js gets that by adding the rules least important first, each on
 * top. The part's text is the only memory between calls, and a sheet's own
 * rules can have any priority, so the rules added here are told apart by
 * their band: rank r gets OURS + r × PER_RANK (+1, +2 … for a second rule of
 * the same rank, which the earlier one beats, as the earlier op of a plan
 * does in Office.js). Every other rule keeps its order among the others but
 * is renumbered from OTHERS + 1, above the band, once it is not there
 * already. Excel, LibreOffice and ExcelJS read such numbers as they are and
 * Excel writes them as 1, 2, … when it next saves; a file whose own rules
 * are already numbered between OURS and OTHERS (no application writes that)
 * would have them taken for this module's.
 */
const OURS = 1_000_000;
const PER_RANK = 1_000;
const OTHERS = 2_000_000;

/** Every rule of the sheet with a priority: the main ones and the x14 ones in extLst (a main rule's x14 extension has none). */
function prioritizedRules(xml: string): { node: XmlNode; priority: number }[] {
  const rules = [
    ...findChildren(xml, "conditionalFormatting").flatMap((child) => childrenOf(xml, worksheetNode(xml, child)).filter((node) => node.name === "cfRule")),
    ...findChildren(xml, "extLst").flatMap((child) => descendantsOf(xml, worksheetNode(xml, child), "cfRule")),
  ];
  return rules.filter((node) => node.attributes.has("priority")).map((node) => ({ node, priority: Number(node.attributes.get("priority")) }));
}

/**
 * Adds a type="expression" rule over `range` with `formula` (no "="), using
 * differential format `dxfId`, in a conditionalFormatting of its own among
 * the sheet's others, before the first one it outranks. `rank` 0 is the most
 * important: see OURS above for the priority it gets and what happens to the
 * sheet's other rules' priorities.
 */
export function addConditionalFormat(sheetXml: string, range: RangeBox, formula: string, dxfId: number, rank: number): string {
  checkRange(range);
  if (!Number.isInteger(rank) || rank < 0 || rank >= (OTHERS - OURS) / PER_RANK) throw new RangeError(`A conditional format's rank is a whole number from 0 to ${(OTHERS - OURS) / PER_RANK - 1}, not ${rank}`);
  if (!Number.isInteger(dxfId) || dxfId < 0) throw new RangeError(`Not a differential format index: ${dxfId}`);
  const rules = prioritizedRules(sheetXml);
  const ours = rules.filter(({ priority }) => priority >= OURS && priority < OTHERS);
  const sameRank = ours.map(({ priority }) => priority - OURS - rank * PER_RANK).filter((k) => k >= 0 && k < PER_RANK);
  const next = sameRank.length === 0 ? 0 : Math.max(...sameRank) + 1;
  if (next >= PER_RANK) throw new Error(`The sheet has ${PER_RANK} conditional formats of rank ${rank} already`);
  const priority = OURS + rank * PER_RANK + next;

  const others = rules.filter(({ priority: p }) => !(p >= OURS && p < OTHERS));
  const edits: Edit[] = [];
  if (others.some(({ priority: p }) => !(p > OTHERS))) {
    // Stable: rules of equal priority (a damaged file) keep their document order.
    [...others]
      .sort((a, b) => (Number.isFinite(a.priority) ? a.priority : Infinity) - (Number.isFinite(b.priority) ? b.priority : Infinity))
      .forEach(({ node, priority: p }, index) => {
        if (p !== OTHERS + 1 + index) edits.push({ start: node.start, end: node.openEnd, text: retag(sheetXml, node, { priority: String(OTHERS + 1 + index) }) });
      });
  }
  const element =
    `<conditionalFormatting sqref="${rangeAddress(range)}"><cfRule type="expression" dxfId="${dxfId}" priority="${priority}">` +
    `<formula>${escapeXml(formula)}</formula></cfRule></conditionalFormatting>`;
  const xml = applyEdits(sheetXml, edits);
  // Excel goes by priority alone, but LibreOffice (7.4) ranks conditionalFormatting elements in document
  // order and renumbers them so when it saves: the new one goes before the first it outranks.
  const outranked = findChildren(xml, "conditionalFormatting").find((child) => {
    const priorities = childrenOf(xml, worksheetNode(xml, child)).filter((rule) => rule.name === "cfRule").map((rule) => Number(rule.attributes.get("priority")));
    return priorities.length > 0 && Math.min(...priorities) > priority;
  });
  if (!outranked) return insertChild(xml, "conditionalFormatting", element);
  return xml.slice(0, outranked.start) + element + xml.slice(outranked.start);
}

// ---------------------------------------------------------------------------
// Column widths

interface ColumnRun {
  readonly min: number;
  readonly max: number;
  /** Attributes other than min and max, as written (name, whole `name="value"` text). */
  readonly attributes: readonly (readonly [string, string])[];
  /** The element as it was, while it is unchanged. */
  readonly original?: string;
}

const runXml = (run: ColumnRun) => run.original ?? `<col min="${run.min}" max="${run.max}"${run.attributes.map(([, text]) => ` ${text}`).join("")}/>`;

/**
 * Column widths (in characters, as ExcelJS's `Column.width` and so the
 * `poam new` files mean them: the file's own width unit, ECMA-376 Part 1,
 * 18.3.1.13) for zero-based columns. A `<col>` run holding a column is split
 * around it, each piece keeping the run's style, hidden, outlineLevel and
 * other attributes; the column itself gets `width` and `customWidth="1"` and
 * loses `bestFit`. Columns without a run get one of their own.
 */
export function setColumnWidths(sheetXml: string, widths: readonly { column: number; width: number }[]): string {
  if (widths.length === 0) return sheetXml;
  for (const { column, width } of widths) {
    if (!Number.isInteger(column) || column < 0 || column >= MAX_COLUMNS) throw new RangeError(`Not a column of the sheet: ${column}`);
    if (!Number.isFinite(width) || width < 0 || width > 255) throw new RangeError(`A column width is from 0 to 255 characters, not ${width}`);
  }
  const existing = findChild(sheetXml, "cols");
  const node = existing && worksheetNode(sheetXml, existing);
  let runs: ColumnRun[] = (node ? childrenOf(sheetXml, node) : [])
    .filter((child) => child.name === "col")
    .map((col) => {
      const tag = sheetXml.slice(col.start, col.openEnd);
      const attributes = [...tag.matchAll(ATTRIBUTE)].map((match) => [match[1], match[0]] as const).filter(([name]) => name !== "min" && name !== "max");
      return { min: Number(col.attributes.get("min")), max: Number(col.attributes.get("max")), attributes, original: sheetXml.slice(col.start, col.end) };
    });
  for (const { column, width } of widths) {
    const number = column + 1;
    const at = runs.findIndex((run) => run.min <= number && number <= run.max);
    const base = at >= 0 ? runs[at].attributes.filter(([name]) => !["width", "customWidth", "bestFit"].includes(name)) : [];
    const own: ColumnRun = { min: number, max: number, attributes: [...base, ["width", `width="${width}"`], ["customWidth", 'customWidth="1"']] };
    if (at < 0) {
      runs.push(own);
      continue;
    }
    const run = runs[at];
    const pieces: ColumnRun[] = [
      ...(run.min < number ? [{ min: run.min, max: number - 1, attributes: run.attributes }] : []),
      own,
      ...(number < run.max ? [{ min: number + 1, max: run.max, attributes: run.attributes }] : []),
    ];
    runs = [...runs.slice(0, at), ...pieces, ...runs.slice(at + 1)];
  }
  runs.sort((a, b) => (a.min || 0) - (b.min || 0));
  const content = runs.map(runXml).join("");
  if (!node) return insertChild(sheetXml, "cols", `<cols>${content}</cols>`);
  const open = node.openEnd === node.end ? retag(sheetXml, node, {}, false) : sheetXml.slice(node.start, node.openEnd);
  return applyEdits(sheetXml, [{ start: node.start, end: node.end, text: open + content + closingTag(sheetXml, node) }]);
}

// ---------------------------------------------------------------------------
// Frozen panes

/**
 * Freezes the top `rows` rows and left `columns` columns in the sheet's first
 * sheetView, as Office.js's freezeRows/freezeAt do: a frozen `<pane>` and one
 * `<selection>` for its active pane (at the first scrolling cell) replace the
 * view's pane and selections, and the view is scrolled back to A1 (frozen
 * rows are the sheet's top ones). Zero rows and columns remove the pane and
 * the selections of panes that no longer exist.
 */
export function freezePanes(sheetXml: string, rows: number, columns: number): string {
  if (!Number.isInteger(rows) || rows < 0 || rows >= MAX_ROWS || !Number.isInteger(columns) || columns < 0 || columns >= MAX_COLUMNS) {
    throw new RangeError(`Cannot freeze ${rows} rows and ${columns} columns`);
  }
  const frozen = rows > 0 || columns > 0;
  const active = rows > 0 && columns > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
  const topLeft = cellAddress({ row: rows, column: columns });
  const content = frozen
    ? `<pane${columns > 0 ? ` xSplit="${columns}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""} topLeftCell="${topLeft}" activePane="${active}" state="frozen"/>` +
      `<selection pane="${active}" activeCell="${topLeft}" sqref="${topLeft}"/>`
    : "";
  const views = findChild(sheetXml, "sheetViews");
  if (!views) return frozen ? insertChild(sheetXml, "sheetViews", `<sheetViews><sheetView workbookViewId="0">${content}</sheetView></sheetViews>`) : sheetXml;
  const viewsNode = worksheetNode(sheetXml, views);
  const view = childrenOf(sheetXml, viewsNode).find((child) => child.name === "sheetView");
  if (!view) return frozen ? applyEdits(sheetXml, appendTo(sheetXml, viewsNode, `<sheetView workbookViewId="0">${content}</sheetView>`)) : sheetXml;

  const replaced = childrenOf(sheetXml, view).filter(
    (child) => child.name === "pane" || (child.name === "selection" && (frozen || (child.attributes.get("pane") ?? "topLeft") !== "topLeft")),
  );
  const changes = frozen ? { topLeftCell: undefined } : {};
  if (view.openEnd === view.end) return frozen ? applyEdits(sheetXml, appendTo(sheetXml, view, content, changes)) : sheetXml;
  const edits: Edit[] = replaced.map(removal);
  edits.push({ start: replaced[0]?.start ?? view.openEnd, end: replaced[0]?.start ?? view.openEnd, text: content });
  if (frozen && view.attributes.has("topLeftCell")) edits.push({ start: view.start, end: view.openEnd, text: retag(sheetXml, view, changes) });
  return applyEdits(sheetXml, edits);
}
