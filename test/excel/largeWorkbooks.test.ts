/**
 * Every action on a POA&M larger than one Excel response can carry: 12,000
 * items with two milestones each, read whole, are over Excel on the web's
 * 5 MB response limit, which the fake enforces. Each action must still work,
 * read every row, and keep each response under the budget.
 */
import { planSetup } from "../../src/domain/workbook/planSetup";
import { EMPTY_WORKBOOK } from "../../src/domain/workbook/snapshot";
import type { ItemView } from "../../src/domain/poam/items";
import type { Milestone } from "../../src/domain/poam/records";
import { draftFromFinding } from "../../src/domain/poam/validateFinding";
import { applyPlan } from "../../src/excel/applyPlan";
import { actionsOn, findingsOf, IMPORT_OPTIONS, syntheticScan, WHO } from "../../bench/workbooks";
import { aDraft } from "../support/builders";
import { fakeExcel, FakeWorkbook, PAYLOAD_LIMIT_BYTES, type FakeContext } from "../support/fakeExcel";

jest.setTimeout(120_000);

const ITEMS = 12_000;

let template: FakeWorkbook;

beforeAll(async () => {
  const findings = findingsOf(ITEMS);
  const milestones = findings.flatMap((finding): Milestone[] => [
    { poamId: finding.id, milestone: "Plan the fix with the system owner", dueDate: "2026-12-15" },
    { poamId: finding.id, milestone: "Apply the fix and rescan", dueDate: "2027-01-15" },
  ]);
  template = new FakeWorkbook();
  await fakeExcel(template).run((context) =>
    applyPlan(context, planSetup(EMPTY_WORKBOOK, { findings, milestones, people: [{ name: WHO, role: "IT Manager" }], settings: { asOf: "2026-11-23" } })),
  );
});

/** A fresh copy of the large POA&M for each test, so one test's writes do not meet another's. */
const large = () => template.clone();

/** Every response of the action stayed under Excel's limit. */
function expectFits(context: FakeContext): void {
  expect(context.maxResponseBytes).toBeGreaterThan(0);
  expect(context.maxResponseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
}

/** The action read more than one response can carry, and every response stayed under Excel's limit. */
function expectPaged(context: FakeContext): void {
  expectFits(context);
  expect(context.totalResponseBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
}

it("is larger than one response: the whole POA&M read in one sync is refused", async () => {
  const { context } = fakeExcel(large());
  const workbook = context.asExcel().workbook;
  workbook.tables.getItem("Poam").getDataBodyRange().load("values");
  workbook.tables.getItem("Milestones").getDataBodyRange().load("values");
  await expect(context.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
});

describe(`a POA&M of ${ITEMS.toLocaleString("en")} items`, () => {
  it("reads for an export: every item and milestone", async () => {
    const { actions, context } = actionsOn(large());
    const data = await actions.readPoam();
    expect(data.items).toHaveLength(ITEMS);
    expect(data.items.at(-1)?.finding.id).toBe(`POAM-2026-${ITEMS}`);
    expect(data.milestones).toHaveLength(2 * ITEMS);
    expectPaged(context);
  });

  it("reads the Summary's figures and refreshes it", async () => {
    const model = large();
    const read = actionsOn(model);
    const status = await read.actions.readSummary();
    // Every fourth item is closed (bench/workbooks.ts).
    expect(status.figures.open).toBe(ITEMS * 0.75);
    expectPaged(read.context);
    const refresh = actionsOn(model);
    const result = await refresh.actions.refreshSummary(WHO);
    expect(result.figures.open).toBe(ITEMS * 0.75);
    expect(result.syncs).toBe(refresh.context.syncs);
    expectPaged(refresh.context);
  });

  it("adds the FedRAMP sheets with every item", async () => {
    const { actions, context } = actionsOn(large());
    const result = await actions.addFedrampSheets();
    expect(result.openItems + result.closedItems).toBe(ITEMS);
    expect(result.syncs).toBe(context.syncs);
    expectPaged(context);
  });

  it("loads the forms' lists and finds no duplicate IDs", async () => {
    const model = large();
    const poam = model.table("Poam");
    // A duplicate at the very end: found only if the last page is read.
    poam.sheet.cell(poam.range.row + ITEMS, poam.range.column).value = "POAM-2026-00001";
    const { actions, context } = actionsOn(model);
    const pane = await actions.loadContext();
    expect(pane.duplicates).toEqual([expect.objectContaining({ id: "POAM-2026-00001" })]);
    expectFits(context);
  });

  it("adds a finding with the next free ID", async () => {
    const { actions, context } = actionsOn(large());
    expect(await actions.addFinding(aDraft({ owner: WHO }), WHO)).toEqual({ id: `POAM-2026-${ITEMS + 1}` });
    expectFits(context);
  });

  it("reads and changes the last open item, with its milestones", async () => {
    const model = large();
    const poam = model.table("Poam");
    // The next to last row: the last is closed.
    await model.select("POA&M", `A${poam.range.row + ITEMS}`);
    const read = actionsOn(model);
    const view = (await read.actions.readSelection()) as ItemView;
    expect(view.finding.id).toBe(`POAM-2026-${ITEMS - 1}`);
    expect(view.milestones.map((m) => m.row)).toEqual([2 * ITEMS - 4, 2 * ITEMS - 3]);
    expectFits(read.context);

    const change = actionsOn(model);
    const draft = { ...draftFromFinding(view.finding, view.milestones), comments: "Fix scheduled for the January window" };
    const after = await change.actions.updateItem({ id: view.finding.id, row: view.row, draft }, WHO);
    expect(after.finding.comments).toBe("Fix scheduled for the January window");
    expect(after.milestones).toHaveLength(2);
    expectFits(change.context);
  });

  it("adds a person", async () => {
    const { actions, context } = actionsOn(large());
    await actions.addPerson({ name: "Sam Patel", role: "Security Lead" }, WHO);
    expectFits(context);
  });

  it("previews and imports a scan, merging into tracked items found on the last page", async () => {
    const model = large();
    const preview = actionsOn(model);
    // Tracked items are matched by Source Ref: the last open item's plugin (bench/workbooks.ts), seen on a new host.
    const scan = syntheticScan(1, 200000 + ITEMS - 2);
    const plan = await preview.actions.previewImport(scan, IMPORT_OPTIONS);
    expect(plan.assetUpdates).toHaveLength(1);
    expectFits(preview.context);
    const run = actionsOn(model);
    const result = await run.actions.importScan(syntheticScan(50), IMPORT_OPTIONS, WHO);
    expect(result.added).toHaveLength(50);
    expect(result.added[0]).toBe(`POAM-2026-${ITEMS + 1}`);
    expect(result.syncs).toBe(run.context.syncs);
    expectFits(run.context);
  });
});

it("sizes requests in UTF-8 bytes: text beyond ASCII stays within Excel's limit", async () => {
  // 2,000 findings of 1,000 "€" each: 2 million characters, but 6 million bytes.
  const findings = findingsOf(2000).map((finding) => ({ ...finding, comments: "€".repeat(1000) }));
  const { context, run } = fakeExcel(new FakeWorkbook());
  await run((excel) => applyPlan(excel, planSetup(EMPTY_WORKBOOK, { findings })));
  expect(context.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
});
