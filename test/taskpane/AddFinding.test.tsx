import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { paneOn, poamModel, renderPane } from "../support/paneHarness";

jest.setTimeout(20_000);

async function openAdd(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("tab", { name: "Add finding" }));
  await screen.findByRole("heading", { name: "Add to POA&M" });
}

async function choose(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
  await user.click(screen.getByRole("combobox", { name: label }));
  await user.click(await screen.findByRole("option", { name: option }));
}

/** Fills the first step for a CMMC POA&M item and goes on to the next. */
async function fillWhat(user: ReturnType<typeof userEvent.setup>, requirement: string, weakness: string, source: string) {
  await user.type(screen.getByRole("combobox", { name: /Requirement/ }), requirement);
  await choose(user, "Item Type", "CMMC POA&M item");
  await user.type(screen.getByRole("textbox", { name: /Weakness/ }), weakness);
  await choose(user, "Source", source);
  await user.click(screen.getByRole("button", { name: "Next" }));
}

describe("Add finding", () => {
  it("walks through what, risk, plan and review, then adds the item", async () => {
    const model = await poamModel();
    const { user } = await paneOn(model, "Add finding", "Add to POA&M");

    const requirement = screen.getByRole("combobox", { name: /Requirement/ });
    await user.type(requirement, "logon attempts");
    await user.click(await screen.findByRole("option", { name: /^3\.1\.8 \(AC\) Limit unsuccessful logon attempts/ }));
    expect(screen.getByText("AC.L2-3.1.8 · Access Control · 1 point")).toBeInTheDocument();
    await choose(user, "Item Type", "CMMC POA&M item");
    await user.type(screen.getByRole("textbox", { name: /Weakness/ }), "Account lockout not configured");
    await choose(user, "Source", "Self-assessment");
    await user.click(screen.getByRole("button", { name: "Next" }));

    await user.type(screen.getByRole("textbox", { name: "CVSS" }), "5.3");
    expect(screen.getByText("CVSS suggests Medium.")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Priority" })).toHaveTextContent("Medium");
    await user.click(screen.getByRole("button", { name: "Next" }));

    await user.click(screen.getByRole("combobox", { name: /Owner/ }));
    await user.click(await screen.findByRole("option", { name: "Dana Ortiz (IT Manager)" }));
    await user.click(screen.getByRole("button", { name: "Add milestone" }));
    await user.type(screen.getByRole("textbox", { name: "Milestone 1" }), "Apply lockout GPO");
    await user.type(screen.getByLabelText("Milestone 1 due"), "2027-01-15");
    await user.click(screen.getByRole("button", { name: "Next" }));

    expect(screen.getByText("Check before adding")).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: /Your name, for the Change Log/ }), "Dana Ortiz");
    await user.click(screen.getByRole("button", { name: "Save name" }));
    await user.click(screen.getByRole("button", { name: "Add to POA&M" }));

    expect(await screen.findByText("Added POAM-2026-0001 to the POA&M.")).toBeInTheDocument();
    const row = model.table("Poam").rows()[0];
    expect(row).toMatchObject({ "POA&M ID": expect.stringMatching(/^POAM-\d{4}-0001$/), Requirement: "3.1.8", CVSS: 5.3, Priority: "Medium", Owner: "Dana Ortiz" });
    expect(model.table("Milestones").rows()[0]).toMatchObject({ Milestone: "Apply lockout GPO" });
  });

  it("stops on a step with errors, says why beside the field and moves focus there", async () => {
    const { user } = await paneOn(await poamModel(), "Add finding", "Add to POA&M");
    await user.click(screen.getByRole("button", { name: "Next" }));

    expect(screen.getByText("Fix the fields marked in red before going on.")).toBeInTheDocument();
    expect(screen.getByText("Weakness is required.")).toBeInTheDocument();
    expect(screen.getByText("Requirement is required.")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /Weakness/ })).toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(document.activeElement).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByRole("listitem", { current: "step" })).toHaveTextContent("1. What");
  });

  it("refuses a CMMC POA&M item on a requirement that may not sit on one", async () => {
    const { user } = await paneOn(await poamModel(), "Add finding", "Add to POA&M");
    await user.type(screen.getByRole("combobox", { name: /Requirement/ }), "3.1.1");
    await choose(user, "Item Type", "CMMC POA&M item");
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(screen.getByText(/3\.1\.1 \(5 points\) may not sit on a CMMC POA&M/)).toBeInTheDocument();
    expect(screen.getByText("Fix the fields marked in red before going on.")).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: /Requirement/ })).toHaveAttribute("aria-invalid", "true");
  });

  it.each([
    ["refuses", "Not Met", true],
    ["accepts", "Partial", false],
  ])("%s 3.13.11 as a CMMC POA&M item while the Controls sheet says %s", async (_, status, refused) => {
    const user = userEvent.setup();
    const model = await poamModel();
    const controls = model.table("Controls");
    const row = controls.rows().findIndex((r) => r.Requirement === "3.13.11");
    controls.sheet.cell(controls.range.row + 1 + row, controls.range.column + controls.headers().indexOf("Status")).value = status;
    renderPane(model);
    await openAdd(user);
    await fillWhat(user, "3.13.11", "Backup NAS encryption not FIPS-validated", "Self-assessment");
    const message = screen.queryByText(/3\.13\.11 may sit on a CMMC POA&M only when encryption is used but is not FIPS-validated/);
    if (refused) expect(message).toBeInTheDocument();
    else expect(message).not.toBeInTheDocument();
    expect(screen.queryByText("Fix the fields marked in red before going on.") !== null).toBe(refused);
  });

  it("adds a person to People from the owner field", async () => {
    const model = await poamModel();
    const { user } = await paneOn(model, "Add finding", "Add to POA&M", { who: "Dana Ortiz" });
    await user.click(screen.getByRole("button", { name: "Next" }));
    await user.type(screen.getByRole("textbox", { name: /Weakness/ }), "x");
    // Go to the plan step by filling the first step enough to pass.
    await user.type(screen.getByRole("combobox", { name: /Requirement/ }), "3.1.8");
    await choose(user, "Item Type", "CMMC POA&M item");
    await choose(user, "Source", "Audit");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await choose(user, "Priority", "Low");
    await user.click(screen.getByRole("button", { name: "Next" }));

    await user.click(await screen.findByRole("button", { name: "Add person (Owner)" }));
    const form = screen.getByRole("form", { name: "Add a person to Settings > People" });
    await user.type(within(form).getByRole("textbox", { name: /Name/ }), "Lee Chen");
    await user.type(within(form).getByRole("textbox", { name: "Role" }), "Systems Administrator");
    await user.click(within(form).getByRole("button", { name: "Add" }));

    await waitFor(() => expect(screen.queryByRole("form", { name: "Add a person to Settings > People" })).not.toBeInTheDocument());
    expect(screen.getByRole("combobox", { name: /Owner/ })).toHaveValue("Lee Chen");
    expect(model.table("People").rows().map((r) => r.Name)).toEqual(["Dana Ortiz", "Sam Patel", "Lee Chen"]);
  });

  it("shows Excel's refusal as a short message and keeps the form", async () => {
    const user = userEvent.setup();
    const model = await poamModel();
    const { excel } = renderPane(model, { who: "Dana Ortiz" });
    excel.context.failWhen({ when: (command) => command.op === "table.rows.add", code: "AccessDenied" });
    await openAdd(user);
    await fillWhat(user, "3.1.8", "Lockout", "Audit");
    await choose(user, "Priority", "Low");
    await user.click(screen.getByRole("button", { name: "Next" }));
    await choose(user, "Owner", "Dana Ortiz (IT Manager)");
    await user.click(screen.getByRole("button", { name: "Next" }));
    // The item fills the new table's blank row; Excel then refuses to add the Change Log row.
    await user.click(screen.getByRole("button", { name: "Add to POA&M" }));
    expect(await screen.findByText(/Excel did not allow the change/)).toBeInTheDocument();
    expect(screen.getByText("Check before adding")).toBeInTheDocument();
    expect(model.table("Poam").rows()[0]["POA&M ID"]).toBe("");
  });
});
