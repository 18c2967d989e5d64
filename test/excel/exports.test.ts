/** The FedRAMP sheets and the FedRAMP migration in the open workbook, against the recording fake. */
import { parseRange } from "../../src/domain/core/a1";
import { buildDemoData } from "../../src/domain/demo/demoData";
import { FEDRAMP_HEADERS, fedrampPlan, fedrampSheets } from "../../src/formats/fedramp/fedramp";
import { planSetup } from "../../src/domain/workbook/planSetup";
import type { InitialData } from "../../src/domain/poam/records";
import { EMPTY_WORKBOOK } from "../../src/domain/workbook/snapshot";
import { applyPlan } from "../../src/excel/applyPlan";
import { createExcelActions } from "../../src/excel/createExcelActions";
import { readXlsx } from "../../src/formats/xlsx-read/readXlsx";
import { readPoamFile } from "../../src/formats/xlsx-read/readPoamFile";
import { writeWorkbookFile } from "../../src/xlsx/writeWorkbookFile";
import { aFinding, aMilestone } from "../support/builders";
import { fakeExcel, FakeWorkbook } from "../support/fakeExcel";
import type { CellsWorkbook } from "../../src/domain/poam/migration";

jest.setTimeout(60_000);

const NOW = new Date(2026, 10, 23, 10, 0);
const TODAY = "2026-11-23";

async function poamWorkbook(data: InitialData): Promise<FakeWorkbook> {
  const model = new FakeWorkbook();
  await fakeExcel(model).run((context) => applyPlan(context, planSetup(EMPTY_WORKBOOK, data)));
  return model;
}

function actionsOn(model: FakeWorkbook) {
  const excel = fakeExcel(model);
  return { ...excel, actions: createExcelActions(excel.run, { clock: () => NOW }) };
}

/** A FedRAMP-layout file of `data`'s items, read back as cells, as the pane reads a picked file. */
async function fedrampFile(data: InitialData): Promise<CellsWorkbook> {
  const written = await writeWorkbookFile(planSetup(EMPTY_WORKBOOK, data));
  const sheets = fedrampSheets(await readPoamFile(written), { today: TODAY });
  return readXlsx(await writeWorkbookFile(fedrampPlan(sheets, ["Sheet1"], { replace: "Sheet1" })));
}

const rowValues = (model: FakeWorkbook, sheet: string, row: number, columns: number) =>
  Array.from({ length: columns }, (_, c) => model.sheet(sheet).peek(row, c)?.value ?? "");

