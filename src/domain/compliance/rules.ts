/**
 * The compliance rules behind the SPRS score and the CMMC verdicts, each in
 * one function with its source. The workbook's formulas for the same rule are
 * built here too, next to the function, so the sheet, the pane and
 * `poam check` cannot drift apart (the formula-truth tests hold them to the
 * same answers).
 *
 * Sources:
 * - DoD Assessment Methodology: "NIST SP 800-171 DoD Assessment Methodology",
 *   Version 1.2.1 (June 24, 2020), section 4 and Annex A (scoring, partial
 *   credit for 3.5.3 and 3.13.11, 3.12.4 without points).
 * - 32 CFR 170.24: CMMC scoring methodology (NOT MET subtracts the
 *   requirement's points; NOT APPLICABLE is scored as MET; partial credit
 *   only for IA.L2-3.5.3 and SC.L2-3.13.11).
 * - 32 CFR 170.21: POA&M requirements (score at least 0.8 of 110, i.e. 88;
 *   only 1-point requirements on the POA&M, none of six named exclusions,
 *   3.13.11 only at 3 points; close-out within 180 days of the Conditional
 *   CMMC Status Date).
 *
 * Where the rules leave a choice this module takes the conservative one: it
 * never reports a better score or verdict than what was assessed.
 */
import { addDays, type IsoDate } from "../core/dates";
import { quoted } from "../workbook/formulaText";
import type { Requirement } from "./requirements";
import { CONTROL_STATUSES, type ControlStatus } from "../poam/vocabulary";

/** The item type that CMMC scoring and the 180-day close-out apply to. */
export const CMMC_ITEM = "CMMC POA&M item";

/** The lowest SPRS score that allows CMMC conditional status: 0.8 × 110 (32 CFR 170.21(a)(2)(i)). */
export const CONDITIONAL_MIN_SCORE = 88;

/**
 * The system security plan. Without it "an assessment could not be
 * completed" (DoD Assessment Methodology v1.2.1, Annex A, 3.12.4); it may not
 * sit on a CMMC POA&M (32 CFR 170.21(a)(2)(ii)) and cannot be not applicable.
 */
export const SSP_REQUIREMENT = "3.12.4";

/** Days from the Conditional CMMC Status Date within which every POA&M item must close (32 CFR 170.21(b)). */
export const CLOSEOUT_LIMIT_DAYS = 180;

/** The reasons a requirement stands in the way of conditional status, as the Controls sheet shows them. */
export const CONTROL_BLOCKERS = {
  unassessed: "Not yet assessed",
  ineligible: "Not met and not allowed on a CMMC POA&M",
  unplanned: "Not met and not on the POA&M",
} as const;
export type ControlBlocker = (typeof CONTROL_BLOCKERS)[keyof typeof CONTROL_BLOCKERS];

// ---------------------------------------------------------------------------
// Which items count

/**
 * Whether an item counts in CMMC scoring and the close-out: a CMMC POA&M
 * item, or an item with no type (conservative: an untyped item may be one).
 * Operational plans of action, enduring exceptions and scan findings do not
 * make a requirement Not Met.
 */
export function countsAsCmmcItem(itemType: string | undefined): boolean {
  const type = (itemType ?? "").trim();
  return type === "" || type === CMMC_ITEM;
}

/** `countsAsCmmcItem` as a formula over the cell `itemType`. */
export function countsAsCmmcItemFormula(itemType: string): string {
  return `OR(TRIM(${itemType})="",TRIM(${itemType})=${quoted(CMMC_ITEM)})`;
}

/** `countsAsCmmcItem` over a whole column, as an array of 1 and 0 for SUMPRODUCT. */
export function cmmcItemsFormula(itemTypes: string): string {
  return `((TRIM(${itemTypes})="")+(TRIM(${itemTypes})=${quoted(CMMC_ITEM)}))`;
}

// ---------------------------------------------------------------------------
// A requirement's status and its points

/**
 * The status a requirement is scored with. A status that is empty or not one
 * of Met, Not Met, Partial, N/A has not been assessed, and an unassessed
 * requirement counts as Not Met: it must never raise the score. 3.12.4 N/A is
 * scored as Not Met: a system security plan cannot be not applicable.
 * Comparison ignores case and surrounding spaces, as the sheet's formulas do.
 */
