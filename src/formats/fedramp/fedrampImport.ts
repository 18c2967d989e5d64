/**
 * Reads a POA&M kept in the FedRAMP template's layout, one that
 * `fedrampSheets` exported or a provider's own, back into findings and
 * milestones. Columns are found by their headers, wherever they stand and
 * whatever their spacing or case, so a sheet with a column moved or missing
 * still reads. Nothing is dropped in silence: values with no field to go to
 * are kept in the item's Comments, and every column that does not map and
 * every row left out is reported with its reason. Text stays text.
 */
import { columnIndex } from "../../domain/core/a1";
import { addDays, fromSerial, isDateSerial, isIsoDate, localToday, type IsoDate } from "../../domain/core/dates";
import {
  EXTENSION_LABEL,
  FEDRAMP_DETAIL_LABELS,
  FEDRAMP_RATING,
  FEDRAMP_HEADERS,
  FEDRAMP_SHEETS,
  cveIds,
  plannedMilestonesText,
  type FedrampHeader,
} from "./fedramp";
import type { PoamData } from "../../domain/poam/poamData";
import { idKey, poamIdSequence } from "../../domain/poam/poamIds";
import { FINDING_FIELDS, cellText, type Finding, type Milestone } from "../../domain/poam/records";
import { findRequirement } from "../../domain/compliance/requirements";
import { CMMC_ITEM } from "../../domain/compliance/rules";
import { POAM_COLUMNS } from "../../domain/workbook/schema";
import { DEFAULT_SLA_DAYS, SOURCES, priorityFromCvss, type Priority } from "../../domain/poam/vocabulary";
import { parseDate, readMilestoneLines, type ParsedMilestone } from "./milestoneText";
import { mapNist80053 } from "../../domain/compliance/nist80053Mapping";
import { choiceKey, type CellsWorkbook, type FedrampDetails, type FedrampImport, type ImportWarning, type RequirementChoice, type SkippedRow, type UnmappedColumn } from "../../domain/poam/migration";
import { computeItem } from "../../domain/poam/computeItem";

export type { ParsedMilestone } from "./milestoneText";

export interface FedrampImportOptions {
  /** The year of the POA&M IDs given out; defaults to today. */
  readonly today?: IsoDate;
  /**
   * The POA&M the items are going into. Its Sla and assessment date say what
   * Target Date the workbook will work out, and so whether a Scheduled
   * Completion Date needs an extension to be kept; without it the default
   * SLA days apply.
   */
  readonly into?: PoamData;
  /** IDs already issued (the POA&M's and its Change Log's); defaults to the IDs of `into`'s items. */
  readonly issued?: Iterable<string>;
}


/** What each template column becomes: the Finding field it fills, or why it fills none. */
export type FedrampSource = { readonly field: string } | { readonly none: string };

const KEPT = "No POA&M field; its values are kept in the item's Comments as \"Column: value\" lines.";

export const FEDRAMP_FIELDS: Readonly<Record<FedrampHeader, FedrampSource>> = {
  "POAM ID": { field: "id (a new POA&M ID when empty or already used)" },
  Controls: { field: "requirement (the NIST or CMMC id it names, or the 800-171 requirement its NIST SP 800-53 ids map to, else the text)" },
  "Weakness Name": { field: "weakness" },
  "Weakness Description": { field: "description" },
  "Weakness Detector Source": { field: "source and itemType (a scanner is a Vulnerability scan); a name that is not a Source also goes to sourceRef" },
  "Weakness Source Identifier": { field: "sourceRef" },
  "Asset Identifier": { field: "assets" },
  "Point of Contact": { field: "owner" },
  "Resources Required": { field: "resources" },
  "Overall Remediation Plan": { field: "plannedActions" },
  "Original Detection Date": { field: "discovered" },
  "Scheduled Completion Date": { field: "extendedTo, the committed due date, when it differs from the Target Date the workbook works out" },
  "Planned Milestones": { field: "milestones (milestone, dueDate)" },
  "Milestone Changes": { field: "milestones (completedOn, new dueDate, notes); extendedTo and extensionReason" },
  "Status Date": { field: "updated on an open sheet; completedOn on the closed sheet" },
  "Vendor Dependency": { none: KEPT },
  "Last Vendor Check-in Date": { none: KEPT },
  "Vendor Dependent Product Name": { none: KEPT },
  "Original Risk Rating": { field: "priority when there is no adjusted rating; comments when it differs from the adjusted one" },
  "Adjusted Risk Rating": { field: "priority (Moderate is Medium)" },
  "Risk Adjustment": { none: "Follows from the two risk ratings." },
  "False Positive": { none: "No POA&M field; Yes or Pending is kept in the item's Comments." },
  "Operational Requirement": { field: "status: Yes is Risk Accepted" },
  "Deviation Rationale": { field: "residualRisk" },
  "Supporting Documents": { field: "evidence" },
  Comments: { field: "comments" },
  "Auto-Approve": { none: KEPT },
  "Binding Operational Directive 22-01 tracking": { none: KEPT },
  "Binding Operational Directive 22-01 Due Date": { none: KEPT },
  CVE: { field: "sourceRef (ids it does not name yet are added)" },
  "Service Name": { none: KEPT },
};

