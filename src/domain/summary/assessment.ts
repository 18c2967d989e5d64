/**
 * The summary maths: what the workbook's formulas compute, worked out from
 * the stored records, for the refresh, the pane's headline figures and
 * `poam check`. The rules themselves live in compliance.ts and
 * closedStatuses.ts; the formula-truth tests hold this and the formulas to
 * the same answers.
 */
import { isClosedStatus } from "../poam/closedStatuses";
import {
  CLOSEOUT_LIMIT_DAYS,
  CONDITIONAL_MIN_SCORE,
  CONTROL_BLOCKERS as BLOCKERS,
  SSP_REQUIREMENT,
  closeoutDeadline,
  closeoutProblem,
  closeoutStart,
  closeoutTargetDays,
  countsAsCmmcItem,
  pointsLost as pointsLostFor,
  requirementBlocker,
  requirementMet,
  type CloseoutProblem,
  type ControlBlocker,
} from "../compliance/rules";
import { addDays, daysBetween, isIsoDate, localToday, type IsoDate } from "../core/dates";
import { DEFAULT_REVIEW_DAYS } from "../workbook/definedNames";
import type { PoamData, StoredItem } from "../poam/poamData";
import type { Finding } from "../poam/records";
import { REQUIREMENTS, type Requirement } from "../compliance/requirements";
import { PRIORITIES } from "../poam/vocabulary";

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

export interface ControlFigures {
  readonly requirement: Requirement;
  /** As entered on the Controls sheet; "" when not yet assessed. */
  readonly status: string;
  /** Open CMMC items on the requirement (any status but closed, or none). */
  readonly openItems: number;
  readonly pointsLost: number;
  /** Points still lost once every planned item has closed. */
  readonly pointsAfterPlan: number;
  /** The latest due date of the planned (open, not accepted, dated) CMMC items. */
  readonly plannedBy?: IsoDate;
  /** Why the requirement stands in the way of conditional status, if it does. */
  readonly blocker?: ControlBlocker;
}

/**
 * The Controls table's formula columns, for all 110 requirements. A
 * requirement missing from the table counts as not assessed.
 */
export function computeControls(data: PoamData, items: readonly ComputedItem[]): ControlFigures[] {
  const byRequirement = new Map<string, ComputedItem[]>();
  for (const item of items) {
    // The workbook counts rows whose State is not "Closed", whatever their status.
    if (!item.cmmc || item.state === "Closed") continue;
    const id = item.item.finding.requirement ?? "";
    byRequirement.set(id, [...(byRequirement.get(id) ?? []), item]);
  }
  const statusOf = new Map<string, string>();
  for (const control of data.controls) if (!statusOf.has(control.requirement)) statusOf.set(control.requirement, control.status);
  return REQUIREMENTS.map((requirement): ControlFigures => {
    const open = byRequirement.get(requirement.id) ?? [];
    const status = statusOf.get(requirement.id) ?? "";
    const lost = pointsLostFor(requirement, status, open.length);
    const planned = open.filter((item) => item.state === "Overdue" || item.state === "Due Soon" || item.state === "On Track");
    return {
      requirement,
      status,
      openItems: open.length,
      pointsLost: lost,
      pointsAfterPlan: planned.length > 0 ? 0 : lost,
      plannedBy: planned.map((item) => item.dueDate as IsoDate).sort().at(-1),
      blocker: requirementBlocker(requirement, status, open.length),
    };
  });
}

/** An open CMMC item that keeps the close-out from finishing in time, and why. */
export interface CloseoutOffender {
  readonly id: string;
  /** The item's data row, zero-based. */
  readonly row: number;
  readonly problem: CloseoutProblem;
}