export function assessedStatus(status: string): ControlStatus | undefined {
  const wanted = status.trim().toLowerCase();
  return CONTROL_STATUSES.find((known) => known.toLowerCase() === wanted);
}

/** A requirement with no open CMMC item and assessed Met, or N/A (scored as Met by 32 CFR 170.24, except 3.12.4). */
export function requirementMet(requirement: Requirement, status: string, openCmmcItems: number): boolean {
  const assessed = assessedStatus(status);
  const metOrApplicable = assessed === "Met" || (assessed === "N/A" && requirement.id !== SSP_REQUIREMENT);
  return metOrApplicable && openCmmcItems === 0;
}

/**
 * Points the requirement takes off the SPRS score (DoD Assessment Methodology
 * v1.2.1 section 4; 32 CFR 170.24): none when met; the partial-credit value
 * when Partial applies (3.5.3 and 3.13.11 only; Partial elsewhere costs every
 * point); every point when Not Met, not assessed, 3.12.4 N/A, or when an open
 * CMMC POA&M item says it is not yet met.
 */
export function pointsLost(requirement: Requirement, status: string, openCmmcItems: number): number {
  if (requirementMet(requirement, status, openCmmcItems)) return 0;
  if (assessedStatus(status) === "Partial") return requirement.partialPoints ?? requirement.points;
  return requirement.points;
}

/**
 * Whether CMMC allows the requirement, with this status, on a POA&M
 * (32 CFR 170.21(a)(2)(ii)-(iii)): 1-point requirements except the six named
 * exclusions ("Yes" in the requirement data), and 3.13.11 only when it scores
 * 3 points, i.e. Partial ("Conditional"). 3.5.3 Partial still loses 3 points
 * and stays ineligible.
 */
export function eligibleForPoam(requirement: Pick<Requirement, "poamEligible">, status: string): boolean {
  return requirement.poamEligible === "Yes" || (requirement.poamEligible === "Conditional" && assessedStatus(status) === "Partial");
}

/** Why the requirement stands in the way of conditional status, if it does. */
export function requirementBlocker(requirement: Requirement, status: string, openCmmcItems: number): ControlBlocker | undefined {
  if (requirementMet(requirement, status, openCmmcItems)) return undefined;
  if (assessedStatus(status) === undefined) return CONTROL_BLOCKERS.unassessed;
  if (!eligibleForPoam(requirement, status)) return CONTROL_BLOCKERS.ineligible;
  if (openCmmcItems === 0) return CONTROL_BLOCKERS.unplanned;
  return undefined;
}

/** References to one Controls row's cells, for the formulas below. */
export interface ControlRowRefs {
  readonly requirement: string;
  readonly status: string;
  readonly points: string;
  readonly partialPoints: string;
  readonly allowed: string;
  readonly openItems: string;
}

const trimmed = (ref: string) => `TRIM(${ref})`;
const assessedFormula = (status: string) => `OR(${CONTROL_STATUSES.map((s) => `${trimmed(status)}=${quoted(s)}`).join(",")})`;

/** `requirementMet` as a formula. */
export function requirementMetFormula(r: ControlRowRefs): string {
  return (
    `AND(OR(${trimmed(r.status)}="Met",AND(${trimmed(r.status)}="N/A",${r.requirement}<>${quoted(SSP_REQUIREMENT)})),` +
    `${r.openItems}=0)`
  );
}

/** `eligibleForPoam` as a formula over the requirement's "POA&M Allowed" and status cells. */
export function eligibleForPoamFormula(allowed: string, status: string): string {
  return `OR(${allowed}="Yes",AND(${allowed}="Conditional",${trimmed(status)}="Partial"))`;
}

/** `pointsLost` as a formula. */
export function pointsLostFormula(r: ControlRowRefs): string {
  return (
    `IF(${requirementMetFormula(r)},0,` +
    `IF(${trimmed(r.status)}="Partial",IF(ISNUMBER(${r.partialPoints}),${r.partialPoints},${r.points}),${r.points}))`
  );
}

