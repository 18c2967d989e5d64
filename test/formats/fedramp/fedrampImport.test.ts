import { readFileSync } from "node:fs";
import { cellAddress } from "../../../src/domain/core/a1";
import { toSerial } from "../../../src/domain/core/dates";
import { FEDRAMP_HEADERS, FEDRAMP_SHEETS, fedrampPlan, fedrampSheets } from "../../../src/formats/fedramp/fedramp";
import { IMPORTED_SCHEDULE_REASON, applyMilestoneChanges, parsePlannedMilestones, priorityFromRatings, readFedrampPoam, requirementFromControls } from "../../../src/formats/fedramp/fedrampImport";
import type { Finding, Milestone } from "../../../src/domain/poam/records";
import { EMPTY_WORKBOOK } from "../../../src/domain/workbook/snapshot";
import { writeWorkbookFile } from "../../../src/xlsx/writeWorkbookFile";
import { readXlsx, type StoredWorkbook } from "../../../src/formats/xlsx-read/readXlsx";
import { poamDataOf } from "../../support/builders";
import { sharedFile } from "../../support/shared";
import { type CellsWorkbook, choiceKey } from "../../../src/domain/poam/migration";
import { computeItem } from "../../../src/domain/poam/computeItem";

const TODAY = "2026-11-23";


/** A sheet of literal cells from rows of values, the first row being sheet row `firstRow` (1-based). */
function sheetOf(name: string, rows: readonly (readonly unknown[])[], firstRow = 5): CellsWorkbook["sheets"][number] {
  const cells = new Map<string, { value: unknown }>();
  rows.forEach((values, r) =>
    values.forEach((value, column) => {
      if (value !== undefined && value !== null) cells.set(cellAddress({ row: firstRow - 1 + r, column }), { value });
    }),
  );
  return { name, cells };
}

/** A template row with the given values by header. */
const rowOf = (values: Partial<Record<(typeof FEDRAMP_HEADERS)[number], unknown>>) => FEDRAMP_HEADERS.map((h) => values[h]);

// ---------------------------------------------------------------------------
// The round trip

/** Every field an item can hold, in open and closed items, with text that looks like formulas and is not ASCII. */
const FINDINGS: Finding[] = [
  {
    id: "POAM-2026-0001",
    itemType: "CMMC POA&M item",
    requirement: "3.1.8",
    weakness: "=1+1",
    description: "Kontosperre fehlt — 5 Versuche\nsecond line: ✓ 日本語",
    rootCause: "GPO never linked to the Engineering OU",
    source: "Third-party assessment",
    sourceRef: "C3PAO report §4.2; CVE-2024-1234",
    assets: "10.0.0.5 (web01), 10.0.0.6",
    discovered: "2026-10-01",
    cvss: 9.8,
    priority: "High",
    owner: "Zoë Ångström",
    implementer: "Jürgen Groß",
    approver: "@Dana Ortiz",
    plannedActions: "+SUM(A1:A3) then link the GPO",
    acceptanceCriteria: "-rescan shows lockout set",
    resources: "2 hours; €0",
    estCost: 1234.5,
    interimMitigation: "Manual review of failed logons\n(daily)",
    extendedTo: "2027-01-15",
    extensionReason: "Vendor patch delayed: =NOW()",
    status: "In Progress",
    evidence: "https://intranet.example/evidence/lockout",
    ticket: "JIRA-42",
    residualRisk: "Low — only admins can log on",
    updated: "2026-11-20",
    comments: "Reviewed at the monthly meeting.\n\nNext: board sign-off",
  },
  {
    id: "POAM-2026-0002",
    itemType: "Enduring exception",
    requirement: "3.13.11",
    weakness: "Legacy CNC controller lacks FIPS crypto",
    source: "Self-assessment",
    discovered: "2026-09-15",
    priority: "Critical",
    owner: "Dana Ortiz",
    status: "Risk Accepted",
    residualRisk: "Accepted until the controller is replaced",
    updated: "2026-11-01",
  },
  {
    id: "POAM-2026-0003",
    itemType: "Vulnerability (scan finding)",
    requirement: "3.99.9",
    weakness: "Outdated OpenSSL",
    source: "Vulnerability scan",
    sourceRef: "Nessus 12345",
    discovered: "2026-08-01",
    cvss: 5.3,
    priority: "Medium",
    status: "Open",
  },
  {
    id: "POAM-2026-0004",
    itemType: "CMMC POA&M item",
    requirement: "3.5.3",
    weakness: "MFA missing for VPN",
    description: "Σ users",
    source: "Audit",
    sourceRef: "Audit 2026-03",
    assets: "vpn01",
    discovered: "2026-06-01",
    priority: "Low",
    owner: "Dana Ortiz",
    plannedActions: "Enable Duo",
    resources: "Duo licences",
    status: "Completed",
    completedOn: "2026-11-10",
    updated: "2026-11-11",
    verifiedBy: "Ana Silva",
    evidence: "=HYPERLINK(\"x\")",
    ticket: "GH-7",
    comments: "Done",
  },
  {
    id: "POAM-2026-0005",
    itemType: "CMMC POA&M item",
    requirement: "3.3.1",
    weakness: "Audit logs kept 30 days",
    source: "Self-assessment",
    discovered: "2026-05-01",
    priority: "High",
    status: "Closed",
    completedOn: "2026-06-15",
    verifiedBy: "Ana Silva",
    evidence: "Log retention screenshot",
  },
];

