/**
 * A POA&M file changed by `poam`, then by the add-in in Excel, then by
 * `poam` again: every change of each step is in the file at the end, and
 * the user's own parts are as they were at the start.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toSerial } from "../../src/domain/core/dates";
import type { ItemView } from "../../src/domain/poam/items";
import { draftFromFinding } from "../../src/domain/poam/validateFinding";
import { createExcelActions } from "../../src/excel/createExcelActions";
import { readPoamFile, readPoamTables } from "../../src/formats/xlsx-read/readPoamFile";
import { readXlsx } from "../../src/formats/xlsx-read/readXlsx";
import { aDraft } from "../support/builders";
import { cliRunner } from "../support/cli";
import { fakeExcel } from "../support/fakeExcel";
import { fakeFromFile, saveFake } from "../support/fakeFromFile";
import { recalculate } from "../support/libreoffice";
import { sharedFile } from "../support/shared";
import { changedParts, partsOf, withUsersParts } from "../support/usersWorkbook";

jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), "poam-round-trip-"));
const FIRST = "2026-11-23";
const LAST = "2026-11-25";
const SCAN = "openvas.csv";
copyFileSync(sharedFile("corpus", "openvas", "dd_openvas_many_vuln.csv"), join(dir, SCAN));

const USERS_PARTS = ["xl/worksheets/mine.xml", "xl/media/image1.png", "xl/comments1.xml", "xl/pivotCache/pivotCacheDefinition1.xml", "customXml/item1.xml"];

const changeLog = async (bytes: Uint8Array) => {
  const { tables } = await readPoamTables(bytes);
  const log = tables.find((table) => table.name === "ChangeLog")!;
  return log.rows.map((row) => [row[log.headers.indexOf("Who")], row[log.headers.indexOf("POA&M ID")], row[log.headers.indexOf("Field")]]);
};

describe("a POA&M file changed by poam, the add-in and poam again", () => {
  it("keeps every step's changes and the user's own parts", async () => {
    // 1. poam: a demo POA&M with the user's parts, a scan imported, the Summary refreshed.
    const first = cliRunner(dir, FIRST);
    expect((await first("new", "poam.xlsx", "--demo")).code).toBe(0);
    const original = await withUsersParts(readFileSync(join(dir, "poam.xlsx")));
    writeFileSync(join(dir, "poam.xlsx"), original);
    const imported = await first("import", "poam.xlsx", SCAN, "--owner", "Dana Ortiz", "--author", "Lee Chen");
    expect(imported.out).toContain("New items: 4 (POAM-2026-0041 to POAM-2026-0044).");
    expect((await first("refresh", "poam.xlsx", "--author", "Lee Chen")).code).toBe(0);
    const afterCli = readFileSync(join(dir, "poam.xlsx"));
    const itemsAfterCli = (await readPoamFile(afterCli)).items;
    expect(itemsAfterCli).toHaveLength(44);

    // 2. The add-in, in Excel: a finding added through the form, and an imported item closed.
    const model = await fakeFromFile(afterCli, await recalculate(afterCli));
    const opened = model.clone();
    const actions = createExcelActions(fakeExcel(model).run, { clock: () => new Date(2026, 10, 24, 10, 0) });
    const added = await actions.addFinding(
      aDraft({ weakness: "Backups not tested", requirement: "3.8.9", owner: "Dana Ortiz", milestones: [{ milestone: "Restore test", dueDate: "2026-12-15", completedOn: "" }] }),
      "Sam Patel",
    );
    expect(added.id).toBe("POAM-2026-0045");
    const row = itemsAfterCli.findIndex((item) => item.finding.id === "POAM-2026-0042");
    await model.select("POA&M", `A${row + 2}`);
    const view = (await actions.readSelection()) as ItemView;
    expect(view.finding.id).toBe("POAM-2026-0042");
    const closing = { ...draftFromFinding(view.finding, view.milestones), status: "Closed", completedOn: "2026-11-24", verifiedBy: "Sam Patel", evidence: "Rescan 2026-11-24" };
    await actions.updateItem({ id: view.finding.id, row: view.row, draft: closing }, "Sam Patel");
    writeFileSync(join(dir, "poam.xlsx"), await saveFake(afterCli, opened, model));

    // 3. poam again, two days later: the same scan (nothing new), one item added, the Summary refreshed, the POA&M checked.
    const last = cliRunner(dir, LAST);
    const again = await last("import", "poam.xlsx", SCAN, "--author", "Lee Chen");
    expect(again.out).toContain("No new items.");
    expect((await last("add", "poam.xlsx", "--weakness", "USB ports not blocked", "--requirement", "3.1.8", "--item-type", "CMMC POA&M item", "--source", "Self-assessment", "--priority", "Medium", "--owner", "Dana Ortiz", "--author", "Lee Chen")).code).toBe(0);
    expect((await last("refresh", "poam.xlsx", "--author", "Lee Chen")).code).toBe(0);
    const final = readFileSync(join(dir, "poam.xlsx"));
    expect((await last("check", "poam.xlsx")).out).toMatch(/SPRS score/);

    // Every item of every step, as each step left it.
    const items = (await readPoamFile(final)).items;
    expect(items.map((item) => item.finding.id)).toEqual([...itemsAfterCli.map((item) => item.finding.id), "POAM-2026-0045", "POAM-2026-0046"]);
    for (const before of itemsAfterCli.filter((item) => item.finding.id !== "POAM-2026-0042")) {
      expect(items.find((item) => item.finding.id === before.finding.id)?.finding).toEqual(before.finding);
    }
    expect(items.find((item) => item.finding.id === "POAM-2026-0042")?.finding).toMatchObject({ status: "Closed", completedOn: "2026-11-24", verifiedBy: "Sam Patel", evidence: "Rescan 2026-11-24" });
    expect(items.find((item) => item.finding.id === "POAM-2026-0045")?.finding).toMatchObject({ weakness: "Backups not tested", requirement: "3.8.9" });
    const milestones = (await readPoamFile(final)).milestones.filter((m) => m.poamId === "POAM-2026-0045");
    expect(milestones).toEqual([{ poamId: "POAM-2026-0045", milestone: "Restore test", dueDate: "2026-12-15" }]);

    // The Change Log holds each step's rows, by who made them.
    const log = await changeLog(final);
    expect(log.filter(([who]) => who === "Lee Chen").map(([, id]) => id)).toEqual(["POAM-2026-0041", "POAM-2026-0042", "POAM-2026-0043", "POAM-2026-0044", "POAM-2026-0046"]);
    expect(log.filter(([who, id]) => who === "Sam Patel" && id === "POAM-2026-0042").map(([, , field]) => field)).toEqual(["Status", "Completed On", "Verified By", "Evidence"]);
    expect(log.some(([who, id]) => who === "Sam Patel" && id === "POAM-2026-0045")).toBe(true);

    // History: one row per refresh day.
    const { tables } = await readPoamTables(final);
    const history = tables.find((table) => table.name === "History")!;
    const dates = history.rows.map((r) => r[history.headers.indexOf("Snapshot Date")]);
    expect(dates.slice(-2)).toEqual([toSerial(FIRST), toSerial(LAST)]);
    expect(new Set(dates).size).toBe(dates.length);

    // The user's own parts, byte for byte as at the start.
    const [was, now] = [await partsOf(original), await partsOf(final)];
    expect(changedParts(was, now).filter((path) => USERS_PARTS.includes(path))).toEqual([]);
    // And the file still calculates: the add-in's and poam's new items get their due dates.
    const calculated = (await readXlsx(await recalculate(final))).sheet("POA&M");
    const due = [...calculated.cells.entries()].find(([address, cell]) => /^[A-Z]+1$/.test(address) && cell.value === "Due Date")![0].replace("1", "");
    expect(typeof calculated.cells.get(`${due}${items.length}`)?.value).toBe("number");
    expect(typeof calculated.cells.get(`${due}${items.length + 1}`)?.value).toBe("number");
  });
});
