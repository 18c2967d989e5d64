/** The task pane's words, in one place. */
import { PoamError } from "../domain/core/errors";
import { closeoutText, scoreText } from "../domain/summary/readinessText";
import type { OscalCounts } from "../formats/oscal/oscal";
import { counted as count, oscalContents } from "../formats/reports";
import { describeClipped } from "../domain/core/limitCellText";
import type { FedrampSheetsResult, MigrationResult } from "../domain/ports";
import type { FedrampImport } from "../domain/poam/migration";
import type { SummaryFigures } from "../domain/summary/summarise";

export const STRINGS = {
  appTitle: "POA&M Workbench",
  checking: "Checking this workbook…",
  notInExcel: "Open POA&M Workbench from Excel's Home tab to use it with a workbook.",
  none: {
    title: "This workbook is not a POA&M yet",
    body: "Set up adds the POA&M sheets, tables, validation and formatting. Your own sheets and data stay as they are.",
    action: "Set up POA&M",
  },
  outdated: {
    title: "This POA&M needs an upgrade",
    body: "Upgrading adds what is missing and re-applies validation and formatting. It never changes or removes your data.",
    action: "Upgrade",
  },
  ready: {
    title: "This workbook is a POA&M",
    body: "Every sheet, table and column is in place.",
    action: "Re-apply validation and formatting",
  },
  steps: {
    reading: "Reading the workbook…",
    writing: "Writing sheets, tables and formulas…",
    done: "Done.",
  },
  progressLabel: "Setup progress",
  checkAgain: "Check again",
  unexpected: "Something went wrong. Try again; if it keeps failing, close and reopen the task pane.",
};

const percent = (share: number | undefined) => (share === undefined ? "–" : `${Math.round(share * 100)}%`);

export const summaryStrings = {
  title: "Leadership summary",
  loading: "Working out the figures…",
  figuresLabel: "Headline figures",
  rows: (f: SummaryFigures): [string, string][] => [
    ["Open items", String(f.open)],
    ["Overdue", `${f.overdue} (${percent(f.overduePercent)})`],
    ["Due soon", String(f.dueSoon)],
    ["SPRS score", scoreText(f.readiness)],
  ],
  readiness: (f: SummaryFigures) =>
    f.readiness.reachable ? "CMMC conditional status is reachable." : `CMMC conditional status is not reachable: ${f.readiness.reasons.join(" ")}`,
  closeout: (f: SummaryFigures) => closeoutText(f.readiness),
  refresh: "Refresh summary",
  refreshing: "Refreshing…",
  anonymous: "Unnamed user",
  lastRefreshed: (when: string) => `Summary last refreshed ${when}.`,
  neverRefreshed: "The Summary sheet has not been refreshed yet.",
  refreshed: (replaced: boolean) =>
    replaced
      ? "Summary refreshed: today's History row was updated and the charts redrawn."
      : "Summary refreshed: a History row was added and the charts redrawn.",
};

/** What to tell the user about a failure: a PoamError's own message, never a raw error's. */
export function messageFor(error: unknown): string {
  return error instanceof PoamError ? error.message : STRINGS.unexpected;
}

export const NAV = {
  label: "POA&M Workbench sections",
  home: "Home",
  add: "Add finding",
  item: "Item",
  import: "Import",
  export: "Export",
};

export const ADD = {
  steps: ["What", "Risk", "Plan", "Review"] as const,
  stepOf: (index: number, total: number) => `Step ${index + 1} of ${total}`,
  next: "Next",
  back: "Back",
  submit: "Add to POA&M",
  adding: "Adding to the POA&M…",
  added: (id: string) => `Added ${id} to the POA&M.`,
  renumbered: (id: string, from: string) => `Someone else added ${from} at the same moment, so this item is ${id}.`,
  addAnother: "Add another finding",
  fixFirst: "Fix the fields marked in red before going on.",
  reviewTitle: "Check before adding",
  warningsTitle: "Worth a second look",
  cvssSuggests: (priority: string) => `CVSS suggests ${priority}.`,
  requirementPlaceholder: "Search by ID, family or words",
  requirementHint: (cmmcId: string, family: string, points: number) => `${cmmcId} · ${family} · ${points} ${points === 1 ? "point" : "points"}`,
  noRequirement: "No requirement matches. Try an ID such as 3.14.1, a family such as SI, or a word from the requirement.",
  choose: "Choose…",
};

