import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { WorkbookActions } from "../../src/domain/ports";
import { createExcelActions } from "../../src/excel/createExcelActions";
import { SELECTION_QUIET_MS } from "../../src/taskpane/useSelectedItem";
import { aDraft } from "../support/builders";
import { fakeExcel, type FakeWorkbook } from "../support/fakeExcel";
import { paneOn, poamModel, renderPane } from "../support/paneHarness";

jest.setTimeout(20_000);

async function withItem(): Promise<FakeWorkbook> {
  const model = await poamModel();
  await createExcelActions(fakeExcel(model).run).addFinding(
    aDraft({ status: "In Progress", milestones: [{ milestone: "Apply lockout GPO", dueDate: "2026-12-01", completedOn: "" }] }),
    "Dana Ortiz",
  );
  await model.select("POA&M", "E2");
  return model;
}

async function openItem(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("tab", { name: "Item" }));
  return screen.findByRole("heading", { name: /POAM-\d{4}-0001: Account lockout not configured/ });
}

describe("Selected item", () => {
  it("shows the item at the selection with its milestones", async () => {
    await paneOn(await withItem(), "Item", /POAM-\d{4}-0001: Account lockout not configured/, { who: "Sam Patel" });
    expect(screen.getByText("In Progress")).toBeInTheDocument();
    expect(screen.getByText(/Apply lockout GPO · 2026-12-01/)).toBeInTheDocument();
  });

  it("says what to do when the selection is not on an item", async () => {
    const user = userEvent.setup();
    const model = await withItem();
    await model.select("Controls", "B5");
    renderPane(model);
    await user.click(screen.getByRole("tab", { name: "Item" }));
    expect(await screen.findByText("Select a row of the POA&M table to see and update that item here.")).toBeInTheDocument();
  });

  it("closes the item with verifier and evidence, and logs who did it", async () => {
    const model = await withItem();
    const { user } = await paneOn(model, "Item", /POAM-\d{4}-0001: Account lockout not configured/, { who: "Sam Patel" });
    await user.click(screen.getByRole("button", { name: "Close with evidence" }));
    const form = screen.getByRole("form", { name: "Close with evidence" });
    await user.click(within(form).getByRole("combobox", { name: /Verified By/ }));
    await user.click(await screen.findByRole("option", { name: "Sam Patel (Security Lead)" }));
    await user.type(within(form).getByRole("textbox", { name: /Evidence/ }), "Evidence/lockout-gpo.pdf");
    await user.click(within(form).getByRole("button", { name: "Save" }));

    expect(await screen.findByText(/POAM-\d{4}-0001 saved\./)).toBeInTheDocument();
    expect(model.table("Poam").rows()[0]).toMatchObject({ Status: "Closed", "Verified By": "Sam Patel", Evidence: "Evidence/lockout-gpo.pdf" });
    expect(model.table("ChangeLog").rows().filter((r) => r.Who === "Sam Patel").map((r) => r.Field)).toEqual(["Status", "Completed On", "Verified By", "Evidence"]);
  });

  it("completes a milestone and extends the due date with a reason", async () => {
    const model = await withItem();
    const { user } = await paneOn(model, "Item", /POAM-\d{4}-0001: Account lockout not configured/, { who: "Dana Ortiz" });
    await user.click(screen.getByRole("button", { name: "Mark done today: Apply lockout GPO" }));
    await waitFor(() => expect(model.table("Milestones").rows()[0]["Completed On"]).not.toBe(""));

    await user.click(screen.getByRole("button", { name: "Extend due date" }));
    const form = screen.getByRole("form", { name: "Extend due date" });
    await user.type(within(form).getByLabelText(/New due date/), "2027-02-01");
    await user.click(within(form).getByRole("button", { name: "Save" }));
    expect(await within(form).findByText("Give the reason for the extension.")).toBeInTheDocument();
    expect(model.table("Poam").rows()[0]["Extended To"]).toBe("");

    await user.type(within(form).getByRole("textbox", { name: /Extension Reason/ }), "Vendor fix due in January");
    await user.click(within(form).getByRole("button", { name: "Save" }));
    await screen.findByText(/saved\./);
    expect(model.table("Poam").rows()[0]).toMatchObject({ "Extension Reason": "Vendor fix due in January" });
  });

  it("refuses to accept the risk while a milestone is open", async () => {
    const model = await withItem();
    const { user } = await paneOn(model, "Item", /POAM-\d{4}-0001: Account lockout not configured/, { who: "Dana Ortiz" });
    await user.click(screen.getByRole("button", { name: "Accept the risk" }));
    const form = screen.getByRole("form", { name: "Accept the risk" });
    await user.click(within(form).getByRole("button", { name: "Save" }));
    expect(await within(form).findByText(/A risk-accepted item has no milestones due/)).toBeInTheDocument();
    expect(model.table("Poam").rows()[0].Status).toBe("In Progress");
  });

  it("reads the item once when the selection settles, not once per cell", async () => {
    const user = userEvent.setup();
    const model = await withItem();
    let reads = 0;
    const count = (actions: WorkbookActions): WorkbookActions => ({
      ...actions,
      readSelection: () => {
        reads++;
        return actions.readSelection();
      },
    });
    renderPane(model, { who: "Dana Ortiz", wrap: count });
    await openItem(user);
    expect(reads).toBe(1);
    await act(async () => {
      for (const column of "ABCDEFGHIJ") await model.select("POA&M", `${column}2`);
    });
    await act(() => new Promise((done) => setTimeout(done, SELECTION_QUIET_MS * 2)));
    expect(reads).toBe(2);
  });
});
