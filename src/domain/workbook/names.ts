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
