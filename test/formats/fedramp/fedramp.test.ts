import { readFileSync } from "node:fs";
import { cellAddress, columnLetter } from "../../../src/domain/core/a1";
import { buildDemoData } from "../../../src/domain/demo/demoData";
import { toSerial } from "../../../src/domain/core/dates";
import {
  FEDRAMP_DETAIL_LABELS,
  FEDRAMP_HEADER_ROW,
  FEDRAMP_HEADERS,
  FEDRAMP_HOMES,
  FEDRAMP_SHEETS,
  OWN_COLUMNS,
  controlsText,
  fedrampPlan,
  fedrampSheets,
  milestoneChangesText,
  plannedMilestonesText,
  riskRatings,
  type FedrampSheet,
} from "../../../src/formats/fedramp/fedramp";
import type { Cell } from "../../../src/domain/workbook/plan";
import { freeSheetName } from "../../../src/domain/workbook/sheetNames";
import type { Finding } from "../../../src/domain/poam/records";
import { POAM_COLUMNS } from "../../../src/domain/workbook/schema";
import { readXlsx, type StoredWorkbook } from "../../../src/formats/xlsx-read/readXlsx";
import { aFinding, aMilestone, poamDataOf } from "../../support/builders";
import { sharedFile } from "../../support/shared";

const TODAY = "2026-11-23";


/** The cell of a sheet's data row under a header. */
const cellOf = (sheet: FedrampSheet, row: number, header: string): Cell => sheet.rows[row][sheet.headers.indexOf(header)];

describe("the header constant against the FedRAMP template", () => {
  let template: StoredWorkbook;
  // The template is 0.9 MB with four thousand formula rows: reading it takes seconds.
  beforeAll(async () => {
    template = await readXlsx(readFileSync(sharedFile("corpus", "poam", "FedRAMP-POAM-Template.xlsx")));
  }, 60_000);

  it.each([FEDRAMP_SHEETS.open, FEDRAMP_SHEETS.closed])("matches row 5 of %s column by column", (name) => {
    const cells = template.sheet(name).cells;
    expect(FEDRAMP_HEADER_ROW + 1).toBe(5);
    FEDRAMP_HEADERS.forEach((header, column) => {
      const address = cellAddress({ row: FEDRAMP_HEADER_ROW, column });
      expect({ address, header: cells.get(address)?.value }).toEqual({ address, header });
    });
    // Nothing after AE: the constant holds the whole row.
    expect(cells.get(cellAddress({ row: FEDRAMP_HEADER_ROW, column: FEDRAMP_HEADERS.length }))).toBeUndefined();
    expect(columnLetter(FEDRAMP_HEADERS.length - 1)).toBe("AE");
  });

  it.each([FEDRAMP_SHEETS.open, FEDRAMP_SHEETS.closed])("has the header block labels on row 2 of %s", (name) => {
    const cells = template.sheet(name).cells;
    FEDRAMP_DETAIL_LABELS.forEach((label, column) => expect(cells.get(cellAddress({ row: 1, column }))?.value).toBe(label));
  });

  it("names every sheet the export and the import use", () => {
    expect(template.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(Object.values(FEDRAMP_SHEETS)));
  });
});

