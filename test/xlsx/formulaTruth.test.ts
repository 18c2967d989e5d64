/**
 * Formula truth: the workbook file is built from the same plan the add-in
 * applies, LibreOffice recalculates it, and the computed cells must be what a
 * person working the dates out by hand gets. The As of date is fixed in
 * Settings, so the results do not depend on the day the tests run.
 */
import { cellAddress } from "../../src/domain/core/a1";
import { fromSerial, type IsoDate } from "../../src/domain/core/dates";
import { planSetup } from "../../src/domain/workbook/planSetup";
import type { Finding } from "../../src/domain/poam/records";
import { EMPTY_WORKBOOK } from "../../src/domain/workbook/snapshot";
import { writeWorkbookFile } from "../../src/xlsx/writeWorkbookFile";
import { aFinding, aMilestone } from "../support/builders";
import { assessed } from "../support/complianceCases";
import { recalculate } from "../support/libreoffice";
import { readXlsx, type StoredSheet, type StoredWorkbook } from "../../src/formats/xlsx-read/readXlsx";

jest.setTimeout(120_000);

const AS_OF = "2026-11-23";

/** The data rows of a table whose header row is row 1 (or `headerRow`), keyed by header. */
function tableRows(sheet: StoredSheet, headerRow = 0, firstColumn = 0): Record<string, string | number | boolean>[] {
  const headers: string[] = [];
  for (let c = firstColumn; sheet.cells.has(cellAddress({ row: headerRow, column: c })); c++) {
    headers.push(String(sheet.cells.get(cellAddress({ row: headerRow, column: c }))?.value));
  }
  const rows: Record<string, string | number | boolean>[] = [];
  for (let r = headerRow + 1; sheet.cells.has(cellAddress({ row: r, column: firstColumn })); r++) {
    rows.push(Object.fromEntries(headers.map((h, i) => [h, sheet.cells.get(cellAddress({ row: r, column: firstColumn + i }))?.value ?? ""])));
  }
  return rows;
}

const date = (value: string | number | boolean | undefined): IsoDate =>
  typeof value === "number" ? fromSerial(value) : String(value ?? "");

const ITEMS: Record<string, Partial<Finding>> = {
  critical: { requirement: "3.14.1", priority: "Critical", discovered: "2026-11-01", itemType: "Vulnerability (scan finding)" },
  high: { requirement: "3.1.8", priority: "High", discovered: "2026-11-10" },
  medium: { requirement: "3.13.11", priority: "Medium", discovered: "2026-11-20", itemType: "Operational plan of action (temporary deficiency)" },
  lowExtended: { requirement: "3.5.7", priority: "Low", discovered: "2026-06-01", extendedTo: "2027-01-15", extensionReason: "Vendor patch" },
  lowToday: { requirement: "3.2.3", priority: "Low", discovered: AS_OF, itemType: "Operational plan of action (temporary deficiency)" },
  closed: { requirement: "3.14.1", priority: "High", discovered: "2026-09-01", status: "Closed", completedOn: "2026-09-20" },
  completed: { requirement: "3.14.2", priority: "Medium", discovered: "2026-10-01", status: "Completed", completedOn: "2026-11-02" },
  accepted: { requirement: "3.1.20", priority: "High", discovered: "2026-10-15", status: "Risk Accepted", extendedTo: "2027-04-01" },
  dueToday: { requirement: "3.3.1", priority: "Medium", discovered: "2026-08-25" },
  cmmcCapped: { requirement: "3.4.9", priority: "Low", discovered: "2026-11-01", itemType: "CMMC POA&M item" },
  unknownRequirement: { requirement: "9.9.9", priority: "Medium", discovered: "2026-11-01" },
};

let recalculated: StoredWorkbook;
let written: StoredWorkbook;
let items: Record<string, Record<string, string | number | boolean>>;