export const MILESTONES = {
  legend: "Milestones",
  add: "Add milestone",
  remove: (index: number) => `Remove milestone ${index + 1}`,
  removeShort: "Remove",
  text: (index: number) => `Milestone ${index + 1}`,
  due: (index: number) => `Milestone ${index + 1} due`,
  none: "No milestones yet.",
};

export const PEOPLE = {
  add: "Add person",
  dialogTitle: "Add a person to Settings > People",
  name: "Name",
  role: "Role",
  email: "Email",
  save: "Add",
  cancel: "Cancel",
};


export const EXPORT = {
  title: "Export",
  working: "Working…",
  oscalTitle: "OSCAL POA&M (JSON)",
  oscalIntro: "The POA&M as OSCAL 1.1.3 JSON: items, observations, risks with CVSS and priority, deadlines, milestones and responsible people.",
  oscalAction: "Export OSCAL JSON",
  oscalDone: (s: OscalCounts) => `Exported ${oscalContents(s)}.`,
  downloadLink: (name: string) => `Download ${name}`,
  withIssues: (counts: string) => `The POA&M has ${counts}; they are exported as they are:`,
  issuesLabel: "Rule breaks in the POA&M",
  fedrampTitle: "FedRAMP template layout",
  fedrampIntro: "Adds an Open POA&M Items and a Closed POA&M Items sheet in the column order of the FedRAMP POA&M template, filled from this POA&M.",
  fedrampAction: "Add FedRAMP sheets",
  fedrampDone: (r: FedrampSheetsResult) =>
    `Added "${r.open}" (${count(r.openItems, "item")}) and "${r.closed}" (${count(r.closedItems, "item")}).` +
    (r.clipped.length > 0 ? ` ${describeClipped(r.clipped)}` : ""),
  migrateTitle: "Import a FedRAMP-layout POA&M",
  migrateIntro: "Reads the Open and Closed POA&M Items sheets of a POA&M kept in the FedRAMP template, a CSV in its columns, or a DoD eMASS POA&M export into this one.",
  migrateFile: "POA&M workbook (.xlsx) or CSV",
  notWorkbook: (name: string) => `${name} is not an Excel workbook (.xlsx) that can be read.`,
  reading: "Reading the file…",
  importing: "Adding the items…",
  preview: (name: string, read: FedrampImport) =>
    `${name}: ${count(read.findings.length, "item")} and ${count(read.milestones.length, "milestone")} to add.`,
  notCarriedLabel: "What does not carry over",
  chooseRequirements: "These items name NIST SP 800-53 controls that more than one NIST SP 800-171 requirement cites. The proposed requirement is selected; choose another if it fits better.",
  requirementFor: (id: string, controls: string) => `Requirement for ${id} (Controls ${controls})`,
  migrateAction: (n: number) => `Add ${count(n, "item")}`,
  migrated: (r: MigrationResult) =>
    `Added ${count(r.added.length, "item")} (${r.added[0] ?? ""}${r.added.length > 1 ? ` to ${r.added[r.added.length - 1]}` : ""}) and ${count(r.milestones, "milestone")}. Check owners and priorities on the Item page.`,
};

export const WHO = {
  label: "Your name, for the Change Log",
  hint: "Kept in this browser for you, not in the workbook.",
  save: "Save name",
  current: (name: string) => `Changes are logged as ${name}.`,
  change: "Change",
  needed: "Enter your name first: every change is logged with who made it.",
};

