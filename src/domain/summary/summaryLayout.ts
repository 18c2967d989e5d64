/**
 * The Summary sheet: a live section of formulas that keep working without
 * the add-in (all relative to the Settings "As of" date), and the areas the
 * refresh rewrites with what formulas cannot do portably (sorted lists with
 * links, the time of the refresh). Positions are fixed, so a refresh knows
 * exactly which cells are its own.
 */
import type { RangeBox } from "../core/a1";
import { columnRef, quoted } from "../workbook/formulaText";
import { NAME } from "../workbook/definedNames";
import type { Cell, Formula } from "../workbook/plan";
import { CLOSEOUT_LIMIT_DAYS, CONDITIONAL_MIN_SCORE, CONTROL_BLOCKERS, SSP_REQUIREMENT, cmmcItemsFormula } from "../compliance/rules";
import { DATE_FORMAT, DATE_TIME_FORMAT, POAM_TABLE, numbersOf, type CellStyle } from "../workbook/schema";
import { FAMILIES } from "../compliance/requirements";
import { PRIORITIES } from "../poam/vocabulary";

export interface SummaryFormat {
  readonly range: RangeBox;
  readonly numberFormat?: string;
  readonly style?: CellStyle & { readonly fontSize?: number };
}

export interface SummaryLayout {
  /** Cells from A1 down. */
  readonly cells: readonly (readonly Cell[])[];
  readonly formats: readonly SummaryFormat[];
  readonly widths: readonly { readonly column: number; readonly width: number }[];
}

/** A list the refresh writes: a header row, then up to `rows` rows, then a line for the rest. */
export interface RefreshedList {
  readonly title: RangeBox;
  readonly header: RangeBox;
  /** The data rows and the "…and N more" line below them. */
  readonly body: RangeBox;
  readonly rows: number;
}

const f = (formula: string): Formula => ({ formula });
const poam = (column: string) => columnRef(POAM_TABLE, column);
const controls = (column: string) => columnRef("Controls", column);
/** COUNTIFS criteria that select open items: a status is set and the state is not Closed. */
const OPEN = `${poam("Status")},"<>",${poam("State")},"<>Closed"`;
/** SUMPRODUCT of the rows that count in CMMC scoring (see `countsAsCmmcItem`) and meet every condition. */
const cmmcCount = (...conditions: string[]) => `SUMPRODUCT(${[cmmcItemsFormula(poam("Item Type")), ...conditions].join("*")})`;
/** Open items, as the COUNTIFS criteria `OPEN` select them, as a SUMPRODUCT condition. */
const OPEN_ROWS = `(${poam("Status")}<>"")*(${poam("State")}<>"Closed")`;

const HEADER_STYLE: CellStyle = { fill: "#1F4E79", fontColor: "#FFFFFF", bold: true };
const SECTION_STYLE = { bold: true, fontColor: "#1F4E79", fontSize: 12 } as const;
const WIDTH = 8;
const TOP_OVERDUE_ROWS = 10;
const DUE_BEFORE_REVIEW_ROWS = 20;
const BLOCKER_ROWS = 10;
const OWNER_ROWS = 15;

/** The A1 row number of a zero-based row. */
const a1 = (row: number) => row + 1;
const box = (row: number, column: number, rowCount = 1, columnCount = 1): RangeBox => ({ row, column, rowCount, columnCount });

/** Lays the sheet out top to bottom, remembering where each part went. */
class Sheet {
  readonly cells: Cell[][] = [];
  readonly formats: SummaryFormat[] = [];

  get next(): number {
    return this.cells.length;
  }

  row(...cells: Cell[]): number {
    this.cells.push(cells);
    return this.cells.length - 1;
  }

  blank(count = 1): void {
    for (let i = 0; i < count; i++) this.cells.push([]);
  }

  section(title: string): number {
    const row = this.row(title);
    this.formats.push({ range: box(row, 0), style: SECTION_STYLE });
    return row;
  }

  header(...labels: string[]): number {
    const row = this.row(...labels);
    this.formats.push({ range: box(row, 0, 1, labels.length), style: HEADER_STYLE });
    return row;
  }

  format(range: RangeBox, numberFormat: string): void {
    this.formats.push({ range, numberFormat });
  }
}

