/**
 * The POA&M in the column layout of the FedRAMP POA&M template (README, "Exports for assessors"):
 * open items on an "Open POA&M Items" sheet and closed ones on "Closed POA&M
 * Items", each under the template's header block (CSP, system name, impact
 * level, date) and its header row. Assessors and primes know this layout,
 * and `readFedrampPoam` reads it back.
 *
 * The template's 31 columns stay exactly as they are: its completion guide
 * lets a provider add to the format but not alter its columns or headers. The
 * fields it has no column for follow, after them, in columns headed with the
 * POA&M's own column names, so that an export read back loses nothing but a
 * closed item's Updated date; `ownColumns: false` leaves them out.
 *
 * Items start on row 6, right under the headers. The template's rows 6–8 hold
 * instructions and an example for whoever fills it in; without them the data
 * sorts and filters as one block.
 */
import { freeSheetName, sameName } from "../../domain/workbook/sheetNames";
import { isClosedStatus } from "../../domain/poam/closedStatuses";
import { isIsoDate, localToday, toSerial, type IsoDate } from "../../domain/core/dates";
import { limitCellText, type ClippedCell } from "../../domain/core/limitCellText";
import type { Cell, PlanOp, WorkbookPlan } from "../../domain/workbook/plan";
import type { PoamData, StoredItem } from "../../domain/poam/poamData";
import { idKey, milestonesById } from "../../domain/poam/poamIds";
import { FINDING_FIELDS, recordCells, type Finding, type Milestone } from "../../domain/poam/records";
import { findRequirement } from "../../domain/compliance/requirements";
import { DATE_FORMAT, DERIVED_COLUMNS, POAM_COLUMNS, TEXT_FORMAT } from "../../domain/workbook/schema";
import { priorityFromCvss, type Priority } from "../../domain/poam/vocabulary";
import { computeItem, reportDate } from "../../domain/poam/computeItem";

/**
 * The template's column headers, A to AE, exactly as row 5 of both its item
 * sheets holds them (FedRAMP POA&M Template, Record of Changes v2.1, 2024).
 */
export const FEDRAMP_HEADERS = [
  "POAM ID",
  "Controls",
  "Weakness Name",
  "Weakness Description",
  "Weakness Detector Source",
  "Weakness Source Identifier",
  "Asset Identifier",
  "Point of Contact",
  "Resources Required",
  "Overall Remediation Plan",
  "Original Detection Date",
  "Scheduled Completion Date",
  "Planned Milestones",
  "Milestone Changes",
  "Status Date",
  "Vendor Dependency",
  "Last Vendor Check-in Date",
  "Vendor Dependent Product Name",
  "Original Risk Rating",
  "Adjusted Risk Rating",
  "Risk Adjustment",
  "False Positive",
  "Operational Requirement",
  "Deviation Rationale",
  "Supporting Documents",
  "Comments",
  "Auto-Approve",
  "Binding Operational Directive 22-01 tracking",
  "Binding Operational Directive 22-01 Due Date",
  "CVE",
  "Service Name",
] as const;
export type FedrampHeader = (typeof FEDRAMP_HEADERS)[number];

/** The template's header row, zero-based: sheet row 5. Its data follows on the next row. */
export const FEDRAMP_HEADER_ROW = 4;

/** The template's item sheets. Its "Configuration Findings" sheet has the open sheet's layout. */
export const FEDRAMP_SHEETS = {
  open: "Open POA&M Items",
  closed: "Closed POA&M Items",
  configuration: "Configuration Findings",
} as const;

/** The labels of the template's header block, on row 2; their values go on row 3 below them. */
export const FEDRAMP_DETAIL_LABELS = ["CSP", "System Name", "Impact Level", "POAM Date"] as const;

/** The template's date columns, which hold Excel serial dates. */
export const FEDRAMP_DATE_HEADERS: readonly FedrampHeader[] = [
  "Original Detection Date",
  "Scheduled Completion Date",
  "Status Date",
  "Last Vendor Check-in Date",
  "Binding Operational Directive 22-01 Due Date",
];

