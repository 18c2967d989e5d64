import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FEDRAMP_HEADERS, fedrampPlan, fedrampSheets } from "../../src/formats/fedramp/fedramp";
import { planSetup } from "../../src/domain/workbook/planSetup";
import { EMPTY_WORKBOOK } from "../../src/domain/workbook/snapshot";
import { readPoamFile } from "../../src/formats/xlsx-read/readPoamFile";
import { writeWorkbookFile } from "../../src/xlsx/writeWorkbookFile";
import { aFinding, aMilestone } from "../support/builders";
import { oscalSchemaErrors } from "../support/oscalSchema";
import { applyPlan } from "../../src/excel/applyPlan";
import { fakeExcel, FakeWorkbook } from "../support/fakeExcel";
import { paneOn, poamModel, renderPane } from "../support/paneHarness";

jest.setTimeout(30_000);

/** jsdom has no object URLs: keep the exported blobs to read them back. */
const blobs = new Map<string, Blob>();
beforeAll(() => {
  let n = 0;
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:export-${++n}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = (url: string) => void blobs.delete(url);
});

const blobText = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });

async function openExport(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("tab", { name: "Export" }));
  return screen.findByRole("heading", { name: "Export" });
}

describe("Export", () => {
  it("offers the OSCAL file for download, valid against NIST's schema, and lists the rule breaks", async () => {
    const user = userEvent.setup();
    // An item with an extension but no reason: a rule break that is exported anyway.
    const model = new FakeWorkbook();
    const findings = [aFinding({ id: "POAM-2026-0001", discovered: "2026-11-01", extendedTo: "2027-01-31" })];
    await fakeExcel(model).run((context) => applyPlan(context, planSetup(EMPTY_WORKBOOK, { findings, people: [{ name: "Dana Ortiz" }] })));
    renderPane(model, { who: "Dana Ortiz" });
    await openExport(user);
    await user.click(screen.getByRole("button", { name: "Export OSCAL JSON" }));
    const link = await screen.findByRole("link", { name: /Download .*oscal-poam\.json/ });
    const document = JSON.parse(await blobText(blobs.get(link.getAttribute("href") as string) as Blob)) as unknown;
    expect(oscalSchemaErrors(document)).toEqual([]);
    expect(screen.getByText("Exported 1 item, 1 risk, 0 milestones, 0 assets and 2 parties.")).toBeInTheDocument();
    expect(screen.getByText("The POA&M has 1 error and 0 warnings; they are exported as they are:")).toBeInTheDocument();
    expect(within(screen.getByLabelText("Rule breaks in the POA&M")).getByText("POAM-2026-0001, Extension Reason: Give the reason for the extension.")).toBeInTheDocument();
  });

  it("adds the FedRAMP sheets and says where", async () => {
    const model = await poamModel();
    const { user } = await paneOn(model, "Export", "Export", { who: "Dana Ortiz" });
    await user.click(screen.getByRole("button", { name: "Add FedRAMP sheets" }));
    expect(await screen.findByText('Added "Open POA&M Items" (0 items) and "Closed POA&M Items" (0 items).')).toBeInTheDocument();
    expect(model.sheet("Open POA&M Items").peek(4, 0)?.value).toBe("POAM ID");
  });

  it("reads a FedRAMP-layout POA&M, previews what does not carry over, and adds its items", async () => {
    const user = userEvent.setup();
    const model = await poamModel();
    renderPane(model, { who: "Dana Ortiz" });
    const theirs = await readPoamFile(
      await writeWorkbookFile(
        planSetup(EMPTY_WORKBOOK, {
          findings: [aFinding({ id: "V-1", weakness: "Überprüfung fehlt", discovered: "2026-10-01" })],
          milestones: [aMilestone({ poamId: "V-1", milestone: "Schritt eins" })],
        }),
      ),
    );
    const file = await writeWorkbookFile(fedrampPlan(fedrampSheets(theirs, { today: "2026-11-23" }), ["Sheet1"], { replace: "Sheet1" }));
    await openExport(user);
    await user.upload(screen.getByLabelText("POA&M workbook (.xlsx) or CSV"), new File([new Uint8Array(file)], "their-poam.xlsx"));
    expect(await screen.findByText("their-poam.xlsx: 1 item and 1 milestone to add.")).toBeInTheDocument();
    expect(within(screen.getByLabelText("What does not carry over")).getByText(/^Column not mapped: Vendor Dependency /)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add 1 item" }));
    expect(await screen.findByText(/^Added 1 item \(V-1\) and 1 milestone\./)).toBeInTheDocument();
    expect(model.table("Poam").rows().map((row) => row.Weakness)).toEqual(["Überprüfung fehlt"]);
    expect(model.table("Milestones").rows().map((row) => row.Milestone)).toEqual(["Schritt eins"]);
  });

  it("reads a POA&M kept as CSV in the template's columns, with what it guessed and kept", async () => {
    const user = userEvent.setup();
    const model = await poamModel();
    renderPane(model, { who: "Dana Ortiz" });
    const quote = (cells: readonly string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(",");
    const values: Record<string, string> = {
      "POAM ID": "V-9",
      Controls: "3.1.1",
      "Weakness Name": "Weak, old TLS",
      "Weakness Detector Source": "ACAS",
      "Original Detection Date": "2026-10-01",
      "Original Risk Rating": "High",
      "Planned Milestones": "Patch by 2026-12-01\nRescan",
      "Service Name": "VPN",
    };
    const csv = [quote(FEDRAMP_HEADERS), quote(FEDRAMP_HEADERS.map((h) => values[h] ?? ""))].join("\r\n");
    await openExport(user);
    await user.upload(screen.getByLabelText("POA&M workbook (.xlsx) or CSV"), new File([csv], "their-poam.csv", { type: "text/csv" }));
    expect(await screen.findByText("their-poam.csv: 1 item and 2 milestones to add.")).toBeInTheDocument();
    const list = within(screen.getByLabelText("What does not carry over"));
    expect(list.getByText(/^Guessed: Weakness Detector Source "ACAS" read as Source "Vulnerability scan".*\(Open POA&M Items row 2\)$/)).toBeInTheDocument();
    expect(list.getByText("Kept in Comments: Service Name (1 item)")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add 1 item" }));
    expect(await screen.findByText(/^Added 1 item \(V-9\) and 2 milestones\./)).toBeInTheDocument();
    expect(model.table("Poam").rows().map((row) => [row.Weakness, row["Item Type"], row.Source])).toEqual([["Weak, old TLS", "Vulnerability (scan finding)", "Vulnerability scan"]]);
    expect(model.table("Milestones").rows().map((row) => row.Milestone)).toEqual(["Patch", "Rescan"]);
  });

  it("lets the user choose the requirement when several fit an item's 800-53 controls", async () => {
    const user = userEvent.setup();
    const model = await poamModel();
    renderPane(model, { who: "Dana Ortiz" });
    const values: Record<string, string> = { "POAM ID": "V-3", Controls: "AC-2", "Weakness Name": "Shared admin account", "Original Detection Date": "2026-10-01", "Original Risk Rating": "Low" };
    const csv = [FEDRAMP_HEADERS.join(","), FEDRAMP_HEADERS.map((h) => values[h] ?? "").join(",")].join("\r\n");
    await openExport(user);
    await user.upload(screen.getByLabelText("POA&M workbook (.xlsx) or CSV"), new File([csv], "accounts.csv", { type: "text/csv" }));
    const choice = await screen.findByLabelText("Requirement for V-3 (Controls AC-2)");
    expect((choice as HTMLSelectElement).value).toBe("3.1.1");
    await user.selectOptions(choice, "3.1.2");
    await user.click(screen.getByRole("button", { name: "Add 1 item" }));
    expect(await screen.findByText(/^Added 1 item \(V-3\)/)).toBeInTheDocument();
    expect(model.table("Poam").rows().map((row) => [row.Requirement, row["Source Ref"]])).toEqual([["3.1.2", "NIST SP 800-53: AC-2"]]);
  });

  it("explains a file that is not a workbook, and writes nothing", async () => {
    const user = userEvent.setup();
    const model = await poamModel();
    const before = model.cellMap();
    renderPane(model, { who: "Dana Ortiz" });
    await openExport(user);
    await user.upload(screen.getByLabelText("POA&M workbook (.xlsx) or CSV"), new File(["not a zip"], "notes.xlsx"));
    expect(await screen.findByText("notes.xlsx is not an Excel workbook (.xlsx) that can be read.")).toBeInTheDocument();
    expect(model.cellMap()).toEqual(before);
  });
});