const MILESTONES: Milestone[] = [
  { poamId: "POAM-2026-0001", milestone: "Link the GPO", dueDate: "2026-11-01", completedOn: "2026-10-30" },
  { poamId: "POAM-2026-0001", milestone: "Rescan — all hosts", dueDate: "2026-12-01", notes: "Waiting on the vendor\nsecond line" },
  { poamId: "POAM-2026-0001", milestone: "=Verify with the assessor" },
  // An undated milestone whose name holds a date keeps it in its name.
  { poamId: "POAM-2026-0001", milestone: "Review the 2026-11-15 findings - all of them" },
  { poamId: "POAM-2026-0004", milestone: "Roll out Duo", dueDate: "2026-10-01", completedOn: "2026-10-05", notes: "Took a week longer" },
];

/** The fields the round trip keeps for an item; a closed item's Updated is not carried (its Status Date is the completion date). */
const keptFields = (finding: Finding): Partial<Finding> =>
  finding.status === "Completed" || finding.status === "Closed" ? { ...finding, updated: undefined } : finding;

describe("a POA&M exported to the template's layout and read back", () => {
  const data = poamDataOf({
    findings: FINDINGS,
    milestones: MILESTONES,
    settings: { organisation: "Müller & Söhne GmbH", systemName: "CUI Enclave", assessmentDate: "2026-09-01" },
  });
  let stored: StoredWorkbook;
  beforeAll(async () => {
    const sheets = fedrampSheets(data, { today: TODAY });
    const plan = fedrampPlan(sheets, EMPTY_WORKBOOK.sheets.map((s) => s.name), { replace: EMPTY_WORKBOOK.sheets[0].name });
    stored = await readXlsx(await writeWorkbookFile(plan));
  }, 60_000);
  // Into the same POA&M's rules, but not its IDs: here the items come home rather than arrive.
  const read = () => readFedrampPoam(stored, { into: data, issued: [], today: TODAY });

  it("writes both sheets and keeps formula-looking text as text", () => {
    expect(stored.sheets.map((s) => s.name)).toEqual([FEDRAMP_SHEETS.open, FEDRAMP_SHEETS.closed]);
    const open = stored.sheet(FEDRAMP_SHEETS.open);
    expect(open.cells.get("C6")).toMatchObject({ value: "=1+1" });
    expect(open.cells.get("C6")?.formula).toBeUndefined();
    expect(open.cells.get("K6")).toMatchObject({ numberFormat: "yyyy-mm-dd" });
    expect([...stored.sheets.flatMap((s) => [...s.cells.values()])].filter((c) => c.formula !== undefined)).toEqual([]);
  });

  it("gives back every mapped field of every item", () => {
    const result = read();
    const byId = new Map(result.findings.map((f) => [f.id, f]));
    expect(result.findings).toHaveLength(FINDINGS.length);
    for (const finding of FINDINGS) expect(byId.get(finding.id)).toEqual(keptFields(finding));
  });

  it("gives back every milestone of every item, in order", () => {
    expect(read().milestones).toEqual(MILESTONES);
  });

  it("reads the header block, skips nothing, and reports only the template's columns with no field", () => {
    const result = read();
    expect(result.details).toEqual({ csp: "Müller & Söhne GmbH", systemName: "CUI Enclave", impactLevel: "Moderate", poamDate: TODAY });
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ row: 8, message: expect.stringContaining('Controls "3.99.9"') })]);
    expect(result.unmapped.map((u) => u.column)).toEqual([
      "Vendor Dependency",
      "Last Vendor Check-in Date",
      "Vendor Dependent Product Name",
      "Risk Adjustment",
      "False Positive",
      "Auto-Approve",
      "Binding Operational Directive 22-01 tracking",
      "Binding Operational Directive 22-01 Due Date",
      "Service Name",
    ]);
  });

  it("reads the template's columns alone when our own columns are left out", async () => {
    const sheets = fedrampSheets(data, { today: TODAY, ownColumns: false });
    const bare = await readXlsx(await writeWorkbookFile(fedrampPlan(sheets, ["Sheet1"], { replace: "Sheet1" })));
    const result = readFedrampPoam(bare, { into: data, issued: [], today: TODAY });
    const first = result.findings.find((f) => f.id === "POAM-2026-0001");
    expect(first).toMatchObject({ weakness: "=1+1", priority: "High", status: "Open", extendedTo: "2027-01-15", residualRisk: FINDINGS[0].residualRisk });
    expect(first?.implementer).toBeUndefined();
    expect(result.findings.find((f) => f.id === "POAM-2026-0002")).toMatchObject({ priority: "High", status: "Risk Accepted" });
    expect(result.findings.find((f) => f.id === "POAM-2026-0004")).toMatchObject({ status: "Closed", completedOn: "2026-11-10" });
    expect(result.milestones).toEqual(MILESTONES);
  }, 60_000);
});