/** The template's risk scale; it has no Critical. */
export type FedrampRating = "Low" | "Moderate" | "High";

/**
 * Our priorities on the template's scale. Critical becomes High, the top of
 * the scale (the template gives High 30 days, Critical has 15 here); the exact
 * priority travels in our own Priority column.
 */
export const FEDRAMP_RATING: Readonly<Record<Priority, FedrampRating>> = {
  Critical: "High",
  High: "High",
  Medium: "Moderate",
  Low: "Low",
};

/** The fields the template has no column for, in the Poam table's order: our own columns after its 31. */
export const OWN_COLUMNS = [
  "Item Type",
  "Root Cause",
  "CVSS",
  "Priority",
  "Implementer",
  "Approver",
  "Acceptance Criteria",
  "Est. Cost",
  "Interim Mitigation",
  "Status",
  "Verified By",
  "Ticket",
] as const;

/**
 * Where each Poam column goes in the template's layout (`fedramp`), whether
 * it also has an own column (`own`, exact where the template is not), or why
 * it goes nowhere (`none`).
 */
export type FedrampHome =
  | { readonly fedramp: string; readonly own?: true }
  | { readonly own: true }
  | { readonly none: string };

const COMPUTED = "Worked out from other columns; the workbook derives it again.";

export const FEDRAMP_HOMES: Readonly<Record<string, FedrampHome>> = {
  "POA&M ID": { fedramp: "POAM ID" },
  "Item Type": { own: true },
  Requirement: { fedramp: "Controls, as \"3.1.8 (AC.L2-3.1.8)\"" },
  Family: { none: "Follows from the requirement." },
  Weakness: { fedramp: "Weakness Name" },
  Description: { fedramp: "Weakness Description" },
  "Root Cause": { own: true },
  Source: { fedramp: "Weakness Detector Source" },
  "Source Ref": { fedramp: "Weakness Source Identifier; its CVE ids also in CVE" },
  Assets: { fedramp: "Asset Identifier" },
  Discovered: { fedramp: "Original Detection Date" },
  CVSS: { fedramp: "Original Risk Rating (the priority it suggests)", own: true },
  Priority: { fedramp: "Original and Adjusted Risk Rating, Risk Adjustment (on the Low/Moderate/High scale)", own: true },
  Owner: { fedramp: "Point of Contact" },
  Implementer: { own: true },
  Approver: { own: true },
  "Planned Actions": { fedramp: "Overall Remediation Plan" },
  "Acceptance Criteria": { own: true },
  Resources: { fedramp: "Resources Required" },
  "Est. Cost": { own: true },
  "Interim Mitigation": { own: true },
  "Target Date": { none: "Worked out from Discovered and Priority; Scheduled Completion Date holds the Due Date." },
  "Extended To": { fedramp: "Milestone Changes (\"Scheduled completion extended to …\") and Scheduled Completion Date" },
  "Extension Reason": { fedramp: "Milestone Changes (\"Scheduled completion extended to … : reason\")" },
  "Due Date": { fedramp: "Scheduled Completion Date" },
  Status: { fedramp: "The sheet (open or closed); Operational Requirement is Yes for Risk Accepted", own: true },
  "Completed On": { fedramp: "Status Date on the Closed sheet" },
  "Verified By": { own: true },
  Evidence: { fedramp: "Supporting Documents" },
  Ticket: { own: true },
  "Residual Risk": { fedramp: "Deviation Rationale" },
  ...Object.fromEntries(DERIVED_COLUMNS.map((column) => [column, { none: COMPUTED }])),
  Updated: { fedramp: "Status Date on the Open sheet; on the Closed sheet Status Date is the completion date" },
  Comments: { fedramp: "Comments" },
};