export const ITEM = {
  title: "Selected item",
  none: "Select a row of the POA&M table to see and update that item here.",
  loading: "Reading the selected item…",
  refresh: "Read selection again",
  duplicate: (id: string, count: number) => `${id} is used by ${count + 1} rows. Give the others new IDs so each item can be told apart.`,
  due: "Due",
  daysLeft: "Days left",
  owner: "Owner",
  status: "Status",
  state: "State",
  requirement: "Requirement",
  milestonesTitle: "Milestones",
  complete: (text: string) => `Mark done today: ${text}`,
  markDone: "Mark done today",
  doneOn: (date: string) => `done ${date}`,
  completedOn: "Completed on",
  actions: {
    status: "Update status",
    milestone: "Add milestone",
    extend: "Extend due date",
    close: "Close with evidence",
    accept: "Accept the risk",
  },
  save: "Save",
  cancel: "Cancel",
  saved: (id: string) => `${id} saved.`,
  closeAs: "Close as",
  acceptReason: "Why the risk is accepted",
  expiry: "Acceptance expires",
  newDueDate: "New due date",
};

export const IMPORT = {
  title: "Import scan",
  intro:
    "Pick a scan export (Nessus or Tenable CSV, a .nessus file, OpenVAS / Greenbone CSV or XML, Qualys CSV or XML including PCI and Web Application Scanning, Rapid7 Nexpose / InsightVM XML) or STIG checklists (.ckl, .cklb) or XCCDF results. You may pick several files of one format, such as a host's checklists. Nothing is written until you confirm.",
  file: "Scan export file",
  reading: (percent: number) => `Reading the file… ${percent}%`,
  readingLabel: "Reading progress",
  cancel: "Cancel",
  previewing: "Comparing with the POA&M…",
  detected: (format: string, name: string) => `${name}: ${format}`,
  findings: "Findings in the file",
  bySeverity: "By severity",
  belowThreshold: "Below the threshold (left out)",
  items: "POA&M items they make",
  newItems: "New items",
  tracked: "Already tracked",
  trackedWithNewHosts: (count: number) => `${count} with newly affected hosts, added to their Assets`,
  reappeared: "Closed items found again",
  reappearedIds: (ids: string) => `Found again: ${ids}`,
  byPriority: "New items by priority",
  grouping: "Make",
  perVulnerability: "One item per vulnerability, hosts listed",
  perHost: "One item per vulnerability and host",
  threshold: "Import findings of at least",
  owner: "Owner of new items",
  noOwner: "(none yet)",
  reopen: "Reopen the closed items found again",
  confirm: (count: number) => (count === 1 ? "Import 1 new item" : `Import ${count.toLocaleString("en-US")} new items`),
  confirmUpdates: "Update tracked items",
  importing: (written: number, total: number) => `Writing ${written.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} items…`,
  importingLabel: "Import progress",
  done: (count: number) => (count === 1 ? "Imported 1 new item" : `Imported ${count.toLocaleString("en-US")} new items`),
  range: (first: string, last: string) => (first === last ? first : `${first} to ${last}`),
  updated: (count: number) => `Added hosts to ${count} tracked ${count === 1 ? "item" : "items"}.`,
  reopened: (count: number) => `Reopened ${count} ${count === 1 ? "item" : "items"}.`,
  another: "Import another file",
  nothing: "Nothing to import: every finding at or above the threshold is already on the POA&M.",
  unreadable: "The file could not be read. Check that it is still there and that you may open it.",
  files: (count: number) => `${count.toLocaleString("en-US")} files`,
  rules: "Rules in the checklists",
  rulesOpen: "Open (findings)",
  rulesNotAFinding: "Not a finding",
  rulesNotApplicable: "Not applicable",
  rulesNotReviewed: "Not reviewed",
  rulesError: "Errors",
  notReviewed: (count: number) =>
    `${count.toLocaleString("en-US")} ${count === 1 ? "rule" : "rules"} not reviewed or in error: they make no items until a review marks them Open.`,
  benchmarks: (names: string) => `STIGs: ${names}`,
  passing: (ids: string) => `Not a finding in these checklists, still open on the POA&M: ${ids}. Importing closes nothing; close them with the checklist as evidence once the fix is verified.`,
  requirementHint: "STIG and SCAP findings default to 3.4.2 (security configuration settings); vulnerability scans to 3.14.1.",
};
