/**
 * Charts, links and cleared ranges in a workbook file: the package must hold
 * the DrawingML parts Excel expects, and LibreOffice must read the charts back
 * with the same ranges, which shows a real spreadsheet application drew them.
 */
import JSZip from "jszip";
import { toSerial } from "../../src/domain/core/dates";
import type { ChartSpec, WorkbookPlan } from "../../src/domain/workbook/plan";
import { readXlsx, type StoredWorkbook } from "../../src/formats/xlsx-read/readXlsx";
import { writeWorkbookFile } from "../../src/xlsx/writeWorkbookFile";
import { convertWithLibreOffice } from "../support/libreoffice";
import { resolveTarget } from "../../src/formats/xlsx-read/packageParts";

jest.setTimeout(120_000);

const DATA = "Trend & Data";
const CHARTS = "Charts";

const column = (index: number) => ({ sheet: DATA, range: { row: 1, column: index, rowCount: 4, columnCount: 1 } });

const LINE: ChartSpec = {
  name: "Open trend",
  title: "Open & closed <by week>",
  type: "line",
  categories: column(0),
  series: [
    { name: "Open", values: column(1) },
    { name: "Closed", values: column(2) },
  ],
  placement: { row: 2, column: 0, rowCount: 15, columnCount: 8 },
};
const CLUSTERED: ChartSpec = {
  ...LINE,
  name: "Side by side",
  title: "Side by side",
  type: "columnClustered",
  categories: column(3),
  placement: { row: 2, column: 9, rowCount: 15, columnCount: 8 },
};
const STACKED: ChartSpec = {
  ...LINE,
  name: "Stacked",
  title: "Stacked",
  type: "columnStacked",
  placement: { row: 7, column: 0, rowCount: 12, columnCount: 6 },
};
const REMOVED: ChartSpec = { ...LINE, name: "Old", title: "Old chart" };

const PLAN: WorkbookPlan = {
  ops: [
    { kind: "renameSheet", from: "Sheet1", to: CHARTS, tabColor: "#1F4E79" },
    { kind: "addSheet", sheet: DATA, tabColor: "#548235" },
    {
      kind: "writeCells",
      sheet: DATA,
      at: { row: 0, column: 0 },
      cells: [
        ["Week", "Open", "Closed", "Label"],
        [toSerial("2026-11-02"), 12, 3, "W45"],
        [toSerial("2026-11-09"), 10, 5, "W46"],
        [toSerial("2026-11-16"), 9, 4, "W47"],
        [toSerial("2026-11-23"), 7, 6, "W48"],
      ],
    },
    { kind: "formatRange", sheet: DATA, range: { row: 1, column: 0, rowCount: 4, columnCount: 1 }, numberFormat: "yyyy-mm-dd" },
    {
      kind: "createTable",
      sheet: DATA,
      table: "Notes",
      at: { row: 0, column: 7 },
      columns: [{ header: "Note" }],
      rows: [["A table, so the sheet has tableParts"]],
      style: "TableStyleLight9",
    },
    { kind: "writeCells", sheet: CHARTS, at: { row: 0, column: 0 }, cells: [[{ text: "=1+1", location: "'Trend & Data'!A2" }]] },
    {
      kind: "writeCells",
      sheet: DATA,
      at: { row: 1, column: 5 },
      cells: [
        ["gone", 1],
        [{ text: "gone", location: "Charts!A1" }, 2],
      ],
    },
    {
      kind: "formatRange",
      sheet: DATA,
      range: { row: 1, column: 5, rowCount: 2, columnCount: 2 },
      numberFormat: "0.00",
      style: { fill: "#FFC7CE", bold: true },
    },
    { kind: "addChart", sheet: CHARTS, chart: REMOVED },
    { kind: "addChart", sheet: CHARTS, chart: LINE },
    { kind: "addChart", sheet: CHARTS, chart: CLUSTERED },
    { kind: "addChart", sheet: DATA, chart: STACKED },
    { kind: "clearRange", sheet: DATA, range: { row: 1, column: 5, rowCount: 2, columnCount: 2 } },
    { kind: "removeCharts", sheet: CHARTS, names: ["Old"] },
  ],
};

const DATES = "'Trend & Data'!$A$2:$A$5";
const OPEN = "'Trend & Data'!$B$2:$B$5";
const CLOSED = "'Trend & Data'!$C$2:$C$5";
const LABELS = "'Trend & Data'!$D$2:$D$5";

const unescapeXml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

async function part(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`The package has no ${path}; it has ${Object.keys(zip.files).join(", ")}`);
  return file.async("string");
}

const attribute = (element: string, name: string) => unescapeXml(new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1] ?? "");


/** The part a relationship of the part at `from` points to. */
async function related(zip: JSZip, from: string, id: string): Promise<string> {
  const slash = from.lastIndexOf("/");
  const rels = await part(zip, `${from.slice(0, slash)}/_rels/${from.slice(slash + 1)}.rels`);
  const element = [...rels.matchAll(/<Relationship [^>]*>/g)].map(([e]) => e).find((e) => attribute(e, "Id") === id);
  if (!element) throw new Error(`${from} has no relationship ${id}`);
  return resolveTarget(from, attribute(element, "Target"));
}

