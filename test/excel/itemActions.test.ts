import { PoamError } from "../../src/domain/core/errors";
import type { ItemView } from "../../src/domain/poam/items";
import { draftFromFinding, type FindingDraft } from "../../src/domain/poam/validateFinding";
import { createExcelActions } from "../../src/excel/createExcelActions";
import { aDraft } from "../support/builders";
import { fakeExcel, FakeWorkbook } from "../support/fakeExcel";

const NOW = new Date(2026, 10, 23, 14, 30);
const WHO = "Dana Ortiz";

const draft: FindingDraft = aDraft({ status: "In Progress", milestones: [{ milestone: "Draft lockout GPO", dueDate: "2026-12-01", completedOn: "" }] });

async function poamWorkbook(): Promise<FakeWorkbook> {
  const model = new FakeWorkbook();
  await createExcelActions(fakeExcel(model).run).setUp();
  const people = model.table("People");
  people.sheet.cell(people.range.row + 1, people.range.column).value = "Dana Ortiz";
  people.sheet.cell(people.range.row + 1, people.range.column + 1).value = "IT Manager";
  return model;
}

function actionsOn(model: FakeWorkbook) {
  const excel = fakeExcel(model);
  return { ...excel, actions: createExcelActions(excel.run, { clock: () => NOW }) };
}

/** The addresses whose value or formula differ between two cell maps. */
function changedCells(before: Map<string, unknown>, after: Map<string, unknown>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key))).sort();
}

describe("loadContext", () => {
  it("reads people and the Settings lists in one sync", async () => {
    const { actions, context, runs } = actionsOn(await poamWorkbook());
    const pane = await actions.loadContext();
    expect(pane.people).toEqual([{ name: "Dana Ortiz", role: "IT Manager" }]);
    expect(pane.itemTypes).toHaveLength(4);
    expect(pane.sources).toContain("Vulnerability scan");
    expect(pane.priorities).toEqual(["Critical", "High", "Medium", "Low"]);
    expect(pane.statuses).toContain("Risk Accepted");
    expect(pane.duplicates).toEqual([]);
    expect([runs(), context.syncs]).toEqual([1, 1]);
  });

  it("reports a POA&M ID used twice", async () => {
    const model = await poamWorkbook();
    const poam = model.table("Poam");
    poam.sheet.cell(1, 0).value = "POAM-2026-0001";
    poam.sheet.cell(2, 0).value = "POAM-2026-0001";
    poam.range = { ...poam.range, rowCount: 3 };
    expect((await actionsOn(model).actions.loadContext()).duplicates).toEqual([{ id: "POAM-2026-0001", positions: [0, 1] }]);
  });
});