const UNKNOWN = "Not a column of the FedRAMP template or of the POA&M; its values are kept in the item's Comments.";

/**
 * The Extension Reason of an item whose Scheduled Completion Date the SLA
 * does not give. Target Date is a formula and Due Date is Extended To when
 * set, so Extended To is the one column that can hold the date the item was
 * committed to; the reason says where the date came from and that nobody
 * approved an extension here.
 */
export const IMPORTED_SCHEDULE_REASON =
  "Committed date carried over from the migrated POA&M (its Scheduled Completion Date); not an extension approved here.";

/** How far down a sheet the header row is looked for, and how many known headers make one. */
const HEADER_SEARCH_ROWS = 30;
const HEADER_MIN_MATCHES = 3;
/** IDs longer than this, or over several lines, are not kept: they are text pasted into the wrong column. */
const MAX_ID_LENGTH = 50;

/** The template's instruction rows (6 and 7) and example item (row 8), known by their POAM ID cell. */
const INSTRUCTION_IDS = ["Unique identifier for each POAM Item", "Unique Identifier"];
const EXAMPLE_ID = "V-1Example";
/** The template's placeholders in its header block. */
const PLACEHOLDERS = ["text", "date"];

/**
 * Detectors that make an item a scan finding: scanners by name, ACAS (DoD's
 * Nessus / Tenable.sc), SCAP and SCC results, STIG checklists (a Security
 * Technical Implementation Guide, as eMASS exports name them).
 */
const SCANNER = /scan|nessus|tenable|acas|qualys|openvas|greenbone|webinspect|nexpose|insightvm|rapid7|acunetix|burp|nmap|\bscap\b|\bscc\b|\bstig\b|technical implementation guide|xccdf/i;
const SCAN_ITEM = "Vulnerability (scan finding)";

/** Other detectors, by the Source they are, tried in order. */
const DETECTORS: readonly (readonly [RegExp, (typeof SOURCES)[number]])[] = [
  [SCANNER, "Vulnerability scan"],
  [/pen(?:etration)?[\s-]*test|red[\s-]team/i, "Penetration test"],
  [/\bc?3pao\b|third[\s-]party|independent|assessor|dibcac/i, "Third-party assessment"],
  [/self[\s-]*assess|internal assess/i, "Self-assessment"],
  [/audit|inspector general/i, "Audit"],
  [/incident/i, "Incident"],
];

/**
 * The Source for a Weakness Detector Source: itself when it is one of the
 * Sources, else the Source it names ("ACAS" and "Nessus" are a Vulnerability
 * scan), else Other. `scan` says whether the item is a scan finding.
 */
export function sourceFromDetector(detector: string | undefined): { source: string; scan: boolean; exact: boolean } {
  const text = (detector ?? "").trim();
  if (text === "") return { source: "", scan: false, exact: true };
  const listed = SOURCES.find((s) => normal(s) === normal(text));
  if (listed) return { source: listed, scan: SCANNER.test(listed), exact: true };
  const source = DETECTORS.find(([pattern]) => pattern.test(text))?.[1] ?? "Other";
  return { source, scan: SCANNER.test(text), exact: false };
}

// ---------------------------------------------------------------------------
// Cells

type Row = ReadonlyMap<number, unknown>;

/** How headers and labels are matched: Unicode form, spacing and case aside. */
const normal = (value: unknown) => cellText(value).normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase();

/** The trimmed text of a cell, or undefined when it is empty. */
function textOf(value: unknown): string | undefined {
  const text = cellText(value).replace(/\r\n?/g, "\n").trim();
  return text === "" ? undefined : text;
}

/** Rows by zero-based index, each with its non-empty values by zero-based column. */
function rowsOf(cells: CellsWorkbook["sheets"][number]["cells"]): Map<number, Map<number, unknown>> {
  const rows = new Map<number, Map<number, unknown>>();
  for (const [address, cell] of cells) {
    const match = /^([A-Za-z]{1,3})(\d+)$/.exec(address);
    if (!match || textOf(cell.value) === undefined) continue;
    const row = Number(match[2]) - 1;
    const values = rows.get(row) ?? new Map<number, unknown>();
    values.set(columnIndex(match[1]), cell.value);
    rows.set(row, values);
  }
  return rows;
}

const DATE = String.raw`(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}/\d{1,2}/\d{4})`;