async function sheetPath(zip: JSZip, name: string): Promise<string> {
  const workbook = await part(zip, "xl/workbook.xml");
  const sheet = [...workbook.matchAll(/<sheet [^>]*>/g)].map(([e]) => e).find((e) => attribute(e, "name") === name);
  if (!sheet) throw new Error(`No sheet named ${name}`);
  return related(zip, "xl/workbook.xml", attribute(sheet, "r:id"));
}

interface DrawnChart {
  readonly name: string;
  readonly path: string;
  readonly xml: string;
  /** The chart's ranges, in order: each series' categories, then its values. */
  readonly ranges: string[];
}

const rangesOf = (chartXml: string) => [...chartXml.matchAll(/<c:(?:cat|val)><c:(?:num|str)Ref><c:f>([^<]*)<\/c:f>/g)].map(([, f]) => unescapeXml(f));

/** The charts drawn on a sheet, found the way Excel finds them: sheet, drawing, chart. */
async function chartsOn(zip: JSZip, sheet: string): Promise<DrawnChart[]> {
  const path = await sheetPath(zip, sheet);
  const drawingId = /<drawing r:id="([^"]*)"\/>/.exec(await part(zip, path))?.[1];
  if (drawingId === undefined) return [];
  const drawing = await related(zip, path, drawingId);
  const charts: DrawnChart[] = [];
  for (const [anchor] of (await part(zip, drawing)).matchAll(/<xdr:twoCellAnchor[\s\S]*?<\/xdr:twoCellAnchor>/g)) {
    const name = attribute(/<xdr:cNvPr [^>]*>/.exec(anchor)?.[0] ?? "", "name");
    const chartPath = await related(zip, drawing, attribute(/<c:chart [^>]*>/.exec(anchor)?.[0] ?? "", "r:id"));
    const xml = await part(zip, chartPath);
    charts.push({ name, path: chartPath, xml, ranges: rangesOf(xml) });
  }
  return charts;
}

let file: Buffer;
let zip: JSZip;
let workbook: StoredWorkbook;

beforeAll(async () => {
  file = await writeWorkbookFile(PLAN);
  zip = await JSZip.loadAsync(file);
  workbook = await readXlsx(file);
});