beforeAll(async () => {
  const findings = Object.entries(ITEMS).map(([name, fields], i) =>
    aFinding({ id: `POAM-2026-${String(i + 1).padStart(4, "0")}`, weakness: name, ...fields }),
  );
  const plan = planSetup(EMPTY_WORKBOOK, {
    findings,
    milestones: [
      aMilestone({ poamId: findings[1].id, milestone: "done", dueDate: "2026-11-15", completedOn: "2026-11-14" }),
      aMilestone({ poamId: findings[1].id, milestone: "late", dueDate: "2026-11-20" }),
      aMilestone({ poamId: findings[1].id, milestone: "planned", dueDate: "2026-12-20" }),
    ],
    controlStatuses: assessed({ "3.1.1": "Not Met", "3.5.3": "Partial", "3.13.11": "Partial", "3.1.2": "N/A", "3.1.3": "Met" }),
    settings: { asOf: AS_OF, assessmentDate: "2026-10-01" },
  });
  const file = await writeWorkbookFile(plan);
  written = await readXlsx(file);
  recalculated = await readXlsx(await recalculate(file));
  items = Object.fromEntries(tableRows(recalculated.sheet("POA&M")).map((row) => [String(row.Weakness), row]));
});

describe("Target Date, from Discovered and the priority's days in Sla", () => {
  it.each([
    ["critical", "2026-11-16"],
    ["high", "2026-12-10"],
    ["medium", "2027-02-18"],
    ["lowToday", "2027-05-22"],
  ])("%s → %s", (item, target) => {
    expect(date(items[item]["Target Date"])).toBe(target);
  });

  it("caps a CMMC item at 180 days after the assessment date", () => {
    // Low would be 2027-04-30; the assessment on 2026-10-01 caps it at 2027-03-30.
    expect(date(items.cmmcCapped["Target Date"])).toBe("2027-03-30");
  });
});

describe("Due Date", () => {
  it("is the approved extension when there is one", () => {
    expect(date(items.lowExtended["Target Date"])).toBe("2026-11-28");
    expect(date(items.lowExtended["Due Date"])).toBe("2027-01-15");
  });

  it("is the target date otherwise", () => {
    expect(date(items.high["Due Date"])).toBe("2026-12-10");
  });
});

describe("Days Open and Days Left, as of the Settings date", () => {
  it.each([
    ["critical", 22, -7],
    ["high", 13, 17],
    ["lowToday", 0, 180],
    ["dueToday", 90, 0],
    ["lowExtended", 175, 53],
  ])("%s: open %i days, %i left", (item, open, left) => {
    expect(items[item]["Days Open"]).toBe(open);
    expect(items[item]["Days Left"]).toBe(left);
  });

  it("counts a closed item's days to its completion and leaves Days Left empty", () => {
    expect(items.closed["Days Open"]).toBe(19);
    expect(items.closed["Days Left"]).toBe("");
  });
});

describe("State", () => {
  it.each([
    ["critical", "Overdue"],
    ["high", "Due Soon"],
    ["dueToday", "Due Soon"],
    ["medium", "On Track"],
    ["lowExtended", "On Track"],
    ["closed", "Closed"],
    ["completed", "Closed"],
    ["accepted", "Accepted"],
  ])("%s is %s", (item, state) => {
    expect(items[item].State).toBe(state);
  });
});

describe("lookups from Controls", () => {
  it.each([
    ["critical", "System and Information Integrity", 5, "No"],
    ["high", "Access Control", 1, "Yes"],
    // 3.13.11 is Partial (encryption, not FIPS-validated), so it may sit on a CMMC POA&M.
    ["medium", "System and Communications Protection", 5, "Yes"],
    ["unknownRequirement", "", "", ""],
  ])("%s: family %s, %s points, CMMC POA&M OK %s", (item, family, points, ok) => {
    expect(items[item].Family).toBe(family);
    expect(items[item]["SPRS Points"]).toBe(points);
    expect(items[item]["CMMC POA&M OK"]).toBe(ok);
  });
});

describe("milestones", () => {
  it("are Done, Late or Planned against the As of date", () => {
    const states = tableRows(recalculated.sheet("Milestones")).map((row) => [row.Milestone, row.State]);
    expect(states).toEqual([
      ["done", "Done"],
      ["late", "Late"],
      ["planned", "Planned"],
    ]);
  });
});