/** `requirementBlocker` as a formula: the reason, or "". */
export function requirementBlockerFormula(r: ControlRowRefs): string {
  return (
    `IF(${requirementMetFormula(r)},"",IF(NOT(${assessedFormula(r.status)}),${quoted(CONTROL_BLOCKERS.unassessed)},` +
    `IF(${eligibleForPoamFormula(r.allowed, r.status)},IF(${r.openItems}=0,${quoted(CONTROL_BLOCKERS.unplanned)},""),` +
    `${quoted(CONTROL_BLOCKERS.ineligible)})))`
  );
}

// ---------------------------------------------------------------------------
// The close-out clock

export interface CloseoutSettings {
  readonly conditionalStatusDate?: IsoDate;
  readonly assessmentDate?: IsoDate;
  /** The firm's own target, in days; at most `CLOSEOUT_LIMIT_DAYS` counts. */
  readonly closeoutDays: number;
}

/**
 * When the close-out clock starts: the Conditional status date, or the
 * Assessment date while that is not yet known. One clock for the due-date cap
 * and the deadline; starting from the earlier assessment date is conservative.
 */
export function closeoutStart(settings: CloseoutSettings): IsoDate | undefined {
  return settings.conditionalStatusDate ?? settings.assessmentDate;
}

/** The legal close-out deadline: the clock's start + 180 days (32 CFR 170.21(b)); no setting lengthens it. */
export function closeoutDeadline(settings: CloseoutSettings): IsoDate | undefined {
  const start = closeoutStart(settings);
  return start === undefined ? undefined : addDays(start, CLOSEOUT_LIMIT_DAYS);
}

/** Days from the clock's start a CMMC item may be due: the firm's target, never more than the legal 180. */
export function closeoutTargetDays(settings: CloseoutSettings): number {
  return Number.isFinite(settings.closeoutDays) && settings.closeoutDays > 0 ? Math.min(settings.closeoutDays, CLOSEOUT_LIMIT_DAYS) : CLOSEOUT_LIMIT_DAYS;
}

/** The close-out rules as formulas over the workbook's setting names. */
export const closeoutFormulas = {
  start: (conditionalStatusDate: string, assessmentDate: string) =>
    `IF(ISNUMBER(${conditionalStatusDate}),${conditionalStatusDate},IF(ISNUMBER(${assessmentDate}),${assessmentDate},""))`,
  deadline: (start: string) => `IF(ISNUMBER(${start}),${start}+${CLOSEOUT_LIMIT_DAYS},"")`,
  targetDays: (closeoutDays: string) =>
    `IF(AND(ISNUMBER(${closeoutDays}),${closeoutDays}>0),MIN(${closeoutDays},${CLOSEOUT_LIMIT_DAYS}),${CLOSEOUT_LIMIT_DAYS})`,
} as const;

/** Why an open CMMC item puts the close-out at risk. */
export const CLOSEOUT_PROBLEMS = {
  accepted: "risk-accepted: a CMMC POA&M item must be closed, not accepted",
  undated: "has no due date",
  late: "due after the close-out deadline",
  expired: "still open after the close-out deadline",
} as const;
export type CloseoutProblem = (typeof CLOSEOUT_PROBLEMS)[keyof typeof CLOSEOUT_PROBLEMS];

/**
 * What keeps an open CMMC item from closing out in time (32 CFR 170.21(b)
 * asks that every POA&M item be closed within 180 days): risk acceptance
 * (not a closure), no due date, a due date after the deadline, or a deadline
 * already passed.
 */
export function closeoutProblem(
  item: { readonly accepted: boolean; readonly dueDate?: IsoDate },
  deadline: IsoDate,
  asOf: IsoDate,
): CloseoutProblem | undefined {
  if (item.accepted) return CLOSEOUT_PROBLEMS.accepted;
  if (deadline < asOf) return CLOSEOUT_PROBLEMS.expired;
  if (item.dueDate === undefined) return CLOSEOUT_PROBLEMS.undated;
  if (item.dueDate > deadline) return CLOSEOUT_PROBLEMS.late;
  return undefined;
}