/** A sheet's content in the template's layout. */
export interface FedrampSheet {
  readonly kind: "open" | "closed";
  /** The template's name for the sheet; the plan takes the next free name if it is taken. */
  readonly name: string;
  /** Rows 1–4: the title, the header block's labels and values, a blank row. */
  readonly above: readonly (readonly Cell[])[];
  /** Row 5: the template's headers, then our own columns when asked for. */
  readonly headers: readonly string[];
  /** From row 6, one row per item. */
  readonly rows: readonly (readonly Cell[])[];
}

export interface FedrampOptions {
  /** The date to report on when Settings has no "As of" date; defaults to today. */
  readonly today?: IsoDate;
  /**
   * The header block's Impact Level. Moderate by default: SP 800-171 rev2 §1.1
   * puts CUI's confidentiality impact value at no lower than moderate.
   */
  readonly impactLevel?: FedrampRating;
  /** Whether the fields the template has no column for follow in our own columns (default true). */
  readonly ownColumns?: boolean;
}

export interface FedrampExport {
  readonly open: FedrampSheet;
  readonly closed: FedrampSheet;
  /** Poam columns this export carries nowhere (see `FEDRAMP_HOMES`). */
  readonly unmapped: readonly string[];
}

/** The title above the header block. The template's own title names FedRAMP's template, which this sheet is not. */
export const FEDRAMP_TITLE = "Plan of Action and Milestones (POA&M)";

/** How an item's extension reads in Milestone Changes; `readFedrampPoam` reads it back. */
export const EXTENSION_LABEL = "Scheduled completion extended";

// ---------------------------------------------------------------------------
// Cell text

const present = (text: string | undefined): text is string => text !== undefined && text !== "";
const textCell = (text: string | undefined): Cell => (present(text) ? text : null);
/** A date as a serial number; text that is not a date stays text. */
const dateCell = (date: IsoDate | undefined): Cell => (!present(date) ? null : isIsoDate(date) ? toSerial(date) : date);

/** The Controls cell: the requirement with its CMMC practice id, "3.1.8 (AC.L2-3.1.8)", or the text as it is. */
export function controlsText(requirement: string | undefined): string | undefined {
  const known = findRequirement(requirement ?? "");
  return known ? `${known.id} (${known.cmmcId})` : requirement;
}

/** The template's rating for a priority, or undefined for a priority outside our scale. */
export function fedrampRating(priority: string | undefined): FedrampRating | undefined {
  return FEDRAMP_RATING[(priority ?? "").trim() as Priority];
}

/**
 * The template's risk columns. The original rating is the one the CVSS score
 * suggests (the scanner's, as the template asks); when the priority was set
 * to another rating, that is the adjusted rating. Without a score the
 * priority is the original rating and nothing was adjusted.
 */
export function riskRatings(finding: Partial<Finding>): { original?: FedrampRating; adjusted: FedrampRating | "N/A"; adjustment: "Yes" | "No" } {
  const current = fedrampRating(finding.priority);
  const { cvss } = finding;
  const suggested = cvss !== undefined && Number.isFinite(cvss) && cvss >= 0 && cvss <= 10 ? FEDRAMP_RATING[priorityFromCvss(cvss)] : current;
  const adjusted = current !== undefined && suggested !== undefined && current !== suggested;
  return { original: suggested, adjusted: adjusted ? current : "N/A", adjustment: adjusted ? "Yes" : "No" };
}

/** The CVE ids a Source Ref names, once each, upper case. */
export function cveIds(text: string | undefined): string[] {
  return [...new Set((text ?? "").match(/\bCVE-\d{4}-\d{4,}\b/gi)?.map((cve) => cve.toUpperCase()) ?? [])];
}

/**
 * Planned Milestones as the template's format hint has them: "(1) 2026-12-01:
 * Patch servers", numbered from 1 in the Milestones table's order and
 * separated by a blank line. A milestone without a due date has no date.
 */
export function plannedMilestonesText(milestones: readonly Milestone[]): string | undefined {
  const entries = milestones.map((m, i) => `(${i + 1}) ${present(m.dueDate) ? `${m.dueDate}: ` : ""}${m.milestone}`);
  return entries.length === 0 ? undefined : entries.join("\n\n");
}

