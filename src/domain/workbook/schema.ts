/**
 * What a POA&M workbook holds (README, "What the workbook holds"): its sheets, its tables and their
 * columns, with the formula, number format, width and validation of each.
 * The setup planner turns this into a workbook plan; nothing here knows how a
 * workbook is written.
 */
import { isClosedStatusFormula } from "../poam/closedStatuses";
import {
  cmmcItemsFormula,
  countsAsCmmcItemFormula,
  eligibleForPoamFormula,
  pointsLostFormula,
  requirementBlockerFormula,
  type ControlRowRefs,
} from "../compliance/rules";
import { columnRef, lookup, thisRowRef } from "./formulaText";
import { NAME } from "./definedNames";
import { REQUIREMENTS } from "../compliance/requirements";
import { SETTING, SETTINGS } from "./settingsKeys";
import { CONTROL_STATUSES, DEFAULT_SLA_DAYS, ITEM_TYPES, PRIORITIES, SOURCES, STATUSES } from "../poam/vocabulary";

export type SheetKey = "poam" | "milestones" | "summary" | "controls" | "settings" | "history" | "changeLog";

export interface SheetSchema {
  readonly key: SheetKey;
  /** The name the add-in gives the sheet; users may rename it. */
  readonly name: string;
  readonly tabColor: string;
}

/** In tab order. */
export const SHEETS: readonly SheetSchema[] = [
  { key: "poam", name: "POA&M", tabColor: "#1F4E79" },
  { key: "milestones", name: "Milestones", tabColor: "#2E75B6" },
  { key: "summary", name: "Summary", tabColor: "#548235" },
  { key: "controls", name: "Controls", tabColor: "#7030A0" },
  { key: "settings", name: "Settings", tabColor: "#7F7F7F" },
  // Excel reserves the sheet name "History" (for its change-tracking history), so the table `History` lives here.
  { key: "history", name: "Refresh History", tabColor: "#BF8F00" },
  { key: "changeLog", name: "Change Log", tabColor: "#A5A5A5" },
];

export const DATE_FORMAT = "yyyy-mm-dd";
export const DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";
export const TEXT_FORMAT = "@";
/** Longest text the add-in accepts in one cell (README, "What the workbook holds"). */
export const MAX_TEXT_LENGTH = 2000;

/**
 * The Poam columns only the sheet's formulas fill, with no counterpart in any
 * file the add-in writes or reads: exports leave them out, and a reader of an
 * export works them out again.
 */
export const DERIVED_COLUMNS = ["Days Open", "Days Left", "State", "SPRS Points", "CMMC POA&M OK"] as const;

export type ValidationRule =
  | { readonly type: "list"; readonly source: string; readonly warnOnly?: boolean }
  | { readonly type: "decimal"; readonly min: number; readonly max?: number }
  | { readonly type: "whole"; readonly min: number; readonly max?: number }
  /** A date not after today (discovery, completion). */
  | { readonly type: "pastDate" }
  | { readonly type: "date" }
  | { readonly type: "textLength"; readonly max: number }
  /** A custom rule, written for the first cell of the range with A1 references (see `A1Refs`). */
  | { readonly type: "custom"; readonly formula: (refs: A1Refs) => string };

/**
 * A1 references to a table's own columns, for rules that cannot use structured
 * references: `cell("State")` is "$AH2" (the column anchored, the row relative
 * to the first data row) and `column("POA&M ID")` is "$A:$A".
 */
export interface A1Refs {
  cell(header: string): string;
  column(header: string): string;
}

export interface ValidationSchema {
  readonly rule: ValidationRule;
  /** Shown when the entry is refused (or warned about). */
  readonly message: string;
}

export interface ColumnSchema {
  readonly header: string;
  readonly width: number;
  /** Calculated-column formula, without the leading "=". */
  readonly formula?: string;
  readonly numberFormat?: string;
  readonly validation?: ValidationSchema;
}

export interface TableSchema {
  readonly name: string;
  readonly sheet: SheetKey;
  /** Where the header row starts when the add-in creates the table (zero-based). */
  readonly at: { readonly row: number; readonly column: number };
  readonly style: string;
  readonly columns: readonly ColumnSchema[];
  /** Rows a new table starts with. Literal cells only; formula columns are filled in. */
  readonly seed?: () => readonly (readonly (string | number | null)[])[];
  /** For key/value tables: the first column holds keys the add-in needs, added when missing. */
  readonly keyed?: boolean;
}

