import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { toSerial } from "../../src/domain/core/dates";
import { readPoamFile } from "../../src/formats/xlsx-read/readPoamFile";
import { readXlsx } from "../../src/formats/xlsx-read/readXlsx";
import { cliRunner } from "../support/cli";
import { recalculate } from "../support/libreoffice";
import { partsOf, withUsersParts } from "../support/usersWorkbook";

jest.setTimeout(180_000);

const TODAY = "2026-11-23";
const dir = mkdtempSync(join(tmpdir(), "poam-add-"));
const run = cliRunner(dir, TODAY);

const ITEM = ["--weakness", "USB ports not blocked", "--requirement", "3.1.8", "--item-type", "CMMC POA&M item", "--source", "Self-assessment", "--priority", "Medium", "--owner", "Dana Ortiz"];

/** A fresh demo POA&M named `name` in the test folder; its bytes. */
async function demo(name: string): Promise<Buffer> {
  expect((await run("new", name, "--demo", "--force")).code).toBe(0);
  return readFileSync(join(dir, name));
}

/** The demo POA&M `name`, with a user's own parts added (see withUsersParts). */
async function usersWorkbook(name: string): Promise<Buffer> {
  const bytes = await withUsersParts(await demo(name));
  writeFileSync(join(dir, name), bytes);
  return bytes;
}

