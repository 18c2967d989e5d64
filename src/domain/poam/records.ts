/**
 * The records a POA&M workbook stores, and how each maps onto the cells of
 * its table. Dates are ISO strings here and Excel serial numbers in cells.
 */
import { fromSerial, isDateSerial, toSerial, type IsoDate } from "../core/dates";
import type { Cell } from "../workbook/plan";
import type { SettingKey } from "../workbook/settingsKeys";
import type { ControlStatus } from "./vocabulary";

/**
 * One row of the `Poam` table: the fields a person or an import fills in.
 * Vocabulary fields are plain strings because a workbook may hold any text in
 * them; `validateFinding` says which values are acceptable.
 */
export interface Finding {
  readonly id: string;
  readonly itemType: string;
  readonly requirement: string;
  readonly weakness: string;
  readonly description?: string;
  readonly rootCause?: string;
  readonly source: string;
  readonly sourceRef?: string;
  readonly assets?: string;
  readonly discovered: IsoDate;
  readonly cvss?: number;
  readonly priority: string;
  readonly owner?: string;
  readonly implementer?: string;
  readonly approver?: string;
  readonly plannedActions?: string;
  readonly acceptanceCriteria?: string;
  readonly resources?: string;
  readonly estCost?: number;
  readonly interimMitigation?: string;
  readonly extendedTo?: IsoDate;
  readonly extensionReason?: string;
  readonly status: string;
  readonly completedOn?: IsoDate;
  readonly verifiedBy?: string;
  readonly evidence?: string;
  readonly ticket?: string;
  readonly residualRisk?: string;
  readonly updated?: IsoDate;
  readonly comments?: string;
}

export interface Milestone {
  readonly poamId: string;
  readonly milestone: string;
  readonly dueDate?: IsoDate;
  readonly completedOn?: IsoDate;
  readonly notes?: string;
}

export interface Person {
  readonly name: string;
  readonly role?: string;
  readonly email?: string;
}

type FieldOf<T> = { readonly [K in keyof T]-?: { readonly key: K; readonly kind: "text" | "number" | "date" } }[keyof T];

const text = <T>(key: keyof T) => ({ key, kind: "text" }) as FieldOf<T>;
const date = <T>(key: keyof T) => ({ key, kind: "date" }) as FieldOf<T>;
const number = <T>(key: keyof T) => ({ key, kind: "number" }) as FieldOf<T>;

/** Which field of a finding each user-entered `Poam` column holds. */
export const FINDING_FIELDS: Readonly<Record<string, FieldOf<Finding>>> = {
  "POA&M ID": text<Finding>("id"),
  "Item Type": text<Finding>("itemType"),
  Requirement: text<Finding>("requirement"),
  Weakness: text<Finding>("weakness"),
  Description: text<Finding>("description"),
  "Root Cause": text<Finding>("rootCause"),
  Source: text<Finding>("source"),
  "Source Ref": text<Finding>("sourceRef"),
  Assets: text<Finding>("assets"),
  Discovered: date<Finding>("discovered"),
  CVSS: number<Finding>("cvss"),
  Priority: text<Finding>("priority"),
  Owner: text<Finding>("owner"),
  Implementer: text<Finding>("implementer"),
  Approver: text<Finding>("approver"),
  "Planned Actions": text<Finding>("plannedActions"),
  "Acceptance Criteria": text<Finding>("acceptanceCriteria"),
  Resources: text<Finding>("resources"),
  "Est. Cost": number<Finding>("estCost"),
  "Interim Mitigation": text<Finding>("interimMitigation"),
  "Extended To": date<Finding>("extendedTo"),
  "Extension Reason": text<Finding>("extensionReason"),
  Status: text<Finding>("status"),
  "Completed On": date<Finding>("completedOn"),
  "Verified By": text<Finding>("verifiedBy"),
  Evidence: text<Finding>("evidence"),
  Ticket: text<Finding>("ticket"),
  "Residual Risk": text<Finding>("residualRisk"),
  Updated: date<Finding>("updated"),
  Comments: text<Finding>("comments"),
};

export const MILESTONE_FIELDS: Readonly<Record<string, FieldOf<Milestone>>> = {
  "POA&M ID": text<Milestone>("poamId"),
  Milestone: text<Milestone>("milestone"),
  "Due Date": date<Milestone>("dueDate"),
  "Completed On": date<Milestone>("completedOn"),
  Notes: text<Milestone>("notes"),
};

export const PERSON_FIELDS: Readonly<Record<string, FieldOf<Person>>> = {
  Name: text<Person>("name"),
  Role: text<Person>("role"),
  Email: text<Person>("email"),
};

/**
 * The cells of one table row for a record, in the order of `headers`.
 * Columns the record does not fill (formulas, a user's own columns) are null.
 */
export function recordCells<T>(record: T, headers: readonly string[], fields: Readonly<Record<string, FieldOf<T>>>): Cell[] {
  return headers.map((header) => {
    const field = fields[header];
    if (!field) return null;
    const value = record[field.key] as string | number | undefined;
    if (value === undefined || value === "") return null;
    if (field.kind === "date") return toSerial(value as IsoDate);
    return field.kind === "number" ? Number(value) : value;
  });
}

/** A cell's value as text: numbers and booleans written out, anything else empty. */
export function cellText(value: unknown): string {
  if (typeof value === "string") return value;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/**
 * The record a table row holds: the inverse of `recordCells`. Empty cells
 * leave a field out; date cells holding serial numbers become ISO dates.
 */
export function recordFromCells<T>(headers: readonly string[], values: readonly unknown[], fields: Readonly<Record<string, FieldOf<T>>>): Partial<T> {
  const record: Record<string, unknown> = {};
  headers.forEach((header, index) => {
    const field = fields[header];
    const value = values[index];
    if (!field || value === undefined || value === null || value === "") return;
    if (field.kind === "date") {
      // A number outside Excel's dates is kept as its text, so the checks report it as not a date rather than reading fails.
      record[field.key as string] = typeof value === "number" ? (isDateSerial(value) ? fromSerial(value) : String(value)) : cellText(value);
    } else if (field.kind === "number") {
      const number = typeof value === "number" ? value : Number(value);
      if (Number.isFinite(number)) record[field.key as string] = number;
    } else {
      record[field.key as string] = cellText(value);
    }
  });
  return record as Partial<T>;
}

/** A History row: its values by column header, the Snapshot Date as an ISO date. */
export type HistorySnapshot = Readonly<Record<string, string | number>>;

export interface InitialData {
  readonly findings?: readonly Finding[];
  readonly milestones?: readonly Milestone[];
  readonly people?: readonly Person[];
  /** Implementation status by requirement ID, for the Controls table. */
  readonly controlStatuses?: Readonly<Record<string, ControlStatus>>;
  /** Earlier summary snapshots, oldest first. */
  readonly history?: readonly HistorySnapshot[];
  /** Values for the Settings table; dates as ISO strings. */
  readonly settings?: Readonly<Partial<Record<SettingKey, string | number>>>;
}