const text = (header: string, width: number): ColumnSchema => ({
  header,
  width,
  numberFormat: TEXT_FORMAT,
  validation: {
    rule: { type: "textLength", max: MAX_TEXT_LENGTH },
    message: `${header} holds at most ${MAX_TEXT_LENGTH} characters.`,
  },
});

const list = (header: string, width: number, source: string, message: string, warnOnly = false): ColumnSchema => ({
  header,
  width,
  numberFormat: TEXT_FORMAT,
  validation: { rule: { type: "list", source: `=${source}`, warnOnly }, message },
});

const date = (header: string, rule: ValidationRule, message: string): ColumnSchema => ({
  header,
  width: 12,
  numberFormat: DATE_FORMAT,
  validation: { rule, message },
});

const computed = (header: string, width: number, formula: string, numberFormat = "General"): ColumnSchema => ({
  header,
  width,
  formula,
  numberFormat,
});

// ---------------------------------------------------------------------------
// Poam: one row per weakness (README, "What the workbook holds")

export const POAM_TABLE = "Poam";
const p = (column: string) => thisRowRef(POAM_TABLE, column);

const slaDays = lookup(p("Priority"), "Sla", "Priority", "Days");
const slaTarget = `${p("Discovered")}+${slaDays}`;
/** A CMMC item is due no later than the firm's close-out target, counted from the one close-out clock. */
const cmmcCap = `${NAME.closeoutStart}+${NAME.closeoutTargetDays}`;
const controlOf = (column: string) => lookup(p("Requirement"), "Controls", "Requirement", column);

export const POAM_FORMULAS = {
  family: `IFERROR(${lookup(p("Requirement"), "Controls", "Requirement", "Family")},"")`,
  targetDate:
    `IF(OR(NOT(ISNUMBER(${p("Discovered")})),${p("Priority")}=""),"",` +
    `IFERROR(IF(AND(${countsAsCmmcItemFormula(p("Item Type"))},ISNUMBER(${NAME.closeoutStart})),` +
    `MIN(${slaTarget},${cmmcCap}),${slaTarget}),""))`,
  dueDate: `IF(ISNUMBER(${p("Extended To")}),${p("Extended To")},${p("Target Date")})`,
  daysOpen:
    `IF(NOT(ISNUMBER(${p("Discovered")})),"",` +
    `IF(AND(${p("State")}="Closed",ISNUMBER(${p("Completed On")})),${p("Completed On")},${NAME.reportDate})-${p("Discovered")})`,
  daysLeft: `IF(OR(${p("State")}="Closed",NOT(ISNUMBER(${p("Due Date")}))),"",${p("Due Date")}-${NAME.reportDate})`,
  state:
    `IF(TRIM(${p("Status")})="","",IF(${isClosedStatusFormula(p("Status"))},"Closed",IF(TRIM(${p("Status")})="Risk Accepted","Accepted",` +
    `IF(NOT(ISNUMBER(${p("Due Date")})),"",IF(${p("Due Date")}<${NAME.reportDate},"Overdue",` +
    `IF(${p("Due Date")}-${NAME.reportDate}<=${NAME.dueSoonDays},"Due Soon","On Track"))))))`,
  sprsPoints: `IFERROR(${lookup(p("Requirement"), "Controls", "Requirement", "Points")},"")`,
  /** Yes when CMMC allows the requirement, as now assessed, on a POA&M (3.13.11 only while Partial), else No. */
  cmmcPoamOk: `IFERROR(IF(${eligibleForPoamFormula(controlOf("POA&M Allowed"), controlOf("Status"))},"Yes","No"),"")`,
} as const;

const PERSON_MESSAGE = "Pick a person from Settings > People, or add them there first.";

