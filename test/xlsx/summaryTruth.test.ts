/**
 * Summary truth: workbooks with known items are built from the plan,
 * LibreOffice recalculates them, and the Summary's live figures must be what
 * the hand-worked comments say, for a fixed As of date. The domain's summary
 * maths (used by the refresh, the pane and `poam check`) must agree with the
 * formulas on every figure.
 */
import { cellAddress } from "../../src/domain/core/a1";
import { addDays, fromSerial, toSerial } from "../../src/domain/core/dates";
import { planSetup } from "../../src/domain/workbook/planSetup";
import type { Finding, InitialData } from "../../src/domain/poam/records";
import { REQUIREMENTS } from "../../src/domain/compliance/requirements";
import { EMPTY_WORKBOOK } from "../../src/domain/workbook/snapshot";
import { readPoamFile } from "../../src/formats/xlsx-read/readPoamFile";
import { readXlsx, type StoredSheet } from "../../src/formats/xlsx-read/readXlsx";
import { writeWorkbookFile } from "../../src/xlsx/writeWorkbookFile";
import { aFinding } from "../support/builders";
import { COMPLIANCE_CASES, assessed, caseData } from "../support/complianceCases";
import { recalculate } from "../support/libreoffice";
import { summarise, type SummaryFigures } from "../../src/domain/summary/summarise";

jest.setTimeout(180_000);

const AS_OF = "2026-11-23";
type Value = string | number | boolean;

interface Computed {
  /** Column B by the label in column A (the first time the label appears). */
  readonly figure: (label: string) => Value;
  /** A row of the Summary by its label, columns B onwards. */
  readonly row: (label: string) => Value[];
  /** The non-empty rows among the `rows` under a header whose first cell is `header`. */
  readonly listUnder: (header: string, columns: number, rows?: number) => Value[][];
  readonly domain: SummaryFigures;
}

function cellsOf(sheet: StoredSheet) {
  const value = (row: number, column: number): Value => sheet.cells.get(cellAddress({ row, column }))?.value ?? "";
  const rowOf = (label: string) => {
    for (let r = 0; r < 400; r++) if (value(r, 0) === label) return r;
    throw new Error(`No Summary row labelled ${label}`);
  };
  return { value, rowOf };
}

async function compute(data: InitialData): Promise<Computed> {
  const file = await writeWorkbookFile(planSetup(EMPTY_WORKBOOK, { ...data, settings: { asOf: AS_OF, ...data.settings } }));
  const recalculated = await readXlsx(await recalculate(file));
  return computedFrom(recalculated.sheet("Summary"), summarise(await readPoamFile(file)).figures);
}

function computedFrom(summary: StoredSheet, domain: SummaryFigures): Computed {
  const { value, rowOf } = cellsOf(summary);
  return {
    figure: (label) => value(rowOf(label), 1),
    row: (label) => Array.from({ length: 7 }, (_, c) => value(rowOf(label), c + 1)),
    listUnder: (header, columns, rows = 11) =>
      Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => value(rowOf(header) + 1 + r, c))).filter((row) => row[0] !== ""),
    domain,
  };
}

const LABEL = {
  open: "Open items",
  overdue: "Overdue",
  overdueShare: "Overdue, share of open items",
  dueSoon: "Due soon (within the Settings warning days)",
  dueNext30: "Due in the next 30 days",
  closed30: "Closed in the last 30 days",
  closed90: "Closed in the last 90 days",
  onTime: "Closed on or before the due date (share of closed items)",
  pastExtension: "Overdue after an approved extension",
  expiring: "Risk acceptances expired or expiring soon",
  score: "SPRS score now",
  scoreAfterPlan: "SPRS score when every planned item closes on its due date",
  reachable: "CMMC conditional status reachable",
  scoreCheck: "SPRS score at least 88",
  ssp: "System security plan (3.12.4) Met",
  ineligible: "Unmet requirements not allowed on a CMMC POA&M",
  unplanned: "Unmet requirements with no open POA&M item",
  unassessed: "Requirements not yet assessed (each counted as Not Met)",
  deadline: "Close-out deadline (180 days, 32 CFR 170.21)",
  daysLeft: "Days left on the close-out clock",
  closeoutOnTrack: "CMMC close-out on track",
  fullScore: "SPRS score expected to reach 110 on",
} as const;

/** The Summary's close-out line as a verdict: Yes, No…, or no clock at all (null). */
function onTrack(line: Value): boolean | null {
  const text = String(line);
  if (text === "Yes") return true;
  if (text.startsWith("No close-out clock")) return null;
  if (text.startsWith("No: ")) return false;
  throw new Error(`Unexpected close-out line: ${text}`);
}