/** A date written as text in one of the forms people type (see `parseDate`). */
function isoOf(text: string): IsoDate | undefined {
  return parseDate(text)?.date;
}

/** A date cell: a serial number or a date written as text; `bad` is set for anything else. */
function dateOf(value: unknown): { date?: IsoDate; bad?: string; guess?: string } {
  if (typeof value === "number") return isDateSerial(value) ? { date: fromSerial(value) } : { bad: String(value) };
  const text = textOf(value);
  if (text === undefined) return {};
  const date = parseDate(text);
  return date ? { date: date.date, ...(date.guess && { guess: date.guess }) } : { bad: text };
}

// ---------------------------------------------------------------------------
// Milestones in the template's text columns

/** Splits text into entries, each starting on a line that `start` matches; the text before the first is the preamble. */
function entriesOf(text: string, start: RegExp): { preamble: string; entries: string[] } {
  const entries: string[][] = [];
  const preamble: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (start.test(line)) entries.push([line]);
    else (entries.at(-1) ?? preamble).push(line);
  }
  return { preamble: preamble.join("\n").trim(), entries: entries.map((lines) => lines.join("\n").trim()) };
}

/**
 * Planned Milestones: "(1) 2026-12-01: Patch servers" entries as the
 * template's hint writes them, and the other forms people type (see
 * `readMilestoneLines`).
 */
export function parsePlannedMilestones(text: string | undefined): ParsedMilestone[] {
  return readMilestoneLines(text).milestones;
}

const CHANGE_START = new RegExp(String.raw`^\s*(?:\(\d+\)\s*(?:new|updated?|completed?)\b|${EXTENSION_LABEL}\b)`, "i");
const CHANGE = new RegExp(String.raw`^\s*\((\d+)\)\s*(new|updated?|completed?)\s*${DATE}?\s*:?\s*([\s\S]*)$`, "i");
const EXTENSION = new RegExp(String.raw`^\s*${EXTENSION_LABEL}(?:\s+to\s+${DATE})?\s*(?::\s*([\s\S]*))?$`, "i");

interface Changes {
  readonly extension?: { readonly date?: IsoDate; readonly reason?: string };
  /** Text that is not a change entry. */
  readonly other?: string;
}

const appendNote = (m: ParsedMilestone, note: string) => {
  if (note !== "") m.notes = m.notes === undefined ? note : `${m.notes}\n${note}`;
};

/**
 * Applies Milestone Changes, "(2) Update 2026-12-15 : why" entries, to the
 * planned milestones: Complete sets a milestone's completion date, Update its
 * new due date, New adds one; the text is the note, unless a completion only
 * repeats the milestone's name. Returns the item's extension, if one is noted.
 */
export function applyMilestoneChanges(text: string | undefined, milestones: ParsedMilestone[]): Changes {
  if (text === undefined) return {};
  const { preamble, entries } = entriesOf(text, CHANGE_START);
  let extension: Changes["extension"];
  const other: string[] = preamble === "" ? [] : [preamble];
  for (const entry of entries) {
    const ext = EXTENSION.exec(entry);
    if (ext) {
      extension = { date: ext[1] === undefined ? undefined : isoOf(ext[1]), reason: ext[2]?.trim() || undefined };
      continue;
    }
    const match = CHANGE.exec(entry);
    if (!match) {
      other.push(entry);
      continue;
    }
    const number = Number(match[1]);
    const kind = match[2].toLowerCase();
    const date = match[3] === undefined ? undefined : isoOf(match[3]);
    const description = match[4].trim();
    let milestone = milestones.find((m) => m.number === number);
    if (!milestone) {
      milestone = { number, milestone: description || `Milestone ${number}` };
      milestones.push(milestone);
      if (kind.startsWith("complete")) milestone.completedOn = date;
      else milestone.dueDate = date;
      continue;
    }
    if (kind.startsWith("complete")) {
      if (date) milestone.completedOn = date;
      if (description !== milestone.milestone) appendNote(milestone, description);
    } else {
      if (date) milestone.dueDate = date;
      appendNote(milestone, description);
    }
  }
  return { extension, other: other.length === 0 ? undefined : other.join("\n\n") };
}

// ---------------------------------------------------------------------------
// Values

/** The requirement a Controls cell names: "3.1.8 (AC.L2-3.1.8)", "3.1.8" or "AC.L2-3.1.8"; other text as it is. */
export function requirementFromControls(text: string | undefined): { requirement: string; known: boolean } {
  const value = text ?? "";
  const nist = /^(3\.\d{1,2}\.\d{1,2})(?:\s*\(\s*[A-Z]{2}\.L[12]-3\.\d{1,2}\.\d{1,2}\s*\))?$/i.exec(value);
  const cmmc = /^[A-Z]{2}\.L[12]-(3\.\d{1,2}\.\d{1,2})$/i.exec(value);
  const id = nist?.[1] ?? cmmc?.[1];
  if (id !== undefined && findRequirement(id)) return { requirement: id, known: true };
  return { requirement: value, known: false };
}