/**
 * Milestone Changes in the template's "(##) New/Update/Complete date :
 * description" form: the item's extension first, then, milestone by
 * milestone, its completion with its notes (or its name when it has none) or
 * the notes of one still open.
 */
export function milestoneChangesText(finding: Partial<Finding>, milestones: readonly Milestone[]): string | undefined {
  const entries: string[] = [];
  if (present(finding.extendedTo) || present(finding.extensionReason)) {
    const to = present(finding.extendedTo) ? ` to ${finding.extendedTo}` : "";
    entries.push(`${EXTENSION_LABEL}${to}${present(finding.extensionReason) ? ` : ${finding.extensionReason}` : ""}`);
  }
  milestones.forEach((m, i) => {
    if (present(m.completedOn)) entries.push(`(${i + 1}) Complete ${m.completedOn} : ${present(m.notes) ? m.notes : m.milestone}`);
    else if (present(m.notes)) entries.push(`(${i + 1}) Update${present(m.dueDate) ? ` ${m.dueDate}` : ""} : ${m.notes}`);
  });
  return entries.length === 0 ? undefined : entries.join("\n\n");
}

// ---------------------------------------------------------------------------
// Sheets

/** Milestones by item ID; a repeated ID is a data error the checks report, so its milestones go to the first item. */
function milestonesByItem(data: PoamData): Map<StoredItem, Milestone[]> {
  const byId = milestonesById(data.milestones);
  const result = new Map<StoredItem, Milestone[]>();
  for (const item of data.items) {
    const id = idKey(item.finding.id);
    result.set(item, byId.get(id) ?? []);
    byId.delete(id);
  }
  return result;
}

function templateRow(finding: Partial<Finding>, dueDate: IsoDate | undefined, milestones: readonly Milestone[], closed: boolean): Cell[] {
  const ratings = riskRatings(finding);
  const cves = cveIds(finding.sourceRef);
  const cells: Record<FedrampHeader, Cell> = {
    "POAM ID": textCell(finding.id),
    Controls: textCell(controlsText(finding.requirement)),
    "Weakness Name": textCell(finding.weakness),
    "Weakness Description": textCell(finding.description),
    "Weakness Detector Source": textCell(finding.source),
    "Weakness Source Identifier": textCell(finding.sourceRef),
    "Asset Identifier": textCell(finding.assets),
    "Point of Contact": textCell(finding.owner),
    "Resources Required": textCell(finding.resources),
    "Overall Remediation Plan": textCell(finding.plannedActions),
    "Original Detection Date": dateCell(finding.discovered),
    "Scheduled Completion Date": dateCell(dueDate),
    "Planned Milestones": textCell(plannedMilestonesText(milestones)),
    "Milestone Changes": textCell(milestoneChangesText(finding, milestones)),
    // "Date POA&M item was last changed or closed": a closed item's is the day it closed.
    "Status Date": dateCell(closed && present(finding.completedOn) ? finding.completedOn : finding.updated),
    // The POA&M records no vendor dependencies, BOD 22-01 tracking or services.
    "Vendor Dependency": null,
    "Last Vendor Check-in Date": null,
    "Vendor Dependent Product Name": null,
    "Original Risk Rating": textCell(ratings.original),
    "Adjusted Risk Rating": ratings.original === undefined ? null : ratings.adjusted,
    "Risk Adjustment": ratings.original === undefined ? null : ratings.adjustment,
    // A false positive is not kept on the POA&M.
    "False Positive": "No",
    "Operational Requirement": finding.status?.trim() === "Risk Accepted" ? "Yes" : "No",
    "Deviation Rationale": textCell(finding.residualRisk),
    "Supporting Documents": textCell(finding.evidence),
    Comments: textCell(finding.comments),
    "Auto-Approve": null,
    "Binding Operational Directive 22-01 tracking": null,
    "Binding Operational Directive 22-01 Due Date": null,
    CVE: cves.length === 0 ? null : cves.join(", "),
    "Service Name": null,
  };
  return FEDRAMP_HEADERS.map((header) => cells[header]);
}

