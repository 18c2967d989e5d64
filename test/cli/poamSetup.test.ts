import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readPoamFile } from "../../src/formats/xlsx-read/readPoamFile";
import { FAMILIES, findRequirement } from "../../src/domain/compliance/requirements";
import { parseRange, rangeAddress } from "../../src/domain/core/a1";
import { readXlsx, type StoredValidation, type StoredWorkbook } from "../../src/formats/xlsx-read/readXlsx";
import { cliRunner } from "../support/cli";
import { sharedFile } from "../support/shared";
import { recalculate } from "../support/libreoffice";
import { changedParts, partsOf, withUsersParts } from "../support/usersWorkbook";

jest.setTimeout(240_000);

const TODAY = "2026-11-23";
const dir = mkdtempSync(join(tmpdir(), "poam-setup-"));
const run = cliRunner(dir, TODAY);

/** A user's own workbook: a budget sheet, a sheet of theirs called "Summary", and the parts of withUsersParts. */
async function usersOwnWorkbook(name: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const budget = workbook.addWorksheet("Budget");
  budget.addRows([
    ["Item", "Cost"],
    ["Firewall", 1200],
    ["=SUM(1,2)", 3],
  ]);
  budget.getCell("C2").value = { formula: "B2*2", result: 2400 };
  workbook.addWorksheet("Summary").getCell("B3").value = "My own summary";
  const bytes = await withUsersParts(Buffer.from(await workbook.xlsx.writeBuffer()));
  writeFileSync(join(dir, name), bytes);
  return bytes;
}

/**
 * A validation rule as one line per cell column, in a form both executors'
 * files share: ExcelJS writes a date rule with a formula bound as the
 * equivalent custom rule (see toExcelJsValidation) and leaves out the
 * default operator "between", and merges neighbouring ranges.
 */
function validationLines(v: StoredValidation): string[] {
  const date = /^AND\(ISNUMBER\(\$[A-Z]+\d+\),\$[A-Z]+\d+(<=|>)(.+)\)$/.exec(v.type === "custom" ? (v.formula1 ?? "") : "");
  const [type, operator, formula1] = date ? ["date", date[1] === "<=" ? "lessThanOrEqual" : "greaterThan", date[2]] : [v.type, v.operator ?? (v.formula2 === undefined ? "" : "between"), v.formula1 ?? ""];
  return v.sqref.split(/\s+/).flatMap((part) => {
    const box = parseRange(part);
    return Array.from({ length: box.columnCount }, (_, c) => rangeAddress({ ...box, column: box.column + c, columnCount: 1 }));
  }).map((cells) => [cells, type, operator, v.errorStyle ?? "", formula1, v.formula2 ?? ""].join("|"));
}

/** What a POA&M workbook is made of, to compare two of them: each table's headers and calculated columns, the names, and the rules on each table's sheet. */
function structure(workbook: StoredWorkbook) {
  return {
    tables: workbook.sheets
      .flatMap((sheet) => sheet.tables.map((table) => ({ name: table.name, columns: table.columns })))
      .sort((a, b) => a.name.localeCompare(b.name)),
    names: [...workbook.definedNames.keys()].sort(),
    rules: workbook.sheets
      .filter((sheet) => sheet.tables.length > 0)
      .map((sheet) => ({
        tables: sheet.tables.map((table) => table.name).join(","),
        validations: sheet.validations.flatMap(validationLines).sort(),
        formats: sheet.conditionalFormats.map((format) => [format.sqref, format.formula].join("|")).sort(),
      }))
      .sort((a, b) => a.tables.localeCompare(b.tables)),
  };
}

const byName = (workbook: StoredWorkbook, table: string) => workbook.sheets.find((sheet) => sheet.tables.some((t) => t.name === table))!;

