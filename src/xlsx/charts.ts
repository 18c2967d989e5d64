/**
 * Draws the plan's charts into an ExcelJS-written package, which ExcelJS
 * cannot do: a DrawingML chart part per chart, a drawing part per sheet that
 * anchors its charts to cells, and the relationships and content types that
 * join them to the sheet. Charts refer to their ranges by formula and carry no
 * cached values, so Excel and LibreOffice read the cells when they open the file.
 */
import type JSZip from "jszip";
import { columnLetter, quoteSheet, type RangeBox } from "../domain/core/a1";
import type { SheetRange } from "../domain/workbook/plan";
import type { PendingChart } from "./applyPlanToWorkbook";
import { escapeXml, relsPath } from "../formats/xlsx-read/packageParts";
import { findChild, insertChild } from "../xlsx-patch/worksheetElements";

export const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
export const DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const MAIN_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";

export const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
export const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";

/** The prefixes a drawing's anchors use, and the namespace each stands for. */
export const ANCHOR_PREFIXES: ReadonlyMap<string, string> = new Map([
  ["xdr", DRAWING_NS],
  ["a", MAIN_NS],
  ["c", CHART_NS],
  ["r", RELATIONSHIPS],
]);

/** Axis ids need only be unique within a chart. */
const CATEGORY_AXIS = 1;
const VALUE_AXIS = 2;

/** An absolute reference to a range, as a chart's formulas hold it: `'Sheet Name'!$A$2:$A$10`. */
function chartReference({ sheet, range }: SheetRange): string {
  const corner = (row: number, column: number) => `$${columnLetter(column)}$${row + 1}`;
  const last = corner(range.row + range.rowCount - 1, range.column + range.columnCount - 1);
  return `${quoteSheet(sheet)}!${corner(range.row, range.column)}:${last}`;
}

export function chartXml({ chart, categoryFormat }: PendingChart): string {
  const ref = (range: SheetRange) => `<c:f>${escapeXml(chartReference(range))}</c:f>`;
  const categories = categoryFormat === undefined ? `<c:strRef>${ref(chart.categories)}</c:strRef>` : `<c:numRef>${ref(chart.categories)}</c:numRef>`;
  const series = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>` +
        (chart.type === "line" ? "" : '<c:invertIfNegative val="0"/>') +
        `<c:cat>${categories}</c:cat><c:val><c:numRef>${ref(s.values)}</c:numRef></c:val>` +
        (chart.type === "line" ? '<c:smooth val="0"/>' : "") +
        "</c:ser>",
    )
    .join("");
  const axes = `<c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/>`;
  const plot =
    chart.type === "line"
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>`
      : `<c:barChart><c:barDir val="col"/><c:grouping val="${chart.type === "columnStacked" ? "stacked" : "clustered"}"/>` +
        `<c:varyColors val="0"/>${series}<c:gapWidth val="150"/>` +
        // Stacked columns must overlap fully, or each series sits beside the one below it.
        (chart.type === "columnStacked" ? '<c:overlap val="100"/>' : "") +
        `${axes}</c:barChart>`;
  const axisFormat = (code: string) => `<c:numFmt formatCode="${escapeXml(code)}" sourceLinked="1"/>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${CHART_NS}" xmlns:a="${MAIN_NS}" xmlns:r="${RELATIONSHIPS}">` +
    // Absent, this defaults to true: Excel would round the chart's corners.
    '<c:roundedCorners val="0"/>' +
    "<c:chart>" +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>' +
    `<c:plotArea><c:layout/>${plot}` +
    `<c:catAx><c:axId val="${CATEGORY_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `${axisFormat(categoryFormat ?? "General")}<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    // Not "auto": an automatic date axis spaces weekly columns by day, leaving them hairline thin.
    `<c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="0"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${VALUE_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
    `${axisFormat("General")}<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${CATEGORY_AXIS}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    "</c:plotArea>" +
    '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>' +
    "</c:chart></c:chartSpace>"
  );
}

/**
 * Covers the placement's cells: from its top-left cell to the cell past its
 * bottom-right one. `bound` holds the prefixes of ANCHOR_PREFIXES that the
 * drawing's root already declares; any other is declared where Excel puts
 * it, `xdr` and `a` on the anchor, `c` and `r` on the `c:chart` element.
 */
export function anchorXml(name: string, placement: RangeBox, id: number, rId: string, bound: ReadonlySet<string> = new Set(ANCHOR_PREFIXES.keys())): string {
  const declare = (...prefixes: string[]) =>
    prefixes
      .filter((prefix) => !bound.has(prefix))
      .map((prefix) => ` xmlns:${prefix}="${ANCHOR_PREFIXES.get(prefix)}"`)
      .join("");
  const marker = (tag: string, row: number, column: number) =>
    `<xdr:${tag}><xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor${declare("xdr", "a")}>` +
    marker("from", placement.row, placement.column) +
    marker("to", placement.row + placement.rowCount, placement.column + placement.columnCount) +
    // The shape's name is the chart's name in Excel, which a later plan finds it by.
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeXml(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${CHART_NS}"><c:chart${declare("c", "r")} r:id="${rId}"/></a:graphicData></a:graphic></xdr:graphicFrame>` +
    "<xdr:clientData/></xdr:twoCellAnchor>"
  );
}