describe("poam add", () => {
  it("adds the item with its milestone and Change Log rows, keeping the previous version", async () => {
    const before = await demo("add.xlsx");
    const result = await run("add", "add.xlsx", ...ITEM, "--milestone", "2026-12-20 Push the lockout GPO", "--author", "Lee Chen");
    expect(result).toEqual({ code: 0, out: "Added POAM-2026-0041 with 1 milestone to add.xlsx; the previous version is add.xlsx.bak.", err: "" });
    expect(readFileSync(join(dir, "add.xlsx.bak")).equals(before)).toBe(true);

    const data = await readPoamFile(readFileSync(join(dir, "add.xlsx")));
    expect(data.items).toHaveLength(41);
    expect(data.items.at(-1)?.finding).toMatchObject({ id: "POAM-2026-0041", weakness: "USB ports not blocked", requirement: "3.1.8", priority: "Medium", owner: "Dana Ortiz", discovered: TODAY });
    expect(data.milestones.at(-1)).toEqual({ poamId: "POAM-2026-0041", milestone: "Push the lockout GPO", dueDate: "2026-12-20" });
    const log = (await readXlsx(readFileSync(join(dir, "add.xlsx")))).sheet("Change Log");
    const logged = [...log.cells.entries()].filter(([, cell]) => cell.value === "POAM-2026-0041").map(([address]) => address.replace(/\d+$/, ""));
    expect(logged).toEqual(["C", "C"]);
    expect([...log.cells.values()].filter((cell) => cell.value === "Lee Chen")).toHaveLength(2);
  });

  it("changes only the parts it must: every other part of the package comes out byte for byte", async () => {
    const before = await usersWorkbook("users.xlsx");
    expect((await run("add", "users.xlsx", ...ITEM, "--milestone", "2026-12-20 Push the lockout GPO")).code).toBe(0);
    const [was, now] = [await partsOf(before), await partsOf(readFileSync(join(dir, "users.xlsx")))];
    expect([...now.keys()]).toEqual([...was.keys()]);
    const changed = [...was.keys()].filter((path) => !was.get(path)!.equals(now.get(path)!)).sort();
    // The POA&M, Milestones and Change Log sheets and their tables; the workbook part at most gains "calculate on load" (set already here).
    expect(changed.filter((path) => path !== "xl/workbook.xml")).toEqual(["xl/tables/table1.xml", "xl/tables/table10.xml", "xl/tables/table2.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet7.xml"]);
    const withoutCalcSetting = (xml: Buffer) => xml.toString().replace(/ fullCalcOnLoad="1"/g, "");
    expect(withoutCalcSetting(now.get("xl/workbook.xml")!)).toBe(withoutCalcSetting(was.get("xl/workbook.xml")!));
    expect((await readXlsx(readFileSync(join(dir, "users.xlsx")))).sheet("Mine").cells.get("A1")?.value).toBe("My own notes");
  });

  it("writes a row Excel and LibreOffice calculate: formulas, validation and formats carry on to it", async () => {
    await demo("calc.xlsx");
    expect((await run("add", "calc.xlsx", ...ITEM, "--comments", '=HYPERLINK("http://example.com")')).code).toBe(0);
    const written = await readXlsx(readFileSync(join(dir, "calc.xlsx")));
    const poam = written.sheet("POA&M");
    // Text that looks like a formula stays text.
    const comments = [...poam.cells.entries()].find(([, cell]) => cell.value === '=HYPERLINK("http://example.com")');
    expect(comments?.[1].formula).toBeUndefined();
    expect(poam.validations.find((v) => v.sqref.startsWith("A2:"))?.sqref).toBe("A2:A42");
    expect(poam.conditionalFormats.every((format) => format.sqref.includes("42"))).toBe(true);

    const calculated = (await readXlsx(await recalculate(readFileSync(join(dir, "calc.xlsx"))))).sheet("POA&M");
    const header = (name: string) => [...calculated.cells.entries()].find(([address, cell]) => /^[A-Z]+1$/.test(address) && cell.value === name)?.[0].replace("1", "");
    expect(calculated.cells.get(`${header("Family")}42`)?.value).toBe("Access Control");
    // Medium: 90 days from discovery on the demo's SLA.
    expect(calculated.cells.get(`${header("Due Date")}42`)?.value).toBe(toSerial("2027-02-21"));
  });

  it("gives the new row the add-in's formulas in a POA&M saved by LibreOffice Calc, whose tables keep no calculated columns", async () => {
    const saved = await recalculate(await demo("calc-saved.xlsx"));
    writeFileSync(join(dir, "calc-saved.xlsx"), saved);
    const zip = await JSZip.loadAsync(saved);
    const tableParts = await Promise.all(zip.file(/^xl\/tables\/table\d+\.xml$/).map((file) => file.async("string")));
    // What makes the case: Calc writes the formulas into the cells but no calculatedColumnFormula.
    expect(tableParts.some((xml) => /name="Poam"/.test(xml))).toBe(true);
    expect(tableParts.filter((xml) => xml.includes("calculatedColumnFormula"))).toEqual([]);

    expect((await run("add", "calc-saved.xlsx", ...ITEM)).code).toBe(0);
    const calculated = (await readXlsx(await recalculate(readFileSync(join(dir, "calc-saved.xlsx"))))).sheet("POA&M");
    const header = (name: string) => [...calculated.cells.entries()].find(([address, cell]) => /^[A-Z]+1$/.test(address) && cell.value === name)?.[0].replace("1", "");
    expect(calculated.cells.get(`${header("POA&M ID")}42`)?.value).toBe("POAM-2026-0041");
    expect(calculated.cells.get(`${header("Family")}42`)?.value).toBe("Access Control");
    expect(calculated.cells.get(`${header("Due Date")}42`)?.value).toBe(toSerial("2027-02-21"));
    expect(calculated.cells.get(`${header("State")}42`)?.value).toBe("On Track");
  });

  it("fills a new workbook's blank first row rather than leaving it above the item", async () => {
    expect((await run("new", "empty.xlsx", "--force")).code).toBe(0);
    expect((await run("add", "empty.xlsx", ...ITEM, "--no-backup")).code).toBe(0);
    expect(existsSync(join(dir, "empty.xlsx.bak"))).toBe(false);
    const data = await readPoamFile(readFileSync(join(dir, "empty.xlsx")));
    expect(data.items.map((item) => [item.row, item.finding.id])).toEqual([[0, "POAM-2026-0001"]]);
  });

  it("reads the item from a JSON file", async () => {
    await demo("json.xlsx");
    writeFileSync(
      join(dir, "item.json"),
      JSON.stringify({ weakness: "Audit logs not reviewed", requirement: "3.1.8", itemType: "CMMC POA&M item", source: "Audit", priority: "High", owner: "Dana Ortiz", milestones: [{ milestone: "Weekly review", dueDate: "2026-12-01" }] }),
    );
    expect((await run("add", "json.xlsx", "--from-json", "item.json")).out).toMatch(/^Added POAM-2026-0041 with 1 milestone/);
  });

  it.each<[string, (name: string) => Promise<unknown>, string[], number, RegExp]>([
    ["an item that breaks a rule", () => Promise.resolve(), ["--weakness", "x", "--requirement", "3.1.8"], 1, /^Error: itemType: .*\n[\s\S]*was not changed\.$/],
    ["while Excel has the file open", (name) => Promise.resolve(writeFileSync(join(dir, `~$${name}`), "")), ITEM, 2, /is open in Excel/],
    [
      "when cells below the table would be overwritten",
      async (name) => {
        const zip = await JSZip.loadAsync(readFileSync(join(dir, name)));
        const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
        zip.file("xl/worksheets/sheet1.xml", sheet.replace("</sheetData>", '<row r="45"><c r="B45" t="inlineStr"><is><t>my note</t></is></c></row></sheetData>'));
        writeFileSync(join(dir, name), await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
      },
      ITEM,
      2,
      /has cells in row 45, below the table Poam/,
    ],
  ])("refuses %s, changing nothing", async (_, prepare, args, code, message) => {
    const name = `refuse-${code}-${Math.random().toString(36).slice(2, 8)}.xlsx`;
    await demo(name);
    await prepare(name);
    const before = readFileSync(join(dir, name));
    const result = await run("add", name, ...args);
    expect(result.code).toBe(code);
    expect(code === 1 ? result.out : result.err).toMatch(message);
    expect(readFileSync(join(dir, name)).equals(before)).toBe(true);
    expect(existsSync(join(dir, `${name}.bak`))).toBe(false);
  });
});
