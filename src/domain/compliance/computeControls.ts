/** The Controls table's formula columns (points lost, after plan, blocker), worked out from the records. */
import { pointsLost as pointsLostFor, requirementBlocker, type ControlBlocker } from "../compliance/rules";
import { type IsoDate } from "../core/dates";
import type { PoamData } from "../poam/poamData";
import { REQUIREMENTS, type Requirement } from "../compliance/requirements";
import type { ComputedItem } from "../poam/computeItem";

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
