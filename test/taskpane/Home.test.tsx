import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PoamError } from "../../src/domain/core/errors";
import type { ThemeSource, WorkbookActions } from "../../src/domain/ports";
import { createExcelActions } from "../../src/excel/createExcelActions";
import { App } from "../../src/taskpane/App";
import { memoryNameStore } from "../../src/taskpane/nameStore";
import { fakeExcel, FakeWorkbook } from "../support/fakeExcel";

const lightTheme: ThemeSource = { current: () => "light", subscribe: () => undefined };

function renderPane(actions: WorkbookActions) {
  return render(<App actions={actions} theme={lightTheme} names={memoryNameStore()} />);
}

describe("Home on a blank workbook", () => {
  it("offers to set it up and reports what was created", async () => {
    const model = new FakeWorkbook();
    renderPane(createExcelActions(fakeExcel(model).run));
    expect(await screen.findByText("This workbook is not a POA&M yet")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Set up POA&M" }));

    expect(await screen.findByText("The POA&M is set up")).toBeInTheDocument();
    expect(screen.getByText(/7 sheets: POA&M, Milestones, Summary, Controls, Settings, Refresh History, Change Log/)).toBeInTheDocument();
    expect(screen.getByText("This workbook is a POA&M")).toBeInTheDocument();
    expect(model.tables).toHaveLength(10);
  });

  it("shows progress while it works", async () => {
    let finish: () => void = () => undefined;
    const actions: WorkbookActions = {
      ...createExcelActions(fakeExcel(new FakeWorkbook()).run),
      setUp: (onStep) =>
        new Promise((resolve) => {
          onStep?.("writing");
          finish = () => resolve({ changes: { isNew: true, createdSheets: [], createdTables: [], addedColumns: [], addedSettings: [], addedNames: [], renamedForCollision: [] } });
        }),
    };
    renderPane(actions);
    await userEvent.click(await screen.findByRole("button", { name: "Set up POA&M" }));
    const status = screen.getByRole("status");
    expect(within(status).getByText("Writing sheets, tables and formulas…")).toBeInTheDocument();
    expect(within(status).getByRole("progressbar", { name: "Setup progress" })).toBeInTheDocument();
    finish();
    expect(await screen.findByText("The POA&M is set up")).toBeInTheDocument();
  });
});

describe("Home on an older POA&M", () => {
  it("lists what the upgrade adds, then upgrades", async () => {
    const model = new FakeWorkbook(["Plan"]);
    model.addTable("Plan", "Poam", "A1", ["POA&M ID", "Weakness", "Status"], [["POAM-2026-0001", "Lockout", "Open"]]);
    renderPane(createExcelActions(fakeExcel(model).run));

    expect(await screen.findByText("This POA&M needs an upgrade")).toBeInTheDocument();
    const list = screen.getByRole("list", { name: "What the upgrade adds" });
    expect(within(list).getByText(/35 columns in Poam: Item Type, Requirement, Family/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Upgrade" }));
    expect(await screen.findByText("The POA&M is upgraded")).toBeInTheDocument();
    expect(model.table("Poam").rows()[0]).toMatchObject({ "POA&M ID": "POAM-2026-0001", Weakness: "Lockout", Status: "Open" });
  });
});

describe("Home when Excel fails", () => {
  it("shows the short message of a known failure", async () => {
    const { run, context } = fakeExcel(new FakeWorkbook());
    context.failWhen({ when: (command) => command.op === "tables.add", code: "InvalidOperationInCellEditMode" });
    renderPane(createExcelActions(run));
    await userEvent.click(await screen.findByRole("button", { name: "Set up POA&M" }));
    expect(await screen.findByText(/Excel is waiting for you to finish editing a cell/)).toBeInTheDocument();
    expect(screen.queryByText(/InvalidOperationInCellEditMode/)).not.toBeInTheDocument();
  });

  it("never shows the raw text of an unknown failure", async () => {
    const actions: WorkbookActions = {
      ...createExcelActions(fakeExcel(new FakeWorkbook()).run),
      inspect: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'items')")),
      setUp: () => Promise.reject(new PoamError("unexpected", "unused")),
    };
    renderPane(actions);
    expect(await screen.findByText(/Something went wrong. Try again/)).toBeInTheDocument();
    expect(screen.queryByText(/Cannot read properties/)).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Check again" })).toBeInTheDocument();
  });
});

describe("Home's leadership summary", () => {
  it("shows the headline figures and refreshes the Summary sheet", async () => {
    const model = new FakeWorkbook();
    const actions = createExcelActions(fakeExcel(model).run);
    await actions.setUp();
    render(<App actions={actions} theme={lightTheme} names={memoryNameStore("Dana Ortiz")} />);
    const list = await screen.findByLabelText("Headline figures");
    // A new workbook has assessed nothing: every requirement counts as Not Met, and the pane says so.
    expect(within(list).getByText("SPRS score").closest("div")).toHaveTextContent("SPRS score-203, counting 110 requirements not yet assessed as Not Met");
    expect(screen.getByText("The Summary sheet has not been refreshed yet.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Refresh summary" }));
    expect(await screen.findByText("Summary refreshed: a History row was added and the charts redrawn.")).toBeInTheDocument();
    expect(screen.getByText(/^Summary last refreshed \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.$/)).toBeInTheDocument();
    expect(model.table("History").rows()[0]["Refreshed By"]).toBe("Dana Ortiz");
  });
});