describe("charts in the written package", () => {
  it("has a chart part per chart and a drawing part per sheet, with their content types", async () => {
    const parts = Object.keys(zip.files).filter((path) => /^xl\/(charts|drawings)\//.test(path) && !path.endsWith("/"));
    expect(parts.sort()).toEqual([
      "xl/charts/chart1.xml",
      "xl/charts/chart2.xml",
      "xl/charts/chart3.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/drawings/_rels/drawing2.xml.rels",
      "xl/drawings/drawing1.xml",
      "xl/drawings/drawing2.xml",
    ]);
    const types = await part(zip, "[Content_Types].xml");
    for (const n of [1, 2, 3]) {
      expect(types).toContain(
        `<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      );
    }
    for (const n of [1, 2]) {
      expect(types).toContain(`<Override PartName="/xl/drawings/drawing${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`);
    }
  });

  it("draws each sheet's charts, by name, and not the one the plan removed", async () => {
    expect((await chartsOn(zip, CHARTS)).map((chart) => chart.name)).toEqual(["Open trend", "Side by side"]);
    expect((await chartsOn(zip, DATA)).map((chart) => chart.name)).toEqual(["Stacked"]);
    for (const path of Object.keys(zip.files).filter((p) => /^xl\/(charts|drawings)\/[^/]+\.xml$/.test(p))) {
      expect(await part(zip, path)).not.toMatch(/Old/);
    }
  });

  it("refers to the exact ranges, categories as numbers when they are dates and as text when they are text", async () => {
    const [line, clustered] = await chartsOn(zip, CHARTS);
    const [stacked] = await chartsOn(zip, DATA);
    expect(line.ranges).toEqual([DATES, OPEN, DATES, CLOSED]);
    expect(stacked.ranges).toEqual([DATES, OPEN, DATES, CLOSED]);
    expect(clustered.ranges).toEqual([LABELS, OPEN, LABELS, CLOSED]);
    expect(line.xml).toContain("<c:cat><c:numRef><c:f>'Trend &amp; Data'!$A$2:$A$5</c:f></c:numRef></c:cat>");
    expect(line.xml).toContain('<c:numFmt formatCode="yyyy-mm-dd" sourceLinked="1"/>');
    expect(clustered.xml).toContain("<c:cat><c:strRef><c:f>'Trend &amp; Data'!$D$2:$D$5</c:f></c:strRef></c:cat>");
    expect(line.xml).toContain("<c:tx><c:v>Open</c:v></c:tx>");
    expect(line.xml).toContain("<a:t>Open &amp; closed &lt;by week&gt;</a:t>");
  });

  it("draws each type as asked", async () => {
    const [line, clustered] = await chartsOn(zip, CHARTS);
    const [stacked] = await chartsOn(zip, DATA);
    expect(line.xml).toContain('<c:lineChart><c:grouping val="standard"/>');
    expect(clustered.xml).toContain('<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(clustered.xml).not.toContain("<c:overlap");
    expect(stacked.xml).toContain('<c:barChart><c:barDir val="col"/><c:grouping val="stacked"/>');
    expect(stacked.xml).toContain('<c:overlap val="100"/>');
    for (const chart of [line, clustered, stacked]) {
      expect(chart.xml).toContain('<c:legend><c:legendPos val="b"/>');
      expect(chart.xml).toContain('<c:plotVisOnly val="1"/>');
      expect(chart.xml).toMatch(/<c:catAx><c:axId val="(\d+)"\/>[\s\S]*<c:crossAx val="(?!\1)\d+"\/>/);
    }
  });

  it("anchors each chart to the cells of its placement", async () => {
    const sheet = await sheetPath(zip, CHARTS);
    const drawing = await related(zip, sheet, /<drawing r:id="([^"]*)"\/>/.exec(await part(zip, sheet))?.[1] ?? "");
    const xml = await part(zip, drawing);
    const cell = (tag: string, row: number, col: number) =>
      `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    expect(xml).toContain(cell("from", 2, 0) + cell("to", 17, 8));
    expect(xml).toContain(cell("from", 2, 9) + cell("to", 17, 17));
  });

  it("puts the sheet's drawing element where the worksheet schema wants it", async () => {
    const data = await part(zip, await sheetPath(zip, DATA));
    expect(data).toMatch(/<pageSetup [^>]*\/><drawing r:id="rId\d+"\/><tableParts /);
    const charts = await part(zip, await sheetPath(zip, CHARTS));
    expect(charts).toMatch(/<drawing r:id="rId\d+"\/><\/worksheet>$/);
  });
});

describe("links and cleared ranges in the written package", () => {
  it("writes a link as text with an internal hyperlink, and no external relationship", async () => {
    const path = await sheetPath(zip, CHARTS);
    expect(workbook.sheet(CHARTS).cells.get("A1")).toEqual({ value: "=1+1", numberFormat: "General" });
    expect(await part(zip, path)).toContain('<hyperlinks><hyperlink ref="A1" location="&apos;Trend &amp; Data&apos;!A2"/></hyperlinks>');
    const slash = path.lastIndexOf("/");
    expect(await part(zip, `${path.slice(0, slash)}/_rels/${path.slice(slash + 1)}.rels`)).not.toContain("hyperlink");
  });

  it("leaves cleared cells empty: no values, formats or links", async () => {
    const data = await part(zip, await sheetPath(zip, DATA));
    expect(data).not.toMatch(/<c r="[FG][23]"/);
    expect(data).not.toContain("<hyperlinks>");
    expect(workbook.sheet(DATA).cells.get("B2")).toEqual({ value: 12, numberFormat: "General" });
  });
});

describe("LibreOffice", () => {
  let converted: JSZip;

  beforeAll(async () => {
    converted = await JSZip.loadAsync(await convertWithLibreOffice(file, "xlsx"));
  });

  it("reads the charts with the same types and ranges, and the values in them", async () => {
    const charts = new Map<string, string>();
    for (const path of Object.keys(converted.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))) {
      const xml = await part(converted, path);
      charts.set(unescapeXml(/<a:t>([^<]*)<\/a:t>/.exec(xml)?.[1] ?? ""), xml);
    }
    expect([...charts.keys()].sort()).toEqual(["Open & closed <by week>", "Side by side", "Stacked"]);
    const line = charts.get(LINE.title) ?? "";
    const clustered = charts.get(CLUSTERED.title) ?? "";
    const stacked = charts.get(STACKED.title) ?? "";
    expect(rangesOf(line)).toEqual([DATES, OPEN, DATES, CLOSED]);
    expect(rangesOf(clustered)).toEqual([LABELS, OPEN, LABELS, CLOSED]);
    expect(rangesOf(stacked)).toEqual([DATES, OPEN, DATES, CLOSED]);
    expect(line).toContain("<c:lineChart>");
    expect(clustered).toContain('<c:grouping val="clustered"/>');
    expect(stacked).toContain('<c:grouping val="stacked"/>');
    // LibreOffice caches what it read from the cells: the Open column, and the dates as formatted.
    const cached = (xml: string) => [...xml.matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map(([, v]) => v);
    expect(cached(line)).toEqual(expect.arrayContaining(["2026-11-02", "2026-11-23", "12", "10", "9", "7"]));
    expect(cached(clustered)).toEqual(expect.arrayContaining(["W45", "W48"]));
  });

  it("reads the link as a link to the cell", async () => {
    const sheet = await part(converted, await sheetPath(converted, CHARTS));
    expect(sheet).toMatch(/<hyperlink ref="A1"[^>]* location="&apos;Trend &amp; Data&apos;!A2"/);
  });
});