export function drawingXml(anchors: readonly string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<xdr:wsDr xmlns:xdr="${DRAWING_NS}" xmlns:a="${MAIN_NS}" xmlns:r="${RELATIONSHIPS}" xmlns:c="${CHART_NS}">${anchors.join("")}</xdr:wsDr>`
  );
}

export const relationship = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${RELATIONSHIPS}/${type}" Target="${escapeXml(target)}"/>`;

export const relationshipsXml = (relationships: readonly string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${relationships.join("")}</Relationships>`;


/** `to` as a relationship target from the part `from`. */
export function relativeTarget(from: string, to: string): string {
  const base = from.split("/").slice(0, -1);
  const target = to.split("/");
  let shared = 0;
  while (shared < base.length && shared < target.length - 1 && base[shared] === target[shared]) shared++;
  return [...base.slice(shared).map(() => ".."), ...target.slice(shared)].join("/");
}

/** Adds a relationship from the part at `path`, creating its .rels part if it has none, and returns its id. */
export async function addRelationship(zip: JSZip, path: string, type: string, target: string): Promise<string> {
  const rels = zip.file(relsPath(path));
  if (!rels) {
    zip.file(relsPath(path), relationshipsXml([relationship("rId1", type, target)]));
    return "rId1";
  }
  const xml = await rels.async("string");
  const taken = new Set([...xml.matchAll(/\bId\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((match) => match[1] ?? match[2]));
  let n = taken.size + 1;
  while (taken.has(`rId${n}`)) n++;
  const added = relationship(`rId${n}`, type, target);
  const close = xml.lastIndexOf("</Relationships>");
  if (close >= 0) {
    zip.file(relsPath(path), xml.slice(0, close) + added + xml.slice(close));
    return `rId${n}`;
  }
  // A part with no relationships left may be written as one empty element.
  const empty = /<Relationships\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/>/.exec(xml);
  if (!empty) throw new Error(`${relsPath(path)} is not a relationships part this program can add to.`);
  zip.file(relsPath(path), `${xml.slice(0, empty.index)}<Relationships${empty[1]}>${added}</Relationships>${xml.slice(empty.index + empty[0].length)}`);
  return `rId${n}`;
}

/** The sheet with its `<drawing>` element, placed where CT_Worksheet's sequence wants it. */
function withDrawing(sheetXml: string, rId: string): string {
  if (findChild(sheetXml, "drawing")) throw new Error("The sheet already has a drawing; charts can only be added to a sheet without one.");
  return insertChild(sheetXml, "drawing", `<drawing r:id="${rId}"/>`);
}

/**
 * One more than the highest number of the parts named `${prefix}N.xml`, so
 * new parts never replace old ones. Part names are compared without regard
 * to case, as the Open Packaging Conventions compare them.
 */
export function nextPartNumber(zip: JSZip, prefix: string): number {
  const lower = prefix.toLowerCase();
  const numbers = Object.keys(zip.files).map((path) =>
    path.toLowerCase().startsWith(lower) ? /^(\d+)\.xml$/i.exec(path.slice(prefix.length))?.[1] : undefined,
  );
  return Math.max(0, ...numbers.filter((n) => n !== undefined).map(Number)) + 1;
}

/** A content-type override for the part at `path`. */
export const override = (path: string, type: string) => `<Override PartName="/${escapeXml(path)}" ContentType="${type}"/>`;

/**
 * Writes `charts` into `zip`. `sheetParts` maps each sheet's name to its part
 * (`xl/worksheets/sheet1.xml`).
 */
export async function addCharts(zip: JSZip, charts: readonly PendingChart[], sheetParts: ReadonlyMap<string, string>): Promise<void> {
  if (charts.length === 0) return;
  let chartNumber = nextPartNumber(zip, "xl/charts/chart");
  let drawingNumber = nextPartNumber(zip, "xl/drawings/drawing");
  const overrides: string[] = [];

  for (const sheet of new Set(charts.map((pending) => pending.sheet))) {
    const sheetPath = sheetParts.get(sheet);
    const sheetFile = sheetPath === undefined ? null : zip.file(sheetPath);
    if (sheetPath === undefined || !sheetFile) throw new Error(`The package has no sheet named ${sheet}`);
    const drawingPath = `xl/drawings/drawing${drawingNumber++}.xml`;
    const anchors: string[] = [];
    const drawingRels: string[] = [];
    charts
      .filter((pending) => pending.sheet === sheet)
      .forEach((pending, i) => {
        const chartPath = `xl/charts/chart${chartNumber++}.xml`;
        const rId = `rId${i + 1}`;
        zip.file(chartPath, chartXml(pending));
        drawingRels.push(relationship(rId, "chart", relativeTarget(drawingPath, chartPath)));
        // Shape ids are unique within the drawing; Excel starts them at 2.
        anchors.push(anchorXml(pending.chart.name, pending.chart.placement, i + 2, rId));
        overrides.push(override(chartPath, CHART_TYPE));
      });
    zip.file(drawingPath, drawingXml(anchors));
    zip.file(relsPath(drawingPath), relationshipsXml(drawingRels));
    overrides.push(override(drawingPath, DRAWING_TYPE));
    const rId = await addRelationship(zip, sheetPath, "drawing", relativeTarget(sheetPath, drawingPath));
    zip.file(sheetPath, withDrawing(await sheetFile.async("string"), rId));
  }

  const contentTypes = zip.file("[Content_Types].xml");
  if (!contentTypes) throw new Error("The package has no [Content_Types].xml");
  zip.file("[Content_Types].xml", (await contentTypes.async("string")).replace("</Types>", `${overrides.join("")}</Types>`));
}