// ---------------------------------------------------------------------------
// The template itself

describe("the FedRAMP template file", () => {
  let template: StoredWorkbook;
  // The template is 0.9 MB with four thousand formula rows: reading it takes seconds.
  beforeAll(async () => {
    template = await readXlsx(readFileSync(sharedFile("corpus", "poam", "FedRAMP-POAM-Template.xlsx")));
  }, 60_000);

  it("holds no items: its instruction and example rows are skipped with a reason", () => {
    const result = readFedrampPoam(template, { today: TODAY });
    expect(result.findings).toEqual([]);
    expect(result.milestones).toEqual([]);
    expect(result.skipped).toEqual([
      { sheet: FEDRAMP_SHEETS.open, row: 6, reason: "The template's column instructions." },
      { sheet: FEDRAMP_SHEETS.open, row: 7, reason: "The template's column instructions." },
      { sheet: FEDRAMP_SHEETS.open, row: 8, reason: "The template's example item." },
    ]);
    expect(result.warnings).toEqual([]);
    expect(result.unmapped.some((u) => u.reason.startsWith("Not in the header row"))).toBe(false);
  });

  it("reads the template's example item once it has an ID of its own", () => {
    const open = template.sheet(FEDRAMP_SHEETS.open);
    const cells = new Map(open.cells);
    cells.set("A8", { ...cells.get("A8")!, value: "V-1" });
    const result = readFedrampPoam({ sheets: [{ name: open.name, cells }] }, { today: TODAY });
    expect(result.findings).toHaveLength(1);
    const [item] = result.findings;
    expect(item).toMatchObject({
      id: "V-1",
      requirement: "AC-1",
      weakness: "Open port on Example Firewall",
      // A scanner's name is a Vulnerability scan; the name goes to Source Ref.
      source: "Vulnerability scan",
      itemType: "Vulnerability (scan finding)",
      sourceRef: "Nessus: 12345; CVE-1234-1234",
      assets: "172.246.15.3 (80/TCP)\nhttp://vuln.gov/queries\n172.246.16.17 (80/tcp)",
      owner: "John Doe -  Example CSP",
      discovered: "2014-05-05",
      // Adjusted from High to Moderate.
      priority: "Medium",
      status: "Open",
      updated: "2014-08-05",
      residualRisk: expect.stringContaining("Operational Requirement: The port is needed"),
      evidence: expect.stringContaining("DR-123-Example-1.doc"),
    });
    // The template's own date is 90 days on, as the SLA gives Medium: no extension.
    expect(item.extendedTo).toBeUndefined();
    expect(item.comments).toContain("none");
    // Adjusted from High: the original rating is kept.
    for (const kept of [
      "Original Risk Rating: High",
      "Vendor Dependency: Yes",
      "Last Vendor Check-in Date: 2014-08-05",
      "Vendor Dependent Product Name: Example Firewall",
      "Service Name: Flux Capacitor\nFire Bolt",
      "Binding Operational Directive 22-01 Due Date: 2021-08-05",
    ]) {
      expect(item.comments).toContain(kept);
    }
    expect(result.milestones).toEqual([
      { poamId: "V-1", milestone: "Milestone Description", dueDate: "2014-05-23" },
      { poamId: "V-1", milestone: "Milestone \nDescription", dueDate: "2014-06-18", notes: "That milestone was delayed due to a Vendor Dependency" },
      { poamId: "V-1", milestone: "This is the details of this new milestone", dueDate: "2014-06-13" },
    ]);
    expect(result.warnings).toEqual([expect.objectContaining({ row: 8, message: expect.stringContaining('Controls "AC-1"') })]);
  });
});

