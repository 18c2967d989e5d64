/**
 * The program's charts on a sheet of an existing workbook package: finding
 * them by name, taking them out, and drawing new ones, next to whatever else
 * the sheet's drawing holds (a user's pictures, shapes and charts), which
 * stays as it was written. Only the parts a change needs are edited, as
 * text; the others keep their stored bytes.
 *
 * A sheet's drawing part (ECMA-376 Part 1, 20.5, CT_Drawing) is a list of
 * anchors, each placing one object on the cells; Excel 2016 and later wrap
 * some anchors, or the object inside one, in `mc:AlternateContent` for
 * objects older versions cannot show. A chart is an anchored
 * `xdr:graphicFrame` whose `c:chart` names the chart part through one of
 * the drawing's relationships; its name is the frame's `xdr:cNvPr name`.
 * Elements are matched by namespace, not by the prefixes Excel happens to
 * use, and a drawing laid out otherwise than that is refused, not guessed at.
 */
import type JSZip from "jszip";
import { PoamError } from "../domain/core/errors";
import { decodeReferences, relsPath, resolveTarget } from "../formats/xlsx-read/packageParts";
import type { PendingChart } from "../xlsx/applyPlanToWorkbook";
import {
  addRelationship,
  ANCHOR_PREFIXES,
  anchorXml,
  CHART_NS,
  CHART_TYPE,
  chartXml,
  DRAWING_NS,
  DRAWING_TYPE,
  drawingXml,
  nextPartNumber,
  override,
  relationship,
  relationshipsXml,
  relativeTarget,
  RELATIONSHIPS,
} from "../xlsx/charts";
import { partText } from "./packageTables";
import { findChild, insertChild } from "./worksheetElements";

const MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const XML_NS = "http://www.w3.org/XML/1998/namespace";
const RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml";

const ANCHORS = new Set(["twoCellAnchor", "oneCellAnchor", "absoluteAnchor"]);
const ALTERNATES = new Set(["AlternateContent", "Choice", "Fallback"]);

// ---------------------------------------------------------------------------
// A small namespace-aware reading of an XML part: where each element stands
// in the text, so that it can be cut out or added to without rewriting the rest.

interface XmlAttribute {
  readonly ns: string | undefined;
  readonly local: string;
  readonly value: string;
}

interface XmlElement {
  readonly qname: string;
  readonly ns: string | undefined;
  readonly local: string;
  readonly attributes: readonly XmlAttribute[];
  /** Prefix ("" for the default namespace) to namespace, as declared here and above. */
  readonly scope: ReadonlyMap<string, string>;
  readonly parent: XmlElement | undefined;
  readonly children: XmlElement[];
  readonly start: number;
  /** Where the closing tag starts; for an empty element `<x/>`, where the element ends. */
  closeStart: number;
  end: number;
  readonly empty: boolean;
}