function aboveRows(data: PoamData, asOf: IsoDate, impactLevel: FedrampRating): Cell[][] {
  const { organisation, systemName } = data.settings;
  return [[FEDRAMP_TITLE], [...FEDRAMP_DETAIL_LABELS], [textCell(organisation), textCell(systemName), impactLevel, toSerial(asOf)], []];
}

/**
 * The POA&M's items in the template's layout: open items (and items with no
 * status) on the open sheet, items whose status `Statuses` counts as closed
 * on the closed sheet. Due dates are worked out on the report date: Settings
 * "As of", else `options.today`, else today.
 */
export function fedrampSheets(data: PoamData, options: FedrampOptions = {}): FedrampExport {
  const asOf = reportDate(data, options.today ?? localToday());
  const own = options.ownColumns ?? true;
  const headers = own ? [...FEDRAMP_HEADERS, ...OWN_COLUMNS] : [...FEDRAMP_HEADERS];
  const above = aboveRows(data, asOf, options.impactLevel ?? "Moderate");
  const milestones = milestonesByItem(data);
  const rows = { open: [] as Cell[][], closed: [] as Cell[][] };
  for (const item of data.items) {
    const closed = isClosedStatus(item.finding.status, data.closedStatuses);
    const { dueDate } = computeItem(item, data, asOf);
    const row = templateRow(item.finding, dueDate, milestones.get(item) ?? [], closed);
    if (own) row.push(...recordCells<Partial<Finding>>(item.finding, OWN_COLUMNS, FINDING_FIELDS));
    rows[closed ? "closed" : "open"].push(row);
  }
  const sheet = (kind: "open" | "closed"): FedrampSheet => ({ kind, name: FEDRAMP_SHEETS[kind], above, headers, rows: rows[kind] });
  return {
    open: sheet("open"),
    closed: sheet("closed"),
    unmapped: Object.entries(FEDRAMP_HOMES).flatMap(([column, home]) => ("none" in home || (!own && !("fedramp" in home)) ? [column] : [])),
  };
}

// ---------------------------------------------------------------------------
// The plan

/** The template's header colours: dark blue bold text on light blue. */
const TEMPLATE_HEADER = { fill: "#CCECFC", fontColor: "#1A4480", bold: true, wrap: true } as const;
/** Our own columns' headers in grey, so a reader sees where the template's columns end. */
const OWN_HEADER = { fill: "#E7E6E6", fontColor: "#1A4480", bold: true, wrap: true } as const;
const TITLE = { bold: true, fontSize: 18, fontColor: "#1A4480" } as const;
const TAB_COLORS = { open: "#1A4480", closed: "#7F7F7F" } as const;
/** The template's column widths: 20.83 for A–AD, 17.33 after. */
const TEMPLATE_WIDTH = 20.83;
const NARROW_WIDTH = 17.33;

export interface FedrampPlan extends WorkbookPlan {
  /** The names the two sheets get. */
  readonly open: string;
  readonly closed: string;
  /** Cells whose text was longer than Excel holds, clipped with a marker (see `limitCellText`). */
  readonly clipped: readonly ClippedCell[];
}

export interface FedrampPlanOptions {
  /** An empty sheet the plan may take over for the open items, such as a new workbook's only sheet. */
  readonly replace?: string;
}


/** A number format for each of our own columns that holds numbers (CVSS, Est. Cost). */
const OWN_FORMATS = new Map(POAM_COLUMNS.filter((c) => c.numberFormat && c.numberFormat !== TEXT_FORMAT).map((c) => [c.header, c.numberFormat as string]));

