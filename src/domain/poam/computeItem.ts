/**
 * One POA&M item as the workbook's formula columns compute it (Target Date,
 * Due Date, Days Open, Days Left, State), worked out from the stored record.
 */
import { isClosedStatus } from "../poam/closedStatuses";
import { closeoutStart, closeoutTargetDays, countsAsCmmcItem } from "../compliance/rules";
import { addDays, daysBetween, isIsoDate, localToday, type IsoDate } from "../core/dates";
import { DEFAULT_REVIEW_DAYS } from "../workbook/definedNames";
import type { PoamData, StoredItem } from "../poam/poamData";
import type { Finding } from "../poam/records";

export interface ComputedItem {
  readonly item: StoredItem;
  /** The item's completion and extension dates, when they are dates. */
  readonly completedOn?: IsoDate;
  readonly extendedTo?: IsoDate;
  readonly targetDate?: IsoDate;
  readonly dueDate?: IsoDate;
  /** Overdue, Due Soon, On Track, Accepted, Closed; undefined without a status or a due date. */
  readonly state?: string;
  readonly daysOpen?: number;
  readonly daysLeft?: number;
  /** Open: has a status and is not closed (accepted items are open). */
  readonly open: boolean;
  /** Counts against the SPRS score: a CMMC POA&M item, or an item with no type. */
  readonly cmmc: boolean;
}

/** The date figures are computed for: Settings "As of", or today. */
export function reportDate(data: PoamData, today: IsoDate = localToday()): IsoDate {
  return data.settings.asOf ?? today;
}

export function nextReviewDate(data: PoamData, asOf: IsoDate): IsoDate {
  return data.settings.nextReview ?? addDays(asOf, DEFAULT_REVIEW_DAYS);
}

const min = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/** A date field as the maths can use it: text that is not a date counts as empty, as the formulas' ISNUMBER does. */
const dateOf = (value: string | undefined): IsoDate | undefined => (value !== undefined && isIsoDate(value) ? value : undefined);

/** The Poam table's formula columns for one item, on `asOf`. */
export function computeItem(item: StoredItem, data: PoamData, asOf: IsoDate): ComputedItem {
  const stored = item.finding;
  const f: Partial<Finding> = {
    ...stored,
    discovered: dateOf(stored.discovered),
    extendedTo: dateOf(stored.extendedTo),
    completedOn: dateOf(stored.completedOn),
  };
  const status = f.status?.trim() ?? "";
  const days = f.priority === undefined ? undefined : data.sla.get(f.priority);
  const cmmc = countsAsCmmcItem(f.itemType);
  const clockStart = closeoutStart(data.settings);
  let targetDate: IsoDate | undefined;
  if (f.discovered && days !== undefined) {
    targetDate = addDays(f.discovered, days);
    if (cmmc && clockStart) targetDate = min(targetDate, addDays(clockStart, closeoutTargetDays(data.settings)));
  }
  const dueDate = f.extendedTo ?? targetDate;
  const closed = isClosedStatus(status, data.closedStatuses);
  let state: string | undefined;
  if (status === "") state = undefined;
  else if (closed) state = "Closed";
  else if (status === "Risk Accepted") state = "Accepted";
  else if (dueDate === undefined) state = undefined;
  else if (dueDate < asOf) state = "Overdue";
  else if (daysBetween(asOf, dueDate) <= data.settings.dueSoonDays) state = "Due Soon";
  else state = "On Track";
  const end = state === "Closed" && f.completedOn ? f.completedOn : asOf;
  return {
    item,
    completedOn: f.completedOn,
    extendedTo: f.extendedTo,
    targetDate,
    dueDate,
    state,
    daysOpen: f.discovered ? daysBetween(f.discovered, end) : undefined,
    daysLeft: state === "Closed" || dueDate === undefined ? undefined : daysBetween(asOf, dueDate),
    open: status !== "" && state !== "Closed",
    cmmc,
  };
}