// ---------------------------------------------------------------------------
// Sheets that differ from the template

describe("readFedrampPoam on sheets of its own", () => {
  const header = [...FEDRAMP_HEADERS];

  it("reports a header the sheet lacks and reads the rest", () => {
    const without = header.filter((h) => h !== "Asset Identifier");
    const row = without.map((h) => ({ "POAM ID": "X-1", "Weakness Name": "Weak TLS", "Original Risk Rating": "Low", "Original Detection Date": "2026-01-05", "Scheduled Completion Date": "2026-03-01" })[h as string]);
    const result = readFedrampPoam({ sheets: [sheetOf(FEDRAMP_SHEETS.open, [without, row])] }, { today: TODAY });
    expect(result.unmapped).toContainEqual({ column: "Asset Identifier", reason: 'Not in the header row of "Open POA&M Items" (row 5).' });
    expect(result.findings).toEqual([
      expect.objectContaining({ id: "X-1", weakness: "Weak TLS", priority: "Low", discovered: "2026-01-05", status: "Open" }),
    ]);
    // Low gives 180 days; the sheet's earlier date is kept as an extension.
    expect(result.findings[0]).toMatchObject({ extendedTo: "2026-03-01", extensionReason: IMPORTED_SCHEDULE_REASON });
    expect(result.findings[0].assets).toBeUndefined();
  });

  it("finds headers whatever their spacing, case and place, and sheets whatever their case", () => {
    const shuffled = [...header].reverse().map((h) => ` ${h.toUpperCase().replace(/ /g, "\n")} `);
    const values = rowOf({ "POAM ID": "A-1", "Weakness Name": "Open SMB share", "Original Risk Rating": "high", "Status Date": toSerial("2026-10-07") });
    const result = readFedrampPoam({ sheets: [sheetOf("closed poa&m items (2)", [["Title"], [], shuffled, [...values].reverse()], 3)] }, { today: TODAY });
    expect(result.findings).toEqual([expect.objectContaining({ id: "A-1", weakness: "Open SMB share", priority: "High", status: "Closed", completedOn: "2026-10-07" })]);
    expect(result.unmapped.filter((u) => u.reason.startsWith("Not in the header row"))).toEqual([]);
  });

  it("gives our POA&M ID to an item whose own ID is empty, taken or not a single line", () => {
    const rows = [
      header,
      rowOf({ "POAM ID": "V-7", "Weakness Name": "One" }),
      rowOf({ "Weakness Name": "Two" }),
      rowOf({ "POAM ID": "v-7", "Weakness Name": "Three" }),
      rowOf({ "POAM ID": "POAM-2026-0009", "Weakness Name": "Four" }),
      rowOf({ "POAM ID": "a\nb", "Weakness Name": "Five" }),
    ];
    const result = readFedrampPoam({ sheets: [sheetOf(FEDRAMP_SHEETS.open, rows)] }, { today: TODAY, issued: ["POAM-2026-0009", "POAM-2026-0010"] });
    expect(result.findings.map((f) => f.id)).toEqual(["V-7", "POAM-2026-0011", "POAM-2026-0012", "POAM-2026-0013", "POAM-2026-0014"]);
    expect(result.findings[2].comments).toBe("POAM ID: v-7");
    const given = new Map([
      [7, "It has no POAM ID; it is given POAM-2026-0011."],
      [8, 'Its POAM ID "v-7" is already used; it is given POAM-2026-0012.'],
      [9, 'Its POAM ID "POAM-2026-0009" is already used; it is given POAM-2026-0013.'],
      [10, 'Its POAM ID "a\nb" is not a single short line; it is given POAM-2026-0014.'],
    ]);
    expect(result.warnings.map((w) => [w.row, w.message])).toEqual(
      [6, 7, 8, 9, 10].flatMap((row) => [
        [row, "No Original Detection Date."],
        [row, "No risk rating: the item has no priority."],
        ...(given.has(row) ? [[row, given.get(row)]] : []),
      ]),
    );
  });

  it("skips rows without a weakness name, and keeps unknown columns' values in Comments", () => {
    const rows = [
      [...header, "Internal Ref"],
      [...rowOf({ "POAM ID": "Z-1", "Weakness Description": "No title" }), "R1"],
      [...rowOf({ "POAM ID": "Z-2", "Weakness Name": "Titled", Comments: "Hello", "Original Detection Date": "13/45/2026" }), "R2"],
    ];
    const result = readFedrampPoam({ sheets: [sheetOf(FEDRAMP_SHEETS.open, rows)] }, { today: TODAY });
    expect(result.skipped).toEqual([{ sheet: FEDRAMP_SHEETS.open, row: 6, reason: "No Weakness Name." }]);
    expect(result.findings[0].comments).toBe("Hello\n\nOriginal Detection Date: 13/45/2026\nInternal Ref: R2");
    expect(result.unmapped).toContainEqual({ column: "Internal Ref", reason: expect.stringContaining("Not a column of the FedRAMP template") });
    expect(result.warnings).toContainEqual({ sheet: FEDRAMP_SHEETS.open, row: 7, message: expect.stringContaining('"13/45/2026", which is not a date') });
  });

  it("says so when the workbook has no FedRAMP sheets", () => {
    const result = readFedrampPoam({ sheets: [sheetOf("POA&M", [["POA&M ID", "Weakness"]])] });
    expect(result.findings).toEqual([]);
    expect(result.warnings).toEqual([{ message: 'No sheet named "Open POA&M Items" or "Closed POA&M Items".' }]);
  });
});