export const POAM_COLUMNS: readonly ColumnSchema[] = [
  {
    header: "POA&M ID",
    width: 16,
    numberFormat: TEXT_FORMAT,
    validation: {
      rule: { type: "custom", formula: (refs) => `COUNTIF(${refs.column("POA&M ID")},${refs.cell("POA&M ID")})=1` },
      message: "Each POA&M ID must be unique; the add-in assigns the next free one.",
    },
  },
  list("Item Type", 24, NAME.itemTypes, "Choose an item type from Settings > Lists."),
  list("Requirement", 12, NAME.requirements, "Choose a NIST SP 800-171 requirement listed on the Controls sheet, e.g. 3.14.1."),
  computed("Family", 24, POAM_FORMULAS.family),
  text("Weakness", 40),
  text("Description", 50),
  text("Root Cause", 30),
  list("Source", 20, NAME.sources, "Choose a source from Settings > Lists."),
  text("Source Ref", 24),
  text("Assets", 24),
  date("Discovered", { type: "pastDate" }, "Discovered is a date that is not in the future."),
  {
    header: "CVSS",
    width: 7,
    numberFormat: "0.0",
    validation: { rule: { type: "decimal", min: 0, max: 10 }, message: "CVSS is a score from 0.0 to 10.0." },
  },
  list("Priority", 10, NAME.priorities, "Priority is Critical, High, Medium or Low (Settings > Sla)."),
  list("Owner", 18, NAME.people, PERSON_MESSAGE, true),
  list("Implementer", 18, NAME.people, PERSON_MESSAGE, true),
  list("Approver", 18, NAME.people, PERSON_MESSAGE, true),
  text("Planned Actions", 40),
  text("Acceptance Criteria", 30),
  text("Resources", 24),
  {
    header: "Est. Cost",
    width: 12,
    numberFormat: "#,##0.00",
    validation: { rule: { type: "decimal", min: 0 }, message: "Est. Cost is an amount of 0 or more." },
  },
  text("Interim Mitigation", 30),
  computed("Target Date", 12, POAM_FORMULAS.targetDate, DATE_FORMAT),
  date("Extended To", { type: "date" }, "Extended To is the approved new due date."),
  text("Extension Reason", 30),
  computed("Due Date", 12, POAM_FORMULAS.dueDate, DATE_FORMAT),
  list("Status", 14, NAME.statuses, "Choose a status from Settings > Statuses."),
  date("Completed On", { type: "pastDate" }, "Completed On is a date that is not in the future."),
  text("Verified By", 18),
  text("Evidence", 30),
  text("Ticket", 18),
  text("Residual Risk", 24),
  computed("Days Open", 10, POAM_FORMULAS.daysOpen, "0"),
  computed("Days Left", 10, POAM_FORMULAS.daysLeft, "0"),
  computed("State", 11, POAM_FORMULAS.state),
  computed("SPRS Points", 8, POAM_FORMULAS.sprsPoints, "0"),
  computed("CMMC POA&M OK", 10, POAM_FORMULAS.cmmcPoamOk),
  date("Updated", { type: "date" }, "Updated is the date of the last change."),
  text("Comments", 40),
];

// ---------------------------------------------------------------------------
// Milestones: dated steps of each item

const m = (column: string) => thisRowRef("Milestones", column);

export const MILESTONE_COLUMNS: readonly ColumnSchema[] = [
  list("POA&M ID", 16, NAME.itemIds, "Use the POA&M ID of an item on the POA&M sheet.", true),
  text("Milestone", 50),
  date("Due Date", { type: "date" }, "Due Date is the date the milestone is planned for."),
  date("Completed On", { type: "pastDate" }, "Completed On is a date that is not in the future."),
  computed(
    "State",
    10,
    `IF(${m("Milestone")}="","",IF(ISNUMBER(${m("Completed On")}),"Done",` +
      `IF(AND(ISNUMBER(${m("Due Date")}),${m("Due Date")}<${NAME.reportDate}),"Late","Planned")))`,
  ),
  text("Notes", 40),
];

// ---------------------------------------------------------------------------
// Controls: the 110 requirements and the firm's self-assessment (README, "SPRS score and CMMC readiness: the rules")

const c = (column: string) => thisRowRef("Controls", column);

/** Which rows of the Poam table count in CMMC scoring (see `countsAsCmmcItem`), as a 0/1 array. */
const cmmcRows = cmmcItemsFormula(columnRef(POAM_TABLE, "Item Type"));
const onThisRequirement = `(${columnRef(POAM_TABLE, "Requirement")}=${c("Requirement")})`;

/**
 * The open CMMC POA&M items on this row's requirement: not Closed, whatever
 * their status. Operational plans of action, enduring exceptions and scan
 * findings do not make a requirement Not Met.
 */
const openCmmcItems = `SUMPRODUCT(${onThisRequirement}*${cmmcRows}*(${columnRef(POAM_TABLE, "State")}<>"Closed"))`;

/** Open CMMC items on the row's requirement that have a due date and are not risk-accepted: its plan. */
const plannedCmmcItems = (value: string) =>
  `${onThisRequirement}*${cmmcRows}` +
  `*((${columnRef(POAM_TABLE, "State")}="Overdue")+(${columnRef(POAM_TABLE, "State")}="Due Soon")+(${columnRef(POAM_TABLE, "State")}="On Track"))` +
  value;