const PRIORITY_BY_RATING: Readonly<Record<string, Priority>> = { critical: "Critical", high: "High", moderate: "Medium", medium: "Medium", low: "Low" };

/** Our priority for the template's ratings: the adjusted one when there is one, else the original. */
export function priorityFromRatings(original: string | undefined, adjusted: string | undefined): Priority | undefined {
  return PRIORITY_BY_RATING[(adjusted ?? "").trim().toLowerCase()] ?? PRIORITY_BY_RATING[(original ?? "").trim().toLowerCase()];
}

const isYes = (text: string | undefined) => text?.trim().toLowerCase() === "yes";

/** The Target Date the workbook will work out for an item: by `into`'s rules, else by the default SLA days. */
function targetDateOf(finding: Finding, into: PoamData | undefined, today: IsoDate): IsoDate | undefined {
  if (!isIsoDate(finding.discovered)) return undefined;
  if (into) return computeItem({ finding, row: -1 }, into, today).targetDate;
  const days = DEFAULT_SLA_DAYS[finding.priority as Priority];
  return days === undefined ? undefined : addDays(finding.discovered, days);
}

// ---------------------------------------------------------------------------
// Sheets

type Kind = "open" | "closed";

interface OwnField {
  readonly header: string;
  readonly key: keyof Finding;
  readonly kind: "text" | "number" | "date";
}

interface Columns {
  /** Template columns by header. */
  readonly template: ReadonlyMap<FedrampHeader, number>;
  /** Our own columns (Poam headers): the field each holds, by column. */
  readonly own: ReadonlyMap<number, OwnField>;
  /** Columns whose values are kept in Comments, with the header to label them. */
  readonly kept: readonly { readonly column: number; readonly header: string }[];
}

const TEMPLATE_BY_NORMAL = new Map<string, FedrampHeader>(FEDRAMP_HEADERS.map((h) => [normal(h), h]));
const FIELD_BY_NORMAL = new Map<string, OwnField>(Object.entries(FINDING_FIELDS).map(([header, field]) => [normal(header), { header, key: field.key, kind: field.kind }]));
const COMPUTED_POAM = new Set(POAM_COLUMNS.filter((c) => !FINDING_FIELDS[c.header]).map((c) => normal(c.header)));
/** Template columns with no field whose values go to Comments as they stand. */
const KEPT_TEMPLATE = new Set(FEDRAMP_HEADERS.filter((h) => (FEDRAMP_FIELDS[h] as { none?: string }).none === KEPT));

function sheetKind(name: string): Kind | undefined {
  const base = normal(name).replace(/\s*\(\d+\)$/, "");
  if (base === normal(FEDRAMP_SHEETS.closed)) return "closed";
  if (base === normal(FEDRAMP_SHEETS.open) || base === normal(FEDRAMP_SHEETS.configuration)) return "open";
  return undefined;
}

/** The row with the most template headers, if any has enough of them. */
function headerRowOf(rows: Map<number, Map<number, unknown>>): number | undefined {
  let best: { row: number; score: number } | undefined;
  for (let row = 0; row < HEADER_SEARCH_ROWS; row++) {
    const values = [...(rows.get(row)?.values() ?? [])];
    const score = values.filter((v) => TEMPLATE_BY_NORMAL.has(normal(v))).length;
    if (score >= HEADER_MIN_MATCHES && score > (best?.score ?? 0)) best = { row, score };
  }
  return best?.row;
}

function columnsOf(sheet: string, headerRow: number, header: Row, unmapped: UnmappedColumn[]): Columns {
  const template = new Map<FedrampHeader, number>();
  const own = new Map<number, OwnField>();
  const kept: { column: number; header: string }[] = [];
  const report = (column: string, reason: string) => {
    if (!unmapped.some((u) => u.column === column && u.reason === reason)) unmapped.push({ column, reason });
  };
  for (const [column, value] of [...header].sort(([a], [b]) => a - b)) {
    const text = textOf(value) ?? "";
    const known = TEMPLATE_BY_NORMAL.get(normal(text));
    const field = FIELD_BY_NORMAL.get(normal(text));
    if (known && !template.has(known)) {
      template.set(known, column);
      const source = FEDRAMP_FIELDS[known];
      if ("none" in source) report(known, source.none);
      if (KEPT_TEMPLATE.has(known)) kept.push({ column, header: known });
    } else if (field && ![...own.values()].some((f) => f.key === field.key)) {
      own.set(column, field);
    } else if (COMPUTED_POAM.has(normal(text))) {
      report(text, "Worked out by the workbook from other columns.");
    } else {
      report(text, known || field ? `Appears twice on "${sheet}"; the first is read, this one's values are kept in Comments.` : UNKNOWN);
      kept.push({ column, header: text });
    }
  }
  for (const missing of FEDRAMP_HEADERS.filter((h) => !template.has(h))) {
    report(missing, `Not in the header row of "${sheet}" (row ${headerRow + 1}).`);
  }
  return { template, own, kept };
}