function sheetOps(sheet: FedrampSheet, name: string): PlanOp[] {
  const headerRow = sheet.above.length;
  const firstDataRow = headerRow + 1;
  const count = sheet.rows.length;
  const width = sheet.headers.length;
  const column = (index: number, rowCount = count) => ({ row: firstDataRow, column: index, rowCount, columnCount: 1 });
  const ops: PlanOp[] = [];
  // Number formats first: the Excel executor marks text cells as text when it writes them.
  ops.push({ kind: "formatRange", sheet: name, range: { row: 2, column: 3, rowCount: 1, columnCount: 1 }, numberFormat: DATE_FORMAT });
  if (count > 0) {
    sheet.headers.forEach((header, index) => {
      const format = (FEDRAMP_DATE_HEADERS as readonly string[]).includes(header) ? DATE_FORMAT : index >= FEDRAMP_HEADERS.length ? OWN_FORMATS.get(header) : undefined;
      if (format) ops.push({ kind: "formatRange", sheet: name, range: column(index), numberFormat: format });
    });
  }
  ops.push({ kind: "writeCells", sheet: name, at: { row: 0, column: 0 }, cells: [...sheet.above, sheet.headers, ...sheet.rows] });
  ops.push({ kind: "formatRange", sheet: name, range: { row: 0, column: 0, rowCount: 1, columnCount: 1 }, style: TITLE });
  ops.push({ kind: "formatRange", sheet: name, range: { row: 1, column: 0, rowCount: 1, columnCount: FEDRAMP_DETAIL_LABELS.length }, style: TEMPLATE_HEADER });
  ops.push({ kind: "formatRange", sheet: name, range: { row: headerRow, column: 0, rowCount: 1, columnCount: FEDRAMP_HEADERS.length }, style: TEMPLATE_HEADER });
  if (width > FEDRAMP_HEADERS.length) {
    ops.push({
      kind: "formatRange",
      sheet: name,
      range: { row: headerRow, column: FEDRAMP_HEADERS.length, rowCount: 1, columnCount: width - FEDRAMP_HEADERS.length },
      style: OWN_HEADER,
    });
  }
  if (count > 0) ops.push({ kind: "formatRange", sheet: name, range: { row: firstDataRow, column: 0, rowCount: count, columnCount: width }, style: { wrap: true } });
  ops.push({
    kind: "setColumnWidths",
    sheet: name,
    widths: sheet.headers.map((_, index) => ({ column: index, width: index < FEDRAMP_HEADERS.length - 1 ? TEMPLATE_WIDTH : NARROW_WIDTH })),
  });
  ops.push({ kind: "freezePanes", sheet: name, rows: firstDataRow, columns: 0 });
  return ops;
}

/**
 * A plan that adds the two sheets to a workbook whose sheets are `existing`,
 * under the template's names or the next free ones. The same plan goes to
 * the open workbook and, with `replace` naming a new workbook's only sheet,
 * to a file.
 */
export function fedrampPlan(sheets: Pick<FedrampExport, "open" | "closed">, existing: readonly string[], options: FedrampPlanOptions = {}): FedrampPlan {
  const replace = options.replace !== undefined && existing.some((n) => sameName(n, options.replace as string)) ? options.replace : undefined;
  const taken = existing.filter((n) => replace === undefined || !sameName(n, replace));
  const open = freeSheetName(sheets.open.name, taken);
  const closed = freeSheetName(sheets.closed.name, [...taken, open]);
  const ops: PlanOp[] = [
    replace === undefined
      ? { kind: "addSheet", sheet: open, tabColor: TAB_COLORS.open }
      : { kind: "renameSheet", from: replace, to: open, tabColor: TAB_COLORS.open },
    { kind: "addSheet", sheet: closed, tabColor: TAB_COLORS.closed },
    ...sheetOps(sheets.open, open),
    ...sheetOps(sheets.closed, closed),
    { kind: "activateSheet", sheet: open },
  ];
  const limited = limitCellText({ ops });
  return { ops: limited.plan.ops, open, closed, clipped: limited.clipped };
}
