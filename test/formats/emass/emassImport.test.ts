import { readFileSync } from "node:fs";
import { cellAddress } from "../../../src/domain/core/a1";
import { toSerial } from "../../../src/domain/core/dates";
import { FEDRAMP_HEADERS } from "../../../src/formats/fedramp/fedramp";
import { emassAsFedramp, isEmassPoam, migrationWorkbook } from "../../../src/formats/emass/emassImport";
import { IMPORTED_SCHEDULE_REASON, readFedrampPoam } from "../../../src/formats/fedramp/fedrampImport";
import { readXlsx } from "../../../src/formats/xlsx-read/readXlsx";
import { sharedFile } from "../../support/shared";
import type { CellsWorkbook } from "../../../src/domain/poam/migration";

const TODAY = "2026-11-23";

/** The eMASS export's header row, as it writes it (a trailing space and a leading one included). */
const HEADERS = [
  "POA&M Item ID", "Control Vulnerability Description", "Security Control Number (NC/NA controls only)", "Office/Org", "Security Checks",
  "Resources Required", "Scheduled Completion Date", "Milestone with Completion Dates", "Milestone Changes", "Source Identifying Vulnerability ",
  "Status", "Comments", " Raw Severity", "Mitigations", "Severity", "Relevance of Threat", "Likelihood", "Impact", "Impact Description",
  "Residual Risk Level", "Recommendations",
];

function sheetOf(name: string, rows: readonly (readonly unknown[])[]): CellsWorkbook["sheets"][number] {
  const cells = new Map<string, { value: unknown }>();
  rows.forEach((values, row) => values.forEach((value, column) => value !== undefined && value !== "" && cells.set(cellAddress({ row, column }), { value })));
  return { name, cells };
}
const rowOf = (values: Record<string, unknown>) => HEADERS.map((h) => values[h.trim()]);

/** An export as eMASS writes it: the header block, headers on row 7, an item with milestones on the rows under it. */
const EXPORT: CellsWorkbook = {
  sheets: [
    sheetOf("POA&M", [
      ["***** UNCLASSIFIED//FOR OFFICIAL USE ONLY *****"],
      ["Date Exported:", "", "", "2/20/2026"],
      ["Exported By:", "", "", "John Smith"],
      [],
      ["System / Project Name:", "", "", "First System"],
      [],
      HEADERS,
      rowOf({
        "POA&M Item ID": 1,
        "Control Vulnerability Description": "Rule Title: RHEL 8 must be a vendor-supported release.\n\nDetails follow.",
        "Security Control Number (NC/NA controls only)": "CM-6b",
        "Office/Org": "Example PMO",
        "Security Checks": "SV-230221r743913_rule",
        "Scheduled Completion Date": toSerial("2027-03-03"),
        "Milestone with Completion Dates": "Implement Procedure A 10/25/2026",
        "Source Identifying Vulnerability": "Red Hat Enterprise Linux 8 Security Technical Implementation Guide",
        Status: "Ongoing",
        "Raw Severity": "I",
        Mitigations: "Host is isolated",
        Severity: "Very High",
        Likelihood: "Moderate",
        "Residual Risk Level": "Moderate",
        Recommendations: "Upgrade to a supported release.",
      }),
      rowOf({ "Milestone with Completion Dates": "Implement Procedure B 10/31/2026" }),
      rowOf({ "POA&M Item ID": 2, "Control Vulnerability Description": "Procedure missing", "Security Control Number (NC/NA controls only)": "SA-1.4", Status: "Completed 11/13/2026", "Raw Severity": "III", "Source Identifying Vulnerability": "Annual self-assessment" }),
    ]),
    sheetOf("Example", [[], [], [], [], [], [], HEADERS, rowOf({ "POA&M Item ID": 9, "Control Vulnerability Description": "Example" })]),
  ],
};

describe("an eMASS POA&M export", () => {
  it("is told from the FedRAMP layout by its headers", () => {
    expect(isEmassPoam(EXPORT)).toBe(true);
    expect(isEmassPoam({ sheets: [sheetOf("Open POA&M Items", [[...FEDRAMP_HEADERS, "Status", "Interim Mitigation", "Residual Risk"]])] })).toBe(false);
    expect(migrationWorkbook(EXPORT).layout).toBe("eMASS");
  });

  it("reads its items with the same mappings, milestones from the rows under each item, and the rest in Comments", () => {
    const result = readFedrampPoam(emassAsFedramp(EXPORT), { today: TODAY, issued: [] });
    expect(result.findings).toHaveLength(2);
    const [first, second] = result.findings;
    expect(first).toMatchObject({
      id: "1",
      weakness: "RHEL 8 must be a vendor-supported release.",
      description: "Rule Title: RHEL 8 must be a vendor-supported release.\n\nDetails follow.",
      requirement: "3.4.1",
      owner: "Example PMO",
      source: "Vulnerability scan",
      itemType: "Vulnerability (scan finding)",
      priority: "Critical",
      status: "Open",
      interimMitigation: "Host is isolated",
      residualRisk: "Moderate",
      plannedActions: "Upgrade to a supported release.",
      extendedTo: "2027-03-03",
    });
    expect(first.extensionReason).toBe(IMPORTED_SCHEDULE_REASON);
    expect(result.guesses.map((g) => g.message)).toContainEqual(expect.stringContaining("2027-03-03 is kept as Extended To, the item's due date: without a detection date"));
    expect(first.sourceRef).toContain("SV-230221r743913_rule");
    expect(first.sourceRef).toContain("NIST SP 800-53: CM-6b");
    expect(first.comments).toContain("Raw Severity: I");
    expect(first.comments).toContain("Likelihood: Moderate");
    expect(second).toMatchObject({ id: "2", weakness: "Procedure missing", requirement: "SA-1.4", status: "Completed", completedOn: "2026-11-13", priority: "Low", source: "Self-assessment" });
    expect(result.milestones).toEqual([
      { poamId: "1", milestone: "Implement Procedure A", dueDate: "2026-10-25" },
      { poamId: "1", milestone: "Implement Procedure B", dueDate: "2026-10-31" },
    ]);
    expect(result.unmapped.map((u) => u.column)).toEqual(expect.arrayContaining(["Raw Severity", "Likelihood", "Impact Description"]));
  });

  it("reads the MITRE SAF eMASS file in the corpus", async () => {
    const workbook = await readXlsx(readFileSync(sharedFile("corpus", "poam", "saf_emass-poam-from-ckl.xlsm")));
    expect(isEmassPoam(workbook)).toBe(true);
    const result = readFedrampPoam(emassAsFedramp(workbook), { today: TODAY, issued: [] });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings[0]).toMatchObject({ weakness: "RHEL 8 must be a vendor-supported release.", source: "Vulnerability scan", priority: "High", status: "Open" });
  }, 60_000);
});