/** The formulas and the domain maths give the same key figures. */
function expectAgreement(c: Computed): void {
  const d = c.domain;
  expect(c.figure(LABEL.open)).toBe(d.open);
  expect(c.figure(LABEL.overdue)).toBe(d.overdue);
  expect(c.figure(LABEL.dueSoon)).toBe(d.dueSoon);
  expect(c.figure(LABEL.dueNext30)).toBe(d.dueNext30);
  expect(c.figure(LABEL.closed30)).toBe(d.closedLast30);
  expect(c.figure(LABEL.closed90)).toBe(d.closedLast90);
  expect(c.figure(LABEL.onTime)).toBe(d.onTimeRate ?? "");
  expect(c.figure(LABEL.pastExtension)).toBe(d.pastExtension);
  expect(c.figure(LABEL.expiring)).toBe(d.acceptanceExpiring);
  expect(c.figure(LABEL.score)).toBe(d.readiness.score);
  expect(c.figure(LABEL.scoreAfterPlan)).toBe(d.readiness.scoreAfterPlan);
  expect(c.figure(LABEL.reachable)).toBe(d.readiness.reachable ? "Yes" : "No");
  expect(c.figure(LABEL.unassessed)).toBe(d.readiness.unassessed);
  expect(onTrack(c.figure(LABEL.closeoutOnTrack))).toBe(d.readiness.closeoutOnTrack);
  if (d.readiness.closeoutDeadline === undefined) expect(c.figure(LABEL.deadline)).toBe("");
  else expect(fromSerial(c.figure(LABEL.deadline) as number)).toBe(d.readiness.closeoutDeadline);
  for (const p of d.byPriority) {
    const [open, overdue, dueSoon, onTrack, accepted, closed90, average] = c.row(p.priority);
    expect({ open, overdue, dueSoon, onTrack, accepted, closed90 }).toEqual({
      open: p.open,
      overdue: p.overdue,
      dueSoon: p.dueSoon,
      onTrack: p.onTrack,
      accepted: p.accepted,
      closed90: p.closed90,
    });
    if (p.averageDaysToClose === undefined) expect(average).toBe("");
    else expect(average).toBeCloseTo(p.averageDaysToClose, 9);
  }
  const fullScore = c.figure(LABEL.fullScore);
  if (d.readiness.fullScoreBy === undefined) expect(String(fullScore)).toMatch(/^Not planned/);
  else if (d.open === 0 || d.readiness.score === 110) expect(fullScore).toBe("Reached");
  else expect(fromSerial(fullScore as number)).toBe(d.readiness.fullScoreBy);
}

