import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { toSerial } from "../../src/domain/core/dates";
import { readPoamTables } from "../../src/formats/xlsx-read/readPoamFile";
import { readXlsx } from "../../src/formats/xlsx-read/readXlsx";
import { chartNames } from "../../src/xlsx-patch/packageCharts";
import { cliRunner } from "../support/cli";
import { recalculate } from "../support/libreoffice";
import { changedParts, partsOf, withUsersParts } from "../support/usersWorkbook";

jest.setTimeout(180_000);

const MADE = "2026-11-23";
const LATER = "2026-11-30";
const dir = mkdtempSync(join(tmpdir(), "poam-refresh-"));
const make = cliRunner(dir, MADE);
const run = cliRunner(dir, LATER);

const SUMMARY = "xl/worksheets/sheet3.xml";

/** The demo POA&M (refreshed once, on MADE) with a user's own parts and a chart of the user's on the Summary sheet. */
async function usersDemo(name: string): Promise<Buffer> {
  expect((await make("new", name, "--demo", "--force")).code).toBe(0);
  const zip = await JSZip.loadAsync(await withUsersParts(readFileSync(join(dir, name))));
  // The user's own chart: a copy of one of the demo's, under the user's name, in the Summary's drawing.
  const drawingPath = (await zip.file(`xl/worksheets/_rels/sheet3.xml.rels`)!.async("string")).match(/Target="\.\.\/drawings\/(drawing\d+\.xml)"/)![1];
  const drawing = `xl/drawings/${drawingPath}`;
  zip.file("xl/charts/chart99.xml", (await zip.file("xl/charts/chart1.xml")!.async("string")).replace("Open and overdue items", "My budget"));
  const rels = await zip.file(`xl/drawings/_rels/${drawingPath}.rels`)!.async("string");
  zip.file(
    `xl/drawings/_rels/${drawingPath}.rels`,
    rels.replace("</Relationships>", '<Relationship Id="rIdMine" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart99.xml"/></Relationships>'),
  );
  const anchor =
    '<xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>60</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>' +
    '<xdr:to><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>75</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
    '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="90" name="My budget chart"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
    '<c:chart r:id="rIdMine"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>';
  zip.file(drawing, (await zip.file(drawing)!.async("string")).replace("</xdr:wsDr>", `${anchor}</xdr:wsDr>`));
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace("</Types>", '<Override PartName="/xl/charts/chart99.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>'),
  );
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  writeFileSync(join(dir, name), bytes);
  return bytes;
}

async function history(bytes: Uint8Array) {
  const { tables } = await readPoamTables(bytes);
  const table = tables.find((t) => t.name === "History")!;
  return table.rows.map((row) => Object.fromEntries(table.headers.map((header, i) => [header, row[i]])));
}