describe("milestone text", () => {
  it("reads numbered entries in the template's and in plain forms", () => {
    expect(parsePlannedMilestones("(1) 2026-12-01: Patch\n\n2. 12/15/2026 — Rescan (done 2026-12-14)\n3) Verify")).toEqual([
      { number: 1, milestone: "Patch", dueDate: "2026-12-01" },
      { number: 2, milestone: "Rescan", dueDate: "2026-12-15", completedOn: "2026-12-14" },
      { number: 3, milestone: "Verify" },
    ]);
    expect(parsePlannedMilestones("Buy licences\n\nRoll out")).toEqual([{ milestone: "Buy licences" }, { milestone: "Roll out" }]);
  });

  it("applies changes and returns the extension", () => {
    const milestones = parsePlannedMilestones("(1) 2026-12-01: Patch");
    const changes = applyMilestoneChanges("free text\n\nScheduled completion extended to 2027-01-15 : Vendor\n\n(1) Completed 2026-12-02 : Patch", milestones);
    expect(changes).toEqual({ extension: { date: "2027-01-15", reason: "Vendor" }, other: "free text" });
    expect(milestones).toEqual([{ number: 1, milestone: "Patch", dueDate: "2026-12-01", completedOn: "2026-12-02" }]);
  });
});

describe("values", () => {
  it.each([
    ["3.1.8 (AC.L2-3.1.8)", { requirement: "3.1.8", known: true }],
    ["AC.L2-3.1.8", { requirement: "3.1.8", known: true }],
    ["3.14.1", { requirement: "3.14.1", known: true }],
    ["AC-2", { requirement: "AC-2", known: false }],
    ["3.99.9", { requirement: "3.99.9", known: false }],
  ])("Controls %s is %j", (text, expected) => {
    expect(requirementFromControls(text)).toEqual(expected);
  });

  it.each([
    ["High", "N/A", "High"],
    ["High", "Moderate", "Medium"],
    ["Low", undefined, "Low"],
    ["moderate", "", "Medium"],
    [undefined, undefined, undefined],
  ])("ratings %s / %s give priority %s", (original, adjusted, priority) => {
    expect(priorityFromRatings(original, adjusted)).toBe(priority);
  });
});