describe("adding the FedRAMP sheets", () => {
  it("clips a cell longer than Excel holds and says which", async () => {
    // Twenty 2,000-character milestones make a Planned Milestones cell of over 40,000 characters.
    const milestones = Array.from({ length: 20 }, (_, i) => aMilestone({ poamId: "POAM-2026-0001", milestone: `${i + 1} ${"x".repeat(1990)}` }));
    const model = await poamWorkbook({ findings: [aFinding({ id: "POAM-2026-0001" })], milestones });
    const result = await actionsOn(model).actions.addFedrampSheets();
    expect(result.clipped).toHaveLength(1);
    expect(result.clipped[0].length).toBeGreaterThan(40_000);
    const [sheet, address] = result.clipped[0].cell.replace(/'/g, "").split("!");
    const { row, column } = parseRange(address);
    const text = String(model.sheet(sheet).peek(row, column)?.value);
    expect(text.length).toBeLessThanOrEqual(32_767);
    expect(text).toMatch(/\[clipped: Excel holds 32,767 characters in a cell; this text had [\d,]+\]$/);
  });

  it("adds the open and closed item sheets with the template's header row, in one read and one write", async () => {
    const model = await poamWorkbook(buildDemoData(TODAY));
    const before = model.cellMap();
    const { actions, context } = actionsOn(model);
    const result = await actions.addFedrampSheets();
    expect(result).toMatchObject({ open: "Open POA&M Items", closed: "Closed POA&M Items", openItems: 32, closedItems: 8 });
    expect(context.syncs).toBe(2);
    expect(result.syncs).toBe(2);
    expect(rowValues(model, "Open POA&M Items", 4, FEDRAMP_HEADERS.length)).toEqual([...FEDRAMP_HEADERS]);
    expect(rowValues(model, "Closed POA&M Items", 4, FEDRAMP_HEADERS.length)).toEqual([...FEDRAMP_HEADERS]);
    // No cell of the POA&M's own sheets changed.
    const after = model.cellMap();
    for (const [address, cell] of before) expect(after.get(address)).toEqual(cell);
  });

  it("keeps text as text and takes free names when the sheets exist", async () => {
    const model = await poamWorkbook({ findings: [aFinding({ id: "POAM-2026-0001", weakness: "=1+1", discovered: "2026-11-01" })] });
    await actionsOn(model).actions.addFedrampSheets();
    const again = await actionsOn(model).actions.addFedrampSheets();
    expect(again).toMatchObject({ open: "Open POA&M Items (2)", closed: "Closed POA&M Items (2)" });
    const weakness = model.sheet("Open POA&M Items (2)").peek(5, FEDRAMP_HEADERS.indexOf("Weakness Name"));
    expect(weakness).toMatchObject({ value: "=1+1" });
    expect(weakness?.formula).toBeUndefined();
  });
});

describe("migrating a FedRAMP-layout POA&M", () => {
  const theirs: InitialData = {
    findings: [
      aFinding({ id: "POAM-2026-0001", weakness: "Their first item", discovered: "2026-10-01", owner: "Kim Vo" }),
      aFinding({ id: "V-17", weakness: "Their second item", discovered: "2026-10-05", status: "Closed", completedOn: "2026-11-01", verifiedBy: "Kim Vo", evidence: "scan.pdf" }),
    ],
    milestones: [aMilestone({ poamId: "POAM-2026-0001", milestone: "Order the part", dueDate: "2026-12-01" })],
  };
  const ours: InitialData = { findings: [aFinding({ id: "POAM-2026-0001", weakness: "Our own item", discovered: "2026-11-01" })] };

  it("previews in one read, renumbering an ID this POA&M already uses, and changes nothing", async () => {
    const model = await poamWorkbook(ours);
    const before = model.cellMap();
    const { actions, context } = actionsOn(model);
    const preview = await actions.previewFedrampImport(await fedrampFile(theirs));
    expect(context.syncs).toBe(1);
    expect(preview.findings.map((f) => [f.id, f.weakness])).toEqual([
      ["POAM-2026-0002", "Their first item"],
      ["V-17", "Their second item"],
    ]);
    expect(preview.warnings.map((w) => w.message)).toContain('Its POAM ID "POAM-2026-0001" is already used; it is given POAM-2026-0002.');
    expect(model.cellMap()).toEqual(before);
  });

  it("adds the items, their milestones and Change Log rows", async () => {
    const model = await poamWorkbook(ours);
    const { actions, context } = actionsOn(model);
    const result = await actions.importFedramp(await fedrampFile(theirs), "Dana Ortiz");
    expect(result).toMatchObject({ added: ["POAM-2026-0002", "V-17"], milestones: 1 });
    expect(result.syncs).toBe(context.syncs);
    const items = model.table("Poam").rows();
    expect(items.map((row) => [row["POA&M ID"], row.Weakness, row.Status])).toEqual([
      ["POAM-2026-0001", "Our own item", "Open"],
      ["POAM-2026-0002", "Their first item", "Open"],
      ["V-17", "Their second item", "Closed"],
    ]);
    expect(model.table("Milestones").rows().map((row) => [row["POA&M ID"], row.Milestone])).toEqual([["POAM-2026-0002", "Order the part"]]);
    expect(model.table("ChangeLog").rows().map((row) => [row.Who, row["POA&M ID"], row.Field])).toEqual([
      ["Dana Ortiz", "POAM-2026-0002", "Item"],
      ["Dana Ortiz", "V-17", "Item"],
      ["Dana Ortiz", "POAM-2026-0002", "Milestone"],
    ]);
  });

  it("leaves every table as it was when Excel refuses the milestone rows", async () => {
    const model = await poamWorkbook(ours);
    const before = model.cellMap();
    const { actions, context } = actionsOn(model);
    context.failWhen({ when: (command) => command.op === "range.values" && JSON.stringify(command.rows).includes("Order the part"), code: "InvalidArgument" });
    await expect(actions.importFedramp(await fedrampFile(theirs), "Dana Ortiz")).rejects.toMatchObject({ code: "invalidInput" });
    expect(model.cellMap()).toEqual(before);
  });
});