describe("addFinding", () => {
  it("writes the item, its milestones and the Change Log in one run of two syncs", async () => {
    const model = await poamWorkbook();
    const before = model.cellMap();
    const { actions, context, runs } = actionsOn(model);
    expect(await actions.addFinding(draft, WHO)).toEqual({ id: "POAM-2026-0001" });
    expect([runs(), context.syncs]).toEqual([1, 2]);

    const poam = model.table("Poam");
    expect(poam.rows()).toHaveLength(1);
    expect(poam.rows()[0]).toMatchObject({ "POA&M ID": "POAM-2026-0001", Weakness: "Account lockout not configured", Discovered: 46327, Updated: 46349 });
    expect(poam.columnFormula("State")[0]).toMatch(/^=IF\(/);
    expect(model.table("Milestones").rows()).toEqual([
      expect.objectContaining({ "POA&M ID": "POAM-2026-0001", Milestone: "Draft lockout GPO", "Due Date": 46357 }),
    ]);
    expect(model.table("ChangeLog").rows().map((r) => [r.Who, r["POA&M ID"], r.Field, r["New Value"]])).toEqual([
      [WHO, "POAM-2026-0001", "Item", "Added (In Progress, Medium): Account lockout not configured"],
      [WHO, "POAM-2026-0001", "Milestone", "Added: Draft lockout GPO (due 2026-12-01)"],
    ]);
    // Only the new rows changed: the item's and the milestone's row 2, the Change Log's rows 2 and 3.
    const outside = changedCells(before, model.cellMap()).filter((address) => !/^(POA&M|Milestones)!\D+2$|^Change Log!\D+[23]$/.test(address));
    expect(outside).toEqual([]);
  });

  it("numbers items in order and never reuses an ID from the Change Log", async () => {
    const model = await poamWorkbook();
    const { actions } = actionsOn(model);
    await actions.addFinding(draft, WHO);
    const log = model.table("ChangeLog");
    log.sheet.cell(log.range.row + log.range.rowCount, log.range.column + 2).value = "POAM-2026-0007";
    log.range = { ...log.range, rowCount: log.range.rowCount + 1 };
    expect(await actions.addFinding(draft, WHO)).toEqual({ id: "POAM-2026-0008" });
    expect(model.table("Poam").rows().map((r) => r["POA&M ID"])).toEqual(["POAM-2026-0001", "POAM-2026-0008"]);
    expect(model.table("Poam").columnFormula("State")[1]).toMatch(/^=IF\(/);
  });

  it("stores text that looks like a formula as text", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.addFinding({ ...draft, weakness: "=1+1", assets: "-cmd|' /C calc'!A0", comments: "@SUM(A1)" }, WHO);
    const row = model.table("Poam").rows()[0];
    expect([row.Weakness, row.Assets, row.Comments]).toEqual(["=1+1", "-cmd|' /C calc'!A0", "@SUM(A1)"]);
    expect(model.table("Poam").columnFormula("Weakness")).toEqual([undefined]);
  });

  it("gives the next ID when someone else added one meanwhile, and says so", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.addFinding(draft, WHO);
    const { actions, context } = actionsOn(model);
    context.beforeSync(2, () => {
      // Another user's POAM-2026-0002 arrives between our read and our write.
      const poam = model.table("Poam");
      poam.sheet.cell(2, 0).value = "POAM-2026-0002";
      poam.sheet.cell(2, 4).value = "Their item";
      poam.range = { ...poam.range, rowCount: 3 };
    });
    expect(await actions.addFinding(draft, WHO)).toEqual({ id: "POAM-2026-0003", renumberedFrom: "POAM-2026-0002" });
    expect(context.syncs).toBe(3);
    expect(model.table("Poam").rows().map((r) => [r["POA&M ID"], r.Weakness])).toEqual([
      ["POAM-2026-0001", "Account lockout not configured"],
      ["POAM-2026-0002", "Their item"],
      ["POAM-2026-0003", "Account lockout not configured"],
    ]);
    expect(model.table("Milestones").rows().map((r) => r["POA&M ID"])).toEqual(["POAM-2026-0001", "POAM-2026-0003"]);
  });

  it("keeps someone else's first item when it lands in the new table's blank row meanwhile", async () => {
    const model = await poamWorkbook();
    const { actions, context } = actionsOn(model);
    context.beforeSync(2, () => {
      const poam = model.table("Poam");
      poam.sheet.cell(1, 0).value = "POAM-2026-0001";
      poam.sheet.cell(1, 4).value = "Their item";
    });
    expect(await actions.addFinding(draft, WHO)).toEqual({ id: "POAM-2026-0002", renumberedFrom: "POAM-2026-0001" });
    expect(model.table("Poam").rows().map((r) => [r["POA&M ID"], r.Weakness])).toEqual([
      ["POAM-2026-0001", "Their item"],
      ["POAM-2026-0002", "Account lockout not configured"],
    ]);
  });

  it("writes the calculated columns itself when Excel's option to fill table formulas is off", async () => {
    const model = await poamWorkbook();
    model.fillFormulasInTables = false;
    const { actions } = actionsOn(model);
    await actions.addFinding(draft, WHO);
    await actions.addFinding(draft, WHO);
    const poam = model.table("Poam");
    for (const header of ["Family", "Target Date", "Due Date", "Days Open", "Days Left", "State", "SPRS Points", "CMMC POA&M OK"]) {
      expect(poam.columnFormula(header)).toEqual([expect.stringMatching(/^=/), expect.stringMatching(/^=/)]);
    }
    expect(model.table("Milestones").columnFormula("State")).toEqual([expect.stringMatching(/^=IF\(/), expect.stringMatching(/^=IF\(/)]);
  });

  it("clears a filter on the tables before adding rows to them", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.addFinding(draft, WHO);
    for (const name of ["Poam", "Milestones", "ChangeLog"]) model.table(name).filtered = true;
    expect(await actionsOn(model).actions.addFinding(draft, WHO)).toEqual({ id: "POAM-2026-0002" });
    expect(model.table("Poam").rows().map((row) => row["POA&M ID"])).toEqual(["POAM-2026-0001", "POAM-2026-0002"]);
    expect(model.table("Poam").filtered).toBe(false);
  });

  it("refuses an item that breaks the rules and writes nothing", async () => {
    const model = await poamWorkbook();
    const before = model.cellMap();
    const failure = await actionsOn(model).actions.addFinding({ ...draft, weakness: "", milestones: [] }, WHO).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PoamError);
    expect((failure as PoamError).message).toBe("Weakness is required. An item that is In Progress needs at least one milestone.");
    expect(model.cellMap()).toEqual(before);
  });

  it("leaves the sheets as they were when Excel refuses the write", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.addFinding(draft, WHO);
    const before = model.cellMap();
    const rows = model.table("Poam").range.rowCount;
    const { actions, context } = actionsOn(model);
    // The third row written (the Change Log's) is refused, after the item and its milestone were written.
    let writes = 0;
    context.failWhen({ when: (command) => command.op === "range.values" && context.syncs === 2 && ++writes === 3, code: "AccessDenied" });
    const failure = await actions.addFinding(draft, WHO).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: "accessDenied" });
    expect(model.cellMap()).toEqual(before);
    expect(model.table("Poam").range.rowCount).toBe(rows);
  });

  it("deletes every row it added, from the last up, when Excel refuses the write", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.addFinding(draft, WHO);
    const rowCounts = () => ["Poam", "Milestones", "ChangeLog"].map((name) => model.table(name).range.rowCount);
    const before = rowCounts();
    const { actions, context } = actionsOn(model);
    // Both Change Log rows (item and milestone) were added before their values were refused.
    let writes = 0;
    context.failWhen({ when: (command) => command.op === "range.values" && context.syncs === 2 && ++writes === 3, code: "AccessDenied" });
    await expect(actions.addFinding(draft, WHO)).rejects.toMatchObject({ code: "accessDenied" });
    expect(rowCounts()).toEqual(before);
    expect(model.table("ChangeLog").rows().map((row) => row["POA&M ID"])).toEqual(["POAM-2026-0001", "POAM-2026-0001"]);
  });
});