// ---------------------------------------------------------------------------
// What a migrated POA&M holds that the template's hints do not (issue: nothing dropped)

describe("a filled POA&M from another project", () => {
  const one = (values: Partial<Record<(typeof FEDRAMP_HEADERS)[number], unknown>>) =>
    readFedrampPoam({ sheets: [sheetOf(FEDRAMP_SHEETS.open, [[...FEDRAMP_HEADERS], rowOf({ "POAM ID": "P-1", "Weakness Name": "Weak TLS", ...values })])] }, { today: TODAY });

  it("reads a two-line Planned Milestones cell as two dated milestones and keeps the cell's text", () => {
    const planned = "Replace the certificate 03/01/2024\nRescan, due 1 April 2024";
    const result = one({ "Planned Milestones": planned });
    expect(result.milestones).toEqual([
      { poamId: "P-1", milestone: "Replace the certificate", dueDate: "2024-03-01" },
      { poamId: "P-1", milestone: "Rescan", dueDate: "2024-04-01" },
    ]);
    expect(result.findings[0].comments).toBe(`Planned Milestones: ${planned}`);
    expect(result.guesses.map((g) => g.message)).toEqual([
      "Planned Milestones: 03/01/2024 read as 2024-03-01 (month first).",
      "Planned Milestones read as 2 milestones, 2 with a due date; the cell's text is kept in Comments.",
    ]);
    expect(result.keptInComments).toEqual([{ column: "Planned Milestones", items: 1 }]);
  });

  it("adds nothing to Comments for milestones in the template's own form", () => {
    const result = one({ "Planned Milestones": "(1) 2024-03-01: Replace the certificate\n\n(2) Rescan" });
    expect(result.milestones.map((m) => [m.milestone, m.dueDate])).toEqual([["Replace the certificate", "2024-03-01"], ["Rescan", undefined]]);
    expect(result.findings[0].comments).toBeUndefined();
    expect(result.guesses).toEqual([]);
  });

  it.each([
    ["ACAS", "Vulnerability scan", "Vulnerability (scan finding)"],
    ["Nessus", "Vulnerability scan", "Vulnerability (scan finding)"],
    ["Qualys VMDR", "Vulnerability scan", "Vulnerability (scan finding)"],
    ["Nexpose", "Vulnerability scan", "Vulnerability (scan finding)"],
    ["SCAP Compliance Checker", "Vulnerability scan", "Vulnerability (scan finding)"],
    ["DISA STIG", "Vulnerability scan", "Vulnerability (scan finding)"],
    ["Vulnerability scan", "Vulnerability scan", "Vulnerability (scan finding)"],
    ["3PAO assessment", "Third-party assessment", "CMMC POA&M item"],
    ["Annual pen test", "Penetration test", "CMMC POA&M item"],
    ["Internal audit", "Audit", "CMMC POA&M item"],
    ["Self-assessment", "Self-assessment", "CMMC POA&M item"],
    ["Customer complaint", "Other", "CMMC POA&M item"],
  ])("Weakness Detector Source %j is Source %j, item type %j", (detector, source, itemType) => {
    const result = one({ "Weakness Detector Source": detector, "Weakness Source Identifier": "12345" });
    expect(result.findings[0]).toMatchObject({ source, itemType });
    const listed = detector === source;
    expect(result.findings[0].sourceRef).toBe(listed ? "12345" : `${detector}: 12345`);
    expect(result.guesses).toHaveLength(listed ? 0 : 1);
  });

  it("takes priority from the adjusted rating and keeps the original rating in Comments", () => {
    expect(one({ "Original Risk Rating": "High", "Adjusted Risk Rating": "Low" }).findings[0]).toMatchObject({ priority: "Low", comments: "Original Risk Rating: High" });
    expect(one({ "Original Risk Rating": "High", "Adjusted Risk Rating": "N/A" }).findings[0]).toMatchObject({ priority: "High" });
    expect(one({ "Original Risk Rating": "High", "Adjusted Risk Rating": "N/A" }).findings[0].comments).toBeUndefined();
    expect(one({ "Original Risk Rating": "Moderate", "Adjusted Risk Rating": "Moderate" }).findings[0].comments).toBeUndefined();
  });

  it("makes a Scheduled Completion Date the SLA does not give the item's Due Date, labelled as carried over", () => {
    const result = one({ "Original Detection Date": "2026-01-05", "Original Risk Rating": "Moderate", "Scheduled Completion Date": "June 30, 2026" });
    const [finding] = result.findings;
    expect(finding).toMatchObject({ extendedTo: "2026-06-30", extensionReason: IMPORTED_SCHEDULE_REASON });
    expect(computeItem({ finding, row: 0 }, poamDataOf({ findings: [finding] }), TODAY).dueDate).toBe("2026-06-30");
    expect(result.guesses.map((g) => g.message)).toContainEqual(expect.stringContaining("Scheduled Completion Date 2026-06-30 is not the 2026-04-05 Target Date"));
    // A date the SLA gives needs nothing more.
    expect(one({ "Original Detection Date": "2026-01-05", "Original Risk Rating": "Moderate", "Scheduled Completion Date": toSerial("2026-04-05") }).findings[0].extendedTo).toBeUndefined();
  });
});