/** The header block above the header row: each label's value is the cell below it. */
function detailsOf(rows: Map<number, Map<number, unknown>>, headerRow: number): FedrampDetails {
  const found: Record<string, unknown> = {};
  for (let row = 0; row + 1 < headerRow; row++) {
    for (const [column, value] of rows.get(row) ?? []) {
      const label = FEDRAMP_DETAIL_LABELS.find((l) => normal(l) === normal(value));
      const below = rows.get(row + 1)?.get(column);
      if (label && found[label] === undefined && !PLACEHOLDERS.includes(normal(below))) found[label] = below;
    }
  }
  const text = (label: string) => textOf(found[label]);
  return {
    ...(text("CSP") && { csp: text("CSP") }),
    ...(text("System Name") && { systemName: text("System Name") }),
    ...(text("Impact Level") && { impactLevel: text("Impact Level") }),
    ...(dateOf(found["POAM Date"]).date && { poamDate: dateOf(found["POAM Date"]).date }),
  };
}

/** An item read from a row, before it has its POA&M ID. */
interface Pending {
  readonly sheet: string;
  readonly row: number;
  readonly id: string;
  readonly finding: Omit<Finding, "id">;
  readonly milestones: readonly ParsedMilestone[];
  /** "Column: value" lines for the item's Comments. */
  readonly kept: string[];
  /** The requirements its 800-53 Controls fit, when more than one does. */
  readonly candidates?: { readonly controls: string; readonly list: readonly string[] };
}

const omitEmpty = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== "")) as T;

interface RowContext {
  readonly sheet: string;
  readonly kind: Kind;
  /** Zero-based. */
  readonly row: number;
  readonly values: Row;
  readonly columns: Columns;
  readonly into?: PoamData;
  readonly today: IsoDate;
  readonly warnings: ImportWarning[];
  readonly guesses: ImportWarning[];
  readonly chosen?: ReadonlyMap<string, string>;
}

/** One row being read: its cells by template header, and where its warnings, guesses and Comments lines go. */
class RowReading {
  /** "Column: value" lines for the item's Comments. */
  readonly kept: string[] = [];

  constructor(readonly context: RowContext) {}

  warn(message: string): void {
    this.context.warnings.push({ sheet: this.context.sheet, row: this.context.row + 1, message });
  }

  guessed(message: string): void {
    this.context.guesses.push({ sheet: this.context.sheet, row: this.context.row + 1, message });
  }

  raw(header: FedrampHeader): unknown {
    const column = this.context.columns.template.get(header);
    return column === undefined ? undefined : this.context.values.get(column);
  }

  text(header: FedrampHeader): string | undefined {
    return textOf(this.raw(header));
  }

  /** A date cell; text that is not a date is warned about and kept in Comments. */
  dateIn(header: string, value: unknown): IsoDate | undefined {
    const { date, bad, guess } = dateOf(value);
    if (guess !== undefined) this.guessed(`${header}: ${guess}.`);
    if (bad !== undefined) {
      this.warn(`${header} holds "${bad}", which is not a date; it is kept in Comments.`);
      this.kept.push(`${header}: ${bad}`);
    }
    return date;
  }

  date(header: FedrampHeader): IsoDate | undefined {
    return this.dateIn(header, this.raw(header));
  }
}

/** Our own columns, read as the Poam table reads them; they win over what the template's columns imply. */
function ownColumns(reading: RowReading): Record<string, string | number> {
  const own: Record<string, string | number> = {};
  for (const [column, field] of reading.context.columns.own) {
    const value = reading.context.values.get(column);
    const shown = textOf(value);
    if (shown === undefined) continue;
    if (field.kind === "date") {
      const date = reading.dateIn(field.header, value);
      if (date !== undefined) own[field.key] = date;
    } else if (field.kind === "number") {
      const number = typeof value === "number" ? value : Number(shown);
      if (Number.isFinite(number)) own[field.key] = number;
      else reading.kept.push(`${field.header}: ${shown}`);
    } else own[field.key] = shown;
  }
  return own;
}

interface RowRequirement {
  readonly requirement: string;
  /** The Controls cell's text. */
  readonly controls: string;
  /** The 800-171 requirement chosen for 800-53 controls, when they were mapped. */
  readonly mapped?: string;
  /** Every requirement the 800-53 controls fit, when more than one does. */
  readonly candidates?: readonly string[];
}

