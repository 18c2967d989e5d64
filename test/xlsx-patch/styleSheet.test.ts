import ExcelJS from "exceljs";
import JSZip from "jszip";
import { StyleSheet } from "../../src/xlsx-patch/styleSheet";

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** A package ExcelJS wrote, with its styles part. */
async function excelJsPackage(build: (sheet: ExcelJS.Worksheet) => void = () => undefined): Promise<{ zip: JSZip; styles: string }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Data");
  sheet.getCell("A1").value = 1;
  build(sheet);
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  return { zip, styles: await zip.file("xl/styles.xml")!.async("string") };
}

/** ExcelJS's styles for a sheet with a percentage, a bold font, a red fill with centring, and a conditional format (so one dxf). */
const richPackage = () =>
  excelJsPackage((sheet) => {
    const a1 = sheet.getCell("A1");
    a1.numFmt = "0.0%";
    a1.font = { bold: true };
    sheet.getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
    sheet.getCell("B2").alignment = { horizontal: "center" };
    sheet.addConditionalFormatting({ ref: "A1:A5", rules: [{ type: "expression", priority: 1, formulae: ["A1>1"], style: { font: { bold: true } } }] });
  });

/** Hand-written: no numFmts, cellStyleXfs, cellStyles or dxfs; colors and extLst after where dxfs belongs; an xf with its attributes in an unusual order. */
const MINIMAL =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet ${MAIN}>` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border/></borders>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf applyNumberFormat="1" numFmtId="49" borderId="0" fillId="0" fontId="0"/></cellXfs>' +
  '<colors><mruColors><color rgb="FF00FF00"/></mruColors></colors>' +
  '<extLst><ext uri="{00000000-0000-0000-0000-000000000001}"/></extLst>' +
  "</styleSheet>";

/** The text with each named list of the stylesheet reduced to an empty element, to compare everything around them. */
const outside = (xml: string, ...names: string[]) =>
  names.reduce((text, name) => text.replace(new RegExp(`<${name}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`), `<${name}/>`), xml);

/** What a list element holds between its tags ("" for an empty-element tag). */
const inside = (xml: string, name: string) => new RegExp(`<${name}(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${name}>)`).exec(xml)?.[1] ?? "";

const openingTag = (xml: string, name: string) => new RegExp(`<${name}(?=[\\s/>])[^>]*>`).exec(xml)?.[0];

/** The entries of a list, as text. */
const entries = (xml: string, list: string, entry: string) => [...inside(xml, list).matchAll(new RegExp(`<${entry}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${entry}>)`, "g"))].map((match) => match[0]);

/** The attributes of the cellXfs entry at `index`. */
function xfAttributes(xml: string, index: string): Record<string, string> {
  const xf = entries(xml, "cellXfs", "xf")[Number(index)];
  return Object.fromEntries([...(/^<xf([^>]*?)\/?>/.exec(xf)?.[1] ?? "").matchAll(/([\w:]+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
}

describe("adding a cell format to ExcelJS's styles", () => {
  it("copies the base xf and changes only what the format names", async () => {
    const { styles } = await excelJsPackage();
    const sheet = new StyleSheet(styles);
    const index = sheet.cellStyle(undefined, { numberFormat: "0.00", style: { fill: "#1f4e79", fontColor: "#FFFFFF", bold: true, wrap: true } });
    const xml = sheet.toXml();

    expect(index).toBe("1");
    expect(sheet.changed).toBe(true);
    expect(xfAttributes(xml, index)).toEqual({ numFmtId: "2", fontId: "1", fillId: "2", borderId: "0", xfId: "0", applyNumberFormat: "1", applyFont: "1", applyFill: "1", applyAlignment: "1" });
    expect(entries(xml, "cellXfs", "xf")[1]).toMatch(/><alignment wrapText="1" vertical="top"\/><\/xf>$/);
    // ExcelJS writes the font's children out of CT_Font's order; the copy puts them in it.
    expect(entries(xml, "fonts", "font")[1]).toBe('<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>');
    expect(entries(xml, "fills", "fill")[2]).toBe('<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E79"/><bgColor indexed="64"/></patternFill></fill>');
    // A built-in format needs no numFmt.
    expect(xml).not.toContain("<numFmts");
  });

  it("grows only the lists it adds to, keeping their entries and updating their counts", async () => {
    const { styles } = await excelJsPackage();
    const sheet = new StyleSheet(styles);
    sheet.cellStyle(undefined, { style: { fill: "#1F4E79", bold: true } });
    const xml = sheet.toXml();

    expect(outside(xml, "fonts", "fills", "cellXfs")).toBe(outside(styles, "fonts", "fills", "cellXfs"));
    for (const list of ["fonts", "fills", "cellXfs"]) expect(inside(xml, list).startsWith(inside(styles, list))).toBe(true);
    expect(openingTag(xml, "fonts")).toBe('<fonts count="2" x14ac:knownFonts="1">');
    expect(openingTag(xml, "fills")).toBe('<fills count="3">');
    expect(openingTag(xml, "cellXfs")).toBe('<cellXfs count="2">');
    // The parts this patch has no business with, byte for byte.
    expect(xml).toContain('<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/><extLst>');
    expect(xml.slice(0, xml.indexOf("<fonts"))).toBe(styles.slice(0, styles.indexOf("<fonts")));
  });

  it("answers the same question with the same index, and reuses identical fonts and xfs", async () => {
    const { styles } = await excelJsPackage();
    const sheet = new StyleSheet(styles);
    const first = sheet.cellStyle(undefined, { style: { bold: true } });
    const once = sheet.toXml();
    expect(sheet.cellStyle(undefined, { style: { bold: true } })).toBe(first);
    expect(sheet.cellStyle("0", { style: { bold: true } })).toBe(first);
    // Size 11 is the base font's already: the same font, so the same xf.
    expect(sheet.cellStyle("0", { style: { bold: true, fontSize: 11 } })).toBe(first);
    expect(sheet.toXml()).toBe(once);
    expect(openingTag(once, "fonts")).toContain('count="2"');

    // A format built on the new one.
    const larger = sheet.cellStyle(first, { style: { fontSize: 14 } });
    expect(larger).toBe("2");
    expect(entries(sheet.toXml(), "fonts", "font")[2]).toBe('<font><b/><sz val="14"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>');
  });

  it("leaves the text as it was when nothing was added", async () => {
    const { styles } = await excelJsPackage();
    const sheet = new StyleSheet(styles);
    expect(sheet.changed).toBe(false);
    expect(sheet.toXml()).toBe(styles);
    expect(sheet.cellStyle(undefined, {})).toBe("0");
    expect(sheet.toXml()).toBe(styles);
  });
});

describe("number formats", () => {
  it("uses built-ins, the part's own numFmts, and new ids from 164 up", async () => {
    const { styles } = await richPackage();
    const sheet = new StyleSheet(styles);
    const format = (code: string) => {
      const index = sheet.cellStyle(undefined, { numberFormat: code });
      return xfAttributes(sheet.toXml(), index).numFmtId;
    };

    expect(format("General")).toBe("0");
    expect(format("0")).toBe("1");
    expect(format("0.00")).toBe("2");
    expect(format("@")).toBe("49");
    expect(format("0.0%")).toBe("164");
    expect(format("yyyy-mm-dd")).toBe("165");
    // 18.8.30's code for id 14 is mm-dd-yy, and Excel shows 14 in the reader's locale: m/d/yyyy gets a numFmt of its own.
    expect(format("m/d/yyyy")).toBe("166");
    expect(format("yyyy-mm-dd")).toBe("165");
    const xml = sheet.toXml();
    expect(inside(xml, "numFmts")).toBe('<numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/><numFmt numFmtId="166" formatCode="m/d/yyyy"/>');
    expect(openingTag(xml, "numFmts")).toBe('<numFmts count="3">');
    expect(xfAttributes(xml, sheet.cellStyle(undefined, { numberFormat: "@" }))).toMatchObject({ numFmtId: "49", applyNumberFormat: "1" }); // asked before
  });

  it("creates numFmts as the stylesheet's first child, escaping the code, and finds it again", () => {
    const sheet = new StyleSheet(MINIMAL);
    const code = '[Red]"<"0.0';
    const index = sheet.cellStyle(undefined, { numberFormat: code });
    const xml = sheet.toXml();
    expect(xml).toContain(`<styleSheet ${MAIN}><numFmts count="1"><numFmt numFmtId="164" formatCode="[Red]&quot;&lt;&quot;0.0"/></numFmts><fonts count="1">`);
    expect(new StyleSheet(xml).cellStyle(undefined, { numberFormat: code })).toBe(index);
  });

  it("does not take a built-in id the file has given another code", () => {
    const styles = MINIMAL.replace("<fonts", '<numFmts count="1"><numFmt numFmtId="49" formatCode="0.000"/></numFmts><fonts');
    const sheet = new StyleSheet(styles);
    const text = sheet.cellStyle(undefined, { numberFormat: "@" });
    const thousandths = sheet.cellStyle(undefined, { numberFormat: "0.000" });
    expect(xfAttributes(sheet.toXml(), text).numFmtId).toBe("164");
    expect(xfAttributes(sheet.toXml(), thousandths).numFmtId).toBe("49");
  });
});

describe("the rest of a cell format", () => {
  it("keeps the base xf's alignment attributes when wrapping", async () => {
    const { styles } = await richPackage();
    const sheet = new StyleSheet(styles);
    const index = sheet.cellStyle("2", { style: { wrap: true } });
    expect(index).toBe("3");
    expect(entries(sheet.toXml(), "cellXfs", "xf")[3]).toBe(
      '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1" applyAlignment="1"><alignment horizontal="center" wrapText="1" vertical="top"/></xf>',
    );
    expect(outside(sheet.toXml(), "cellXfs")).toBe(outside(styles, "cellXfs"));
  });

  it("reuses an existing xf that says the same, whatever its attribute order", () => {
    const sheet = new StyleSheet(MINIMAL);
    expect(sheet.cellStyle(undefined, { numberFormat: "@" })).toBe("1");
    expect(sheet.changed).toBe(false);
  });

  it("reuses an identical fill", () => {
    const first = new StyleSheet(MINIMAL);
    first.cellStyle(undefined, { style: { fill: "#1F4E79" } });
    const again = new StyleSheet(first.toXml());
    const index = again.cellStyle("1", { style: { fill: "#1f4e79" } });
    expect(index).toBe("3");
    expect(xfAttributes(again.toXml(), index).fillId).toBe("2");
    expect(openingTag(again.toXml(), "fills")).toBe('<fills count="3">');
  });

  it("pads a missing fills list with the two fills Excel reserves", () => {
    const styles = MINIMAL.replace(/<fills[\s\S]*?<\/fills>/, "");
    const sheet = new StyleSheet(styles);
    const index = sheet.cellStyle(undefined, { style: { fill: "#FFC000" } });
    const xml = sheet.toXml();
    expect(xfAttributes(xml, index).fillId).toBe("2");
    expect(xml).toContain(
      '</fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFC000"/><bgColor indexed="64"/></patternFill></fill></fills><borders',
    );
  });

  it("refuses what it cannot do, changing nothing", () => {
    expect(() => new StyleSheet(`<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:cellXfs count="1"><x:xf/></x:cellXfs></x:styleSheet>`)).toThrow(
      /namespace prefix/,
    );
    expect(() => new StyleSheet("<worksheet/>")).toThrow(/not <styleSheet>/);
    const sheet = new StyleSheet(MINIMAL);
    expect(() => sheet.cellStyle("7", { style: { bold: true } })).toThrow(/no cell format 7/);
    expect(() => sheet.cellStyle(undefined, { numberFormat: "0.0", style: { bold: true, fill: "red" } })).toThrow(/#RRGGBB/);
    expect(() => sheet.cellStyle(undefined, { numberFormat: "0.0", style: { fontSize: -1 } })).toThrow(/not a font size/);
    expect(sheet.toXml()).toBe(MINIMAL);
  });
});

describe("differential formats", () => {
  it("appends dxfs, font before fill, the fill's colour as bgColor, reusing its own", async () => {
    const { styles } = await richPackage();
    const sheet = new StyleSheet(styles);
    expect(sheet.differentialStyle({ fill: "#FFC7CE", fontColor: "#9c0006", bold: true })).toBe(1);
    expect(sheet.differentialStyle({ fill: "#FFC7CE", fontColor: "#9C0006", bold: true })).toBe(1);
    expect(sheet.differentialStyle({ fill: "#C6EFCE" })).toBe(2);
    expect(sheet.differentialStyle({ bold: true })).toBe(3); // the file's own dxf 0 is left to the rules that use it
    const xml = sheet.toXml();
    expect(inside(xml, "dxfs")).toBe(
      "<dxf><font><b/></font></dxf>" +
        '<dxf><font><b/><color rgb="FF9C0006"/></font><fill><patternFill patternType="solid"><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf>' +
        '<dxf><fill><patternFill patternType="solid"><bgColor rgb="FFC6EFCE"/></patternFill></fill></dxf>' +
        "<dxf><font><b/></font></dxf>",
    );
    expect(openingTag(xml, "dxfs")).toBe('<dxfs count="4">');
    expect(outside(xml, "dxfs")).toBe(outside(styles, "dxfs"));
  });

  it("opens an empty dxfs element", async () => {
    const { styles } = await excelJsPackage();
    const sheet = new StyleSheet(styles);
    expect(sheet.differentialStyle({ fontColor: "#006100" })).toBe(0);
    expect(sheet.toXml()).toBe(styles.replace('<dxfs count="0"/>', '<dxfs count="1"><dxf><font><color rgb="FF006100"/></font></dxf></dxfs>'));
  });

  it("creates dxfs where CT_Stylesheet puts it", () => {
    const sheet = new StyleSheet(MINIMAL);
    expect(sheet.differentialStyle({ fill: "#FFEB9C" })).toBe(0);
    expect(sheet.toXml()).toBe(
      MINIMAL.replace("</cellXfs><colors>", '</cellXfs><dxfs count="1"><dxf><fill><patternFill patternType="solid"><bgColor rgb="FFFFEB9C"/></patternFill></fill></dxf></dxfs><colors>'),
    );
  });
});

describe("a patched package, read back", () => {
  it("gives ExcelJS the cell's number format, font, fill and alignment", async () => {
    const { zip, styles } = await excelJsPackage();
    const sheet = new StyleSheet(styles);
    const s = sheet.cellStyle(undefined, { numberFormat: "0.0%", style: { fill: "#1F4E79", fontColor: "#FFFFFF", bold: true, fontSize: 14, wrap: true } });
    const dxfId = sheet.differentialStyle({ fill: "#FFC7CE", fontColor: "#9C0006" });
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const rule = `<conditionalFormatting sqref="A1"><cfRule type="expression" dxfId="${dxfId}" priority="1"><formula>A1&gt;0</formula></cfRule></conditionalFormatting>`;
    zip.file("xl/worksheets/sheet1.xml", sheetXml.replace('<c r="A1">', `<c r="A1" s="${s}">`).replace("</sheetData>", `</sheetData>${rule}`));
    zip.file("xl/styles.xml", sheet.toXml());

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await zip.generateAsync({ type: "arraybuffer" }));
    const worksheet = workbook.getWorksheet("Data")!;
    const cell = worksheet.getCell("A1");
    expect(cell.value).toBe(1);
    expect(cell.numFmt).toBe("0.0%");
    expect(cell.font.bold).toBe(true);
    expect(cell.font.size).toBe(14);
    expect(cell.font.color?.argb).toBe("FFFFFFFF");
    expect(cell.font.name).toBe("Calibri");
    expect(cell.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } });
    expect(cell.alignment).toMatchObject({ wrapText: true, vertical: "top" });
    const style = (worksheet as any).conditionalFormattings[0].rules[0].style;
    expect(style.font.color.argb).toBe("FF9C0006");
    expect(style.fill.bgColor.argb).toBe("FFFFC7CE");
  });
});