describe("a POA&M with one item in each state", () => {
  // Hand-worked for As of 2026-11-23, Due Soon within 30 days, Sla 15/30/90/180 days.
  const items: Partial<Finding>[] = [
    // 1. Critical from 2026-10-19: due 2026-11-03, overdue. CMMC item on 3.1.8 (1 point, allowed).
    { weakness: "critical overdue", priority: "Critical", discovered: "2026-10-19", requirement: "3.1.8", owner: "Dana Ortiz" },
    // 2. High from 2026-11-10: due 2026-12-10, due soon. CMMC item on 3.1.10 (1 point, allowed).
    { weakness: "high due soon", priority: "High", discovered: "2026-11-10", requirement: "3.1.10", owner: "Sam Lee" },
    // 3. Medium from 2026-11-20: due 2027-02-18, on track. A scan finding: no effect on the score.
    { weakness: "scan on track", priority: "Medium", discovered: "2026-11-20", requirement: "3.14.1", itemType: "Vulnerability (scan finding)", owner: "Dana Ortiz" },
    // 4. Low from 2026-05-27: due today (180 days), so due soon with 0 days left. An operational plan.
    { weakness: "low due today", priority: "Low", discovered: "2026-05-27", requirement: "3.2.3", itemType: "Operational plan of action (temporary deficiency)" },
    // 5. High from 2026-10-01, due 2026-10-31, closed 2026-10-20: on time, 19 days, within 90 but not 30 days.
    { weakness: "closed on time", priority: "High", discovered: "2026-10-01", status: "Closed", completedOn: "2026-10-20", requirement: "3.1.8" },
    // 6. Medium from 2026-06-01, due 2026-08-30, completed 2026-11-10: late, 162 days, within 30 days.
    { weakness: "completed late", priority: "Medium", discovered: "2026-06-01", status: "Completed", completedOn: "2026-11-10", requirement: "3.4.9" },
    // 7. Risk accepted until 2026-12-05: expiring within 30 days. CMMC item on 3.1.20 (1 point, not allowed on a POA&M).
    { weakness: "accepted", priority: "Medium", discovered: "2026-10-01", status: "Risk Accepted", extendedTo: "2026-12-05", requirement: "3.1.20", approver: "Pat Kim" },
    // 8. Low from 2026-01-01, extended to 2026-11-01 and still open: overdue after its extension. CMMC item on 3.4.9.
    { weakness: "overdue after extension", priority: "Low", discovered: "2026-01-01", extendedTo: "2026-11-01", extensionReason: "Vendor delay", requirement: "3.4.9" },
  ];
  let c: Computed;

  beforeAll(async () => {
    c = await compute({
      findings: items.map((fields, i) => aFinding({ id: `POAM-2026-${String(i + 1).padStart(4, "0")}`, ...fields })),
      // 3.1.1 Not Met (5, not allowed); 3.13.11 Partial (3, allowed only when partial, but no item on it).
      controlStatuses: assessed({ "3.1.1": "Not Met", "3.13.11": "Partial" }),
      settings: { conditionalStatusDate: "2026-10-01" },
    });
  });

  it("counts open, overdue and due items", () => {
    expect(c.figure(LABEL.open)).toBe(6); // 1, 2, 3, 4, 7, 8
    expect(c.figure(LABEL.overdue)).toBe(2); // 1, 8
    expect(c.figure(LABEL.overdueShare)).toBeCloseTo(2 / 6, 9);
    expect(c.figure(LABEL.dueSoon)).toBe(2); // 2, and 4 due today
    expect(c.figure(LABEL.dueNext30)).toBe(2); // 2 (12-10) and 4 (today); the acceptance is not a due item
    expect(c.figure(LABEL.pastExtension)).toBe(1); // 8
    expect(c.figure(LABEL.expiring)).toBe(1); // 7
  });

  it("counts closures and how many were on time", () => {
    expect(c.figure(LABEL.closed30)).toBe(1); // 6
    expect(c.figure(LABEL.closed90)).toBe(2); // 5, 6
    expect(c.figure(LABEL.onTime)).toBe(0.5); // 5 on time, 6 late
  });

  it("breaks open items down by priority, with average days to close", () => {
    expect(c.row("Critical")).toEqual([1, 1, 0, 0, 0, 0, ""]);
    expect(c.row("High")).toEqual([1, 0, 1, 0, 0, 1, 19]);
    expect(c.row("Medium")).toEqual([2, 0, 0, 1, 1, 1, 162]);
    expect(c.row("Low")).toEqual([2, 1, 1, 0, 0, 0, ""]);
    expect(c.row("Total")).toEqual([6, 2, 2, 1, 1, 2, 90.5]);
  });

  it("breaks open items down by family and by owner", () => {
    expect(c.row("Access Control").slice(0, 2)).toEqual([3, 1]); // 1, 2, 7 open; 1 overdue
    expect(c.row("Configuration Management").slice(0, 2)).toEqual([1, 1]); // 8
    expect(c.row("System and Information Integrity").slice(0, 2)).toEqual([1, 0]); // 3
    // People is empty in this workbook: every open item is under "Others, or no owner".
    expect(c.row("Others, or no owner").slice(0, 2)).toEqual([6, 2]);
  });

  it("scores SPRS with open CMMC items as Not Met and partial credit for 3.13.11", () => {
    // 3.1.1 (5) + 3.13.11 partial (3) + 3.1.8, 3.1.10, 3.1.20, 3.4.9 with open CMMC items (1 each).
    expect(c.figure(LABEL.score)).toBe(110 - 5 - 3 - 4);
    // Items 1, 2 and 8 are planned; 3.1.1 and 3.13.11 have no item and 3.1.20's is only accepted.
    expect(c.figure(LABEL.scoreAfterPlan)).toBe(110 - 5 - 3 - 1);
  });

  it("says conditional status is out of reach, with each reason and blocking requirement", () => {
    expect(c.figure(LABEL.reachable)).toBe("No");
    expect(c.figure(LABEL.scoreCheck)).toBe("Yes");
    expect(c.figure(LABEL.ssp)).toBe("Yes");
    expect(c.figure(LABEL.ineligible)).toBe(2); // 3.1.1, 3.1.20
    expect(c.figure(LABEL.unplanned)).toBe(1); // 3.13.11
    expect(c.listUnder("Requirement", 4)).toEqual([
      ["3.1.1", "AC.L2-3.1.1", 5, "Not met and not allowed on a CMMC POA&M"],
      ["3.1.20", "AC.L2-3.1.20", 1, "Not met and not allowed on a CMMC POA&M"],
      ["3.13.11", "SC.L2-3.13.11", 5, "Not met and not on the POA&M"],
    ]);
    expect(c.domain.readiness.blockingRequirements.map((b) => b.id)).toEqual(["3.1.1", "3.1.20", "3.13.11"]);
    expect(c.domain.readiness.reasons).toHaveLength(2);
  });

  it("runs the 180-day close-out clock from the conditional status date", () => {
    const deadline = addDays("2026-10-01", 180);
    expect(deadline).toBe("2027-03-30");
    expect(fromSerial(c.figure(LABEL.deadline) as number)).toBe(deadline);
    expect(c.figure(LABEL.daysLeft)).toBe(toSerial(deadline) - toSerial(AS_OF));
    expect(c.domain.readiness.closeoutDaysLeft).toBe(127);
    // Item 7, a CMMC item, is risk-accepted: it must be closed, so the close-out is not on track.
    expect(c.figure(LABEL.closeoutOnTrack)).toBe("No: 1 CMMC item(s) risk-accepted; they must be closed");
    expect(c.domain.readiness.closeoutOffenders.map((o) => o.id)).toEqual(["POAM-2026-0007"]);
  });

  it("cannot name a date for 110 while lost points have no plan", () => {
    expect(c.figure(LABEL.fullScore)).toBe("Not planned: 3 requirement(s) losing points have no planned item");
  });

  it("agrees with the domain's summary maths", () => expectAgreement(c));
});