export interface Readiness {
  readonly score: number;
  readonly scoreAfterPlan: number;
  /** Requirements with no assessed status; each counts as Not Met. */
  readonly unassessed: number;
  readonly reachable: boolean;
  /** Each reason conditional status is out of reach, in words. */
  readonly reasons: readonly string[];
  readonly blockingRequirements: readonly { readonly id: string; readonly reason: string }[];
  /** When the close-out clock started: the conditional status date, else the assessment date. */
  readonly closeoutStart?: IsoDate;
  /** The legal deadline, 180 days after the clock's start. */
  readonly closeoutDeadline?: IsoDate;
  readonly closeoutDaysLeft?: number;
  /** Open CMMC items due after the close-out deadline. */
  readonly dueAfterCloseout: number;
  /**
   * Whether every open CMMC item is on course to close by the deadline: null
   * while there is no clock (no conditional status or assessment date).
   */
  readonly closeoutOnTrack: boolean | null;
  readonly closeoutOffenders: readonly CloseoutOffender[];
  /** When the score is expected to reach 110; undefined when some lost points have no plan. */
  readonly fullScoreBy?: IsoDate;
  /** Requirements losing points with no planned item. */
  readonly unplanned: number;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function readiness(data: PoamData, items: readonly ComputedItem[], controls: readonly ControlFigures[], asOf: IsoDate): Readiness {
  const lost = (key: "pointsLost" | "pointsAfterPlan") => controls.reduce((sum, c) => sum + c[key], 0);
  const score = 110 - lost("pointsLost");
  const reasons: string[] = [];
  if (score < CONDITIONAL_MIN_SCORE) reasons.push(`The SPRS score, ${score}, is below ${CONDITIONAL_MIN_SCORE}.`);
  const ssp = controls.find((c) => c.requirement.id === SSP_REQUIREMENT);
  if (!ssp || !requirementMet(ssp.requirement, ssp.status, ssp.openItems)) {
    reasons.push(`${SSP_REQUIREMENT} (system security plan) is not Met: without a plan there is no assessment.`);
  }
  const blocking = controls.filter((c) => c.blocker);
  const withBlocker = (blocker: ControlBlocker) => blocking.filter((c) => c.blocker === blocker).length;
  const unassessed = withBlocker(BLOCKERS.unassessed);
  const ineligible = withBlocker(BLOCKERS.ineligible);
  const unplannedBlockers = withBlocker(BLOCKERS.unplanned);
  if (unassessed > 0) reasons.push(`${plural(unassessed, "requirement", "requirements")} not yet assessed: each counts as Not Met until it is.`);
  if (ineligible > 0) reasons.push(`${plural(ineligible, "unmet requirement is", "unmet requirements are")} not allowed on a CMMC POA&M.`);
  if (unplannedBlockers > 0) reasons.push(`${plural(unplannedBlockers, "unmet requirement has", "unmet requirements have")} no open POA&M item.`);

  const start = closeoutStart(data.settings);
  const deadline = closeoutDeadline(data.settings);
  const openCmmc = items.filter((item) => item.cmmc && item.open);
  const dueAfterCloseout = deadline ? openCmmc.filter((item) => item.dueDate !== undefined && item.dueDate > deadline).length : 0;
  if (deadline && deadline < asOf && openCmmc.length > 0) {
    reasons.push(`The ${CLOSEOUT_LIMIT_DAYS}-day close-out ended on ${deadline} with ${plural(openCmmc.length, "CMMC item", "CMMC items")} open.`);
  }
  const closeoutOffenders: CloseoutOffender[] = deadline
    ? openCmmc.flatMap((item) => {
        const problem = closeoutProblem({ accepted: item.state === "Accepted", dueDate: item.dueDate }, deadline, asOf);
        return problem ? [{ id: item.item.finding.id, row: item.item.row, problem }] : [];
      })
    : [];

  const costing = controls.filter((c) => c.pointsLost > 0);
  const unplanned = costing.filter((c) => c.pointsAfterPlan > 0).length;
  const planDates = costing.map((c) => c.plannedBy).filter((d): d is IsoDate => d !== undefined).sort();
  return {
    score,
    scoreAfterPlan: 110 - lost("pointsAfterPlan"),
    unassessed,
    reachable: reasons.length === 0,
    reasons,
    blockingRequirements: blocking.map((c) => ({ id: c.requirement.id, reason: c.blocker as string })),
    closeoutStart: start,
    closeoutDeadline: deadline,
    closeoutDaysLeft: deadline ? daysBetween(asOf, deadline) : undefined,
    dueAfterCloseout,
    closeoutOnTrack: deadline ? closeoutOffenders.length === 0 : null,
    closeoutOffenders,
    fullScoreBy: unplanned > 0 ? undefined : costing.length === 0 ? asOf : planDates.at(-1),
    unplanned,
  };
}

export interface PriorityFigures {
  readonly priority: string;
  readonly open: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly onTrack: number;
  readonly accepted: number;
  readonly closed90: number;
  /** Average days from discovery to completion of closed items; undefined when none closed. */
  readonly averageDaysToClose?: number;
}

export interface SummaryFigures {
  readonly asOf: IsoDate;
  readonly open: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly overduePercent?: number;
  readonly dueNext30: number;
  readonly closedLast30: number;
  readonly closedLast90: number;
  /** Closed items completed on or before their due date, of the closed items with both dates. */
  readonly onTimeRate?: number;
  readonly pastExtension: number;
  /** Risk-accepted items whose acceptance has expired or expires within the Due Soon days. */
  readonly acceptanceExpiring: number;
  readonly byPriority: readonly PriorityFigures[];
  readonly readiness: Readiness;
}

/** Everything the Summary shows, on the report date. */
export function summarise(data: PoamData, today?: IsoDate): { figures: SummaryFigures; items: ComputedItem[]; controls: ControlFigures[] } {
  const asOf = reportDate(data, today);
  const items = data.items.map((item) => computeItem(item, data, asOf));
  const controls = computeControls(data, items);
  const open = items.filter((item) => item.open);
  const closed = items.filter((item) => item.state === "Closed");
  const completedWithin = (days: number) =>
    closed.filter((item) => {
      const on = item.completedOn;
      return on !== undefined && on <= asOf && daysBetween(on, asOf) < days;
    });
  const count = (list: readonly ComputedItem[], state: string) => list.filter((item) => item.state === state).length;
  const overdue = count(open, "Overdue");
  const timed = closed.filter((item) => item.completedOn && item.dueDate);
  const average = (values: number[]) => (values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length);
  const horizon = addDays(asOf, 30);
  const expiryHorizon = addDays(asOf, data.settings.dueSoonDays);

  const figures: SummaryFigures = {
    asOf,
    open: open.length,
    overdue,
    dueSoon: count(open, "Due Soon"),
    overduePercent: open.length === 0 ? undefined : overdue / open.length,
    dueNext30: open.filter((item) => item.state !== "Accepted" && item.dueDate && item.dueDate >= asOf && item.dueDate <= horizon).length,
    closedLast30: completedWithin(30).length,
    closedLast90: completedWithin(90).length,
    onTimeRate:
      timed.length === 0 ? undefined : timed.filter((item) => (item.completedOn as IsoDate) <= (item.dueDate as IsoDate)).length / timed.length,
    pastExtension: open.filter((item) => item.state === "Overdue" && item.extendedTo).length,
    acceptanceExpiring: open.filter((item) => item.state === "Accepted" && item.dueDate && item.dueDate <= expiryHorizon).length,
    byPriority: PRIORITIES.map((priority) => {
      const mine = (list: readonly ComputedItem[]) => list.filter((item) => item.item.finding.priority === priority);
      return {
        priority,
        open: mine(open).length,
        overdue: count(mine(open), "Overdue"),
        dueSoon: count(mine(open), "Due Soon"),
        onTrack: count(mine(open), "On Track"),
        accepted: count(mine(open), "Accepted"),
        closed90: mine(completedWithin(90)).length,
        averageDaysToClose: average(mine(closed).flatMap((item) => (item.daysOpen === undefined ? [] : [item.daysOpen]))),
      };
    }),
    readiness: readiness(data, items, controls, asOf),
  };
  return { figures, items, controls };
}
