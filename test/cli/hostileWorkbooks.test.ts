/**
 * Workbooks damaged or crafted to break the reader: dates out of Excel's
 * range, numbers that are not numbers, renamed columns, parts written with
 * a namespace prefix. Each gets a message naming the file and the cell,
 * table, column or part, or a rule break on the item, never a raw error or
 * a silently empty POA&M.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import type { CheckReport } from "../../src/domain/poam/checkPoam";
import { planSetup } from "../../src/domain/workbook/planSetup";
import { EMPTY_WORKBOOK } from "../../src/domain/workbook/snapshot";
import { EXCEL_CELL_CHARS } from "../../src/domain/core/limitCellText";
import { readXlsx } from "../../src/formats/xlsx-read/readXlsx";
import { writeWorkbookFile } from "../../src/xlsx/writeWorkbookFile";
import { aFinding } from "../support/builders";

import { cliRunner } from "../support/cli";

jest.setTimeout(60_000);

const TODAY = "2026-11-23";
const dir = mkdtempSync(join(tmpdir(), "poam-hostile-"));

const run = cliRunner(dir, TODAY);

let original: Uint8Array;

/** The POA&M with one edit to one part of its package, written as `name`. */
async function edited(name: string, part: string, edit: (xml: string) => string): Promise<string> {
  const zip = await JSZip.loadAsync(original);
  const xml = await zip.file(part)!.async("string");
  const changed = edit(xml);
  expect(changed).not.toBe(xml);
  zip.file(part, changed);
  writeFileSync(join(dir, name), await zip.generateAsync({ type: "uint8array" }));
  return name;
}

/** Sets the stored value of `cell` on the POA&M sheet (sheet1) or the Settings sheet (sheet5). */
const setCell = (xml: string, cell: string, value: string) => xml.replace(new RegExp(`(<c r="${cell}"[^>]*>)<v>[^<]*</v>`), `$1<v>${value}</v>`);

beforeAll(async () => {
  original = await writeWorkbookFile(
    planSetup(EMPTY_WORKBOOK, {
      people: [{ name: "Dana Ortiz" }],
      findings: [aFinding({ id: "POAM-2026-0001", discovered: "2026-11-01" }), aFinding({ id: "POAM-2026-0002", discovered: "2026-11-02" })],
      settings: { asOf: TODAY },
      controlStatuses: { "3.12.4": "Met" },
    }),
  );
});

describe("dates out of Excel's range", () => {
  it.each(["1e300", "-1e10"])("an item's Discovered of %s is a rule break naming its row and column (check exits 1)", async (value) => {
    const name = await edited(`discovered-${value}.xlsx`, "xl/worksheets/sheet1.xml", (xml) => setCell(xml, "K2", value));
    const { code, out } = await run("check", name, "--json");
    expect(code).toBe(1);
    const report = JSON.parse(out) as CheckReport;
    expect(report.issues).toContainEqual(expect.objectContaining({ severity: "error", id: "POAM-2026-0001", row: 2, column: "Discovered" }));
    expect(report.items).toBe(2);
    const exported = await run("export", name, "--oscal", `discovered-${value}.json`);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain("Error: POAM-2026-0001, Discovered:");
  });

  it("a Settings date out of range stops the reading, naming the cell", async () => {
    const name = await edited("as-of.xlsx", "xl/worksheets/sheet5.xml", (xml) => setCell(xml, "B6", "1e300"));
    const { code, err } = await run("check", name);
    expect(code).toBe(2);
    expect(err).toBe("poam: as-of.xlsx: Settings!B6 (As of) holds 1e+300, which is not a date: Excel's dates run from 1900-01-01 to 9999-12-31.");
  });

  it("a number cell that holds no number stops the reading, naming the cell", async () => {
    const name = await edited("nan.xlsx", "xl/worksheets/sheet1.xml", (xml) => setCell(xml, "K2", "NaN"));
    for (const args of [["check", name], ["export", name, "--oscal", "nan.json"]]) {
      const { code, err } = await run(...args);
      expect(code).toBe(2);
      expect(err).toBe(`poam: nan.xlsx: 'POA&M'!K2 holds "NaN" where the file says a number is stored; the workbook is damaged there.`);
    }
    expect(existsSync(join(dir, "nan.json"))).toBe(false);
  });

  it("a FedRAMP-layout date out of range is kept in Comments with a note, not a crash", async () => {
    expect((await run("new", "ours.xlsx", "--demo", "--today", TODAY)).code).toBe(0);
    expect((await run("export", "ours.xlsx", "--fedramp", "fedramp.xlsx")).code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(join(dir, "fedramp.xlsx")));
    const sheet = Object.keys(zip.files).find((path) => /worksheets\/sheet\d+\.xml$/.test(path))!;
    const xml = await zip.file(sheet)!.async("string");
    // The first item's first date cell: a plain number in row 6.
    const changed = xml.replace(/(<c r="[A-Z]+6"(?: s="\d+")?>)<v>4\d{4}<\/v>/, "$1<v>1e300</v>");
    expect(changed).not.toBe(xml);
    zip.file(sheet, changed);
    writeFileSync(join(dir, "fedramp-bad-date.xlsx"), await zip.generateAsync({ type: "uint8array" }));
    const result = await run("new", "migrated.xlsx", "--from", "fedramp-bad-date.xlsx");
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/holds "1e\+300", which is not a date; it is kept in Comments/);
  });
});

