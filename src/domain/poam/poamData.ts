/**
 * A POA&M workbook's contents as plain records: what the summary maths, the
 * checks and the exports read. Built from the values of the workbook's tables,
 * whether the open workbook (src/excel/) or a file (src/xlsx/) supplied them.
 */
import { DEFAULT_CLOSED_STATUSES, closedStatusesOfTable, type ClosedStatuses } from "./closedStatuses";
import { fromSerial, isDateSerial, isIsoDate, type IsoDate } from "../core/dates";
import { PoamError } from "../core/errors";
import { ERROR_MESSAGES } from "../core/messages";
import { FINDING_FIELDS, MILESTONE_FIELDS, PERSON_FIELDS, cellText, recordFromCells, type Finding, type Milestone, type Person } from "./records";
import type { WorkbookPlan } from "../workbook/plan";
import { HISTORY_COLUMNS, POAM_TABLE } from "../workbook/schema";
import { tableProblems } from "../workbook/tableProblems";
import { SETTING, SETTINGS, type SettingKey } from "../workbook/settingsKeys";
import { DEFAULT_SLA_DAYS } from "./vocabulary";

/** The values of one table as read: its header and data rows, and where it sits. */
export interface TableValues {
  readonly name: string;
  readonly sheet: string;
  /** Zero-based sheet row and column of the header's first cell. */
  readonly headerRow: number;
  readonly column: number;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface PoamSettings {
  readonly organisation: string;
  readonly systemName: string;
  /** The Settings "As of" date, when one is set. */
  readonly asOf?: IsoDate;
  readonly dueSoonDays: number;
  readonly assessmentDate?: IsoDate;
  readonly conditionalStatusDate?: IsoDate;
  readonly closeoutDays: number;
  readonly nextReview?: IsoDate;
}

/** An item as stored, with the data row it is on (zero-based). */
export interface StoredItem {
  readonly finding: Partial<Finding> & { readonly id: string };
  readonly row: number;
}

export interface ControlRow {
  readonly requirement: string;
  /** Met, Not Met, Partial, N/A, or "" when not yet assessed. */
  readonly status: string;
  readonly notes: string;
}

export interface HistoryRow {
  readonly date: IsoDate;
  readonly row: number;
}

export interface PoamData {
  readonly settings: PoamSettings;
  /** Remediation days by priority, from `Sla`. */
  readonly sla: ReadonlyMap<string, number>;
  /** Statuses that count as closed, from `Statuses` (see closedStatuses.ts). */
  readonly closedStatuses: ClosedStatuses;
  readonly items: readonly StoredItem[];
  readonly milestones: readonly Milestone[];
  readonly people: readonly Person[];
  readonly controls: readonly ControlRow[];
  readonly history: readonly HistoryRow[];
  /** Where the Poam table is, to link to an item's row. */
  readonly poamTable: Pick<TableValues, "sheet" | "headerRow" | "column">;
}

/** The tables `poamDataFromTables` reads. */
export const DATA_TABLES = ["Settings", "Sla", "Statuses", "People", "Controls", POAM_TABLE, "Milestones", "History"] as const;

const isBlankRow = (row: readonly unknown[]) => row.every((value) => value === null || value === undefined || value === "");

function columnValues(table: TableValues | undefined, header: string): unknown[] {
  if (!table) return [];
  const index = table.headers.indexOf(header);
  return index < 0 ? [] : table.rows.map((row) => row[index]);
}

/** A setting or History date; a number outside Excel's dates reads as no date (`poam check` names such cells). */
function dateValue(value: unknown): IsoDate | undefined {
  if (typeof value === "number") return isDateSerial(value) ? fromSerial(value) : undefined;
  const text = cellText(value).trim();
  return isIsoDate(text) ? text : undefined;
}

function numberValue(value: unknown, fallback: number): number {
  const number = typeof value === "number" ? value : Number(cellText(value).trim() || NaN);
  return Number.isFinite(number) && number > 0 ? number : fallback;
}

function readSettings(table: TableValues | undefined): PoamSettings {
  const values = new Map<string, unknown>();
  const labels = columnValues(table, "Setting");
  const cells = columnValues(table, "Value");
  labels.forEach((label, i) => values.set(cellText(label).trim().toLowerCase(), cells[i]));
  const get = (key: SettingKey) => values.get(SETTING[key].toLowerCase());
  const initial = (key: SettingKey) => Number(SETTINGS.find((s) => s.key === key)?.initial);
  return {
    organisation: cellText(get("organisation")).trim(),
    systemName: cellText(get("systemName")).trim(),
    asOf: dateValue(get("asOf")),
    dueSoonDays: numberValue(get("dueSoonDays"), initial("dueSoonDays")),
    assessmentDate: dateValue(get("assessmentDate")),
    conditionalStatusDate: dateValue(get("conditionalStatusDate")),
    closeoutDays: numberValue(get("closeoutDays"), initial("closeoutDays")),
    nextReview: dateValue(get("nextReview")),
  };
}

/**
 * The POA&M in `tables`. Throws `notPoam` when the workbook lacks the `Poam`
 * or `Controls` table, and `invalidInput` naming the table and column, or the
 * cell, when a column the reading depends on is missing or a setting's date
 * is out of range (see tableProblems.ts); other missing tables read as empty, and `Sla` and
 * `Statuses` fall back to the defaults a new workbook starts with.
 */
export function poamDataFromTables(tables: readonly TableValues[]): PoamData {
  const table = (name: string) => tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  const poam = table(POAM_TABLE);
  const controls = table("Controls");
  if (!poam || !controls) throw new PoamError("notPoam", ERROR_MESSAGES.notPoam);
  // A renamed column or an impossible setting date would lose items or figures without a word: stop and say which.
  const problems = tableProblems(tables);
  if (problems.length > 0) throw new PoamError("invalidInput", problems.join(" "));

  const rowsOf = <T>(t: TableValues | undefined, fields: Parameters<typeof recordFromCells<T>>[2]) =>
    (t?.rows ?? []).flatMap((row, index) => (isBlankRow(row) ? [] : [{ record: recordFromCells<T>(t?.headers ?? [], row, fields), index }]));

  const sla = new Map<string, number>();
  const slaTable = table("Sla");
  const days = columnValues(slaTable, "Days");
  columnValues(slaTable, "Priority").forEach((priority, i) => {
    const label = cellText(priority).trim();
    const value = days[i];
    if (label && typeof value === "number") sla.set(label, value);
  });
  if (!slaTable) for (const [priority, value] of Object.entries(DEFAULT_SLA_DAYS)) sla.set(priority, value);

  const statusesTable = table("Statuses");
  const closedStatuses = statusesTable ? closedStatusesOfTable(statusesTable.headers, statusesTable.rows) : DEFAULT_CLOSED_STATUSES;

  const historyDates = columnValues(table("History"), HISTORY_COLUMNS[0].header);
  const controlNotes = columnValues(controls, "Notes");
  const controlStatus = columnValues(controls, "Status");

  return {
    settings: readSettings(table("Settings")),
    sla,
    closedStatuses,
    items: rowsOf<Finding>(poam, FINDING_FIELDS)
      .filter(({ record }) => record.id || record.weakness)
      .map(({ record, index }) => ({ finding: { ...record, id: record.id ?? "" }, row: index })),
    milestones: rowsOf<Milestone>(table("Milestones"), MILESTONE_FIELDS).map(({ record }) => ({
      ...record,
      poamId: record.poamId ?? "",
      milestone: record.milestone ?? "",
    })),
    people: rowsOf<Person>(table("People"), PERSON_FIELDS).map(({ record }) => ({ ...record, name: record.name ?? "" })),
    controls: columnValues(controls, "Requirement").map((requirement, i) => ({
      requirement: cellText(requirement).trim(),
      status: cellText(controlStatus[i]).trim(),
      notes: cellText(controlNotes[i]),
    })),
    history: historyDates.flatMap((value, row) => {
      const date = dateValue(value);
      return date ? [{ date, row }] : [];
    }),
    poamTable: { sheet: poam.sheet, headerRow: poam.headerRow, column: poam.column },
  };
}

/**
 * The tables a plan for a new workbook creates, with the values it gives
 * them (formula columns empty): what a file written from the plan would hold
 * before it is calculated, without writing it.
 */
export function tablesOfPlan(plan: WorkbookPlan): TableValues[] {
  return plan.ops.flatMap((op) =>
    op.kind === "createTable"
      ? [{ name: op.table, sheet: op.sheet, headerRow: op.at.row, column: op.at.column, headers: op.columns.map((c) => c.header), rows: op.rows }]
      : [],
  );
}