/** The item's requirement: our own column, else Controls; 800-53 controls ("AC-2, AC-3") become the 800-171 requirement citing them (SP 800-171 rev2 Appendix D). */
function requirementOf(reading: RowReading, ownRequirement: string | undefined): RowRequirement {
  const controls = requirementFromControls(reading.text("Controls"));
  const nist80053 = ownRequirement === undefined && !controls.known ? mapNist80053(controls.requirement) : undefined;
  const choice = reading.context.chosen?.get(choiceKey(reading.context.sheet, reading.context.row + 1));
  const mapped = choice !== undefined && nist80053?.candidates.includes(choice) ? choice : nist80053?.candidates[0];
  if (nist80053 && mapped !== undefined) {
    const others = nist80053.candidates.filter((c) => c !== mapped);
    reading.guessed(
      `Controls "${controls.requirement}" (NIST SP 800-53) read as requirement ${mapped}${choice === mapped ? " (chosen)" : ""}` +
        (others.length > 0 ? `; also cited by ${others.join(", ")}` : "") +
        (nist80053.viaBase.length > 0 ? `; ${nist80053.viaBase.join(", ")} through the base control` : "") +
        (nist80053.unmapped.length > 0 ? `; ${nist80053.unmapped.join(", ")} cited by none` : "") +
        "; the 800-53 ids are kept in Source Ref.",
    );
  } else if (ownRequirement === undefined && controls.requirement !== "" && !controls.known) {
    reading.warn(`Controls "${controls.requirement}" names no NIST SP 800-171 requirement; it is kept as the requirement.`);
  }
  return {
    requirement: ownRequirement ?? mapped ?? controls.requirement,
    controls: controls.requirement,
    ...(mapped !== undefined && { mapped }),
    ...(nist80053 && nist80053.candidates.length > 1 && { candidates: nist80053.candidates }),
  };
}

/** Priority follows the adjusted rating; the original is kept in Comments unless the item's CVSS score gives it again. */
function priorityOf(reading: RowReading, cvss: string | number | undefined): Priority | undefined {
  const originalRating = reading.text("Original Risk Rating");
  const adjustedRating = reading.text("Adjusted Risk Rating");
  const suggested = typeof cvss === "number" && cvss >= 0 && cvss <= 10 ? FEDRAMP_RATING[priorityFromCvss(cvss)] : undefined;
  if (originalRating !== undefined && PRIORITY_BY_RATING[normal(adjustedRating)] !== undefined && normal(originalRating) !== normal(adjustedRating) && normal(suggested) !== normal(originalRating)) {
    reading.kept.push(`Original Risk Rating: ${originalRating}`);
  }
  return priorityFromRatings(originalRating, adjustedRating);
}

/** Source Ref: the template's identifier, with the 800-53 ids, a detector name that did not map exactly and CVEs not already in it. */
function sourceRefOf(reading: RowReading, requirement: RowRequirement, detector: { readonly name?: string; readonly exact: boolean }): string | undefined {
  let sourceRef = reading.text("Weakness Source Identifier");
  if (requirement.mapped !== undefined) sourceRef = [sourceRef, `NIST SP 800-53: ${requirement.controls}`].filter(Boolean).join("; ");
  const name = detector.name;
  if (!detector.exact && name !== undefined && !normal(sourceRef).includes(normal(name))) sourceRef = sourceRef === undefined ? name : `${name}: ${sourceRef}`;
  const missingCves = cveIds(reading.text("CVE")).filter((cve) => !cveIds(sourceRef).includes(cve));
  if (missingCves.length > 0) sourceRef = [sourceRef, missingCves.join(", ")].filter(Boolean).join("; ");
  return sourceRef;
}

/** Planned Milestones and Milestone Changes; a cell not in the template's "(1) date: text" form is read as well as it can be, and kept as written. */
function milestonesOfRow(reading: RowReading): { milestones: ParsedMilestone[]; changes: Changes } {
  const planned = reading.text("Planned Milestones");
  const { milestones, guesses } = readMilestoneLines(planned);
  for (const guess of guesses) reading.guessed(`Planned Milestones: ${guess}.`);
  if (planned !== undefined && plannedMilestonesText(milestones.map((m) => ({ poamId: "", ...m }))) !== planned) {
    reading.guessed(`Planned Milestones read as ${milestones.length} ${milestones.length === 1 ? "milestone" : "milestones"}, ${milestones.filter((m) => m.dueDate).length} with a due date; the cell's text is kept in Comments.`);
    reading.kept.push(`Planned Milestones: ${planned}`);
  }
  const changes = applyMilestoneChanges(reading.text("Milestone Changes"), milestones);
  if (changes.other !== undefined) reading.kept.push(`Milestone Changes: ${changes.other}`);
  return { milestones, changes };
}