describe("columns that were renamed", () => {
  it("names the missing columns and stops (exit 2), writing nothing", async () => {
    const name = await edited("renamed.xlsx", "xl/sharedStrings.xml", (xml) =>
      xml.replace("<t>POA&amp;M ID</t>", "<t>Item ID</t>").replace("<t>Weakness</t>", "<t>Title</t>"),
    );
    const expected =
      'poam: renamed.xlsx: The Poam table (sheet POA&M) has no "POA&M ID" and "Weakness" columns, so it cannot be read; they may have been renamed: give them back their names. ' +
      'The Milestones table (sheet Milestones) has no "POA&M ID" column, so it cannot be read; it may have been renamed: give it back its name.';
    expect(await run("check", name)).toEqual({ code: 2, out: "", err: expected });
    expect(await run("export", name, "--oscal", "renamed.json", "--fedramp", "renamed-fedramp.xlsx")).toEqual({ code: 2, out: "", err: expected });
    expect(existsSync(join(dir, "renamed.json"))).toBe(false);
    expect(existsSync(join(dir, "renamed-fedramp.xlsx"))).toBe(false);
  });
});

describe("a part written with a namespace prefix", () => {
  /** The part's elements in the prefix x: bound to SpreadsheetML, as some libraries write them; the same document by ECMA-376. */
  const prefixed = (xml: string) =>
    xml
      .replace(/<(\/?)(?=[A-Za-z])(?![a-z0-9]+:)/g, "<$1x:")
      .replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');

  it("stops every command that reads or changes the file with the part named, changing nothing", async () => {
    const name = await edited("prefixed.xlsx", "xl/worksheets/sheet1.xml", prefixed);
    const before = readFileSync(join(dir, name));
    const expected = `poam: ${name}: The part xl/worksheets/sheet1.xml is written with a namespace prefix (<x:worksheet>), which POA&M Workbench does not read. Open the workbook in Excel and save it (Excel writes no prefix), then run again.`;
    expect(await run("check", name)).toEqual({ code: 2, out: "", err: expected });
    for (const command of ["setup", "refresh"]) expect(await run(command, name)).toEqual({ code: 2, out: "", err: expected });
    const added = await run("add", name, "--weakness", "USB ports not blocked", "--requirement", "3.1.8", "--item-type", "CMMC POA&M item", "--source", "Audit", "--priority", "Low", "--owner", "Dana Ortiz");
    expect(added).toEqual({ code: 2, out: "", err: expected });
    expect(readFileSync(join(dir, name)).equals(before)).toBe(true);
    expect(existsSync(join(dir, `${name}.bak`))).toBe(false);
  });

  it("is still read when only a part's other namespaces have prefixes", async () => {
    // Excel's own files prefix the relationships (r:id) and compatibility (mc:) names: those are fine.
    const name = await edited("own-prefixes.xlsx", "xl/worksheets/sheet1.xml", (xml) => xml.replace("<sheetData", '<x14ac:ignored xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"/><sheetData'));
    expect((await run("check", name)).code).not.toBe(2);
  });
});

describe("Excel's cell limit", () => {
  it("clips a 40,000-character text in the FedRAMP export with a marker and names the cell; OSCAL keeps it whole", async () => {
    const long = `${"Long description. ".repeat(2_300)}END`;
    expect(long.length).toBeGreaterThan(40_000);
    writeFileSync(
      join(dir, "long.xlsx"),
      await writeWorkbookFile(planSetup(EMPTY_WORKBOOK, { people: [{ name: "Dana Ortiz" }], findings: [aFinding({ id: "POAM-2026-0001", description: long })] })),
    );
    const result = await run("export", "long.xlsx", "--fedramp", "long-fedramp.xlsx", "--oscal", "long.json");
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      `1 cell was longer than the 32,767 characters Excel holds in a cell, so it ends clipped, with a marker:\n  'Open POA&M Items'!D6: ${long.length.toLocaleString("en")} characters`,
    );
    const exported = await readXlsx(readFileSync(join(dir, "long-fedramp.xlsx")));
    const lengths = exported.sheets.flatMap((sheet) => [...sheet.cells.values()].map((cell) => String(cell.value).length));
    expect(Math.max(...lengths)).toBe(EXCEL_CELL_CHARS);
    const cell = String(exported.sheet("Open POA&M Items").cells.get("D6")?.value);
    expect(cell.endsWith(`[clipped: Excel holds 32,767 characters in a cell; this text had ${long.length.toLocaleString("en")}]`)).toBe(true);
    expect(readFileSync(join(dir, "long.json"), "utf8")).toContain("Long description. END");
  });
});