describe("Controls that name NIST SP 800-53 controls", () => {
  const read = (controls: string) =>
    readFedrampPoam({ sheets: [sheetOf(FEDRAMP_SHEETS.open, [[...FEDRAMP_HEADERS], rowOf({ "POAM ID": "C-1", "Weakness Name": "Shared accounts", Controls: controls, "Weakness Source Identifier": "Audit 7" })])] }, { today: TODAY });

  it("maps them to the 800-171 requirement citing them, keeps the ids in Source Ref and names the other candidates", () => {
    const result = read("AC-1, AC-2");
    expect(result.findings[0]).toMatchObject({ requirement: "3.1.1", sourceRef: "Audit 7; NIST SP 800-53: AC-1, AC-2" });
    expect(result.warnings.filter((w) => w.message.includes("Controls"))).toEqual([]);
    expect(result.guesses.map((g) => g.message)).toEqual([
      'Controls "AC-1, AC-2" (NIST SP 800-53) read as requirement 3.1.1; also cited by 3.1.2; AC-1 cited by none; the 800-53 ids are kept in Source Ref.',
    ]);
  });

  it("lists the items several requirements fit, and takes the requirement a person chose", () => {
    const sheet = sheetOf(FEDRAMP_SHEETS.open, [[...FEDRAMP_HEADERS], rowOf({ "POAM ID": "C-1", "Weakness Name": "Shared accounts", Controls: "AC-2" })]);
    expect(readFedrampPoam({ sheets: [sheet] }, { today: TODAY }).requirementChoices).toEqual([
      { sheet: FEDRAMP_SHEETS.open, row: 6, id: "C-1", controls: "AC-2", candidates: ["3.1.1", "3.1.2"], requirement: "3.1.1" },
    ]);
    const chosen = readFedrampPoam({ sheets: [sheet], chosenRequirements: new Map([[choiceKey(FEDRAMP_SHEETS.open, 6), "3.1.2"]]) }, { today: TODAY });
    expect(chosen.findings[0]).toMatchObject({ requirement: "3.1.2", sourceRef: "NIST SP 800-53: AC-2" });
    expect(chosen.guesses[0].message).toContain("read as requirement 3.1.2 (chosen); also cited by 3.1.1");
    // A choice that does not fit the controls is not taken.
    const wrong = readFedrampPoam({ sheets: [sheet], chosenRequirements: new Map([[choiceKey(FEDRAMP_SHEETS.open, 6), "3.14.1"]]) }, { today: TODAY });
    expect(wrong.findings[0].requirement).toBe("3.1.1");
    expect(read("SC-7(5)").requirementChoices).toEqual([]);
  });

  it("maps an enhancement to the requirement that cites it", () => {
    expect(read("SC-7(5)").findings[0]).toMatchObject({ requirement: "3.13.6", sourceRef: "Audit 7; NIST SP 800-53: SC-7(5)" });
  });

  it("keeps a control no requirement cites as it is, with a warning", () => {
    const result = read("PM-1");
    expect(result.findings[0].requirement).toBe("PM-1");
    expect(result.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('Controls "PM-1" names no NIST SP 800-171 requirement'));
  });
});