/** The values of columns with no POA&M home, and a False Positive other than "No", as Comments lines. */
function keepUnmapped(reading: RowReading): void {
  for (const { column, header } of reading.context.columns.kept) {
    const value = reading.context.values.get(column);
    if (textOf(value) === undefined) continue;
    const shown = typeof value === "number" && /date/i.test(header) && isDateSerial(value) ? fromSerial(value) : textOf(value);
    reading.kept.push(`${header}: ${shown}`);
  }
  const falsePositive = reading.text("False Positive");
  if (falsePositive !== undefined && normal(falsePositive) !== "no") reading.kept.push(`False Positive: ${falsePositive}`);
}

/**
 * The workbook works out Target Date itself; a Scheduled Completion Date it
 * would not give is held in Extended To (see IMPORTED_SCHEDULE_REASON).
 */
function withCommittedDate(reading: RowReading, read: Omit<Finding, "id">, id: string, scheduled: IsoDate | undefined): Omit<Finding, "id"> {
  const target = targetDateOf({ ...read, id }, reading.context.into, reading.context.today);
  const committed = scheduled !== undefined && read.extendedTo === undefined && scheduled !== target;
  if (!committed) return read;
  reading.guessed(
    target === undefined
      ? `Scheduled Completion Date ${scheduled} is kept as Extended To, the item's due date: without a detection date and a priority the SLA gives no Target Date.`
      : `Scheduled Completion Date ${scheduled} is not the ${target} Target Date the SLA gives; it is kept as Extended To, the item's due date.`,
  );
  return { ...read, extendedTo: scheduled, extensionReason: read.extensionReason ?? IMPORTED_SCHEDULE_REASON };
}

function readRow(context: RowContext): Pending | { skip: string } {
  const reading = new RowReading(context);
  const { sheet, kind, row } = context;
  const templateId = reading.text("POAM ID") ?? "";
  if (INSTRUCTION_IDS.some((i) => normal(i) === normal(templateId))) return { skip: "The template's column instructions." };
  if (normal(templateId) === normal(EXAMPLE_ID)) return { skip: "The template's example item." };

  const own = ownColumns(reading);
  const ownText = (key: keyof Finding) => (typeof own[key] === "string" ? own[key] : undefined);
  const weakness = ownText("weakness") ?? reading.text("Weakness Name");
  if (weakness === undefined) return { skip: "No Weakness Name." };

  const requirement = requirementOf(reading, ownText("requirement"));
  const detector = reading.text("Weakness Detector Source");
  const { source, scan, exact } = sourceFromDetector(detector);
  if (!exact && own.source === undefined) reading.guessed(`Weakness Detector Source "${detector}" read as Source "${source}"${scan ? ", a scan finding" : ""}; the name is kept in Source Ref.`);
  const priority = priorityOf(reading, own.cvss);
  const status = kind === "closed" ? "Closed" : isYes(reading.text("Operational Requirement")) ? "Risk Accepted" : "Open";
  const sourceRef = sourceRefOf(reading, requirement, { name: detector, exact });
  const { milestones, changes } = milestonesOfRow(reading);
  const statusDate = reading.date("Status Date");
  const discovered = reading.date("Original Detection Date");
  const scheduled = reading.date("Scheduled Completion Date");
  keepUnmapped(reading);

  const { id: ownId, ...ownFields } = own;
  const read = {
    itemType: scan ? SCAN_ITEM : CMMC_ITEM,
    requirement: requirement.requirement,
    weakness,
    source,
    discovered: discovered ?? "",
    priority: priority ?? "",
    status,
    ...omitEmpty({
      description: reading.text("Weakness Description"),
      sourceRef,
      assets: reading.text("Asset Identifier"),
      owner: reading.text("Point of Contact"),
      plannedActions: reading.text("Overall Remediation Plan"),
      resources: reading.text("Resources Required"),
      extendedTo: changes.extension?.date,
      extensionReason: changes.extension?.reason,
      ...(kind === "closed" ? { completedOn: statusDate } : { updated: statusDate }),
      evidence: reading.text("Supporting Documents"),
      residualRisk: reading.text("Deviation Rationale"),
      comments: reading.text("Comments"),
    }),
    ...ownFields,
  } as Omit<Finding, "id">;
  const id = typeof ownId === "string" ? ownId : (reading.text("POAM ID") ?? "");

  const finding = withCommittedDate(reading, read, id, scheduled);
  if (finding.discovered === "") reading.warn("No Original Detection Date.");
  if (finding.priority === "") reading.warn("No risk rating: the item has no priority.");
  const candidates = requirement.candidates ? { controls: requirement.controls, list: requirement.candidates } : undefined;
  return { sheet, row, id, finding, milestones, kept: reading.kept, ...(candidates && { candidates }) };
}