/** Comments, processing instructions, CDATA, declarations, tags, and a stray "<" last. */
const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!([^>]*)>|<(\/?)([^\s/<>"'=]+)((?:[^<>"']|"[^"]*"|'[^']*')*?)(\/?)>|</g;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

const damaged = (part: string, why: string) => new PoamError("invalidInput", `The part ${part} of the workbook is not well-formed XML (${why}); the workbook is damaged.`);

function splitName(qname: string): [string, string] {
  const colon = qname.indexOf(":");
  return colon < 0 ? ["", qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

/** The attributes written in a start tag, as written: qualified name to decoded value. */
function rawAttributes(text: string, part: string): [string, string][] {
  const found: [string, string][] = [];
  const rest = text.replace(ATTRIBUTE, (_, name: string, double: string | undefined, single: string | undefined) => {
    found.push([name, decodeReferences(double ?? single ?? "")]);
    return "";
  });
  if (rest.trim() !== "") throw damaged(part, `unreadable attributes "${text.trim()}"`);
  return found;
}

function startElement(
  qname: string,
  attributeText: string,
  parent: XmlElement | undefined,
  at: number,
  length: number,
  empty: boolean,
  part: string,
): XmlElement {
  const scope = new Map(parent?.scope ?? [["xml", XML_NS]]);
  const raw = rawAttributes(attributeText, part);
  for (const [name, value] of raw) {
    if (name === "xmlns") scope.set("", value);
    else if (name.startsWith("xmlns:")) scope.set(name.slice(6), value);
  }
  const [prefix, local] = splitName(qname);
  const ns = scope.get(prefix);
  if (prefix !== "" && ns === undefined) throw damaged(part, `the prefix ${prefix}: of <${qname}> is not declared`);
  const attributes = raw
    .filter(([name]) => name !== "xmlns" && !name.startsWith("xmlns:"))
    .map(([name, value]): XmlAttribute => {
      const [attributePrefix, attributeLocal] = splitName(name);
      const attributeNs = attributePrefix === "" ? undefined : scope.get(attributePrefix);
      if (attributePrefix !== "" && attributeNs === undefined) throw damaged(part, `the prefix ${attributePrefix}: of ${name} is not declared`);
      return { ns: attributeNs, local: attributeLocal, value };
    });
  return { qname, ns, local, attributes, scope, parent, children: [], start: at, closeStart: at + length, end: at + length, empty };
}

/** The root element of `xml`, with every element under it. Refuses a part that is not well-formed or declares a DTD. */
function parseXml(xml: string, part: string): XmlElement {
  let root: XmlElement | undefined;
  let current: XmlElement | undefined;
  TOKEN.lastIndex = 0;
  for (let token = TOKEN.exec(xml); token; token = TOKEN.exec(xml)) {
    const [whole, declaration, closing, qname, attributeText, empty] = token;
    if (qname === undefined) {
      if (declaration !== undefined) throw damaged(part, "it declares a document type");
      if (whole === "<") throw damaged(part, `a stray "<" at ${token.index}`);
      continue;
    }
    if (closing) {
      if (!current || current.qname !== qname || attributeText.trim() !== "" || empty) throw damaged(part, `</${qname}> at ${token.index} closes nothing open`);
      current.closeStart = token.index;
      current.end = token.index + whole.length;
      current = current.parent;
      continue;
    }
    if (!current && root) throw damaged(part, "more than one root element");
    const element = startElement(qname, attributeText, current, token.index, whole.length, empty === "/", part);
    if (current) current.children.push(element);
    else root = element;
    if (!element.empty) current = element;
  }
  if (!root) throw damaged(part, "no root element");
  if (current) throw damaged(part, `<${current.qname}> is never closed`);
  return root;
}

const is = (element: XmlElement, ns: string, local: string) => element.ns === ns && element.local === local;

function* descendants(element: XmlElement): Generator<XmlElement> {
  for (const child of element.children) {
    yield child;
    yield* descendants(child);
  }
}

const attributeOf = (element: XmlElement, ns: string | undefined, local: string) => element.attributes.find((a) => a.ns === ns && a.local === local)?.value;

/** The first start tag of `xml` (the root's), parsed on its own, without reading the rest of a possibly large part. */
function rootTag(xml: string, part: string): XmlElement {
  TOKEN.lastIndex = 0;
  for (let token = TOKEN.exec(xml); token; token = TOKEN.exec(xml)) {
    const [whole, declaration, closing, qname, attributeText, empty] = token;
    if (qname === undefined) {
      if (declaration !== undefined || whole === "<") break;
      continue;
    }
    if (closing) break;
    return startElement(qname, attributeText, undefined, token.index, whole.length, empty === "/", part);
  }
  throw damaged(part, "no root element");
}

// ---------------------------------------------------------------------------
// Relationships and content types.

interface Relationship {
  readonly id: string;
  /** The target's path in the package; undefined for an external target. */
  readonly target: string | undefined;
  readonly start: number;
  readonly end: number;
}

const RELATIONSHIP = /<Relationship\b((?:[^<>"']|"[^"]*"|'[^']*')*?)(?:\/>|>\s*<\/Relationship>)/g;

/** The part whose relationships the part at `path` holds: "xl/_rels/workbook.xml.rels" holds "xl/workbook.xml"'s, "_rels/.rels" the package's (""). */
function relsSource(path: string): string | undefined {
  const match = /^(.*?)_rels\/([^/]*)\.rels$/.exec(path);
  return match ? match[1] + match[2] : undefined;
}

function readRelationships(xml: string, path: string): Relationship[] {
  if (/<[\w.-]+:Relationships?\b/.test(xml) || !/<Relationships\b/.test(xml)) {
    throw new PoamError("invalidInput", `The relationships part ${path} is not laid out as Excel writes it; the workbook cannot be changed safely.`);
  }
  const source = relsSource(path) ?? "";
  return [...xml.matchAll(RELATIONSHIP)].map((match) => {
    const attributes = new Map(rawAttributes(match[1], path));
    const target = attributes.get("Target") ?? "";
    return {
      id: attributes.get("Id") ?? "",
      target: attributes.get("TargetMode") === "External" ? undefined : partName(resolveTarget(source, target)),
      start: match.index,
      end: match.index + match[0].length,
    };
  });
}

/** A part name as the package's entries spell it: percent-encoding undone (the zip holds the decoded name). */
function partName(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const samePart = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The package's own name for the part `path`, compared as OPC compares part names (without regard to case). */
function findPart(zip: JSZip, path: string): string | undefined {
  const exact = zip.file(path);
  if (exact && !exact.dir) return path;
  return Object.keys(zip.files).find((name) => !zip.files[name].dir && samePart(name, path));
}

const OVERRIDE = /<Override\b((?:[^<>"']|"[^"]*"|'[^']*')*?)(?:\/>|>\s*<\/Override>)/g;

/** `[Content_Types].xml` without overrides for `removed` and with those of `added`, which replace any an old part of the same name left. */
async function updateContentTypes(zip: JSZip, added: readonly (readonly [string, string])[], removed: readonly string[]): Promise<void> {
  if (added.length === 0 && removed.length === 0) return;
  const original = await partText(zip, "[Content_Types].xml");
  const gone = [...removed, ...added.map(([path]) => path)];
  let xml = original.replace(OVERRIDE, (element, attributes: string) => {
    const name = new Map(rawAttributes(attributes, "[Content_Types].xml")).get("PartName");
    return name !== undefined && gone.some((path) => samePart(partName(name.replace(/^\//, "")), path)) ? "" : element;
  });
  let additions = added.map(([path, type]) => override(path, type)).join("");
  const hasRelsDefault = [...xml.matchAll(/<Default\b([^>]*?)\/?>/g)].some(([, attributes]) =>
    samePart(new Map(rawAttributes(attributes, "[Content_Types].xml")).get("Extension") ?? "", "rels"),
  );
  if (added.length > 0 && !hasRelsDefault) additions = `<Default Extension="rels" ContentType="${RELS_TYPE}"/>${additions}`;
  if (additions !== "") {
    const close = xml.lastIndexOf("</Types>");
    if (close < 0) throw new PoamError("invalidInput", "The workbook's [Content_Types].xml has no closing </Types>; the workbook is damaged.");
    xml = xml.slice(0, close) + additions + xml.slice(close);
  }
  if (xml !== original) zip.file("[Content_Types].xml", xml);
}

/**
 * Removes the relationships `ids` of the part at `source`, then every part
 * they pointed to that no relationship left in the package points to, with
 * its own relationships part and content-type override, and so on down
 * from it (a chart's style, colors and shapes). Returns the removed parts.
 */
async function dropRelationships(zip: JSZip, source: string, ids: ReadonlySet<string>): Promise<string[]> {
  const sourceRels = relsPath(source);
  const file = zip.file(sourceRels);
  if (!file || ids.size === 0) return [];
  const sourceXml = await file.async("string");
  const dropped = readRelationships(sourceXml, sourceRels).filter((rel) => ids.has(rel.id));
  if (dropped.length === 0) return [];
  let edited = sourceXml;
  for (const rel of [...dropped].sort((a, b) => b.start - a.start)) edited = edited.slice(0, rel.start) + edited.slice(rel.end);
  zip.file(sourceRels, edited);

  // Every relationship that will remain, by the part that holds it.
  const remaining = new Map<string, string[]>();
  for (const path of Object.keys(zip.files)) {
    if (zip.files[path].dir || relsSource(path) === undefined) continue;
    const xml = path === sourceRels ? edited : await (zip.file(path) as JSZip.JSZipObject).async("string");
    remaining.set(
      path,
      readRelationships(xml, path).flatMap((rel) => (rel.target === undefined ? [] : [rel.target.toLowerCase()])),
    );
  }
  const pointedTo = (path: string) => [...remaining.values()].some((targets) => targets.includes(path.toLowerCase()));

  const removed: string[] = [];
  const candidates = dropped.flatMap((rel) => (rel.target === undefined ? [] : [rel.target]));
  for (let candidate = candidates.shift(); candidate !== undefined; candidate = candidates.shift()) {
    const part = findPart(zip, candidate);
    if (part === undefined || pointedTo(part)) continue;
    zip.remove(part);
    removed.push(part);
    const ownRels = findPart(zip, relsPath(part));
    if (ownRels !== undefined) {
      candidates.push(...(remaining.get(ownRels) ?? []));
      remaining.delete(ownRels);
      zip.remove(ownRels);
      removed.push(ownRels);
    }
  }
  return removed;
}

/**
 * Removes the relationships `ids` of the part at `source`, the parts only
 * they pointed to (see dropRelationships) and those parts' content-type
 * overrides. Returns the removed parts.
 */
export async function removeRelationships(zip: JSZip, source: string, ids: ReadonlySet<string>): Promise<string[]> {
  const removed = await dropRelationships(zip, source, ids);
  await updateContentTypes(zip, [], removed);
  return removed;
}

// ---------------------------------------------------------------------------
// The sheet's drawing and the charts in it.

/** The drawing part of the sheet at `sheetPath`, if it has one. */
async function drawingOf(zip: JSZip, sheetPath: string, sheetXml: string): Promise<string | undefined> {
  const element = findChild(sheetXml, "drawing");
  if (!element) return undefined;
  const tag = sheetXml.slice(element.start, element.end);
  const [, qname, attributeText] = /^<([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>/.exec(tag) ?? [];
  // The element's r:id is read in the namespaces the worksheet's root declares.
  const parsed = startElement(qname ?? "drawing", attributeText ?? "", rootTag(sheetXml, sheetPath), element.start, tag.length, true, sheetPath);
  const id = attributeOf(parsed, RELATIONSHIPS, "id");
  const rels = zip.file(relsPath(sheetPath));
  const rel = id === undefined || !rels ? undefined : readRelationships(await rels.async("string"), relsPath(sheetPath)).find((r) => r.id === id);
  const path = rel?.target === undefined ? undefined : findPart(zip, rel.target);
  if (path === undefined) throw new PoamError("invalidInput", `The sheet part ${sheetPath} refers to a drawing the workbook does not have; the workbook is damaged.`);
  return path;
}

/** The drawing part's root, which must be a worksheet drawing. */
function drawingRoot(xml: string, path: string): XmlElement {
  const root = parseXml(xml, path);
  if (!is(root, DRAWING_NS, "wsDr")) {
    throw new PoamError("invalidInput", `The drawing ${path} is not a worksheet drawing (its root is <${root.qname}>); its charts cannot be changed.`);
  }
  return root;
}

interface DrawnChart {
  readonly name: string;
  /** The drawing's relationship to the chart part. */
  readonly rId: string | undefined;
  /** The child of the drawing's root that holds it: an anchor, or an mc:AlternateContent around one. */
  readonly unit: XmlElement;
  readonly frame: XmlElement;
}

/** The charts of a drawing, in document order. */
function drawnCharts(root: XmlElement): DrawnChart[] {
  const charts: DrawnChart[] = [];
  for (const unit of root.children) {
    for (const frame of descendants(unit)) {
      if (!is(frame, DRAWING_NS, "graphicFrame")) continue;
      const chart = [...descendants(frame)].find((element) => is(element, CHART_NS, "chart"));
      if (!chart) continue;
      const properties = frame.children.find((child) => is(child, DRAWING_NS, "nvGraphicFramePr"));
      const cNvPr = properties?.children.find((child) => is(child, DRAWING_NS, "cNvPr"));
      charts.push({ name: (cNvPr && attributeOf(cNvPr, undefined, "name")) ?? "", rId: attributeOf(chart, RELATIONSHIPS, "id"), unit, frame });
    }
  }
  return charts;
}

/** Refuses to take out a chart whose unit holds more than the chart: a group of shapes, or an element this program does not know. */
function checkRemovable(chart: DrawnChart, drawingPath: string): void {
  const unitKnown = (ANCHORS.has(chart.unit.local) && chart.unit.ns === DRAWING_NS) || is(chart.unit, MC_NS, "AlternateContent");
  for (let element = chart.frame.parent; element && unitKnown; element = element.parent) {
    if (element === chart.unit) return;
    const allowed = (element.ns === DRAWING_NS && ANCHORS.has(element.local)) || (element.ns === MC_NS && ALTERNATES.has(element.local));
    if (!allowed) {
      const grouped = is(element, DRAWING_NS, "grpSp");
      throw new PoamError(
        "invalidInput",
        grouped
          ? `The chart "${chart.name}" in ${drawingPath} is grouped with other shapes; ungroup it in Excel, then run again.`
          : `The chart "${chart.name}" in ${drawingPath} is held in a <${element.qname}> this program does not change; remove it in Excel, then run again.`,
      );
    }
  }
  throw new PoamError("invalidInput", `The chart "${chart.name}" in ${drawingPath} is placed in a <${chart.unit.qname}>, which is not an anchor; its drawing cannot be changed safely.`);
}

/** Every value of a relationship attribute (r:id, r:embed, r:link…) on the elements given and under them. */
function relationshipIds(elements: Iterable<XmlElement>): Set<string> {
  const ids = new Set<string>();
  for (const element of elements) for (const attribute of element.attributes) if (attribute.ns === RELATIONSHIPS) ids.add(attribute.value);
  return ids;
}

const within = (element: XmlElement, units: ReadonlySet<XmlElement>) => {
  for (let e: XmlElement | undefined = element; e; e = e.parent) if (units.has(e)) return true;
  return false;
};

// ---------------------------------------------------------------------------
// The three operations.

/** Runs `change` on `zip`; if it fails, every entry it added, replaced or removed is put back as it was. */
async function atomically<T>(zip: JSZip, change: () => Promise<T>): Promise<T> {
  const before = { ...zip.files };
  try {
    return await change();
  } catch (error) {
    for (const name of Object.keys(zip.files)) if (!(name in before)) delete zip.files[name];
    Object.assign(zip.files, before);
    throw error;
  }
}

/** Names of the charts (graphic frames holding a c:chart) anchored on the sheet part at sheetPath. */
export async function chartNames(zip: JSZip, sheetPath: string): Promise<string[]> {
  const drawingPath = await drawingOf(zip, sheetPath, await partText(zip, sheetPath));
  if (drawingPath === undefined) return [];
  // An mc:Choice and its mc:Fallback may each hold the same chart: it is named once.
  const named = new Map<XmlElement, Set<string>>();
  const names: string[] = [];
  for (const { unit, name } of drawnCharts(drawingRoot(await partText(zip, drawingPath), drawingPath))) {
    const inUnit = named.get(unit) ?? new Set<string>();
    named.set(unit, inUnit);
    if (inUnit.has(name)) continue;
    inUnit.add(name);
    names.push(name);
  }
  return names;
}

/**
 * Removes the charts of these names from the sheet: their anchors from the
 * drawing (or the whole mc:AlternateContent around one), the drawing's
 * relationships to them, the chart parts with their own relationships and
 * what only they point to (chart style, colors, shapes), and the
 * content-type overrides of the removed parts. Other anchors and the drawing
 * itself stay, even when left empty. Returns the names removed, in the order
 * asked; a name not on the sheet changes nothing.
 */
export function removeCharts(zip: JSZip, sheetPath: string, names: readonly string[]): Promise<string[]> {
  return atomically(zip, () => removeNamed(zip, sheetPath, names));
}

async function removeNamed(zip: JSZip, sheetPath: string, names: readonly string[]): Promise<string[]> {
  const wanted = new Set(names);
  if (wanted.size === 0) return [];
  const drawingPath = await drawingOf(zip, sheetPath, await partText(zip, sheetPath));
  if (drawingPath === undefined) return [];
  const xml = await partText(zip, drawingPath);
  const root = drawingRoot(xml, drawingPath);
  const charts = drawnCharts(root).filter((chart) => wanted.has(chart.name));
  if (charts.length === 0) return [];
  for (const chart of charts) checkRemovable(chart, drawingPath);

  const units = new Set(charts.map((chart) => chart.unit));
  const all = [root, ...descendants(root)];
  const kept = relationshipIds(all.filter((element) => !within(element, units)));
  const dropped = new Set([...relationshipIds(all.filter((element) => within(element, units)))].filter((id) => !kept.has(id)));

  let drawing = xml;
  for (const unit of [...units].sort((a, b) => b.start - a.start)) drawing = drawing.slice(0, unit.start) + drawing.slice(unit.end);
  zip.file(drawingPath, drawing);
  await removeRelationships(zip, drawingPath, dropped);
  const found = new Set(charts.map((chart) => chart.name));
  return [...wanted].filter((name) => found.has(name));
}

/** The highest shape id in the drawing (0 when it has none). */
function highestShapeId(root: XmlElement): number {
  let highest = 0;
  for (const element of descendants(root)) {
    if (element.local !== "cNvPr") continue;
    const id = Number(attributeOf(element, undefined, "id"));
    if (Number.isInteger(id) && id > highest) highest = id;
  }
  return highest;
}

/** The sheet's `<drawing>` element, in the worksheet's own prefix, declaring the relationships prefix if the root does not. */
function drawingElement(sheetXml: string, sheetPath: string, rId: string): string {
  const root = rootTag(sheetXml, sheetPath);
  const [prefix] = splitName(root.qname);
  const name = prefix === "" ? "drawing" : `${prefix}:drawing`;
  const bound = root.scope.get("r") === RELATIONSHIPS;
  return `<${name}${bound ? "" : ` xmlns:r="${RELATIONSHIPS}"`} r:id="${rId}"/>`;
}

/**
 * Adds charts to the sheet: into its existing drawing part when it has one
 * (new anchors after the others, shape ids above the drawing's highest, new
 * relationship ids, namespace declarations where the drawing's root lacks
 * them), else into a new drawing part joined to the sheet. New parts never
 * take the name of an existing one.
 */
export function addChartsToSheet(zip: JSZip, sheetPath: string, charts: readonly PendingChart[]): Promise<void> {
  return atomically(zip, () => addToSheet(zip, sheetPath, charts));
}

async function addToSheet(zip: JSZip, sheetPath: string, charts: readonly PendingChart[]): Promise<void> {
  if (charts.length === 0) return;
  const sheetXml = await partText(zip, sheetPath);
  const existing = await drawingOf(zip, sheetPath, sheetXml);
  const added: [string, string][] = [];
  let chartNumber = nextPartNumber(zip, "xl/charts/chart");
  const writeChart = (pending: PendingChart) => {
    while (findPart(zip, `xl/charts/chart${chartNumber}.xml`) !== undefined) chartNumber++;
    const path = `xl/charts/chart${chartNumber++}.xml`;
    zip.file(path, chartXml(pending));
    added.push([path, CHART_TYPE]);
    return path;
  };

  if (existing !== undefined) {
    const xml = await partText(zip, existing);
    const root = drawingRoot(xml, existing);
    const bound = new Set([...ANCHOR_PREFIXES].filter(([prefix, ns]) => root.scope.get(prefix) === ns).map(([prefix]) => prefix));
    // Excel numbers a drawing's shapes from 2.
    let id = Math.max(1, highestShapeId(root)) + 1;
    const anchors: string[] = [];
    for (const pending of charts) {
      const chartPath = writeChart(pending);
      const rId = await addRelationship(zip, existing, "chart", relativeTarget(existing, chartPath));
      anchors.push(anchorXml(pending.chart.name, pending.chart.placement, id++, rId, bound));
    }
    const updated = root.empty
      ? `${xml.slice(0, root.start)}${xml.slice(root.start, root.end).replace(/\s*\/>$/, ">")}${anchors.join("")}</${root.qname}>${xml.slice(root.end)}`
      : xml.slice(0, root.closeStart) + anchors.join("") + xml.slice(root.closeStart);
    zip.file(existing, updated);
  } else {
    let drawingNumber = nextPartNumber(zip, "xl/drawings/drawing");
    while (findPart(zip, `xl/drawings/drawing${drawingNumber}.xml`) !== undefined) drawingNumber++;
    const drawingPath = `xl/drawings/drawing${drawingNumber}.xml`;
    const anchors: string[] = [];
    const rels: string[] = [];
    charts.forEach((pending, i) => {
      const chartPath = writeChart(pending);
      rels.push(relationship(`rId${i + 1}`, "chart", relativeTarget(drawingPath, chartPath)));
      anchors.push(anchorXml(pending.chart.name, pending.chart.placement, i + 2, `rId${i + 1}`));
    });
    zip.file(drawingPath, drawingXml(anchors));
    zip.file(relsPath(drawingPath), relationshipsXml(rels));
    added.push([drawingPath, DRAWING_TYPE]);
    const rId = await addRelationship(zip, sheetPath, "drawing", relativeTarget(sheetPath, drawingPath));
    zip.file(sheetPath, insertChild(sheetXml, "drawing", drawingElement(sheetXml, sheetPath, rId)));
  }
  await updateContentTypes(zip, added, []);
}