describe("poam setup", () => {
  it("sets up a user's own workbook, leaving every part of theirs byte for byte and their Summary sheet alone", async () => {
    const before = await usersOwnWorkbook("own.xlsx");
    const result = await run("setup", "own.xlsx");
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^The POA&M is set up:\n/);
    expect(result.out).toContain('Your sheet "Summary" was left alone; the add-in\'s is "Summary (2)".');
    expect(result.out).toMatch(/Wrote own\.xlsx; the previous version is own\.xlsx\.bak\.$/);

    const after = readFileSync(join(dir, "own.xlsx"));
    const [was, now] = [await partsOf(before), await partsOf(after)];
    const changed = changedParts(was, now).filter((path) => was.has(path));
    // Only the package's lists of parts, the workbook part and the styles change; the user's sheets, image, comments, pivot cache and custom XML do not.
    expect(changed).toEqual(["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml"]);
    const stored = await readXlsx(after);
    expect(stored.sheet("Budget").cells.get("A3")).toMatchObject({ value: "=SUM(1,2)" });
    expect(stored.sheet("Summary").cells.get("B3")?.value).toBe("My own summary");
    expect(stored.sheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(["POA&M", "Milestones", "Summary (2)", "Controls", "Settings", "Change Log"]));
  });

  it("makes the same POA&M as poam new: tables, calculated columns, names, validation and conditional formats", async () => {
    await usersOwnWorkbook("same.xlsx");
    expect((await run("setup", "same.xlsx")).code).toBe(0);
    expect((await run("new", "fresh.xlsx", "--force")).code).toBe(0);
    const setUp = structure(await readXlsx(readFileSync(join(dir, "same.xlsx"))));
    const fresh = structure(await readXlsx(readFileSync(join(dir, "fresh.xlsx"))));
    // The names point at "Summary (2)" rather than "Summary"; everything else is the same.
    expect(setUp.tables).toEqual(fresh.tables);
    expect(setUp.names).toEqual(fresh.names);
    expect(setUp.rules).toEqual(fresh.rules);
  });

  it("leaves a POA&M that LibreOffice calculates and that poam add and poam check work on", async () => {
    await usersOwnWorkbook("works.xlsx");
    expect((await run("setup", "works.xlsx")).code).toBe(0);
    const added = await run("add", "works.xlsx", "--weakness", "USB ports not blocked", "--requirement", "3.1.8", "--item-type", "CMMC POA&M item", "--source", "Self-assessment", "--priority", "Medium", "--owner", "Dana Ortiz");
    expect(added.out).toMatch(/^Added POAM-2026-0001/m);
    const check = await run("check", "works.xlsx");
    expect(check.out).toMatch(/SPRS score/);

    const calculated = await readXlsx(await recalculate(readFileSync(join(dir, "works.xlsx"))));
    const poam = byName(calculated, "Poam");
    const header = (name: string) => [...poam.cells.entries()].find(([address, cell]) => /^[A-Z]+1$/.test(address) && cell.value === name)?.[0].replace("1", "");
    expect(poam.cells.get(`${header("Family")}2`)?.value).toBe("Access Control");
    expect(typeof poam.cells.get(`${header("Due Date")}2`)?.value).toBe("number");
    const controls = byName(calculated, "Controls");
    expect(controls.tables[0].ref).toMatch(/^A1:[A-Z]+111$/);
  });

  it("upgrades a POA&M from an earlier version: the missing column and name added, no cell of the user's changed", async () => {
    expect((await run("new", "old.xlsx", "--demo", "--force")).code).toBe(0);
    // An earlier version's POA&M: without the table's last column and the close-out deadline name.
    const zip = await JSZip.loadAsync(readFileSync(join(dir, "old.xlsx")));
    const table = await zip.file("xl/tables/table1.xml")!.async("string");
    const last = [...table.matchAll(/<tableColumn [^>]*?name="([^"]*)"/g)].at(-1)![1];
    const ref = /ref="A1:([A-Z]+)(\d+)"/.exec(table)!;
    const letters = ref[1];
    const shorter = String.fromCharCode(letters.charCodeAt(letters.length - 1) - 1);
    const newRef = `A1:${letters.slice(0, -1)}${shorter}${ref[2]}`;
    zip.file(
      "xl/tables/table1.xml",
      table
        .replace(/<tableColumn [^>]*?\/>(?=<\/tableColumns>)/, "")
        .replace(/count="(\d+)"(?=>\s*<tableColumn)/, (_, n: string) => `count="${Number(n) - 1}"`)
        .replace(/ref="A1:[A-Z]+\d+"/g, `ref="${newRef}"`),
    );
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file("xl/worksheets/sheet1.xml", sheet.replace(new RegExp(`<c r="${letters}\\d+"[^>]*?(?:/>|>[\\s\\S]*?</c>)`, "g"), ""));
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    zip.file("xl/workbook.xml", workbookXml.replace(/<definedName name="POAM_CloseoutDeadline"[^>]*>[^<]*<\/definedName>/, ""));
    writeFileSync(join(dir, "old.xlsx"), await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const before = await readXlsx(readFileSync(join(dir, "old.xlsx")));
    const itemsBefore = (await readPoamFile(readFileSync(join(dir, "old.xlsx")))).items;

    const result = await run("setup", "old.xlsx");
    expect(result.err).toBe("");
    expect(result.out).toMatch(/^The POA&M is upgraded:\n/);
    expect(result.out).toContain(`1 column in Poam: ${last}`);

    const after = await readXlsx(readFileSync(join(dir, "old.xlsx")));
    expect(after.definedNames.has("POAM_CloseoutDeadline")).toBe(true);
    expect(byName(after, "Poam").tables[0].columns.at(-1)?.name).toBe(last);
    // Every cell the user filled (no formula) is as it was.
    for (const stored of before.sheets) {
      for (const [address, cell] of stored.cells) {
        if (cell.formula !== undefined) continue;
        expect([stored.name, address, after.sheet(stored.name).cells.get(address)?.value]).toEqual([stored.name, address, cell.value]);
      }
    }
    expect((await readPoamFile(readFileSync(join(dir, "old.xlsx")))).items.map((item) => item.finding)).toEqual(itemsBefore.map((item) => item.finding));
    // LibreOffice opens the upgraded file and calculates the rewritten formulas.
    const poam = byName(await readXlsx(await recalculate(readFileSync(join(dir, "old.xlsx")))), "Poam");
    expect(poam.cells.get(`${letters}1`)?.value).toBe(last);
    const family = [...poam.cells.entries()].find(([address, cell]) => /^[A-Z]+1$/.test(address) && cell.value === "Family")![0].replace("1", "");
    const requirement = itemsBefore[0].finding.requirement ?? "";
    expect(poam.cells.get(`${family}2`)?.value).toBe(FAMILIES[findRequirement(requirement)!.familyCode]);
  });

  it("can run twice: the second run adds nothing and leaves one of each rule", async () => {
    await usersOwnWorkbook("twice.xlsx");
    expect((await run("setup", "twice.xlsx")).code).toBe(0);
    const once = structure(await readXlsx(readFileSync(join(dir, "twice.xlsx"))));
    const second = await run("setup", "twice.xlsx");
    expect(second.out).toMatch(/^Validation and formatting re-applied\./);
    expect(structure(await readXlsx(readFileSync(join(dir, "twice.xlsx"))))).toEqual(once);
  });

  // Workbooks other programs saved, with their own styles, shared strings, merged cells and (the eMASS export) macros and a "POA&M" sheet.
  it.each([
    ["the FedRAMP POA&M template", ["poam", "FedRAMP-POAM-Template.xlsx"], "POA&M"],
    ["an eMASS POA&M export with macros", ["poam", "saf_emass-poam-from-ckl.xlsm"], "POA&M (2)"],
    ["the SP 800-171A assessment procedures", ["nist-800-171", "sp800-171a-assessment-procedures.xlsx"], "POA&M"],
  ])("sets up %s, then imports, adds and refreshes on it, every part of the original kept and LibreOffice calculating", async (_, corpusPath, poamSheet) => {
    const name = corpusPath[1];
    copyFileSync(sharedFile("corpus", ...corpusPath), join(dir, name));
    const original = readFileSync(join(dir, name));
    expect((await run("setup", name)).code).toBe(0);
    copyFileSync(sharedFile("corpus", "openvas", "dd_openvas_many_vuln.csv"), join(dir, "scan.csv"));
    expect((await run("import", name, "scan.csv", "--no-backup")).out).toContain("New items: 4 (POAM-2026-0001 to POAM-2026-0004).");
    const added = await run("add", name, "--weakness", "USB ports not blocked", "--requirement", "3.1.8", "--item-type", "CMMC POA&M item", "--source", "Audit", "--priority", "Low", "--owner", "Dana Ortiz", "--no-backup");
    expect(added.out).toMatch(/^Added POAM-2026-0005/m);
    expect((await run("refresh", name, "--no-backup")).code).toBe(0);

    const after = readFileSync(join(dir, name));
    const [was, now] = [await partsOf(original), await partsOf(after)];
    // Every part of the original is still there; only the package's lists of parts, the workbook part and the styles are changed.
    expect([...was.keys()].filter((path) => !now.has(path))).toEqual([]);
    expect(changedParts(was, now).filter((path) => was.has(path))).toEqual(["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml"]);
    const beforeNames = (await readXlsx(original)).sheets.map((sheet) => sheet.name);
    const stored = await readXlsx(after);
    expect(stored.sheets.map((sheet) => sheet.name).slice(0, beforeNames.length)).toEqual(beforeNames);

    const calculated = await readXlsx(await recalculate(after));
    const poam = calculated.sheet(poamSheet);
    const header = (column: string) => [...poam.cells.entries()].find(([address, cell]) => /^[A-Z]+1$/.test(address) && cell.value === column)?.[0].replace("1", "");
    expect([2, 3, 4, 5, 6].map((row) => poam.cells.get(`${header("POA&M ID")}${row}`)?.value)).toEqual(["POAM-2026-0001", "POAM-2026-0002", "POAM-2026-0003", "POAM-2026-0004", "POAM-2026-0005"]);
    expect(poam.cells.get(`${header("Family")}6`)?.value).toBe("Access Control");
    expect([2, 6].map((row) => typeof poam.cells.get(`${header("Due Date")}${row}`)?.value)).toEqual(["number", "number"]);
    // No formula of the add-in's sheets gives an error in LibreOffice.
    const poamSheets = calculated.sheets.filter((sheet) => !beforeNames.includes(sheet.name) || sheet.name === poamSheet);
    const errors = poamSheets.flatMap((sheet) => [...sheet.cells].filter(([, cell]) => cell.formula !== undefined && typeof cell.value === "string" && /^#[A-Z/0!?]+/.test(cell.value)).map(([address]) => `${sheet.name}!${address}`));
    expect(errors).toEqual([]);
  });

  it("keeps a macro-enabled workbook's macros", async () => {
    const zip = await JSZip.loadAsync(await usersOwnWorkbook("macros.xlsm"));
    zip.file("xl/vbaProject.bin", Buffer.from("not really VBA, but kept byte for byte"));
    const types = await zip.file("[Content_Types].xml")!.async("string");
    zip.file(
      "[Content_Types].xml",
      types
        .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        .replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
    );
    const before = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    writeFileSync(join(dir, "macros.xlsm"), before);
    expect((await run("setup", "macros.xlsm")).code).toBe(0);
    const now = await partsOf(readFileSync(join(dir, "macros.xlsm")));
    expect(now.get("xl/vbaProject.bin")!.toString()).toBe("not really VBA, but kept byte for byte");
    expect(now.get("[Content_Types].xml")!.toString()).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  });

  it.each<[string, (name: string) => void, RegExp]>([
    ["while Excel has the file open", (name) => writeFileSync(join(dir, `~$${name}`), ""), /is open in Excel/],
    ["a file that is not a workbook", (name) => writeFileSync(join(dir, name), "Item,Cost\nFirewall,1200\n"), /is not an Excel workbook/],
  ])("refuses %s, changing nothing", async (_, prepare, message) => {
    const name = `refuse-${Math.random().toString(36).slice(2, 8)}.xlsx`;
    await usersOwnWorkbook(name);
    prepare(name);
    const before = readFileSync(join(dir, name));
    const result = await run("setup", name);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(readFileSync(join(dir, name)).equals(before)).toBe(true);
    expect(existsSync(join(dir, `${name}.bak`))).toBe(false);
  });
});