function layout() {
  const s = new Sheet();
  s.row("POA&M Summary");
  s.formats.push({ range: box(0, 0), style: { bold: true, fontSize: 16, fontColor: "#1F4E79" } });
  s.row(
    f(
      `IF(${NAME.organisation}="","Set the organisation and system name on the Settings sheet.",` +
        `${NAME.organisation}&IF(${NAME.systemName}="",""," - "&${NAME.systemName}))`,
    ),
  );
  const asOfRow = s.row("As of", f(NAME.reportDate), null, "Last refreshed", "Not yet refreshed");
  s.format(box(asOfRow, 1), DATE_FORMAT);
  s.format(box(asOfRow, 4), DATE_TIME_FORMAT);
  s.formats.push({ range: box(asOfRow, 3), style: { bold: true } });
  const lastRefreshed = box(asOfRow, 4);
  s.blank();

  // Key figures.
  s.section("Key figures");
  const figure = (label: string, formula: string, numberFormat = "0") => {
    const row = s.row(label, f(formula));
    s.format(box(row, 1), numberFormat);
    return `$B$${a1(row)}`;
  };
  const open = figure("Open items", `COUNTIFS(${OPEN})`);
  const overdue = figure("Overdue", `COUNTIFS(${poam("State")},"Overdue")`);
  figure("Overdue, share of open items", `IF(${open}=0,0,${overdue}/${open})`, "0%");
  figure("Due soon (within the Settings warning days)", `COUNTIFS(${poam("State")},"Due Soon")`);
  figure(
    "Due in the next 30 days",
    `COUNTIFS(${OPEN},${poam("State")},"<>Accepted",${poam("Due Date")},">="&${NAME.reportDate},${poam("Due Date")},"<="&(${NAME.reportDate}+30))`,
  );
  const closedWithin = (days: number, criteria = "") =>
    `COUNTIFS(${criteria}${poam("State")},"Closed",${poam("Completed On")},">"&(${NAME.reportDate}-${days}),${poam("Completed On")},"<="&${NAME.reportDate})`;
  figure("Closed in the last 30 days", closedWithin(30));
  figure("Closed in the last 90 days", closedWithin(90));
  const closedTimed = `(${poam("State")}="Closed")*ISNUMBER(${poam("Completed On")})*ISNUMBER(${poam("Due Date")})`;
  figure(
    "Closed on or before the due date (share of closed items)",
    `IF(SUMPRODUCT(${closedTimed})=0,"",SUMPRODUCT(${closedTimed}*(${poam("Completed On")}<=${poam("Due Date")}))/SUMPRODUCT(${closedTimed}))`,
    "0%",
  );
  figure("Overdue after an approved extension", `COUNTIFS(${poam("State")},"Overdue",${poam("Extended To")},">0")`);
  figure(
    "Risk acceptances expired or expiring soon",
    `COUNTIFS(${poam("State")},"Accepted",${poam("Due Date")},"<="&(${NAME.reportDate}+${NAME.dueSoonDays}))`,
  );
  s.blank();

  // Open items by priority.
  s.section("Open items by priority");
  s.header("Priority", "Open", "Overdue", "Due Soon", "On Track", "Risk Accepted", "Closed (90 days)", "Avg days to close");
  const firstPriority = s.next;
  for (const priority of PRIORITIES) {
    const label = `$A${a1(s.next)}`;
    const count = (criteria: string) => f(`COUNTIFS(${poam("Priority")},${label},${criteria})`);
    s.row(
      priority,
      count(OPEN),
      count(`${poam("State")},"Overdue"`),
      count(`${poam("State")},"Due Soon"`),
      count(`${poam("State")},"On Track"`),
      count(`${poam("State")},"Accepted"`),
      f(closedWithin(90, `${poam("Priority")},${label},`)),
      f(`IFERROR(AVERAGEIFS(${poam("Days Open")},${poam("Priority")},${label},${poam("State")},"Closed"),"")`),
    );
  }
  const lastPriority = s.next - 1;
  const sumOf = (col: string) => f(`SUM(${col}${a1(firstPriority)}:${col}${a1(lastPriority)})`);
  const totalRow = s.row(
    "Total",
    ...["B", "C", "D", "E", "F", "G"].map(sumOf),
    f(`IFERROR(AVERAGEIFS(${poam("Days Open")},${poam("State")},"Closed"),"")`),
  );
  s.formats.push({ range: box(totalRow, 0, 1, WIDTH), style: { bold: true } });
  s.format(box(firstPriority, 7, totalRow - firstPriority + 1), "0.0");
  s.blank();

  // SPRS score and CMMC readiness (the rules: compliance/rules.ts). The section keeps its row count, so an
  // upgrade can rewrite it in place without moving the refreshed lists below.
  const readinessFirst = s.section("SPRS score and CMMC readiness");
  const scoreRow = s.next;
  const score = figure("SPRS score now", `110-SUM(${controls("Points Lost")})`);
  figure("SPRS score when every planned item closes on its due date", `110-SUM(${controls("Points After Plan")})`);
  const unassessed = figure(
    "Requirements not yet assessed (each counted as Not Met)",
    `COUNTIF(${controls("CMMC Blocker")},${quoted(CONTROL_BLOCKERS.unassessed)})`,
  );
  s.cells[scoreRow].push(f(`IF(${unassessed}>0,"counts "&${unassessed}&" requirement(s) not yet assessed as Not Met","")`));
  const reachableRow = s.row("CMMC conditional status reachable");
  const scoreCheck = figure(
    `SPRS score at least ${CONDITIONAL_MIN_SCORE}`,
    `IF(${score}>=${CONDITIONAL_MIN_SCORE},"Yes","No: "&${score}&" is below ${CONDITIONAL_MIN_SCORE}")`,
  );
  // 3.12.4 has no blocker exactly when it is Met with no open CMMC item (requirementBlocker).
  const sspBlocker = `INDEX(${controls("CMMC Blocker")},MATCH(${quoted(SSP_REQUIREMENT)},${controls("Requirement")},0))`;
  const sspCheck = figure(
    `System security plan (${SSP_REQUIREMENT}) Met`,
    `IFERROR(IF(${sspBlocker}="","Yes","No: without a plan there is no assessment"),"No: without a plan there is no assessment")`,
  );
  const ineligible = figure("Unmet requirements not allowed on a CMMC POA&M", `COUNTIF(${controls("CMMC Blocker")},${quoted(CONTROL_BLOCKERS.ineligible)})`);
  const unplanned = figure("Unmet requirements with no open POA&M item", `COUNTIF(${controls("CMMC Blocker")},${quoted(CONTROL_BLOCKERS.unplanned)})`);
  figure(
    "Close-out clock starts (conditional status date, else assessment date)",
    `IF(ISNUMBER(${NAME.closeoutStart}),${NAME.closeoutStart},"Not set")`,
    DATE_FORMAT,
  );
  const deadline = figure(`Close-out deadline (${CLOSEOUT_LIMIT_DAYS} days, 32 CFR 170.21)`, `IF(ISNUMBER(${NAME.closeoutDeadline}),${NAME.closeoutDeadline},"")`, DATE_FORMAT);
  const daysLeft = figure("Days left on the close-out clock", `IF(ISNUMBER(${deadline}),${deadline}-${NAME.reportDate},"")`);
  const openCmmc = cmmcCount(OPEN_ROWS);
  const accepted = cmmcCount(`(${poam("State")}="Accepted")`);
  const undated = cmmcCount(OPEN_ROWS, `(${poam("State")}="")`);
  const late = cmmcCount(OPEN_ROWS, `(${poam("State")}<>"Accepted")`, `((${numbersOf(poam("Due Date"))})-${deadline}>0)`);
  // The same order as closeoutProblem: accepted, then a deadline already passed, then undated or late.
  figure(
    "CMMC close-out on track",
    `IF(NOT(ISNUMBER(${deadline})),"No close-out clock: set the Conditional status date",` +
      `IF(${accepted}>0,"No: "&${accepted}&" CMMC item(s) risk-accepted; they must be closed",` +
      `IF(AND(${daysLeft}<0,${openCmmc}>0),"No: the deadline passed with "&${openCmmc}&" CMMC item(s) open",` +
      `IF(${undated}+${late}>0,"No: "&${undated}&" CMMC item(s) without a due date, "&${late}&" due after the deadline","Yes"))))`,
  );
  figure(
    "SPRS score expected to reach 110 on",
    `IF(SUM(${controls("Points Lost")})=0,"Reached",IF(COUNTIF(${controls("Points After Plan")},">0")>0,` +
      `"Not planned: "&COUNTIF(${controls("Points After Plan")},">0")&" requirement(s) losing points have no planned item",` +
      `SUMPRODUCT(MAX((${controls("Points Lost")}>0)*${numbersOf(controls("Planned By"))}))))`,
    DATE_FORMAT,
  );
  s.cells[reachableRow].push(
    f(
      `IF(AND(LEFT(${scoreCheck},3)="Yes",LEFT(${sspCheck},3)="Yes",${unassessed}=0,${ineligible}=0,${unplanned}=0,` +
        `NOT(AND(ISNUMBER(${daysLeft}),${daysLeft}<0,${openCmmc}>0))),"Yes","No")`,
    ),
  );
  s.formats.push({ range: box(reachableRow, 0, 1, 2), style: { bold: true } });
  const readinessRows = box(readinessFirst, 0, s.next - readinessFirst, WIDTH);
  s.blank();

  // The requirements in the way, numbered by the Controls table's Blocker No. column.
  s.section("Requirements blocking conditional status");
  s.header("Requirement", "CMMC ID", "Points", "Reason");
  for (let k = 1; k <= BLOCKER_ROWS; k++) {
    const at = (column: string) => f(`IFERROR(INDEX(${controls(column)},MATCH(${k},${controls("Blocker No.")},0)),"")`);
    s.row(at("Requirement"), at("CMMC ID"), at("Points"), at("CMMC Blocker"));
  }
  const blockers = `COUNT(${controls("Blocker No.")})`;
  s.row(f(`IF(${blockers}>${BLOCKER_ROWS},"…and "&(${blockers}-${BLOCKER_ROWS})&" more on the Controls sheet",IF(${blockers}=0,"None",""))`));
  s.blank();

  // Open items by family and by owner.
  s.section("Open items by requirement family");
  s.header("Family", "Open", "Overdue");
  for (const family of Object.values(FAMILIES)) {
    const label = `$A${a1(s.next)}`;
    s.row(family, f(`COUNTIFS(${poam("Family")},${label},${OPEN})`), f(`COUNTIFS(${poam("Family")},${label},${poam("State")},"Overdue")`));
  }
  s.blank();
  s.section("Open items by owner");
  s.header("Owner", "Open", "Overdue");
  const firstOwner = s.next;
  for (let k = 1; k <= OWNER_ROWS; k++) {
    const label = `$A${a1(s.next)}`;
    s.row(
      f(`IF(ROWS(${columnRef("People", "Name")})>=${k},INDEX(${columnRef("People", "Name")},${k})&"","")`),
      f(`IF(${label}="","",COUNTIFS(${poam("Owner")},${label},${OPEN}))`),
      f(`IF(${label}="","",COUNTIFS(${poam("Owner")},${label},${poam("State")},"Overdue"))`),
    );
  }
  const lastOwner = s.next - 1;
  s.row(
    "Others, or no owner",
    f(`${open}-SUM(B${a1(firstOwner)}:B${a1(lastOwner)})`),
    f(`${overdue}-SUM(C${a1(firstOwner)}:C${a1(lastOwner)})`),
  );
  s.blank();

  // The refreshed lists.
  const list = (title: string | Formula, headers: string[], rows: number): RefreshedList => {
    const titleRow = s.row(title);
    s.formats.push({ range: box(titleRow, 0), style: SECTION_STYLE });
    const headerRow = s.header(...headers);
    const first = s.next;
    s.blank(rows + 1);
    s.format(box(first, 4, rows), DATE_FORMAT);
    return { title: box(titleRow, 0), header: box(headerRow, 0, 1, headers.length), body: box(first, 0, rows + 1, WIDTH), rows };
  };
  const topOverdue = list("Most overdue items (refreshed)", ["POA&M ID", "Weakness", "Owner", "Priority", "Due Date", "Days Overdue"], TOP_OVERDUE_ROWS);
  s.blank();
  const dueBeforeReview = list(
    f(`"Due before the next review, "&TEXT(${NAME.nextReview},"yyyy-mm-dd")&" (refreshed)"`),
    ["POA&M ID", "Weakness", "Owner", "Priority", "Due Date", "State"],
    DUE_BEFORE_REVIEW_ROWS,
  );

  return { s, lastRefreshed, topOverdue, dueBeforeReview, readinessRows };
}

const built = layout();

/** Where the refresh writes on the Summary sheet. */
export const SUMMARY_AREAS = {
  lastRefreshed: built.lastRefreshed,
  topOverdue: built.topOverdue,
  dueBeforeReview: built.dueBeforeReview,
  /** The SPRS and readiness section, which an upgrade rewrites in place. */
  readiness: built.readinessRows,
  /** The first column to the right of the layout, where the charts go. */
  chartColumn: WIDTH + 1,
} as const;

export function summaryLayout(): SummaryLayout {
  return {
    cells: built.s.cells,
    formats: built.s.formats,
    // B holds the lists' weakness titles; E the refresh time and due dates.
    widths: [
      { column: 0, width: 52 },
      { column: 1, width: 34 },
      { column: 2, width: 12 },
      { column: 3, width: 14 },
      { column: 4, width: 17 },
      { column: 5, width: 15 },
      { column: 6, width: 16 },
      { column: 7, width: 17 },
    ],
  };
}