const CONTROL_ROW: ControlRowRefs = {
  requirement: c("Requirement"),
  status: c("Status"),
  points: c("Points"),
  partialPoints: c("Partial Points"),
  allowed: c("POA&M Allowed"),
  openItems: c("Open POA&M Items"),
};

/**
 * A column's numbers as an array that arithmetic accepts: an empty result
 * ("") reads as 0. `0&` turns a date serial into the same digits as text,
 * which multiplication turns back into the number; Excel 2016 and
 * LibreOffice both evaluate this inside SUMPRODUCT without array entry.
 */
export const numbersOf = (column: string) => `(0&${column})`;

export const CONTROLS_FORMULAS = {
  openItems: openCmmcItems,
  /** Points this requirement takes off the SPRS score (`pointsLost`). */
  pointsLost: pointsLostFormula(CONTROL_ROW),
  plannedItems: `SUMPRODUCT(${plannedCmmcItems("")})`,
  /** The latest due date of the planned items: when the requirement is expected to be met. */
  plannedBy: `IF(${c("Planned Items")}=0,"",SUMPRODUCT(MAX(${plannedCmmcItems(`*${numbersOf(columnRef(POAM_TABLE, "Due Date"))}`)})))`,
  /** Points still lost once every planned item has closed on its due date. */
  pointsAfterPlan: `IF(${c("Planned Items")}>0,0,${c("Points Lost")})`,
  /** Why the requirement stands in the way of conditional status (`requirementBlocker`). */
  blocker: requirementBlockerFormula(CONTROL_ROW),
  /** Numbers the blocking requirements 1, 2, 3… from the top, so the Summary can list them with INDEX/MATCH. */
  blockerNumber:
    `IF(${c("CMMC Blocker")}="","",COUNTIF(INDEX(${columnRef("Controls", "CMMC Blocker")},1):${c("CMMC Blocker")},"?*"))`,
} as const;

export const CONTROL_COLUMNS: readonly ColumnSchema[] = [
  { header: "Requirement", width: 11, numberFormat: TEXT_FORMAT },
  { header: "CMMC ID", width: 16, numberFormat: TEXT_FORMAT },
  { header: "Family Code", width: 8, numberFormat: TEXT_FORMAT },
  { header: "Family", width: 28, numberFormat: TEXT_FORMAT },
  { header: "Level", width: 7, numberFormat: TEXT_FORMAT },
  { header: "Points", width: 7, numberFormat: "0" },
  { header: "Partial Points", width: 8, numberFormat: "0" },
  { header: "Partial Credit When", width: 36, numberFormat: TEXT_FORMAT },
  { header: "POA&M Allowed", width: 12, numberFormat: TEXT_FORMAT },
  { header: "Requirement Text", width: 70, numberFormat: TEXT_FORMAT },
  list("Status", 10, NAME.controlStatuses, "Status is Met, Not Met, Partial or N/A; leave empty until assessed."),
  computed("Open POA&M Items", 9, CONTROLS_FORMULAS.openItems, "0"),
  computed("Points Lost", 8, CONTROLS_FORMULAS.pointsLost, "0"),
  text("Notes", 40),
  computed("Planned Items", 9, CONTROLS_FORMULAS.plannedItems, "0"),
  computed("Planned By", 12, CONTROLS_FORMULAS.plannedBy, DATE_FORMAT),
  computed("Points After Plan", 9, CONTROLS_FORMULAS.pointsAfterPlan, "0"),
  computed("CMMC Blocker", 34, CONTROLS_FORMULAS.blocker),
  computed("Blocker No.", 8, CONTROLS_FORMULAS.blockerNumber, "0"),
];

// ---------------------------------------------------------------------------
// Settings sheet: the key/value settings and the lists behind validation

const days = (header: string): ColumnSchema => ({
  header,
  width: 8,
  numberFormat: "0",
  validation: { rule: { type: "whole", min: 1, max: 3650 }, message: `${header} is a whole number of days.` },
});

export const SETTINGS_COLUMNS: readonly ColumnSchema[] = [
  { header: "Setting", width: 24, numberFormat: TEXT_FORMAT },
  { header: "Value", width: 22 },
  { header: "Notes", width: 60, numberFormat: TEXT_FORMAT },
];

