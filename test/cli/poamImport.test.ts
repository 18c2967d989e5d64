import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { readPoamFile, readPoamTables } from "../../src/formats/xlsx-read/readPoamFile";
import { readXlsx } from "../../src/formats/xlsx-read/readXlsx";
import { patchWorkbook } from "../../src/xlsx-patch/patchWorkbook";
import { planSetup } from "../../src/domain/workbook/planSetup";
import { EMPTY_WORKBOOK } from "../../src/domain/workbook/snapshot";
import { writeWorkbookFile } from "../../src/xlsx/writeWorkbookFile";
import { findingsOf, WHO } from "../../bench/workbooks";
import { cliRunner } from "../support/cli";
import { recalculate } from "../support/libreoffice";
import { sharedFile } from "../support/shared";
import { partsOf, withUsersParts } from "../support/usersWorkbook";

jest.setTimeout(120_000);

const TODAY = "2026-11-23";
const dir = mkdtempSync(join(tmpdir(), "poam-import-"));
const run = cliRunner(dir, TODAY);
const SCAN = "openvas.csv";
copyFileSync(sharedFile("corpus", "openvas", "dd_openvas_many_vuln.csv"), join(dir, SCAN));

/** A new, empty POA&M named `name`. */
async function fresh(name: string): Promise<void> {
  expect((await run("new", name, "--force")).code).toBe(0);
}

const changeLog = async (name: string) => {
  const log = (await readXlsx(readFileSync(join(dir, name)))).sheet("Change Log");
  return [...log.cells.entries()].filter(([address]) => /^D\d+$/.test(address) && address !== "D1").map(([, cell]) => cell.value);
};

/** The package's parts but the POA&M and Change Log sheets and tables, as stored. */
async function untouchedParts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  const touched = ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet7.xml", "xl/tables/table1.xml", "xl/tables/table10.xml", "xl/workbook.xml"];
  for (const file of Object.values(zip.files)) if (!file.dir && !touched.includes(file.name)) parts.set(file.name, await file.async("base64"));
  return parts;
}