describe("fedrampSheets", () => {
  const open = aFinding({
    id: "POAM-2026-0001",
    requirement: "3.1.8",
    weakness: "=1+1",
    description: "Lockout after 5 attempts — not set",
    source: "Vulnerability scan",
    sourceRef: "Nessus 12345; CVE-2024-1234, cve-2024-5678",
    assets: "10.0.0.5 (web01)",
    discovered: "2026-11-01",
    cvss: 9.8,
    priority: "High",
    status: "Risk Accepted",
    residualRisk: "Low: the host is isolated",
    evidence: "SharePoint/Evidence/lockout.pdf",
    updated: "2026-11-20",
  });
  const closed = aFinding({ id: "POAM-2026-0002", status: "Completed", completedOn: "2026-11-15", updated: "2026-11-16", priority: "Low" });
  const data = poamDataOf({
    findings: [open, closed],
    milestones: [
      aMilestone({ poamId: "POAM-2026-0001", milestone: "Patch servers", dueDate: "2026-12-01", completedOn: "2026-11-30" }),
      aMilestone({ poamId: "POAM-2026-0001", milestone: "Rescan", dueDate: "2026-12-10", notes: "After the window" }),
    ],
    settings: { organisation: "Northwind Précision", systemName: "CUI Enclave" },
  });
  const sheets = fedrampSheets(data, { today: TODAY });

  it("puts open items on the open sheet and closed ones on the closed sheet", () => {
    expect(sheets.open.rows.map((row) => row[0])).toEqual(["POAM-2026-0001"]);
    expect(sheets.closed.rows.map((row) => row[0])).toEqual(["POAM-2026-0002"]);
    expect(sheets.open.name).toBe("Open POA&M Items");
    expect(sheets.closed.name).toBe("Closed POA&M Items");
  });

  it("writes the template's header block above the headers", () => {
    expect(sheets.open.above).toEqual([
      ["Plan of Action and Milestones (POA&M)"],
      ["CSP", "System Name", "Impact Level", "POAM Date"],
      ["Northwind Précision", "CUI Enclave", "Moderate", toSerial(TODAY)],
      [],
    ]);
    expect(sheets.open.above.length).toBe(FEDRAMP_HEADER_ROW);
    expect(sheets.open.headers).toEqual([...FEDRAMP_HEADERS, ...OWN_COLUMNS]);
  });

  it("maps the item into the template's columns", () => {
    const cell = (header: string) => cellOf(sheets.open, 0, header);
    const expected: Record<string, unknown> = {
      Controls: "3.1.8 (AC.L2-3.1.8)",
      "Weakness Name": "=1+1",
      "Weakness Detector Source": "Vulnerability scan",
      "Weakness Source Identifier": "Nessus 12345; CVE-2024-1234, cve-2024-5678",
      CVE: "CVE-2024-1234, CVE-2024-5678",
      "Point of Contact": "Dana Ortiz",
      "Original Detection Date": toSerial("2026-11-01"),
      // High: 30 days from discovery.
      "Scheduled Completion Date": toSerial("2026-12-01"),
      "Status Date": toSerial("2026-11-20"),
      "Planned Milestones": "(1) 2026-12-01: Patch servers\n\n(2) 2026-12-10: Rescan",
      "Milestone Changes": "(1) Complete 2026-11-30 : Patch servers\n\n(2) Update 2026-12-10 : After the window",
      "Original Risk Rating": "High",
      "Adjusted Risk Rating": "N/A",
      "Risk Adjustment": "No",
      "False Positive": "No",
      "Operational Requirement": "Yes",
      "Deviation Rationale": "Low: the host is isolated",
      "Supporting Documents": "SharePoint/Evidence/lockout.pdf",
      "Vendor Dependency": null,
      Priority: "High",
      CVSS: 9.8,
      Status: "Risk Accepted",
    };
    expect(Object.fromEntries(Object.keys(expected).map((header) => [header, cell(header)]))).toEqual(expected);
  });

  it("gives a closed item its completion date as the status date", () => {
    expect(cellOf(sheets.closed, 0, "Status Date")).toBe(toSerial("2026-11-15"));
    expect(cellOf(sheets.closed, 0, "Status")).toBe("Completed");
  });

  it("can leave our own columns out, and says which columns then go nowhere", () => {
    const bare = fedrampSheets(data, { today: TODAY, ownColumns: false });
    expect(bare.open.headers).toEqual([...FEDRAMP_HEADERS]);
    expect(bare.open.rows[0]).toHaveLength(FEDRAMP_HEADERS.length);
    expect(bare.unmapped).toEqual(expect.arrayContaining(["Item Type", "Root Cause", "Ticket", "Family", "State"]));
    expect(bare.unmapped).not.toContain("Priority");
    expect(sheets.unmapped).toEqual(["Family", "Target Date", "Days Open", "Days Left", "State", "SPRS Points", "CMMC POA&M OK"]);
  });

  it("has a home, or a reason for none, for every Poam column", () => {
    expect(Object.keys(FEDRAMP_HOMES)).toEqual(POAM_COLUMNS.map((c) => c.header));
    for (const column of OWN_COLUMNS) expect(FEDRAMP_HOMES[column]).toHaveProperty("own", true);
  });

  it("fills every data row of the demo POA&M with the template's width", () => {
    const demo = fedrampSheets(poamDataOf(buildDemoData(TODAY)), { today: TODAY });
    expect(demo.open.rows.length + demo.closed.rows.length).toBe(40);
    for (const row of [...demo.open.rows, ...demo.closed.rows]) expect(row).toHaveLength(FEDRAMP_HEADERS.length + OWN_COLUMNS.length);
  });
});