/**
 * The findings and milestones of the FedRAMP-layout sheets in `workbook`:
 * "Open POA&M Items" (and "Configuration Findings") as open items, "Closed
 * POA&M Items" as closed ones, names matched without case or a " (2)"
 * suffix. An item keeps its own POAM ID when that is a single line not
 * already used here or in the POA&M; otherwise it gets the next free POA&M ID.
 */
export function readFedrampPoam(workbook: CellsWorkbook, options: FedrampImportOptions = {}): FedrampImport {
  const today = options.today ?? localToday();
  const unmapped: UnmappedColumn[] = [];
  const skipped: SkippedRow[] = [];
  const warnings: ImportWarning[] = [];
  const guesses: ImportWarning[] = [];
  const pending: Pending[] = [];
  let details: FedrampDetails | undefined;

  const itemSheets = workbook.sheets.flatMap((sheet) => {
    const kind = sheetKind(sheet.name);
    return kind ? [{ sheet, kind }] : [];
  });
  if (itemSheets.length === 0) {
    warnings.push({ message: `No sheet named "${FEDRAMP_SHEETS.open}" or "${FEDRAMP_SHEETS.closed}".` });
  }
  for (const { sheet, kind } of itemSheets) {
    const rows = rowsOf(sheet.cells);
    const headerRow = headerRowOf(rows);
    if (headerRow === undefined) {
      warnings.push({ sheet: sheet.name, message: `"${sheet.name}" has no row of FedRAMP template headers; it was not read.` });
      continue;
    }
    details ??= detailsOf(rows, headerRow);
    const columns = columnsOf(sheet.name, headerRow, rows.get(headerRow) ?? new Map(), unmapped);
    const dataRows = [...rows.keys()].filter((r) => r > headerRow).sort((a, b) => a - b);
    for (const row of dataRows) {
      const result = readRow({ sheet: sheet.name, kind, row, values: rows.get(row) as Row, columns, into: options.into, today, warnings, guesses, chosen: workbook.chosenRequirements });
      if ("skip" in result) skipped.push({ sheet: sheet.name, row: row + 1, reason: result.skip });
      else pending.push(result);
    }
  }

  const issued = [...(options.issued ?? options.into?.items.map((item) => item.finding.id) ?? [])];
  const taken = new Set(issued.map(idKey).filter((key) => key !== ""));
  const nextId = poamIdSequence([...issued, ...pending.map((p) => p.id)], today);
  const findings: Finding[] = [];
  const milestones: Milestone[] = [];
  const requirementChoices: RequirementChoice[] = [];
  for (const item of pending) {
    const valid = item.id !== "" && item.id.length <= MAX_ID_LENGTH && !/[\r\n]/.test(item.id);
    let id = item.id;
    if (!valid || taken.has(idKey(id))) {
      id = nextId();
      const why = item.id === "" ? "It has no POAM ID" : !valid ? `Its POAM ID "${item.id}" is not a single short line` : `Its POAM ID "${item.id}" is already used`;
      warnings.push({ sheet: item.sheet, row: item.row + 1, message: `${why}; it is given ${id}.` });
      if (item.id !== "") item.kept.unshift(`POAM ID: ${item.id}`);
    }
    taken.add(idKey(id));
    const comments = [item.finding.comments, item.kept.join("\n")].filter((c) => c !== undefined && c !== "").join("\n\n");
    findings.push({ id, ...item.finding, ...(comments === "" ? {} : { comments }) });
    if (item.candidates) {
      requirementChoices.push({ sheet: item.sheet, row: item.row + 1, id, controls: item.candidates.controls, candidates: item.candidates.list, requirement: item.finding.requirement });
    }
    for (const m of item.milestones) {
      milestones.push(omitEmpty({ poamId: id, milestone: m.milestone, dueDate: m.dueDate, completedOn: m.completedOn, notes: m.notes }));
    }
  }
  // Sheet by sheet and row by row, as a person reads them; a stable sort keeps each row's own order.
  const sheetOrder = (name: string | undefined) => workbook.sheets.findIndex((sheet) => sheet.name === name);
  const byPlace = (a: ImportWarning, b: ImportWarning) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || (a.row ?? 0) - (b.row ?? 0);
  warnings.sort(byPlace);
  guesses.sort(byPlace);
  const keptCounts = new Map<string, number>();
  for (const item of pending) {
    for (const column of new Set(item.kept.map((line) => line.slice(0, line.indexOf(":"))))) keptCounts.set(column, (keptCounts.get(column) ?? 0) + 1);
  }
  const keptInComments = [...keptCounts].map(([column, items]) => ({ column, items }));
  return { findings, milestones, unmapped, skipped, warnings, guesses, keptInComments, requirementChoices, details: details ?? {} };
}