describe("poam refresh", () => {
  it("adds the day's History row and redraws the charts, changing only the Summary, History and their charts", async () => {
    const before = await usersDemo("users.xlsx");
    const result = await run("refresh", "users.xlsx", "--author", "Lee Chen");
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^A History row was added for 2026-11-30, and the charts redrawn\.\nOpen: \d+; overdue: \d+; due soon: \d+; SPRS score -?\d+/);
    expect(result.out).toMatch(/Wrote users\.xlsx; the previous version is users\.xlsx\.bak\.$/);
    const after = readFileSync(join(dir, "users.xlsx"));
    expect(readFileSync(join(dir, "users.xlsx.bak")).equals(before)).toBe(true);

    const [rowsBefore, rows] = [await history(before), await history(after)];
    expect(rows.slice(0, -1)).toEqual(rowsBefore);
    expect(rows.slice(-2).map((row) => row["Snapshot Date"])).toEqual([toSerial(MADE), toSerial(LATER)]);
    expect(rows.at(-1)!["Refreshed By"]).toBe("Lee Chen");

    const [was, now] = [await partsOf(before), await partsOf(after)];
    const changed = changedParts(was, now);
    // Kept byte for byte: the user's sheet, image, comments, pivot cache, custom XML and chart; the POA&M's other sheets and tables.
    for (const path of ["xl/worksheets/mine.xml", "xl/media/image1.png", "xl/comments1.xml", "xl/pivotCache/pivotCacheDefinition1.xml", "customXml/item1.xml", "xl/charts/chart99.xml"]) {
      expect(changed).not.toContain(path);
    }
    const history_ = (await readXlsx(after)).sheets.find((sheet) => sheet.tables.some((t) => t.name === "History"))!;
    expect(history_.name).toBe("Refresh History");
    const unexpected = changed.filter(
      (path) =>
        ![SUMMARY, "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"].includes(path) &&
        !/^xl\/(charts\/chart\d+\.xml|drawings\/drawing\d+\.xml|drawings\/_rels\/drawing\d+\.xml\.rels)$/.test(path) &&
        !(path.startsWith("xl/worksheets/sheet") || path.startsWith("xl/tables/table")),
    );
    expect(unexpected).toEqual([]);
    // Of the sheets and tables, only the Summary and History ones.
    const sheetsChanged = changed.filter((path) => /^xl\/(worksheets\/sheet|tables\/table)\d+\.xml$/.test(path));
    expect(sheetsChanged.length).toBe(3);

    const zip = await JSZip.loadAsync(after);
    expect((await chartNames(zip, SUMMARY)).sort()).toEqual(["My budget chart", "POAM_PriorityChart", "POAM_ScoreChart", "POAM_TrendChart"]);
    const trend = await Promise.all(
      Object.keys(zip.files)
        .filter((path) => /^xl\/charts\/chart\d+\.xml$/.test(path))
        .map(async (path) => zip.file(path)!.async("string")),
    );
    // The redrawn charts cover both History rows.
    expect(trend.filter((xml) => xml.includes(`'Refresh History'!$A$2:$A$${rows.length + 1}`)).length).toBe(3);
    // The Summary's lists link to their rows.
    const summaryXml = await zip.file(SUMMARY)!.async("string");
    expect(summaryXml).toMatch(/<hyperlink ref="A\d+" location="'POA&amp;M'!A\d+" display="POAM-2026-\d{4}"\/>/);
  });

  it("leaves a workbook LibreOffice calculates: the Summary's figures and Last refreshed", async () => {
    await usersDemo("calc.xlsx");
    expect((await run("refresh", "calc.xlsx")).code).toBe(0);
    const calculated = (await readXlsx(await recalculate(readFileSync(join(dir, "calc.xlsx"))))).sheet("Summary");
    const cells = [...calculated.cells.entries()];
    const valueRightOf = (label: string) => {
      const at = cells.find(([, cell]) => cell.value === label)?.[0];
      if (!at) throw new Error(`No ${label} on the Summary`);
      const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(at)!;
      return calculated.cells.get(`${String.fromCharCode(letters.charCodeAt(0) + 1)}${row}`)?.value;
    };
    expect(typeof valueRightOf("Last refreshed")).toBe("number");
    expect(Math.floor(valueRightOf("Last refreshed") as number)).toBe(toSerial(LATER));
    const rows = await history(readFileSync(join(dir, "calc.xlsx")));
    expect(valueRightOf("Open items")).toBe(rows.at(-1)!.Open);
  });

  it("keeps one History row for a day refreshed twice", async () => {
    const before = await history(await usersDemo("twice.xlsx"));
    expect((await run("refresh", "twice.xlsx")).code).toBe(0);
    const stylesOf = async () => (await JSZip.loadAsync(readFileSync(join(dir, "twice.xlsx")))).file("xl/styles.xml")!.async("string");
    const styles = await stylesOf();
    const second = await run("refresh", "twice.xlsx");
    // The second refresh finds the formats the first one added, rather than adding them again.
    expect(await stylesOf()).toBe(styles);
    expect(second.out).toMatch(/^Today's History row was updated for 2026-11-30/);
    const rows = await history(readFileSync(join(dir, "twice.xlsx")));
    expect(rows).toHaveLength(before.length + 1);
    expect(rows.slice(-2).map((row) => row["Snapshot Date"])).toEqual([toSerial(MADE), toSerial(LATER)]);
    expect((await chartNames(await JSZip.loadAsync(readFileSync(join(dir, "twice.xlsx"))), SUMMARY)).sort()).toEqual([
      "My budget chart",
      "POAM_PriorityChart",
      "POAM_ScoreChart",
      "POAM_TrendChart",
    ]);
  });

  it.each<[string, (name: string) => Promise<void>, RegExp]>([
    ["while Excel has the file open", (name) => Promise.resolve(writeFileSync(join(dir, `~$${name}`), "")), /is open in Excel/],
    [
      "a workbook without a Summary",
      async (name) => {
        const zip = await JSZip.loadAsync(readFileSync(join(dir, name)));
        const workbook = await zip.file("xl/workbook.xml")!.async("string");
        zip.file("xl/workbook.xml", workbook.replace(/<definedName name="POAM_Summary"[^>]*>[^<]*<\/definedName>/, ""));
        writeFileSync(join(dir, name), await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
      },
      /has no Summary sheet .*poam setup/,
    ],
  ])("refuses %s, changing nothing", async (_, prepare, message) => {
    const name = `refuse-${Math.random().toString(36).slice(2, 8)}.xlsx`;
    expect((await make("new", name, "--demo")).code).toBe(0);
    await prepare(name);
    const before = readFileSync(join(dir, name));
    const result = await run("refresh", name);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(readFileSync(join(dir, name)).equals(before)).toBe(true);
    expect(existsSync(join(dir, `${name}.bak`))).toBe(false);
  });
});