describe("risk ratings", () => {
  it.each<[Partial<Finding>, ReturnType<typeof riskRatings>]>([
    [{ priority: "Critical" }, { original: "High", adjusted: "N/A", adjustment: "No" }],
    [{ priority: "High" }, { original: "High", adjusted: "N/A", adjustment: "No" }],
    [{ priority: "Medium" }, { original: "Moderate", adjusted: "N/A", adjustment: "No" }],
    [{ priority: "Low" }, { original: "Low", adjusted: "N/A", adjustment: "No" }],
    [{ priority: "Low", cvss: 7.5 }, { original: "High", adjusted: "Low", adjustment: "Yes" }],
    [{ priority: "Critical", cvss: 7.5 }, { original: "High", adjusted: "N/A", adjustment: "No" }],
    [{ priority: "Urgent" }, { original: undefined, adjusted: "N/A", adjustment: "No" }],
  ])("%j gives %j", (finding, expected) => {
    expect(riskRatings(finding)).toEqual(expected);
  });
});

describe("text columns", () => {
  it("names the CMMC practice beside a known requirement and keeps other text", () => {
    expect(controlsText("3.13.11")).toBe("3.13.11 (SC.L2-3.13.11)");
    expect(controlsText("AC-2")).toBe("AC-2");
    expect(controlsText(undefined)).toBeUndefined();
  });

  it("writes milestones without dates and an item's extension", () => {
    const milestones = [aMilestone({ milestone: "Decide", dueDate: undefined, notes: "Needs the board" })];
    expect(plannedMilestonesText(milestones)).toBe("(1) Decide");
    expect(plannedMilestonesText([])).toBeUndefined();
    expect(milestoneChangesText({ extendedTo: "2027-01-15", extensionReason: "Vendor late" }, milestones)).toBe(
      "Scheduled completion extended to 2027-01-15 : Vendor late\n\n(1) Update : Needs the board",
    );
  });
});

describe("fedrampPlan", () => {
  const sheets = fedrampSheets(poamDataOf({ findings: [aFinding({ weakness: "=HYPERLINK(\"x\")" })] }), { today: TODAY });

  it("adds the two sheets under free names", () => {
    const plan = fedrampPlan(sheets, ["POA&M", "open poa&m items"]);
    expect(plan.open).toBe("Open POA&M Items (2)");
    expect(plan.closed).toBe("Closed POA&M Items");
    expect(plan.ops.filter((op) => op.kind === "addSheet").map((op) => op.kind === "addSheet" && op.sheet)).toEqual([plan.open, plan.closed]);
  });

  it("takes over a new workbook's empty sheet", () => {
    const plan = fedrampPlan(sheets, ["Sheet1"], { replace: "Sheet1" });
    expect(plan.ops[0]).toMatchObject({ kind: "renameSheet", from: "Sheet1", to: "Open POA&M Items" });
    expect(plan.open).toBe("Open POA&M Items");
  });

  it("writes the rows as literal cells, never formulas, and freezes the header", () => {
    const plan = fedrampPlan(sheets, []);
    const write = plan.ops.find((op) => op.kind === "writeCells" && op.sheet === plan.open);
    expect(write).toBeDefined();
    if (write?.kind !== "writeCells") return;
    expect(write.cells[FEDRAMP_HEADER_ROW]).toEqual(sheets.open.headers);
    expect(write.cells[FEDRAMP_HEADER_ROW + 1][2]).toBe("=HYPERLINK(\"x\")");
    expect(write.cells.flat().every((cell) => cell === null || typeof cell !== "object")).toBe(true);
    expect(plan.ops).toContainEqual({ kind: "freezePanes", sheet: plan.open, rows: FEDRAMP_HEADER_ROW + 1, columns: 0 });
  });

  it("keeps sheet names within Excel's 31 characters", () => {
    expect(freeSheetName("Closed POA&M Items but much longer", ["Closed POA&M Items but much longer"]).length).toBeLessThanOrEqual(31);
  });
});