describe("the Controls self-assessment", () => {
  const control = (id: string) => tableRows(recalculated.sheet("Controls")).find((row) => row.Requirement === id) as Record<string, unknown>;

  it.each([
    ["3.1.1", 0, 5],
    ["3.5.3", 0, 3],
    ["3.1.2", 0, 0],
    ["3.1.3", 0, 0],
    ["3.1.8", 1, 1],
    ["3.4.9", 1, 1],
    ["3.14.1", 0, 0],
  ])("%s has %i open CMMC items and loses %i points", (id, open, lost) => {
    expect(control(id)["Open POA&M Items"]).toBe(open);
    expect(control(id)["Points Lost"]).toBe(lost);
  });

  it("gives partial credit for 3.13.11 even with an operational item open on it", () => {
    expect(control("3.13.11")["Points Lost"]).toBe(3);
  });

  it("adds up to the SPRS score on the Summary", () => {
    // 3.1.1 (5) + 3.5.3 partial (3) + 3.13.11 partial (3) + open CMMC items on 3.1.8, 3.5.7, 3.3.1,
    // 3.1.20 (risk accepted is still open) and 3.4.9: 1 + 1 + 5 + 1 + 1 = 9. The scan finding on
    // 3.14.1 and the operational items on 3.13.11 and 3.2.3 cost nothing; closed items cost nothing.
    const summary = recalculated.sheet("Summary");
    const label = [...summary.cells.entries()].find(([, cell]) => cell.value === "SPRS score now")?.[0] as string;
    const score = summary.cells.get(label.replace("A", "B"))?.value;
    expect(score).toBe(110 - 5 - 3 - 3 - 9);
  });
});

describe("what the file stores besides values", () => {
  it("holds the list validations on the Poam columns' data cells", () => {
    const sheet = written.sheet("POA&M");
    const rows = Object.keys(ITEMS).length;
    const find = (sqref: string) => sheet.validations.find((v) => v.sqref === sqref);
    expect(find(`M2:M${rows + 1}`)).toMatchObject({ type: "list", formula1: "POAM_Priorities", errorStyle: "stop" });
    expect(find(`N2:N${rows + 1}`)).toMatchObject({ type: "list", formula1: "POAM_People", errorStyle: "warning" });
    expect(find(`Z2:Z${rows + 1}`)).toMatchObject({ type: "list", formula1: "POAM_Statuses" });
    expect(find(`C2:C${rows + 1}`)).toMatchObject({ type: "list", formula1: "POAM_Requirements" });
    expect(find(`L2:L${rows + 1}`)).toMatchObject({ type: "decimal", formula1: "0", formula2: "10" });
    expect(find(`E2:E${rows + 1}`)).toMatchObject({ type: "textLength", operator: "lessThanOrEqual", formula1: "2000" });
    expect(find(`K2:K${rows + 1}`)).toMatchObject({ type: "custom", formula1: "AND(ISNUMBER($K2),$K2<=TODAY())" });
  });

  it("holds the conditional formats on the right ranges", () => {
    const rows = Object.keys(ITEMS).length + 1;
    const formats = written.sheet("POA&M").conditionalFormats.map((f) => [f.sqref, f.formula, f.priority]);
    expect(formats).toEqual([
      [`AJ2:AJ${rows}`, 'AND($AJ2="No",OR(TRIM($B2)="",TRIM($B2)="CMMC POA&M item"),$AH2<>"Closed",$AH2<>"")', 1],
      [`X2:X${rows}`, "AND(ISNUMBER($W2),LEN(TRIM($X2))=0)", 2],
      [`A2:AL${rows}`, '$AH2="Overdue"', 3],
      [`A2:AL${rows}`, '$AH2="Due Soon"', 4],
      [`A2:AL${rows}`, '$AH2="Closed"', 5],
    ]);
  });

  it("makes the formula columns calculated columns, so Excel fills them in new rows", () => {
    const poam = written.sheet("POA&M").tables.find((t) => t.name === "Poam");
    const calculated = poam?.columns.filter((c) => c.calculatedColumnFormula).map((c) => c.name);
    expect(calculated).toEqual(["Family", "Target Date", "Due Date", "Days Open", "Days Left", "State", "SPRS Points", "CMMC POA&M OK"]);
  });

  it("defines the names the formulas use", () => {
    expect(written.definedNames.get("POAM_ReportDate")).toBe(
      'IF(INDEX(Settings[Value],MATCH("As of",Settings[Setting],0))="",TODAY(),INDEX(Settings[Value],MATCH("As of",Settings[Setting],0)))',
    );
    expect(written.definedNames.get("POAM_Summary")).toBe("Summary!$A$1");
  });

  it("stores the As of date as a date", () => {
    const settings = tableRows(recalculated.sheet("Settings"), 2);
    expect(date(settings.find((row) => row.Setting === "As of")?.Value)).toBe(AS_OF);
  });
});
