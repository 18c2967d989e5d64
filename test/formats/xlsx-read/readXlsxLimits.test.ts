/**
 * Packages made to exhaust the reader: a part that unpacks to hundreds of
 * megabytes from a small file, and tables whose reference spans the whole
 * grid. Each stops early with a message naming the file and the part or
 * table. The packages are put together here, at test time.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { main, type CliIo } from "../../../src/cli/main";
import { planSetup } from "../../../src/domain/workbook/planSetup";
import { EMPTY_WORKBOOK } from "../../../src/domain/workbook/snapshot";
import { MAX_PACKAGE_BYTES, MAX_PART_BYTES } from "../../../src/formats/xlsx-read/readXlsx";
import { writeWorkbookFile } from "../../../src/xlsx/writeWorkbookFile";
import { aFinding } from "../../support/builders";
import { entryOf, repeated, zipOf, type ZipEntry as Entry } from "../../support/zipOf";

jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), "poam-limits-"));
const MIB = 1024 * 1024;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir, today: () => "2026-11-23" };
  const code = await main(args, cli);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

let poam: JSZip;
const entriesOf = async (zip: JSZip, replace: Record<string, Entry>) => {
  const entries: Entry[] = [];
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name].dir) continue;
    entries.push(replace[name] ?? entryOf(name, await zip.files[name].async("uint8array")));
  }
  return entries;
};

beforeAll(async () => {
  poam = await JSZip.loadAsync(await writeWorkbookFile(planSetup(EMPTY_WORKBOOK, { findings: [aFinding({ id: "POAM-2026-0001" })] })));
});

describe("a zip bomb", () => {
  it("stops at the part limit: 300 MB of XML in about a megabyte is refused, naming the file and the part", async () => {
    const row = '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>';
    const body = row.repeat(Math.ceil(MIB / row.length));
    const sheet = repeated('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', body, 300, "</sheetData></worksheet>");
    expect(sheet.size).toBeGreaterThan(300 * MIB);
    expect(sheet.deflated.length).toBeLessThan(2 * MIB);
    const bytes = zipOf(await entriesOf(poam, { "xl/worksheets/sheet1.xml": { name: "xl/worksheets/sheet1.xml", ...sheet, crc: 0 } }));
    expect(bytes.length).toBeLessThan(2 * MIB);
    writeFileSync(join(dir, "bomb.xlsx"), bytes);
    for (const args of [["check", "bomb.xlsx"], ["export", "bomb.xlsx", "--oscal", "bomb.json"]]) {
      const result = await run(...args);
      expect(result).toEqual({
        code: 2,
        out: "",
        err: `poam: bomb.xlsx: The workbook's part xl/worksheets/sheet1.xml unpacks to more than ${MAX_PART_BYTES / MIB} MB, the most one part may hold; it is not read (it may be a "zip bomb").`,
      });
    }
  });

  it("stops at the workbook limit when many parts each stay under theirs", async () => {
    const part = repeated("<sst>", "<si><t>x</t></si>".repeat(4096), Math.floor((20 * MIB) / (17 * 4096)), "</sst>");
    expect(part.size).toBeLessThan(MAX_PART_BYTES);
    expect(part.size * 5).toBeGreaterThan(MAX_PACKAGE_BYTES);
    // The shared strings and four sheets at 20 MB each: 100 MB in all.
    const replace: Record<string, Entry> = {};
    for (const name of ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"]) {
      replace[name] = { name, ...part, crc: 0 };
    }
    writeFileSync(join(dir, "many.xlsx"), zipOf(await entriesOf(poam, replace)));
    const result = await run("check", "many.xlsx");
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^poam: many\.xlsx: The workbook's part xl\/worksheets\/sheet\d\.xml unpacks to more than 64 MB, the most a workbook may hold/);
  });
});

describe("a table spanning the whole grid", () => {
  const withTable = async (name: string, ref: string, extraCell?: string) => {
    const table = (await poam.file("xl/tables/table1.xml")!.async("string")).replace(/ref="[^"]+"/, `ref="${ref}"`);
    const replace: Record<string, Entry> = { "xl/tables/table1.xml": entryOf("xl/tables/table1.xml", Buffer.from(table)) };
    if (extraCell) {
      const sheet = (await poam.file("xl/worksheets/sheet1.xml")!.async("string")).replace("</sheetData>", `${extraCell}</sheetData>`);
      replace["xl/worksheets/sheet1.xml"] = entryOf("xl/worksheets/sheet1.xml", Buffer.from(sheet));
    }
    writeFileSync(join(dir, name), zipOf(await entriesOf(poam, replace)));
    return name;
  };

  it("reads A1:XFD1048576 as far as the sheet holds cells", async () => {
    const result = await run("check", await withTable("whole-grid.xlsx", "A1:XFD1048576"));
    expect(result.err).toBe("");
    expect(result.out).toContain("whole-grid.xlsx: 1 items as of");
  });

  it("refuses A1:XFD1048576 when a cell in its far corner is stored, naming the table", async () => {
    const name = await withTable("far-corner.xlsx", "A1:XFD1048576", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>');
    expect(await run("check", name)).toEqual({
      code: 2,
      out: "",
      err: "poam: far-corner.xlsx: The table Poam on sheet POA&M spans A1:XFD1048576 (17,179,869,184 cells with data in reach); POA&M Workbench reads tables of at most 5,000,000 cells.",
    });
  });

  it.each(["B9:A1", "A1:A99999999", "nonsense"])("refuses the reference %s, naming the table", async (ref) => {
    const result = await run("check", await withTable(`ref-${ref.replace(/:/g, "-")}.xlsx`, ref));
    expect(result.code).toBe(2);
    expect(result.err).toBe(`poam: ref-${ref.replace(/:/g, "-")}.xlsx: The table Poam on sheet POA&M has the reference "${ref}", which is not a range of a worksheet.`);
  });
});