describe("edge cases", () => {
  it("an empty POA&M: no items, nothing assessed, so every requirement counts as Not Met", async () => {
    const c = await compute({});
    expect(c.figure(LABEL.open)).toBe(0);
    expect(c.figure(LABEL.overdueShare)).toBe(0);
    expect(c.figure(LABEL.onTime)).toBe("");
    expect(c.figure(LABEL.score)).toBe(-203);
    expect(c.row(LABEL.score)[1]).toBe("counts 110 requirement(s) not yet assessed as Not Met");
    expect(c.figure(LABEL.unassessed)).toBe(110);
    expect(c.figure(LABEL.fullScore)).toBe("Not planned: 109 requirement(s) losing points have no planned item");
    // 3.12.4 is not yet Met, so there is no assessment to be conditional on.
    expect(c.figure(LABEL.ssp)).toBe("No: without a plan there is no assessment");
    expect(c.figure(LABEL.reachable)).toBe("No");
    expect(c.listUnder("Requirement", 4).slice(0, 2)).toEqual([
      ["3.1.1", "AC.L2-3.1.1", 5, "Not yet assessed"],
      ["3.1.2", "AC.L2-3.1.2", 5, "Not yet assessed"],
    ]);
    expect(c.listUnder("Requirement", 1, 11).at(-1)).toEqual(["…and 100 more on the Controls sheet"]);
    expectAgreement(c);
  });

  it("an empty POA&M with every requirement Met: 110, Reached", async () => {
    const c = await compute({ controlStatuses: assessed() });
    expect(c.figure(LABEL.score)).toBe(110);
    expect(c.figure(LABEL.fullScore)).toBe("Reached");
    expect(c.figure(LABEL.reachable)).toBe("Yes");
    expect(c.listUnder("Requirement", 1)).toEqual([["None"]]);
    expectAgreement(c);
  });

  it("every item closed: nothing open, the score whole, status reachable", async () => {
    const c = await compute({
      findings: [
        aFinding({ id: "POAM-2026-0001", priority: "High", discovered: "2026-10-01", status: "Closed", completedOn: "2026-11-20" }),
        aFinding({ id: "POAM-2026-0002", priority: "Low", discovered: "2026-01-05", status: "Completed", completedOn: "2026-11-01" }),
      ],
      controlStatuses: assessed(),
    });
    expect(c.figure(LABEL.open)).toBe(0);
    expect(c.figure(LABEL.closed30)).toBe(2);
    // The first was due 2026-10-31 and closed 2026-11-20 (late); the second due 2026-07-04, closed late too.
    expect(c.figure(LABEL.onTime)).toBe(0);
    expect(c.figure(LABEL.score)).toBe(110);
    expect(c.figure(LABEL.reachable)).toBe("Yes");
    expectAgreement(c);
  });

  it("a score of exactly 88 with every lost point planned: reachable, and 110 on the last due date", async () => {
    const eligible = REQUIREMENTS.filter((r) => r.points === 1 && r.poamEligible === "Yes").slice(0, 22);
    expect(eligible).toHaveLength(22);
    const c = await compute({
      // Discovered 2026-11-01 and onwards, Medium: due 90 days later, the last on 2027-02-20.
      findings: eligible.map((r, i) =>
        aFinding({ id: `POAM-2026-${String(i + 1).padStart(4, "0")}`, requirement: r.id, priority: "Medium", discovered: addDays("2026-11-01", i) }),
      ),
      controlStatuses: assessed(),
    });
    expect(c.figure(LABEL.score)).toBe(88);
    expect(c.figure(LABEL.scoreCheck)).toBe("Yes");
    expect(c.figure(LABEL.reachable)).toBe("Yes");
    expect(c.figure(LABEL.scoreAfterPlan)).toBe(110);
    expect(fromSerial(c.figure(LABEL.fullScore) as number)).toBe("2027-02-20");
    expectAgreement(c);
  });

  it("a score of 87 is one point short", async () => {
    const eligible = REQUIREMENTS.filter((r) => r.points === 1 && r.poamEligible === "Yes").slice(0, 23);
    const c = await compute({
      findings: eligible.map((r, i) => aFinding({ id: `POAM-2026-${String(i + 1).padStart(4, "0")}`, requirement: r.id, discovered: "2026-11-01" })),
      controlStatuses: assessed(),
    });
    expect(c.figure(LABEL.score)).toBe(87);
    expect(c.figure(LABEL.scoreCheck)).toBe("No: 87 is below 88");
    expect(c.figure(LABEL.reachable)).toBe("No");
    expectAgreement(c);
  });
});