describe("reading the selected item", () => {
  async function withItem() {
    const model = await poamWorkbook();
    await actionsOn(model).actions.addFinding(draft, WHO);
    return model;
  }

  it("reads the item on the active cell's row and its milestones in two syncs", async () => {
    const model = await withItem();
    await model.select("POA&M", "E2");
    const { actions, context } = actionsOn(model);
    const view = (await actions.readSelection()) as ItemView;
    expect(view.finding).toMatchObject({ id: "POAM-2026-0001", weakness: "Account lockout not configured", discovered: "2026-11-01" });
    expect(view.row).toBe(0);
    expect(view.milestones).toEqual([expect.objectContaining({ milestone: "Draft lockout GPO", dueDate: "2026-12-01", row: 0 })]);
    expect(view.duplicateRows).toEqual([]);
    expect(context.syncs).toBe(2);
  });

  it.each([
    ["another sheet", "Controls", "A2"],
    ["the header row", "POA&M", "C1"],
    ["below the table", "POA&M", "A9"],
  ])("is null on %s, after one sync", async (_, sheet, address) => {
    const model = await withItem();
    await model.select(sheet, address);
    const { actions, context } = actionsOn(model);
    expect(await actions.readSelection()).toBeNull();
    expect(context.syncs).toBe(1);
  });

  it("calls back on selection changes until stopped", async () => {
    const model = await withItem();
    const { actions } = actionsOn(model);
    const seen: number[] = [];
    const stop = await actions.watchSelection(() => seen.push(seen.length));
    await model.select("POA&M", "A2");
    await model.select("POA&M", "B2");
    stop();
    await model.select("POA&M", "C2");
    expect(seen).toEqual([0, 1]);
  });
});

