/** User-facing messages for errors, in one place. */
import type { PoamErrorCode } from "./errors";

export const ERROR_MESSAGES: Readonly<Record<PoamErrorCode, string>> = {
  cellEditMode: "Excel is waiting for you to finish editing a cell. Press Enter or Esc, then try again.",
  busy: "Excel is busy with another change. Wait a moment and try again.",
  payloadTooLarge: "That change is too large to send to Excel in one go. Try again with fewer rows.",
  responseTooLarge: "Some rows hold more text than Excel can send to the add-in at once. Shorten the longest cells (long comments or asset lists), then try again.",
  accessDenied: "Excel did not allow the change. The workbook or sheet may be protected.",
  readOnly: "This workbook is read-only. Save a copy you can edit, then try again.",
  itemMissing: "Something the add-in expected is no longer in the workbook. Check the POA&M status on Home and try again.",
  nameTaken: "A sheet, table or name the add-in needs is already used in this workbook.",
  unsupportedHost: "This version of Excel is too old for the add-in. It needs Microsoft 365, Excel 2021 or later, or Excel on the web.",
  layoutConflict: "Merged cells, a PivotTable or another table is in the way of the rows the add-in adds or removes. Move or unmerge them, then try again.",
  filtered: "A filter hides rows of a table the add-in writes to. Clear the filter, then try again.",
  inactiveWorkbook: "Switch back to the workbook this task pane belongs to, then try again.",
  unsupportedSheet: "The add-in can only write to ordinary worksheets, not chart or macro sheets.",
  connection: "Excel lost its connection to the workbook. Check your network, then try again.",
  invalidInput: "Excel did not accept a value the add-in tried to write.",
  notPoam: "This workbook is not set up as a POA&M yet. Open Home and choose Set up POA&M.",
  itemMoved: "That item is no longer where it was (rows were sorted, moved or deleted). Select it again.",
  cancelled: "Cancelled; nothing was written.",
  unexpected: "Excel could not finish the change. Try again; if it keeps failing, close and reopen the task pane.",
};

export const SETUP_MESSAGES = {
  nameClash: (name: string, needed: string) =>
    `This workbook already uses the name "${name}", which the add-in needs for ${needed}. Rename it (Formulas › Name Manager, or Table Design for a table), then set up again. Nothing was changed.`,
};

/** The label of each item field, as the POA&M sheet's headers and the pane show it. */
export const FIELD_LABELS = {
  itemType: "Item Type",
  requirement: "Requirement",
  weakness: "Weakness",
  description: "Description",
  rootCause: "Root Cause",
  source: "Source",
  sourceRef: "Source Ref",
  assets: "Assets",
  discovered: "Discovered",
  cvss: "CVSS",
  priority: "Priority",
  owner: "Owner",
  implementer: "Implementer",
  approver: "Approver",
  plannedActions: "Planned Actions",
  acceptanceCriteria: "Acceptance Criteria",
  resources: "Resources",
  estCost: "Est. Cost",
  interimMitigation: "Interim Mitigation",
  extendedTo: "Extended To",
  extensionReason: "Extension Reason",
  status: "Status",
  completedOn: "Completed On",
  verifiedBy: "Verified By",
  evidence: "Evidence",
  ticket: "Ticket",
  residualRisk: "Residual Risk",
  comments: "Comments",
  milestones: "Milestones",
} as const;

export const RULE_MESSAGES = {
  required: (field: keyof typeof FIELD_LABELS) => `${FIELD_LABELS[field]} is required.`,
  notADate: "Enter a date as YYYY-MM-DD.",
  future: (field: keyof typeof FIELD_LABELS) => `${FIELD_LABELS[field]} cannot be in the future.`,
  itemType: "Choose an item type.",
  unknownRequirement: (text: string) => `"${text}" is not a NIST SP 800-171 rev2 requirement. Pick one from the list.`,
  notPoamEligible: (id: string, points: number) =>
    `${id} (${points} ${points === 1 ? "point" : "points"}) may not sit on a CMMC POA&M (32 CFR 170.21): it must be met for Conditional status.`,
  conditionalPoam: (id: string) =>
    `${id} may sit on a CMMC POA&M only when encryption is used but is not FIPS-validated: mark it Partial on the Controls sheet first (32 CFR 170.21).`,
  cvss: "CVSS is a number from 0 to 10.",
  priority: "Choose a priority.",
  priorityDiffers: (cvss: number, suggested: string) => `A CVSS of ${cvss} suggests ${suggested}; keep your choice if it is deliberate.`,
  notInPeople: (name: string) => `${name} is not in Settings > People.`,
  cost: "Est. Cost is an amount of 0 or more.",
  extensionReason: "Give the reason for the extension.",
  extensionBeforeDiscovery: "Extended To must be after the discovery date.",
  status: "Choose a status.",
  needsMilestone: (status: string) => `An item that is ${status} needs at least one milestone.`,
  acceptanceApprover: "Risk acceptance needs the approver who accepted it.",
  acceptanceExpiry: "Risk acceptance needs an expiry date (Extended To).",
  acceptanceMilestones: "A risk-accepted item has no milestones due: complete or remove the open ones.",
  milestoneText: (index: number) => `Milestone ${index + 1} needs a description.`,
  milestoneDue: (index: number) => `Milestone ${index + 1} needs a due date.`,
  tooLong: "At most 2,000 characters.",
};
