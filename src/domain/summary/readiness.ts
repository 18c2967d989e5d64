/** CMMC conditional-status readiness and the close-out clock, as the Summary's readiness rows compute them. */
import {
  CLOSEOUT_LIMIT_DAYS,
  CONDITIONAL_MIN_SCORE,
  CONTROL_BLOCKERS as BLOCKERS,
  SSP_REQUIREMENT,
  closeoutDeadline,
  closeoutProblem,
  closeoutStart,
  requirementMet,
  type CloseoutProblem,
  type ControlBlocker,
} from "../compliance/rules";
import { daysBetween, type IsoDate } from "../core/dates";
import type { PoamData } from "../poam/poamData";
import type { ComputedItem } from "../poam/computeItem";
import type { ControlFigures } from "../compliance/computeControls";

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