describe("updating an item", () => {
  async function selected() {
    const model = await poamWorkbook();
    await actionsOn(model).actions.addFinding(draft, WHO);
    await model.select("POA&M", "A2");
    const view = (await actionsOn(model).actions.readSelection()) as ItemView;
    return { model, view };
  }

  /** The item closed in the form; its first milestone marked done on `milestoneDoneOn`, if given. */
  const closedDraft = (view: ItemView, milestoneDoneOn?: string) => {
    const draft = draftFromFinding(view.finding, view.milestones);
    const milestones = draft.milestones.map((m, i) => (i === 0 && milestoneDoneOn ? { ...m, completedOn: milestoneDoneOn } : m));
    return { ...draft, status: "Closed", completedOn: "2026-11-22", verifiedBy: "Sam Patel", evidence: "=Rescan.pdf", milestones };
  };

  it("closes it: changed fields, milestone completion and Change Log rows, in two syncs", async () => {
    const { model, view } = await selected();
    const before = model.cellMap();
    const { actions, context } = actionsOn(model);
    const after = await actions.updateItem({ id: view.finding.id, row: view.row, draft: closedDraft(view, "2026-11-20") }, "Sam Patel");
    expect(context.syncs).toBe(2);
    expect(after.finding).toMatchObject({ status: "Closed", completedOn: "2026-11-22", verifiedBy: "Sam Patel", evidence: "=Rescan.pdf" });
    expect(after.milestones[0].completedOn).toBe("2026-11-20");
    const log = model.table("ChangeLog").rows().slice(2).map((r) => [r.Who, r.Field, r["Old Value"], r["New Value"]]);
    expect(log).toEqual([
      ["Sam Patel", "Status", "In Progress", "Closed"],
      ["Sam Patel", "Completed On", "", "2026-11-22"],
      ["Sam Patel", "Verified By", "", "Sam Patel"],
      ["Sam Patel", "Evidence", "", "=Rescan.pdf"],
      ["Sam Patel", "Milestone", "Draft lockout GPO", "Completed on 2026-11-20: Draft lockout GPO"],
    ]);
    const changed = changedCells(before, model.cellMap());
    // On the POA&M sheet only the item's row changed: Status (Z), Completed On (AA), Verified By (AB), Evidence (AC).
    expect(changed.filter((a) => a.startsWith("POA&M!"))).toEqual(["POA&M!AA2", "POA&M!AB2", "POA&M!AC2", "POA&M!Z2"]);
    expect(changed.filter((a) => a.startsWith("Milestones!"))).toEqual(["Milestones!D2"]);
  });

  it("refuses a closure without evidence and changes nothing", async () => {
    const { model, view } = await selected();
    const before = model.cellMap();
    const draft = { ...closedDraft(view, "2026-11-20"), evidence: "" };
    const failure = await actionsOn(model)
      .actions.updateItem({ id: view.finding.id, row: view.row, draft }, WHO)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: "invalidInput", message: "Evidence is required." });
    expect(model.cellMap()).toEqual(before);
  });

  it("puts everything back when Excel refuses the write", async () => {
    const { model, view } = await selected();
    const before = model.cellMap();
    const { actions, context } = actionsOn(model);
    context.failWhen({ when: (command) => command.op === "table.rows.add" && context.syncs === 2, code: "GeneralException" });
    const update = { id: view.finding.id, row: view.row, draft: closedDraft(view, "2026-11-20") };
    await expect(actions.updateItem(update, WHO)).rejects.toMatchObject({ code: "unexpected" });
    expect(model.cellMap()).toEqual(before);
  });

  it("leaves a cleared date cell a date cell, so a date typed there later is a date", async () => {
    const { model, view } = await selected();
    const closed = await actionsOn(model).actions.updateItem({ id: view.finding.id, row: view.row, draft: closedDraft(view, "2026-11-20") }, WHO);
    // Reopened: Completed On, Verified By and Evidence are cleared.
    const reopened = { ...draftFromFinding(closed.finding, closed.milestones), status: "In Progress", completedOn: "", verifiedBy: "", evidence: "" };
    await actionsOn(model).actions.updateItem({ id: view.finding.id, row: view.row, draft: reopened }, WHO);
    const poam = model.table("Poam");
    const completedOn = poam.headers().indexOf("Completed On");
    expect(poam.rows()[0]["Completed On"]).toBe("");
    expect(poam.sheet.peek(1, completedOn)?.numberFormat).toBe("yyyy-mm-dd");
    model.typeInto("POA&M", "AA2", "2026-12-01");
    expect(poam.rows()[0]["Completed On"]).toBe(46357);
  });

  it("puts a cleared date back as a date cell when Excel refuses the write", async () => {
    const { model, view } = await selected();
    const { actions, context } = actionsOn(model);
    context.failWhen({ when: (command) => command.op === "table.rows.add" && context.syncs === 2, code: "GeneralException" });
    await expect(actions.updateItem({ id: view.finding.id, row: view.row, draft: closedDraft(view, "2026-11-20") }, WHO)).rejects.toMatchObject({ code: "unexpected" });
    // Completed On of the item (POA&M!AA2) and of its milestone (Milestones!D2) were empty before.
    expect(model.sheet("POA&M").peek(1, 26)?.numberFormat).toBe("yyyy-mm-dd");
    expect(model.sheet("Milestones").peek(1, 3)?.numberFormat).toBe("yyyy-mm-dd");
  });

  it("notices when the item is no longer on its row", async () => {
    const { model, view } = await selected();
    model.table("Poam").sheet.cell(1, 0).value = "POAM-2026-0099";
    const update = { id: view.finding.id, row: view.row, draft: closedDraft(view) };
    await expect(actionsOn(model).actions.updateItem(update, WHO)).rejects.toMatchObject({ code: "itemMoved" });
  });

  it("adds a milestone and extends the due date with a reason", async () => {
    const { model, view } = await selected();
    const base = draftFromFinding(view.finding, view.milestones);
    const draft = { ...base, extendedTo: "2027-02-01", extensionReason: "Vendor delay", milestones: [...base.milestones, { milestone: "Pilot on IT PCs", dueDate: "2027-01-10", completedOn: "" }] };
    const after = await actionsOn(model).actions.updateItem({ id: view.finding.id, row: view.row, draft }, WHO);
    expect(after.finding).toMatchObject({ extendedTo: "2027-02-01", extensionReason: "Vendor delay" });
    expect(after.milestones.map((m) => m.milestone)).toEqual(["Draft lockout GPO", "Pilot on IT PCs"]);
  });
});

describe("adding a person", () => {
  it("appends to People and logs it", async () => {
    const model = await poamWorkbook();
    const { actions, context } = actionsOn(model);
    await actions.addPerson({ name: "Sam Patel", role: "Security Lead" }, WHO);
    expect(context.syncs).toBe(2);
    expect(model.table("People").rows().map((r) => r.Name)).toEqual(["Dana Ortiz", "Sam Patel"]);
    expect(model.table("ChangeLog").rows().at(-1)).toMatchObject({ Field: "People", "New Value": "Added: Sam Patel (Security Lead)" });
  });

  it("refuses a person already there", async () => {
    const { actions } = actionsOn(await poamWorkbook());
    await expect(actions.addPerson({ name: "dana ortiz" }, WHO)).rejects.toMatchObject({ code: "invalidInput", message: "dana ortiz is already in Settings > People." });
  });
});
