/**
 * The summary maths: what the workbook's formulas compute, worked out from
 * the stored records, for the refresh, the pane's headline figures and
 * `poam check`. The formula-truth tests hold the two to the same answers.
 */
import { addDays, daysBetween, isIsoDate, localToday, type IsoDate } from "./dates";
import { DEFAULT_REVIEW_DAYS } from "./definedNames";
import type { PoamData, StoredItem } from "./poamData";
import type { Finding } from "./records";
import { REQUIREMENTS, type Requirement } from "./requirements";
import { CMMC_ITEM, CONTROL_BLOCKERS as BLOCKERS } from "./schema";
import { PRIORITIES } from "./vocabulary";

/** The lowest SPRS score that allows CMMC conditional status (32 CFR 170.21). */
export const CONDITIONAL_MIN_SCORE = 88;
/** The requirement without which there is no assessment: the system security plan. */
export const SSP_REQUIREMENT = "3.12.4";

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

const REQUIREMENT_BY_ID = new Map(REQUIREMENTS.map((r) => [r.id, r]));

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
  let targetDate: IsoDate | undefined;
  if (f.discovered && days !== undefined) {
    targetDate = addDays(f.discovered, days);
    if (f.itemType === CMMC_ITEM && data.settings.assessmentDate) {
      targetDate = min(targetDate, addDays(data.settings.assessmentDate, data.settings.closeoutDays));
    }
  }
  const dueDate = f.extendedTo ?? targetDate;
  const closed = data.closedStatuses.has(status);
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
    cmmc: (f.itemType ?? "") === "" || f.itemType === CMMC_ITEM,
  };
}

export interface ControlFigures {
  readonly requirement: Requirement;
  readonly status: string;
  /** Open CMMC items on the requirement (any status but closed, or none). */
  readonly openItems: number;
  readonly pointsLost: number;
  /** Points still lost once every planned item has closed. */
  readonly pointsAfterPlan: number;
  /** The latest due date of the planned (open, not accepted, dated) CMMC items. */
  readonly plannedBy?: IsoDate;
  /** Why the requirement stands in the way of conditional status, if it does. */
  readonly blocker?: string;
}


/** Whether CMMC allows a requirement with this status on a POA&M (3.13.11 only with partial credit). */
export function eligibleForPoam(requirement: Requirement, status: string): boolean {
  return requirement.poamEligible === "Yes" || (requirement.poamEligible === "Conditional" && status === "Partial");
}

/** The Controls table's formula columns, requirement by requirement. */
export function computeControls(data: PoamData, items: readonly ComputedItem[]): ControlFigures[] {
  const byRequirement = new Map<string, ComputedItem[]>();
  for (const item of items) {
    // The workbook counts rows whose State is not "Closed", whatever their status.
    if (!item.cmmc || item.state === "Closed") continue;
    const id = item.item.finding.requirement ?? "";
    byRequirement.set(id, [...(byRequirement.get(id) ?? []), item]);
  }
  return data.controls.flatMap((control): ControlFigures[] => {
    const requirement = REQUIREMENT_BY_ID.get(control.requirement);
    if (!requirement) return [];
    const open = byRequirement.get(requirement.id) ?? [];
    const status = control.status;
    let pointsLost = 0;
    if (status === "Partial") pointsLost = requirement.partialPoints ?? requirement.points;
    else if (status !== "N/A" && (status === "Not Met" || open.length > 0)) pointsLost = requirement.points;
    const planned = open.filter((item) => item.state === "Overdue" || item.state === "Due Soon" || item.state === "On Track");
    const plannedBy = planned.map((item) => item.dueDate as IsoDate).sort().at(-1);
    let blocker: string | undefined;
    if (pointsLost > 0 || open.length > 0) {
      if (!eligibleForPoam(requirement, status)) blocker = BLOCKERS.ineligible;
      else if (open.length === 0) blocker = BLOCKERS.unplanned;
    }
    return [
      {
        requirement,
        status,
        openItems: open.length,
        pointsLost,
        pointsAfterPlan: planned.length > 0 ? 0 : pointsLost,
        plannedBy,
        blocker,
      },
    ];
  });
}

export interface Readiness {
  readonly score: number;
  readonly scoreAfterPlan: number;
  readonly reachable: boolean;
  /** Each reason conditional status is out of reach, in words. */
  readonly reasons: readonly string[];
  readonly blockingRequirements: readonly { readonly id: string; readonly reason: string }[];
  readonly closeoutDeadline?: IsoDate;
  readonly closeoutDaysLeft?: number;
  /** Open CMMC items due after the close-out deadline. */
  readonly dueAfterCloseout: number;
  /** When the score is expected to reach 110; undefined when some lost points have no plan. */
  readonly fullScoreBy?: IsoDate;
  /** Requirements losing points with no planned item. */
  readonly unplanned: number;
}

export function readiness(data: PoamData, items: readonly ComputedItem[], controls: readonly ControlFigures[], asOf: IsoDate): Readiness {
  const lost = (key: "pointsLost" | "pointsAfterPlan") => controls.reduce((sum, c) => sum + c[key], 0);
  const score = 110 - lost("pointsLost");
  const reasons: string[] = [];
  if (score < CONDITIONAL_MIN_SCORE) reasons.push(`The SPRS score, ${score}, is below ${CONDITIONAL_MIN_SCORE}.`);
  const ssp = controls.find((c) => c.requirement.id === SSP_REQUIREMENT);
  if (!ssp || ssp.status !== "Met" || ssp.openItems > 0) {
    reasons.push(`${SSP_REQUIREMENT} (system security plan) is not Met: without a plan there is no assessment.`);
  }
  const blocking = controls.filter((c) => c.blocker);
  const ineligible = blocking.filter((c) => c.blocker === BLOCKERS.ineligible);
  const unplannedBlockers = blocking.filter((c) => c.blocker === BLOCKERS.unplanned);
  if (ineligible.length > 0) {
    reasons.push(`${ineligible.length} unmet requirement${ineligible.length === 1 ? " is" : "s are"} not allowed on a CMMC POA&M.`);
  }
  if (unplannedBlockers.length > 0) {
    reasons.push(`${unplannedBlockers.length} unmet requirement${unplannedBlockers.length === 1 ? " has" : "s have"} no open POA&M item.`);
  }

  const { conditionalStatusDate, closeoutDays } = data.settings;
  const deadline = conditionalStatusDate ? addDays(conditionalStatusDate, closeoutDays) : undefined;
  const openCmmc = items.filter((item) => item.cmmc && item.open);
  const dueAfterCloseout = deadline ? openCmmc.filter((item) => item.dueDate !== undefined && item.dueDate > deadline).length : 0;
  if (deadline && deadline < asOf && openCmmc.length > 0) {
    reasons.push(`The ${closeoutDays}-day close-out ended on ${deadline} with ${openCmmc.length} CMMC item${openCmmc.length === 1 ? "" : "s"} open.`);
  }

  const costing = controls.filter((c) => c.pointsLost > 0);
  const unplanned = costing.filter((c) => c.pointsAfterPlan > 0).length;
  const planDates = costing.map((c) => c.plannedBy).filter((d): d is IsoDate => d !== undefined).sort();
  return {
    score,
    scoreAfterPlan: 110 - lost("pointsAfterPlan"),
    reachable: reasons.length === 0,
    reasons,
    blockingRequirements: blocking.map((c) => ({ id: c.requirement.id, reason: c.blocker as string })),
    closeoutDeadline: deadline,
    closeoutDaysLeft: deadline ? daysBetween(asOf, deadline) : undefined,
    dueAfterCloseout,
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