describe.each(COMPLIANCE_CASES)("the Summary sheet recalculated: $name", (c) => {
  let computed: Computed;
  let poam: Map<string, Record<string, Value>>;

  beforeAll(async () => {
    const file = await writeWorkbookFile(planSetup(EMPTY_WORKBOOK, caseData(c)));
    const recalculated = await readXlsx(await recalculate(file));
    computed = computedFrom(recalculated.sheet("Summary"), summarise(await readPoamFile(file)).figures);
    poam = poamRows(recalculated.sheet("POA&M"));
  });

  it("shows the hand-worked score, verdicts and blocking requirements", () => {
    expect(computed.figure(LABEL.score)).toBe(c.score);
    expect(computed.figure(LABEL.unassessed)).toBe(c.unassessed);
    expect(computed.figure(LABEL.reachable)).toBe(c.reachable ? "Yes" : "No");
    expect(onTrack(computed.figure(LABEL.closeoutOnTrack))).toBe(c.closeoutOnTrack);
    if (c.deadline === undefined) expect(computed.figure(LABEL.deadline)).toBe("");
    else expect(fromSerial(computed.figure(LABEL.deadline) as number)).toBe(c.deadline);
    const listed = computed.listUnder("Requirement", 1, 11).map(([id]) => id);
    const more = c.blocking.length > 10 ? [`…and ${c.blocking.length - 10} more on the Controls sheet`] : [];
    expect(listed).toEqual(c.blocking.length === 0 ? ["None"] : [...c.blocking.slice(0, 10), ...more]);
  });

  it("dates and flags the items as the hand-worked figures say", () => {
    for (const [id, due] of Object.entries(c.dueDates ?? {})) expect(fromSerial(poam.get(id)?.["Due Date"] as number)).toBe(due);
    for (const [id, ok] of Object.entries(c.cmmcPoamOk ?? {})) expect(poam.get(id)?.["CMMC POA&M OK"]).toBe(ok);
  });

  it("agrees with the domain's summary maths", () => expectAgreement(computed));
});

/** The POA&M sheet's rows by POA&M ID, each cell by its header. */
function poamRows(sheet: StoredSheet): Map<string, Record<string, Value>> {
  const { value } = cellsOf(sheet);
  const headers: string[] = [];
  for (let column = 0; value(0, column) !== ""; column++) headers.push(String(value(0, column)));
  const rows = new Map<string, Record<string, Value>>();
  for (let row = 1; value(row, 0) !== ""; row++) {
    rows.set(String(value(row, 0)), Object.fromEntries(headers.map((header, column) => [header, value(row, column)])));
  }
  return rows;
}
