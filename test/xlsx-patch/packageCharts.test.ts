/**
 * Charts drawn into an existing workbook package, removed by name and drawn
 * again: on a sheet whose drawing already holds a picture (and, as Excel
 * leaves them, a user's charts, charts wrapped in mc:AlternateContent and
 * charts with style, colors and shapes parts), and on a sheet with no
 * drawing. Every result must be a whole package: no part left over, no
 * relationship to a part that is gone, a content type for every part, and
 * ExcelJS and LibreOffice must still open it.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { existsSync } from "node:fs";
import { SaxesParser } from "saxes";
import type { ChartSpec } from "../../src/domain/workbook/plan";
import { relsPath, resolveTarget } from "../../src/formats/xlsx-read/packageParts";
import type { PendingChart } from "../../src/xlsx/applyPlanToWorkbook";
import { addCharts, addRelationship, anchorXml, chartXml } from "../../src/xlsx/charts";
import { addChartsToSheet, chartNames, removeCharts } from "../../src/xlsx-patch/packageCharts";
import { convertWithLibreOffice } from "../support/libreoffice";

jest.setTimeout(180_000);

const CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

const HISTORY = "Snapshot Data";
const SUMMARY = "Summary";
const PLAIN = "Plain";

/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

const column = (index: number) => ({ sheet: HISTORY, range: { row: 1, column: index, rowCount: 4, columnCount: 1 } });

function pending(sheet: string, name: string, type: ChartSpec["type"], row: number, series: [string, number][]): PendingChart {
  return {
    sheet,
    categoryFormat: "yyyy-mm-dd",
    chart: {
      name,
      title: `${name} title`,
      type,
      categories: column(0),
      series: series.map(([seriesName, index]) => ({ name: seriesName, values: column(index) })),
      placement: { row, column: 6, rowCount: 12, columnCount: 7 },
    },
  };
}

const TREND = (sheet: string) => pending(sheet, "POAM_TrendChart", "line", 1, [["Open", 1], ["Overdue", 2]]);
const PRIORITY = (sheet: string) => pending(sheet, "POAM_PriorityChart", "columnStacked", 14, [["Critical", 3], ["High", 4]]);
const SCORE = (sheet: string) => pending(sheet, "POAM_ScoreChart", "line", 27, [["Open", 1]]);
const USERS = (sheet: string) => pending(sheet, "Sales by month", "columnClustered", 40, [["High", 4]]);
const OURS = ["POAM_TrendChart", "POAM_PriorityChart", "POAM_ScoreChart"];

/** History data, a Summary sheet with a picture on it, and a Plain sheet with nothing drawn. */
async function basePackage(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const history = workbook.addWorksheet(HISTORY);
  history.addRow(["Snapshot Date", "Open", "Overdue", "Critical", "High"]);
  [
    ["2026-11-02", 12, 3, 2, 5],
    ["2026-11-09", 10, 5, 1, 4],
    ["2026-11-16", 9, 4, 1, 3],
    ["2026-11-23", 7, 6, 0, 3],
  ].forEach(([date, ...counts]) => history.addRow([new Date(`${date}T00:00:00Z`), ...counts]));
  history.getColumn(1).numFmt = "yyyy-mm-dd";
  const summary = workbook.addWorksheet(SUMMARY);
  summary.getCell("A1").value = "Summary";
  summary.addImage(workbook.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" }), "A2:C6");
  workbook.addWorksheet(PLAIN).getCell("A1").value = "Nothing drawn here";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------
// Reading the package back, independently of the code under test.

async function text(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`The package has no ${path}; it has ${Object.keys(zip.files).join(", ")}`);
  return file.async("string");
}

const attr = (element: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];

/** The relationships of the part `from` ("" for the package's own). */
async function relationships(zip: JSZip, from: string): Promise<{ id: string; type: string; target: string; external: boolean }[]> {
  const file = zip.file(from === "" ? "_rels/.rels" : relsPath(from));
  if (!file) return [];
  return [...(await file.async("string")).matchAll(/<Relationship [^>]*>/g)].map(([element]) => ({
    id: attr(element, "Id") ?? "",
    type: attr(element, "Type") ?? "",
    external: attr(element, "TargetMode") === "External",
    target: resolveTarget(from, attr(element, "Target") ?? ""),
  }));
}

async function sheetPath(zip: JSZip, name: string): Promise<string> {
  const workbook = await text(zip, "xl/workbook.xml");
  const sheet = [...workbook.matchAll(/<sheet [^>]*>/g)].map(([e]) => e).find((e) => attr(e, "name") === name);
  const rel = (await relationships(zip, "xl/workbook.xml")).find((r) => r.id === attr(sheet ?? "", "r:id"));
  if (!rel) throw new Error(`No sheet named ${name}`);
  return rel.target;
}

async function drawingPath(zip: JSZip, sheet: string): Promise<string | undefined> {
  const id = /<drawing r:id="([^"]*)"\/>/.exec(await text(zip, sheet))?.[1];
  return id === undefined ? undefined : (await relationships(zip, sheet)).find((r) => r.id === id)?.target;
}

