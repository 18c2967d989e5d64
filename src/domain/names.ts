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