// ---------------------------------------------------------------------------
// History and Change Log

const count = (header: string): ColumnSchema => ({ header, width: 9, numberFormat: "0" });

export const HISTORY_COLUMNS: readonly ColumnSchema[] = [
  { header: "Snapshot Date", width: 13, numberFormat: DATE_FORMAT },
  count("Open"),
  count("Critical"),
  count("High"),
  count("Medium"),
  count("Low"),
  count("Overdue"),
  count("Due Soon"),
  count("SPRS Score"),
  count("Closed Since Last"),
  { header: "Refreshed By", width: 18, numberFormat: TEXT_FORMAT },
];

export const CHANGE_LOG_COLUMNS: readonly ColumnSchema[] = [
  { header: "When", width: 17, numberFormat: DATE_TIME_FORMAT },
  { header: "Who", width: 18, numberFormat: TEXT_FORMAT },
  { header: "POA&M ID", width: 16, numberFormat: TEXT_FORMAT },
  { header: "Field", width: 18, numberFormat: TEXT_FORMAT },
  { header: "Old Value", width: 40, numberFormat: TEXT_FORMAT },
  { header: "New Value", width: 40, numberFormat: TEXT_FORMAT },
];

export const SLA_COLUMNS: readonly ColumnSchema[] = [
  list("Priority", 10, NAME.priorities, "Priority is Critical, High, Medium or Low."),
  days("Days"),
];

export const STATUS_COLUMNS: readonly ColumnSchema[] = [
  { header: "Status", width: 14, numberFormat: TEXT_FORMAT },
  {
    header: "Closed",
    width: 8,
    numberFormat: TEXT_FORMAT,
    validation: { rule: { type: "list", source: '"Yes,No"' }, message: "Closed is Yes or No." },
  },
  { header: "Meaning", width: 50, numberFormat: TEXT_FORMAT },
];

export const PEOPLE_COLUMNS: readonly ColumnSchema[] = [
  text("Name", 22),
  text("Role", 22),
  text("Email", 28),
];

export const LIST_COLUMNS: readonly ColumnSchema[] = [
  { header: "Item Type", width: 44, numberFormat: TEXT_FORMAT },
  { header: "Source", width: 22, numberFormat: TEXT_FORMAT },
  { header: "Control Status", width: 14, numberFormat: TEXT_FORMAT },
];

/** Lays lists of different lengths side by side, padding the shorter ones. */
function sideBySide(...columns: readonly (readonly string[])[]): (string | null)[][] {
  const height = Math.max(...columns.map((column) => column.length));
  return Array.from({ length: height }, (_, row) => columns.map((column) => column[row] ?? null));
}

/** Every table of the workbook, in the order the add-in creates them. */
export const TABLES: readonly TableSchema[] = [
  {
    name: "Settings",
    sheet: "settings",
    at: { row: 2, column: 0 },
    style: "TableStyleLight9",
    columns: SETTINGS_COLUMNS,
    keyed: true,
    seed: () => SETTINGS.map((setting) => [SETTING[setting.key], setting.initial, setting.note]),
  },
  {
    name: "Sla",
    sheet: "settings",
    at: { row: 2, column: 4 },
    style: "TableStyleLight9",
    columns: SLA_COLUMNS,
    seed: () => PRIORITIES.map((priority) => [priority, DEFAULT_SLA_DAYS[priority]]),
  },
  {
    name: "Statuses",
    sheet: "settings",
    at: { row: 2, column: 7 },
    style: "TableStyleLight9",
    columns: STATUS_COLUMNS,
    seed: () => STATUSES.map(({ status, closed, meaning }) => [status, closed ? "Yes" : "No", meaning]),
  },
  { name: "People", sheet: "settings", at: { row: 2, column: 11 }, style: "TableStyleLight9", columns: PEOPLE_COLUMNS },
  {
    name: "Lists",
    sheet: "settings",
    at: { row: 2, column: 15 },
    style: "TableStyleLight9",
    columns: LIST_COLUMNS,
    seed: () => sideBySide(ITEM_TYPES, SOURCES, CONTROL_STATUSES),
  },
  {
    name: "Controls",
    sheet: "controls",
    at: { row: 0, column: 0 },
    style: "TableStyleMedium4",
    columns: CONTROL_COLUMNS,
    seed: () =>
      REQUIREMENTS.map((r) => [
        r.id,
        r.cmmcId,
        r.familyCode,
        r.family,
        r.level,
        r.points,
        r.partialPoints ?? null,
        r.partialCondition ?? null,
        r.poamEligible,
        r.statement,
        null,
        null,
        null,
        null,
      ]),
  },
  { name: POAM_TABLE, sheet: "poam", at: { row: 0, column: 0 }, style: "TableStyleMedium2", columns: POAM_COLUMNS },
  { name: "Milestones", sheet: "milestones", at: { row: 0, column: 0 }, style: "TableStyleMedium2", columns: MILESTONE_COLUMNS },
  { name: "History", sheet: "history", at: { row: 0, column: 0 }, style: "TableStyleMedium7", columns: HISTORY_COLUMNS },
  { name: "ChangeLog", sheet: "changeLog", at: { row: 0, column: 0 }, style: "TableStyleLight1", columns: CHANGE_LOG_COLUMNS },
];