/** The chart part of the chart named `name` on the sheet. */
async function chartPart(zip: JSZip, sheet: string, name: string): Promise<string> {
  const drawing = (await drawingPath(zip, sheet)) ?? "";
  const frame = [...(await text(zip, drawing)).matchAll(/<xdr:graphicFrame[\s\S]*?<\/xdr:graphicFrame>/g)].map(([f]) => f).find((f) => f.includes(`name="${name}"`));
  const id = /<c:chart [^>]*r:id="([^"]*)"/.exec(frame ?? "")?.[1];
  const rel = (await relationships(zip, drawing)).find((r) => r.id === id);
  if (!rel) throw new Error(`No chart ${name} on ${sheet}`);
  return rel.target;
}

const chartParts = (zip: JSZip) => Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).sort();

/** Shape ids of a drawing part; an mc:Fallback repeats its mc:Choice's shape, so its ids are not counted again. */
const shapeIds = (xml: string) => [...xml.replace(/<mc:Fallback>[\s\S]*?<\/mc:Fallback>/g, "").matchAll(/<\w+:cNvPr [^>]*?\bid="(\d+)"/g)].map(([, id]) => Number(id));

/** What is wrong with the package as a whole; empty when nothing is. */
async function problems(zip: JSZip): Promise<string[]> {
  const found: string[] = [];
  const parts = Object.keys(zip.files).filter((p) => !zip.files[p].dir);
  const has = (path: string) => parts.some((p) => p.toLowerCase() === path.toLowerCase());

  for (const path of parts.filter((p) => /\.(xml|rels)$/.test(p))) {
    try {
      new SaxesParser({ xmlns: true }).write(await text(zip, path)).close();
    } catch (error) {
      found.push(`${path} is not namespace-well-formed: ${(error as Error).message}`);
    }
  }

  const types = await text(zip, "[Content_Types].xml");
  const defaults = new Set([...types.matchAll(/<Default [^>]*>/g)].map(([e]) => (attr(e, "Extension") ?? "").toLowerCase()));
  const overrides = [...types.matchAll(/<Override [^>]*>/g)].map(([e]) => (attr(e, "PartName") ?? "").replace(/^\//, ""));
  for (const name of overrides) if (!has(name)) found.push(`an override names ${name}, which the package does not have`);
  if (new Set(overrides.map((o) => o.toLowerCase())).size !== overrides.length) found.push("a part has two overrides");
  for (const path of parts.filter((p) => p !== "[Content_Types].xml")) {
    const extension = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
    if (!overrides.some((o) => o.toLowerCase() === path.toLowerCase()) && !defaults.has(extension)) found.push(`${path} has no content type`);
  }

  // Every relationship reaches a part, and every part is reached from the package's own relationships.
  const reached = new Set<string>();
  const queue = [""];
  for (let from = queue.shift(); from !== undefined; from = queue.shift()) {
    for (const rel of await relationships(zip, from)) {
      if (rel.external) continue;
      if (!has(rel.target)) found.push(`${from || "the package"}'s ${rel.id} points to ${rel.target}, which the package does not have`);
      else if (!reached.has(rel.target)) {
        reached.add(rel.target);
        queue.push(rel.target);
      }
    }
  }
  for (const path of parts) {
    if (path === "[Content_Types].xml") continue;
    const source = /^(.*?)_rels\/([^/]*)\.rels$/.exec(path);
    if (source ? !has(source[1] + source[2]) && source[0] !== "_rels/.rels" : !reached.has(path)) found.push(`${path} is an orphan`);
  }

  for (const path of parts.filter((p) => /^xl\/drawings\/[^/]+\.xml$/.test(p))) {
    const ids = shapeIds(await text(zip, path));
    if (new Set(ids).size !== ids.length) found.push(`${path} repeats a shape id: ${ids.join(", ")}`);
  }
  return found;
}

/** The package written out, checked whole, and opened again with ExcelJS. */
async function finished(zip: JSZip, { excelJs = true } = {}): Promise<Buffer> {
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  const reread = await JSZip.loadAsync(bytes);
  expect(await problems(reread)).toEqual([]);
  if (!excelJs) return bytes;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([HISTORY, SUMMARY, PLAIN]);
  expect(workbook.getWorksheet(HISTORY)?.getCell("B2").value).toBe(12);
  return bytes;
}

/** The snapshot of every entry: the same JSZip objects mean not one part was written again. */
async function snapshot(zip: JSZip): Promise<Map<string, [JSZip.JSZipObject, string]>> {
  const entries = new Map<string, [JSZip.JSZipObject, string]>();
  for (const [path, file] of Object.entries(zip.files)) entries.set(path, [file, file.dir ? "" : await file.async("base64")]);
  return entries;
}

// ---------------------------------------------------------------------------

let base: Buffer;
let original: JSZip;
let summaryPath: string;
let plainPath: string;
let pictureDrawing: string;
let pictureRels: string;
let pictureAnchor: string;

beforeAll(async () => {
  base = await basePackage();
  original = await JSZip.loadAsync(base);
  summaryPath = await sheetPath(original, SUMMARY);
  plainPath = await sheetPath(original, PLAIN);
  const drawing = await drawingPath(original, summaryPath);
  if (drawing === undefined) throw new Error("ExcelJS gave the picture's sheet no drawing");
  pictureDrawing = await text(original, drawing);
  pictureRels = await text(original, relsPath(drawing));
  pictureAnchor = /<xdr:twoCellAnchor[\s\S]*?<\/xdr:twoCellAnchor>/.exec(pictureDrawing)?.[0] ?? "";
  expect(pictureAnchor).toContain("<xdr:pic>");
  // The drawing ExcelJS writes declares neither r: nor c: on its root: the charts added to it must.
  expect(pictureDrawing).not.toMatch(/<xdr:wsDr[^>]*xmlns:(r|c)=/);
  expect(await problems(original)).toEqual([]);
});

const load = () => JSZip.loadAsync(base);

async function expectPictureIntact(zip: JSZip): Promise<void> {
  const drawing = (await drawingPath(zip, summaryPath)) ?? "";
  expect(drawing).toBe(await drawingPath(original, summaryPath));
  expect(await text(zip, drawing)).toContain(pictureAnchor);
  const image = (await relationships(zip, drawing)).find((r) => r.type.endsWith("/image"));
  expect(image?.target).toBe("xl/media/image1.png");
  expect(Buffer.from(await (zip.file("xl/media/image1.png") as JSZip.JSZipObject).async("uint8array"))).toEqual(PNG);
}

describe("charts on a sheet whose drawing holds a picture", () => {
  it("go into the picture's drawing, after it, with new shape and relationship ids and their own namespace declarations", async () => {
    const zip = await load();
    await addChartsToSheet(zip, summaryPath, [TREND(SUMMARY), PRIORITY(SUMMARY)]);
    expect(await chartNames(zip, summaryPath)).toEqual(["POAM_TrendChart", "POAM_PriorityChart"]);
    await expectPictureIntact(zip);

    const drawing = await text(zip, (await drawingPath(zip, summaryPath)) ?? "");
    // The picture's drawing is as it was up to its end; the charts follow.
    expect(drawing.startsWith(pictureDrawing.slice(0, pictureDrawing.lastIndexOf("</xdr:wsDr>")))).toBe(true);
    expect(shapeIds(drawing)).toEqual([1, 2, 3]);
    expect(drawing).toContain(`<c:chart xmlns:c="${CHART_NS}" xmlns:r="${REL_NS}" r:id="rId2"/>`);
    expect(drawing).toContain(`<c:chart xmlns:c="${CHART_NS}" xmlns:r="${REL_NS}" r:id="rId3"/>`);
    // The sheet kept its one drawing element.
    expect((await text(zip, summaryPath)).match(/<drawing /g)).toHaveLength(1);
    expect(chartParts(zip)).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml"]);
    expect(await text(zip, await chartPart(zip, summaryPath, "POAM_TrendChart"))).toContain("<c:f>'Snapshot Data'!$B$2:$B$5</c:f>");
    await finished(zip);
  });

  it("are removed by name, leaving the drawing exactly as it was, and drawn again", async () => {
    const zip = await load();
    await addChartsToSheet(zip, summaryPath, [TREND(SUMMARY), PRIORITY(SUMMARY)]);
    const types = await text(original, "[Content_Types].xml");

    expect(await removeCharts(zip, summaryPath, ["POAM_ScoreChart", "POAM_PriorityChart", "POAM_TrendChart"])).toEqual(["POAM_PriorityChart", "POAM_TrendChart"]);
    expect(await chartNames(zip, summaryPath)).toEqual([]);
    const drawing = (await drawingPath(zip, summaryPath)) ?? "";
    expect(await text(zip, drawing)).toBe(pictureDrawing);
    expect(await text(zip, relsPath(drawing))).toBe(pictureRels);
    expect(await text(zip, "[Content_Types].xml")).toBe(types);
    expect(chartParts(zip)).toEqual([]);
    expect(Object.keys(zip.files).filter((p) => p.startsWith("xl/charts/_rels/") && !p.endsWith("/"))).toEqual([]);
    await expectPictureIntact(zip);
    await finished(zip);

    await addChartsToSheet(zip, summaryPath, [TREND(SUMMARY), PRIORITY(SUMMARY)]);
    expect(await chartNames(zip, summaryPath)).toEqual(["POAM_TrendChart", "POAM_PriorityChart"]);
    expect(chartParts(zip)).toHaveLength(2);
    await expectPictureIntact(zip);
    await finished(zip);
  });
});

describe("charts on a sheet with no drawing", () => {
  it("drawn by addCharts, are removed, leaving the empty drawing, and drawn into it again with the root's namespaces", async () => {
    const zip = await load();
    await addCharts(zip, [SCORE(PLAIN)], new Map([[PLAIN, plainPath]]));
    expect(await chartNames(zip, plainPath)).toEqual(["POAM_ScoreChart"]);
    const drawing = (await drawingPath(zip, plainPath)) ?? "";
    expect(drawing).toBe("xl/drawings/drawing2.xml");

    expect(await removeCharts(zip, plainPath, ["POAM_ScoreChart"])).toEqual(["POAM_ScoreChart"]);
    expect(await text(zip, drawing)).toMatch(/<xdr:wsDr [^>]*><\/xdr:wsDr>$/);
    expect(await text(zip, relsPath(drawing))).not.toContain("<Relationship ");
    expect(await text(zip, plainPath)).toMatch(/<drawing r:id="rId\d+"\/>/);
    expect(chartParts(zip)).toEqual([]);
    expect(await text(zip, "[Content_Types].xml")).not.toContain(CHART_TYPE);
    await finished(zip);

    await addChartsToSheet(zip, plainPath, [SCORE(PLAIN), TREND(PLAIN)]);
    expect(await chartNames(zip, plainPath)).toEqual(["POAM_ScoreChart", "POAM_TrendChart"]);
    expect(await drawingPath(zip, plainPath)).toBe(drawing);
    const xml = await text(zip, drawing);
    // The root declares c: and r:, so the anchors need not.
    expect(xml).not.toContain("<c:chart xmlns");
    expect(xml).not.toContain("<xdr:twoCellAnchor xmlns");
    expect(shapeIds(xml)).toEqual([2, 3]);
    // chart1.xml was removed; a new part may take its free name, never an existing one.
    expect(chartParts(zip)).toHaveLength(2);
    await finished(zip);
  });

  it("drawn by addChartsToSheet, get a new drawing part joined to the sheet where the schema puts it", async () => {
    const zip = await load();
    await addChartsToSheet(zip, summaryPath, [USERS(SUMMARY)]);
    await addChartsToSheet(zip, plainPath, [TREND(PLAIN), PRIORITY(PLAIN)]);
    expect(await chartNames(zip, plainPath)).toEqual(["POAM_TrendChart", "POAM_PriorityChart"]);
    expect(await drawingPath(zip, plainPath)).toBe("xl/drawings/drawing2.xml");
    expect(await text(zip, plainPath)).toMatch(/<pageSetup [^>]*\/><drawing r:id="rId1"\/><\/worksheet>$/);
    // Chart parts are numbered after the one already there.
    expect(chartParts(zip)).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"]);
    expect(await chartPart(zip, summaryPath, "Sales by month")).toBe("xl/charts/chart1.xml");
    await finished(zip);
  });
});

/**
 * The Summary sheet as Excel might leave it after a user's edits: the
 * picture, a user's chart, our trend chart resaved with the style, colors
 * and shapes parts Excel 2013 and later add, a user's chartex histogram
 * inside an anchor's mc:AlternateContent, and our score chart wrapped whole
 * in one.
 */
async function lived(): Promise<JSZip> {
  const zip = await load();
  await addChartsToSheet(zip, summaryPath, [USERS(SUMMARY), TREND(SUMMARY), PRIORITY(SUMMARY)]);
  const drawing = (await drawingPath(zip, summaryPath)) ?? "";
  const trend = await chartPart(zip, summaryPath, "POAM_TrendChart");
  const types: string[] = [];

  // The trend chart, resaved by Excel.
  zip.file(trend, (await text(zip, trend)).replace("</c:chartSpace>", '<c:userShapes r:id="rId3"/></c:chartSpace>'));
  zip.file("xl/charts/style1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" id="227"/>');
  zip.file("xl/charts/colors1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" meth="cycle" id="10"><a:schemeClr val="accent1"/></cs:colorStyle>');
  zip.file(
    "xl/drawings/drawing9.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:userShapes xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:cdr="http://schemas.openxmlformats.org/drawingml/2006/chartDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<cdr:relSizeAnchor><cdr:from><cdr:x>0.8</cdr:x><cdr:y>0</cdr:y></cdr:from><cdr:to><cdr:x>1</cdr:x><cdr:y>0.2</cdr:y></cdr:to><cdr:pic><cdr:nvPicPr><cdr:cNvPr id="2" name="Logo"/><cdr:cNvPicPr/></cdr:nvPicPr>' +
      '<cdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></cdr:blipFill><cdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></cdr:spPr></cdr:pic></cdr:relSizeAnchor></c:userShapes>',
  );
  // The shapes use the picture's image too: it must outlive them.
  await addRelationship(zip, "xl/drawings/drawing9.xml", "image", "../media/image1.png");
  expect(zip.file(relsPath(trend))).toBeNull();
  zip.file(
    relsPath(trend),
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/chartStyle" Target="style1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2011/relationships/chartColorStyle" Target="colors1.xml"/>' +
      `<Relationship Id="rId3" Type="${REL_NS}/chartUserShapes" Target="../drawings/drawing9.xml"/></Relationships>`,
  );
  types.push(
    '<Override PartName="/xl/charts/style1.xml" ContentType="application/vnd.ms-office.chartstyle+xml"/>',
    '<Override PartName="/xl/charts/colors1.xml" ContentType="application/vnd.ms-office.chartcolorstyle+xml"/>',
    '<Override PartName="/xl/drawings/drawing9.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chartshapes+xml"/>',
  );

  // A user's chartex chart, which only Excel 2016 and later draw.
  zip.file("xl/charts/chartEx1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cx:chartSpace xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex"><cx:chartData/><cx:chart/></cx:chartSpace>');
  const exId = await addRelationship(zip, drawing, "chartEx", "../charts/chartEx1.xml");
  zip.file(relsPath(drawing), (await text(zip, relsPath(drawing))).replace(`${REL_NS}/chartEx`, "http://schemas.microsoft.com/office/2014/relationships/chartEx"));
  types.push('<Override PartName="/xl/charts/chartEx1.xml" ContentType="application/vnd.ms-office.chartex+xml"/>');
  const marker = (tag: string, row: number) => `<xdr:${tag}><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const histogram =
    `<xdr:twoCellAnchor>${marker("from", 10)}${marker("to", 20)}<mc:AlternateContent xmlns:mc="${MC_NS}">` +
    '<mc:Choice xmlns:cx1="http://schemas.microsoft.com/office/drawing/2015/9/8/chartex" Requires="cx1"><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="9" name="Histogram"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/drawing/2014/chartex">' +
    `<cx:chart xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" xmlns:r="${REL_NS}" r:id="${exId}"/></a:graphicData></a:graphic></xdr:graphicFrame></mc:Choice>` +
    '<mc:Fallback><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="9" name="Histogram"/><xdr:cNvSpPr><a:spLocks noTextEdit="1"/></xdr:cNvSpPr></xdr:nvSpPr>' +
    '<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="4572000" cy="2743200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>' +
    "<xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>This chart isn't available in your version of Excel.</a:t></a:r></a:p></xdr:txBody></xdr:sp></mc:Fallback>" +
    "</mc:AlternateContent><xdr:clientData/></xdr:twoCellAnchor>";

  // Our score chart, wrapped whole in mc:AlternateContent, its fallback the same chart.
  const score = SCORE(SUMMARY);
  zip.file("xl/charts/chart7.xml", chartXml(score));
  types.push(`<Override PartName="/xl/charts/chart7.xml" ContentType="${CHART_TYPE}"/>`);
  const scoreId = await addRelationship(zip, drawing, "chart", "../charts/chart7.xml");
  const scoreAnchor = anchorXml(score.chart.name, score.chart.placement, 10, scoreId, new Set(["xdr", "a"]));
  const wrapped =
    `<mc:AlternateContent xmlns:mc="${MC_NS}"><mc:Choice xmlns:c14="http://schemas.microsoft.com/office/drawing/2007/8/2/chart" Requires="c14">${scoreAnchor}</mc:Choice>` +
    `<mc:Fallback>${scoreAnchor}</mc:Fallback></mc:AlternateContent>`;

  zip.file(drawing, (await text(zip, drawing)).replace("</xdr:wsDr>", `${histogram}${wrapped}</xdr:wsDr>`));
  zip.file("[Content_Types].xml", (await text(zip, "[Content_Types].xml")).replace("</Types>", `${types.join("")}</Types>`));
  expect(await problems(zip)).toEqual([]);
  return zip;
}

describe("charts on a sheet Excel has saved again", () => {
  it("lose their anchors, wrappers, parts, style, colors and shapes; the picture, the user's charts and the shared image stay", async () => {
    const zip = await lived();
    const drawing = (await drawingPath(zip, summaryPath)) ?? "";
    expect(await chartNames(zip, summaryPath)).toEqual(["Sales by month", "POAM_TrendChart", "POAM_PriorityChart", "POAM_ScoreChart"]);
    const before = await text(zip, drawing);
    const usersAnchor = /<xdr:twoCellAnchor>(?:(?!<xdr:twoCellAnchor)[\s\S])*?name="Sales by month"[\s\S]*?<\/xdr:twoCellAnchor>/.exec(before)?.[0] ?? "";
    const histogram = /<xdr:twoCellAnchor>(?:(?!<xdr:twoCellAnchor)[\s\S])*?<mc:AlternateContent[\s\S]*?<\/mc:AlternateContent><xdr:clientData\/><\/xdr:twoCellAnchor>/.exec(before)?.[0] ?? "";
    expect(histogram).toContain("cx:chart");
    const usersPart = await chartPart(zip, summaryPath, "Sales by month");
    const usersChart = await text(zip, usersPart);
    const trendPart = await chartPart(zip, summaryPath, "POAM_TrendChart");
    // ExcelJS reads every part under xl/drawings/ as a sheet's drawing, and fails on a chart's shapes (c:userShapes) there.
    await finished(zip, { excelJs: false });

    expect(await removeCharts(zip, summaryPath, OURS)).toEqual(OURS);
    expect(await chartNames(zip, summaryPath)).toEqual(["Sales by month"]);
    const after = await text(zip, drawing);
    expect(after).toBe(pictureDrawing.replace("</xdr:wsDr>", `${usersAnchor}${histogram}</xdr:wsDr>`));
    expect(after).not.toContain('Requires="c14"');
    for (const gone of [trendPart, relsPath(trendPart), "xl/charts/style1.xml", "xl/charts/colors1.xml", "xl/drawings/drawing9.xml", relsPath("xl/drawings/drawing9.xml"), "xl/charts/chart7.xml"]) {
      expect(zip.file(gone)).toBeNull();
    }
    const types = await text(zip, "[Content_Types].xml");
    for (const gone of ["style1", "colors1", "drawing9", "chart7"]) expect(types).not.toContain(gone);
    expect(chartParts(zip)).toEqual([usersPart]);
    expect(await text(zip, usersPart)).toBe(usersChart);
    expect(zip.file("xl/charts/chartEx1.xml")).not.toBeNull();
    expect((await relationships(zip, drawing)).map((r) => r.target).sort()).toEqual(["xl/charts/chartEx1.xml", usersPart, "xl/media/image1.png"].sort());
    await expectPictureIntact(zip);
    await finished(zip);

    await addChartsToSheet(zip, summaryPath, [TREND(SUMMARY), PRIORITY(SUMMARY), SCORE(SUMMARY)]);
    expect(await chartNames(zip, summaryPath)).toEqual(["Sales by month", ...OURS]);
    const again = await text(zip, drawing);
    expect(again).toContain(usersAnchor + histogram);
    // Above every id in the drawing, the fallback's included.
    expect(shapeIds(again)).toEqual([1, 2, 9, 10, 11, 12]);
    expect(chartParts(zip)).toHaveLength(4);
    const newParts = await Promise.all(OURS.map((name) => chartPart(zip, summaryPath, name)));
    // None takes the name of a part the package held when they were drawn.
    for (const part of newParts) expect([usersPart, "xl/charts/chartEx1.xml"]).not.toContain(part);
    await finished(zip);
  });

  it("by a name that is not there, changes nothing", async () => {
    const zip = await lived();
    const before = await snapshot(zip);
    expect(await removeCharts(zip, summaryPath, ["POAM_Missing", "Histogram", "Picture 1"])).toEqual([]);
    expect(await removeCharts(zip, summaryPath, [])).toEqual([]);
    expect(await removeCharts(zip, plainPath, OURS)).toEqual([]);
    const after = await snapshot(zip);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, [file, content]] of before) {
      expect(after.get(path)?.[0]).toBe(file);
      expect(after.get(path)?.[1]).toBe(content);
    }
  });
});

describe("a drawing written with other prefixes than Excel's", () => {
  it("is read and written by its namespaces, the new anchors declaring the prefixes they use", async () => {
    const zip = await load();
    const drawing = (await drawingPath(zip, summaryPath)) ?? "";
    // The spreadsheet-drawing namespace as the default one, DrawingML's main one as "dml".
    const renamed = pictureDrawing.replace(/(<\/?)xdr:/g, "$1").replace("xmlns:xdr=", "xmlns=").replace(/(<\/?)a:/g, "$1dml:").replace("xmlns:a=", "xmlns:dml=");
    zip.file(drawing, renamed);
    await addChartsToSheet(zip, summaryPath, [TREND(SUMMARY)]);
    expect(await chartNames(zip, summaryPath)).toEqual(["POAM_TrendChart"]);
    const xml = await text(zip, drawing);
    expect(xml).toContain(`<xdr:twoCellAnchor xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">`);
    expect(xml).toContain('<xdr:cNvPr id="2" name="POAM_TrendChart"/>');
    expect(await problems(zip)).toEqual([]);
    expect(await removeCharts(zip, summaryPath, ["POAM_TrendChart"])).toEqual(["POAM_TrendChart"]);
    expect(await text(zip, drawing)).toBe(renamed);
    expect(chartParts(zip)).toEqual([]);
    expect(await problems(zip)).toEqual([]);
  });
});

describe("drawings this program cannot change safely", () => {
  async function withDrawing(edit: (xml: string) => string): Promise<JSZip> {
    const zip = await load();
    await addChartsToSheet(zip, summaryPath, [TREND(SUMMARY)]);
    const drawing = (await drawingPath(zip, summaryPath)) ?? "";
    zip.file(drawing, edit(await text(zip, drawing)));
    return zip;
  }

  it("refuses to take a chart out of a group of shapes, changing nothing", async () => {
    const zip = await withDrawing((xml) =>
      xml.replace(/(<xdr:twoCellAnchor>(?:(?!<xdr:twoCellAnchor)[\s\S])*?)(<xdr:graphicFrame[\s\S]*?<\/xdr:graphicFrame>)/, (_, head: string, frame: string) =>
        `${head}<xdr:grpSp><xdr:nvGrpSpPr><xdr:cNvPr id="7" name="Group 6"/><xdr:cNvGrpSpPr/></xdr:nvGrpSpPr><xdr:grpSpPr/>${frame}<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="8" name="Note"/><xdr:cNvSpPr/></xdr:nvSpPr><xdr:spPr/></xdr:sp></xdr:grpSp>`,
      ),
    );
    const before = await snapshot(zip);
    expect(await chartNames(zip, summaryPath)).toEqual(["POAM_TrendChart"]);
    await expect(removeCharts(zip, summaryPath, ["POAM_TrendChart"])).rejects.toThrow(/"POAM_TrendChart" .* is grouped with other shapes; ungroup it/);
    const after = await snapshot(zip);
    for (const [path, [file]] of before) expect(after.get(path)?.[0]).toBe(file);
  });

  it.each([
    ["a root that is not a worksheet drawing", (xml: string) => xml.replace("http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing", "urn:something-else"), /is not a worksheet drawing/],
    ["an undeclared prefix", (xml: string) => xml.replace("<xdr:clientData/>", "<x14:clientData/>"), /not well-formed XML \(the prefix x14: of <x14:clientData> is not declared\)/],
    ["an element left open", (xml: string) => xml.replace("</xdr:wsDr>", ""), /not well-formed XML/],
    ["a document type", (xml: string) => xml.replace("<xdr:wsDr", '<!DOCTYPE x [<!ENTITY e "e">]><xdr:wsDr'), /declares a document type/],
  ])("refuses %s, reading or writing", async (_, edit, message) => {
    const zip = await withDrawing(edit);
    const before = await snapshot(zip);
    await expect(chartNames(zip, summaryPath)).rejects.toThrow(message);
    await expect(removeCharts(zip, summaryPath, ["POAM_TrendChart"])).rejects.toThrow(message);
    await expect(addChartsToSheet(zip, summaryPath, [PRIORITY(SUMMARY)])).rejects.toThrow(message);
    const after = await snapshot(zip);
    for (const [path, [file]] of before) expect(after.get(path)?.[0]).toBe(file);
  });
});

describe("a change that fails", () => {
  it("leaves the package as it was", async () => {
    const zip = await load();
    zip.file("[Content_Types].xml", (await text(zip, "[Content_Types].xml")).replace("</Types>", ""));
    const before = await snapshot(zip);
    // The chart parts, relationships and sheet are written before the content types are found unreadable.
    await expect(addChartsToSheet(zip, plainPath, [TREND(PLAIN)])).rejects.toThrow(/\[Content_Types\]\.xml has no closing <\/Types>/);
    await expect(addChartsToSheet(zip, summaryPath, [TREND(SUMMARY)])).rejects.toThrow(/\[Content_Types\]\.xml has no closing <\/Types>/);
    const after = await snapshot(zip);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, [file]] of before) expect(after.get(path)?.[0]).toBe(file);
  });
});

describe("LibreOffice", () => {
  it("opens a sheet holding the picture, a user's charts and the charts drawn again, and keeps them all", async () => {
    if (!existsSync("/usr/bin/soffice")) {
      throw new Error("LibreOffice is not installed (/usr/bin/soffice is missing); install libreoffice-calc-nogui to run this test.");
    }
    // The picture, a user's chart, a user's chartex histogram, and our three charts removed and drawn again.
    const zip = await lived();
    await removeCharts(zip, summaryPath, OURS);
    await addChartsToSheet(zip, summaryPath, [TREND(SUMMARY), PRIORITY(SUMMARY), SCORE(SUMMARY)]);
    const converted = await JSZip.loadAsync(await convertWithLibreOffice(await finished(zip), "xlsx"));
    const titles: string[] = [];
    for (const path of chartParts(converted)) titles.push(/<a:t>([^<]*)<\/a:t>/.exec(await text(converted, path))?.[1] ?? "");
    expect(titles.sort()).toEqual(["POAM_PriorityChart title", "POAM_ScoreChart title", "POAM_TrendChart title", "Sales by month title"]);
    expect(Object.keys(converted.files).some((path) => /^xl\/media\/[^/]+\.png$/.test(path))).toBe(true);
    const summary = await sheetPath(converted, SUMMARY);
    expect(await chartNames(converted, summary)).toEqual(expect.arrayContaining([...OURS, "Sales by month"]));
  });
});
