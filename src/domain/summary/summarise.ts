/**
 * The summary maths: what the workbook's formulas compute, worked out from
 * the stored records, for the refresh, the pane's headline figures and
 * `poam check`. The rules themselves live in compliance/rules.ts and
 * closedStatuses.ts; the formula-truth tests hold this and the formulas to
 * the same answers.
 */
import { addDays, daysBetween, type IsoDate } from "../core/dates";
import type { PoamData } from "../poam/poamData";
import { PRIORITIES } from "../poam/vocabulary";
import { computeItem, reportDate, type ComputedItem } from "../poam/computeItem";
import { computeControls, type ControlFigures } from "../compliance/computeControls";
import { readiness, type Readiness } from "./readiness";

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