/**
 * The number format of each of `headers` in table `name` (null for a column
 * the schema does not know, such as a user's own).
 */
export function numberFormatsFor(name: string, headers: readonly string[]): (string | null)[] {
  const columns = TABLES.find((table) => table.name === name)?.columns ?? [];
  return headers.map((header) => columns.find((column) => column.header === header)?.numberFormat ?? null);
}

/** The headers of table `name` whose cells the add-in fills with a formula. */
export function formulaHeaders(name: string): Set<string> {
  const columns = TABLES.find((table) => table.name === name)?.columns ?? [];
  return new Set(columns.filter((column) => column.formula).map((column) => column.header));
}

// ---------------------------------------------------------------------------
// Conditional formats (A1 references only: Excel forbids structured ones here)

export interface CellStyle {
  readonly fill?: string;
  readonly fontColor?: string;
  readonly bold?: boolean;
}

export interface ConditionalFormatSchema {
  readonly table: string;
  /** A column header, or "row" for the table's own columns across the row. */
  readonly appliesTo: string;
  readonly formula: (refs: A1Refs) => string;
  readonly style: CellStyle;
  /** What the rule shows, for people reading the plan or the docs. */
  readonly purpose: string;
}

/** Most important first: where two rules colour the same cell, the earlier one wins. */
/** Colours the rows of `table` whose State column says `state`. */
function stateRow(table: string, state: string, style: CellStyle, purpose: string): ConditionalFormatSchema {
  return { table, appliesTo: "row", formula: (r) => `${r.cell("State")}="${state}"`, style, purpose };
}

export const CONDITIONAL_FORMATS: readonly ConditionalFormatSchema[] = [
  {
    table: POAM_TABLE,
    appliesTo: "CMMC POA&M OK",
    formula: (r) =>
      `AND(${r.cell("CMMC POA&M OK")}="No",${countsAsCmmcItemFormula(r.cell("Item Type"))},` +
      `${r.cell("State")}<>"Closed",${r.cell("State")}<>"")`,
    style: { fill: "#C00000", fontColor: "#FFFFFF", bold: true },
    purpose: "An open CMMC POA&M item on a requirement that CMMC does not allow on a POA&M",
  },
  {
    table: POAM_TABLE,
    appliesTo: "Extension Reason",
    formula: (r) => `AND(ISNUMBER(${r.cell("Extended To")}),LEN(TRIM(${r.cell("Extension Reason")}))=0)`,
    style: { fill: "#F4B183", fontColor: "#843C0C" },
    purpose: "An extension without a reason",
  },
  stateRow(POAM_TABLE, "Overdue", { fill: "#FFC7CE", fontColor: "#9C0006" }, "Overdue item"),
  stateRow(POAM_TABLE, "Due Soon", { fill: "#FFEB9C", fontColor: "#9C5700" }, "Item due soon"),
  stateRow(POAM_TABLE, "Closed", { fill: "#EDEDED", fontColor: "#7F7F7F" }, "Closed item"),
  stateRow("Milestones", "Late", { fontColor: "#C00000", bold: true }, "Milestone past its date and not completed"),
  {
    table: "Controls",
    appliesTo: "Points Lost",
    formula: (r) => `${r.cell("Points Lost")}>0`,
    style: { fill: "#FFC7CE", fontColor: "#9C0006" },
    purpose: "Requirement costing SPRS points",
  },
  {
    table: "Controls",
    appliesTo: "Status",
    formula: (r) => `${r.cell("Status")}="Met"`,
    style: { fill: "#C6EFCE", fontColor: "#006100" },
    purpose: "Requirement met",
  },
];
