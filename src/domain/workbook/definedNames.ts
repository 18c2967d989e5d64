import { closeoutFormulas } from "../compliance/rules";
import { growingList, lookup, quoted } from "./formulaText";
import { SETTING, type SettingKey } from "./settingsKeys";

/**
 * Workbook-level defined names the POA&M relies on. The prefix keeps them
 * apart from names a user may already have.
 */
export const NAME = {
  /** The date every date-relative formula uses: the Settings "As of" date, or today. */
  reportDate: "POAM_ReportDate",
  dueSoonDays: "POAM_DueSoonDays",
  assessmentDate: "POAM_AssessmentDate",
  conditionalStatusDate: "POAM_ConditionalStatusDate",
  closeoutDays: "POAM_CloseoutDays",
  /** When the close-out clock starts: the conditional status date, else the assessment date. */
  closeoutStart: "POAM_CloseoutStart",
  /** The legal close-out deadline: the clock's start + 180 days. */
  closeoutDeadline: "POAM_CloseoutDeadline",
  /** Days a CMMC item may be due after the clock's start: the close-out setting, at most 180. */
  closeoutTargetDays: "POAM_CloseoutTargetDays",
  /** The next review date: the Settings value, or 30 days after the report date. */
  nextReview: "POAM_NextReview",
  organisation: "POAM_Organisation",
  systemName: "POAM_SystemName",
  itemTypes: "POAM_ItemTypes",
  sources: "POAM_Sources",
  controlStatuses: "POAM_ControlStatuses",
  priorities: "POAM_Priorities",
  statuses: "POAM_Statuses",
  people: "POAM_People",
  requirements: "POAM_Requirements",
  itemIds: "POAM_ItemIds",
  /** Marks the add-in's Summary sheet (its cell A1), so a renamed Summary is still found. */
  summary: "POAM_Summary",
  /** The version of the workbook layout the add-in last set up. */
  schemaVersion: "POAM_SchemaVersion",
} as const;

export interface NameDefinition {
  readonly name: string;
  /** What the name refers to, without the leading "=". */
  readonly formula: string;
  readonly comment: string;
}

/** Days to the next review when Settings names no date. */
export const DEFAULT_REVIEW_DAYS = 30;

/** The workbook version this code sets up; raise it when the layout changes. */
export const SCHEMA_VERSION = 1;

const setting = (key: SettingKey) => lookup(quoted(SETTING[key]), "Settings", "Setting", "Value");

/**
 * The workbook's defined names. `summaryAnchor` is the A1 reference of the
 * Summary sheet's first cell, e.g. `Summary!$A$1`.
 */
export function definedNames(summaryAnchor: string): NameDefinition[] {
  return [
    {
      name: NAME.reportDate,
      formula: `IF(${setting("asOf")}="",TODAY(),${setting("asOf")})`,
      comment: "The Settings 'As of' date, or today when it is empty.",
    },
    { name: NAME.dueSoonDays, formula: setting("dueSoonDays"), comment: "Days before the due date an item shows as Due Soon." },
    { name: NAME.assessmentDate, formula: setting("assessmentDate"), comment: "Date of the CMMC assessment, if any." },
    {
      name: NAME.conditionalStatusDate,
      formula: setting("conditionalStatusDate"),
      comment: "Date of CMMC Conditional Level 2 status, if any.",
    },
    {
      name: NAME.nextReview,
      formula: `IF(${setting("nextReview")}="",${NAME.reportDate}+${DEFAULT_REVIEW_DAYS},${setting("nextReview")})`,
      comment: "The Settings 'Next review' date, or 30 days after the report date.",
    },
    { name: NAME.closeoutDays, formula: setting("closeoutDays"), comment: "The firm's own target for closing CMMC POA&M items, in days." },
    {
      name: NAME.closeoutStart,
      formula: closeoutFormulas.start(NAME.conditionalStatusDate, NAME.assessmentDate),
      comment: "Start of the close-out clock: the conditional status date, else the assessment date.",
    },
    {
      name: NAME.closeoutDeadline,
      formula: closeoutFormulas.deadline(NAME.closeoutStart),
      comment: "The close-out deadline of 32 CFR 170.21: 180 days after the clock starts.",
    },
    {
      name: NAME.closeoutTargetDays,
      formula: closeoutFormulas.targetDays(NAME.closeoutDays),
      comment: "Days after the clock starts a CMMC item may be due: the close-out setting, at most 180.",
    },
    { name: NAME.organisation, formula: setting("organisation"), comment: "Organisation name from Settings." },
    { name: NAME.systemName, formula: setting("systemName"), comment: "System name from Settings." },
    { name: NAME.itemTypes, formula: growingList("Lists", "Item Type"), comment: "Item types for validation." },
    { name: NAME.sources, formula: growingList("Lists", "Source"), comment: "Finding sources for validation." },
    { name: NAME.controlStatuses, formula: growingList("Lists", "Control Status"), comment: "Requirement statuses for validation." },
    { name: NAME.priorities, formula: growingList("Sla", "Priority"), comment: "Priorities for validation." },
    { name: NAME.statuses, formula: growingList("Statuses", "Status"), comment: "Item statuses for validation." },
    { name: NAME.people, formula: growingList("People", "Name"), comment: "People for owner, implementer and approver." },
    { name: NAME.requirements, formula: growingList("Controls", "Requirement"), comment: "Requirement IDs for validation." },
    { name: NAME.itemIds, formula: growingList("Poam", "POA&M ID"), comment: "POA&M IDs for milestone validation." },
    { name: NAME.summary, formula: summaryAnchor, comment: "Marks the POA&M Summary sheet." },
    { name: NAME.schemaVersion, formula: String(SCHEMA_VERSION), comment: "Version of the POA&M workbook layout." },
  ];
}