describe("poam import", () => {
  it("adds the scan's items with Change Log rows, and nothing when the same scan comes again", async () => {
    await fresh("once.xlsx");
    const before = readFileSync(join(dir, "once.xlsx"));
    const first = await run("import", "once.xlsx", SCAN, "--owner", "Dana Ortiz", "--author", "Lee Chen");
    expect(first.code).toBe(0);
    expect(first.out).toContain("New items: 4 (POAM-2026-0001 to POAM-2026-0004).");
    const data = await readPoamFile(readFileSync(join(dir, "once.xlsx")));
    expect(data.items.map((item) => [item.row, item.finding.id, item.finding.owner, item.finding.itemType])).toEqual(
      [0, 1, 2, 3].map((row) => [row, `POAM-2026-000${row + 1}`, "Dana Ortiz", "Vulnerability (scan finding)"]),
    );
    expect(data.items[0].finding.sourceRef).toMatch(/^OpenVAS NVT /);
    expect(await changeLog("once.xlsx")).toEqual(["Item", "Item", "Item", "Item"]);
    expect(await untouchedParts(readFileSync(join(dir, "once.xlsx")))).toEqual(await untouchedParts(before));
    // LibreOffice computes the new rows' formula columns: Due Date from Discovered and the SLA, State from it.
    const calculated = (await readXlsx(await recalculate(readFileSync(join(dir, "once.xlsx"))))).sheet("POA&M");
    const columnOf = (header: string) => [...calculated.cells.entries()].find(([address, cell]) => /^[A-Z]+1$/.test(address) && cell.value === header)?.[0].replace("1", "");
    const states = [2, 3, 4, 5].map((row) => calculated.cells.get(`${columnOf("State")}${row}`)?.value);
    expect(states.every((state) => typeof state === "string" && state !== "")).toBe(true);
    expect([2, 3, 4, 5].every((row) => typeof calculated.cells.get(`${columnOf("Due Date")}${row}`)?.value === "number")).toBe(true);

    const written = readFileSync(join(dir, "once.xlsx"));
    const again = await run("import", "once.xlsx", SCAN);
    expect(again).toMatchObject({ code: 0, out: expect.stringContaining("No new items.\nNothing to change in once.xlsx.") });
    expect(readFileSync(join(dir, "once.xlsx")).equals(written)).toBe(true);
  });

  it("changes nothing on a dry run", async () => {
    await fresh("dry.xlsx");
    const before = readFileSync(join(dir, "dry.xlsx"));
    const result = await run("import", "dry.xlsx", SCAN, "--dry-run");
    expect(result.out).toMatch(/New items: 4 [\s\S]*Dry run: dry.xlsx was not changed\.$/);
    expect(readFileSync(join(dir, "dry.xlsx")).equals(before)).toBe(true);
    expect(existsSync(join(dir, "dry.xlsx.bak"))).toBe(false);
  });

  it("adds new hosts to a tracked item and logs them", async () => {
    await fresh("hosts.xlsx");
    expect((await run("import", "hosts.xlsx", SCAN)).code).toBe(0);
    writeFileSync(join(dir, "moved.csv"), readFileSync(join(dir, SCAN), "utf8").replace(/^192\.168\.118\.212,LOGSRV/m, "192.168.118.99,NEWSRV"));
    const result = await run("import", "hosts.xlsx", "moved.csv");
    expect(result.out).toContain("New hosts on 1 tracked item: POAM-2026-0001.");
    const [first] = (await readPoamFile(readFileSync(join(dir, "hosts.xlsx")))).items;
    expect(first.finding.assets).toContain("192.168.118.99");
    expect((await changeLog("hosts.xlsx")).slice(-1)).toEqual(["Assets"]);
  });

  it("reports a closed item the scan finds again, and reopens it only when asked", async () => {
    await fresh("closed.xlsx");
    expect((await run("import", "closed.xlsx", SCAN)).code).toBe(0);
    const path = join(dir, "closed.xlsx");
    writeFileSync(path, await patchWorkbook(readFileSync(path), { edits: [{ table: "Poam", row: 1, cells: { Status: "Closed" } }] }));
    const reported = await run("import", "closed.xlsx", SCAN);
    expect(reported.out).toContain("The scan finds 1 closed item again (POAM-2026-0002); run with --reopen to reopen them.");
    expect((await readPoamFile(readFileSync(path))).items[1].finding.status).toBe("Closed");

    const reopened = await run("import", "closed.xlsx", SCAN, "--reopen");
    expect(reopened.out).toContain("Reopened 1 closed item the scan finds again: POAM-2026-0002.");
    const item = (await readPoamFile(readFileSync(path))).items[1].finding;
    expect(item.status).toBe("Open");
    expect(item.comments).toMatch(/Reopened 2026-11-23: the scan openvas\.csv found it again\./);
  });

  it("changes a 5,000-item POA&M: an item added, a scan imported, the Summary refreshed, set up again; nothing else changed", async () => {
    const path = join(dir, "large.xlsx");
    writeFileSync(path, await writeWorkbookFile(planSetup(EMPTY_WORKBOOK, { findings: findingsOf(5000), people: [{ name: WHO, role: "IT Manager" }] })));
    const before = readFileSync(path);
    const added = await run("add", "large.xlsx", "--weakness", "USB ports not blocked", "--requirement", "3.1.8", "--item-type", "CMMC POA&M item", "--source", "Audit", "--priority", "Low", "--owner", WHO);
    expect(added.out).toMatch(/^Added POAM-2026-5001 to large\.xlsx/);
    expect((await run("import", "large.xlsx", SCAN)).out).toContain("New items: 4 (POAM-2026-5002 to POAM-2026-5005).");
    const data = await readPoamFile(readFileSync(path));
    expect(data.items).toHaveLength(5005);
    expect(data.items.slice(0, 5000).map((item) => item.finding.id)).toEqual((await readPoamFile(before)).items.map((item) => item.finding.id));
    const untouched = async (bytes: Uint8Array) => new Map([...(await untouchedParts(bytes))].filter(([part]) => part !== "xl/worksheets/sheet2.xml" && part !== "xl/tables/table2.xml"));
    expect(await untouched(readFileSync(path))).toEqual(await untouched(before));

    const imported = readFileSync(path);
    const refreshed = await run("refresh", "large.xlsx");
    expect(refreshed.out).toMatch(/^A History row was added for 2026-11-23/);
    const history = async (bytes: Uint8Array) => (await readPoamTables(bytes)).tables.find((table) => table.name === "History")!.rows.length;
    expect(await history(readFileSync(path))).toBe((await history(imported)) + 1);
    // The refresh touches the Summary and History sheets, the History table, their charts and the styles; nothing of the items.
    // As text: jest's deep equality is slow on thousands of objects and on megabytes of bytes.
    const items = async (bytes: Uint8Array) => JSON.stringify((await readPoamFile(bytes)).items.map((item) => item.finding));
    expect(await items(readFileSync(path))).toEqual(await items(imported));
    const outsideSummary = async (bytes: Uint8Array) => {
      const parts = await partsOf(bytes);
      return ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/tables/table1.xml", "xl/tables/table2.xml", "xl/sharedStrings.xml"].map((part) => parts.get(part)?.toString("base64"));
    };
    expect(await outsideSummary(readFileSync(path))).toEqual(await outsideSummary(imported));

    const setup = await run("setup", "large.xlsx");
    expect(setup.out).toMatch(/^Validation and formatting re-applied\./);
    expect(await items(readFileSync(path))).toEqual(await items(imported));
  }, 300_000);

  it("changes only the parts it must on a workbook holding a user's own parts", async () => {
    expect((await run("new", "users.xlsx", "--demo", "--force")).code).toBe(0);
    const before = await withUsersParts(readFileSync(join(dir, "users.xlsx")));
    writeFileSync(join(dir, "users.xlsx"), before);
    expect((await run("import", "users.xlsx", SCAN)).code).toBe(0);
    const [was, now] = [await partsOf(before), await partsOf(readFileSync(join(dir, "users.xlsx")))];
    expect([...now.keys()]).toEqual([...was.keys()]);
    const changed = [...was.keys()].filter((path) => !was.get(path)!.equals(now.get(path)!)).sort();
    // The POA&M and Change Log sheets and their tables; the workbook part gains "calculate on load" at most.
    expect(changed.filter((path) => path !== "xl/workbook.xml")).toEqual(["xl/tables/table1.xml", "xl/tables/table10.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet7.xml"]);
    const withoutCalcSetting = (xml: Buffer) => xml.toString().replace(/ fullCalcOnLoad="1"/g, "");
    expect(withoutCalcSetting(now.get("xl/workbook.xml")!)).toBe(withoutCalcSetting(was.get("xl/workbook.xml")!));
  });

  it.each<[string, (name: string) => void, string[], RegExp]>([
    ["while Excel has the file open", (name) => writeFileSync(join(dir, `~$${name}`), ""), [SCAN], /is open in Excel/],
    ["a scan file that is not there", () => undefined, ["missing.csv"], /missing\.csv/],
    ["a scan file no reader knows", () => writeFileSync(join(dir, "notes.txt"), "just some notes\n"), ["notes.txt"], /notes\.txt/],
  ])("refuses %s, changing nothing", async (_, prepare, scans, message) => {
    const name = `refuse-${Math.random().toString(36).slice(2, 8)}.xlsx`;
    await fresh(name);
    prepare(name);
    const before = readFileSync(join(dir, name));
    const result = await run("import", name, ...scans);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(readFileSync(join(dir, name)).equals(before)).toBe(true);
    expect(existsSync(join(dir, `${name}.bak`))).toBe(false);
  });

  it("refuses a file that is not a POA&M, changing nothing", async () => {
    writeFileSync(join(dir, "not.xlsx"), "not a workbook");
    const result = await run("import", "not.xlsx", SCAN);
    expect(result.code).toBe(2);
    expect(result.err).toBe("poam: not.xlsx is not an Excel workbook (.xlsx) that can be read.");
    expect(readFileSync(join(dir, "not.xlsx"), "utf8")).toBe("not a workbook");
  });
});
