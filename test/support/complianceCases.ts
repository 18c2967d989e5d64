/**
 * The edges of the SPRS score and the two CMMC verdicts, hand-worked, as one
 * table that three tests run: the domain maths, `poam check --json` and the
 * Summary sheet recalculated by LibreOffice. All three must give these answers.
 *
 * As of 2026-11-23; Sla 15/30/90/180 days; close-out 180 days (32 CFR 170.21).
 */
import type { CloseoutProblem } from "../../src/domain/compliance/rules";
import { CLOSEOUT_PROBLEMS } from "../../src/domain/compliance/rules";
import { addDays, type IsoDate } from "../../src/domain/core/dates";
import type { Finding, InitialData } from "../../src/domain/poam/records";
import { REQUIREMENTS } from "../../src/domain/compliance/requirements";
import type { ControlStatus } from "../../src/domain/poam/vocabulary";
import { aFinding } from "./builders";
import type { Readiness } from "../../src/domain/summary/readiness";

export const AS_OF = "2026-11-23";

export interface ComplianceCase {
  readonly name: string;
  readonly data: InitialData;
  readonly score: number;
  readonly unassessed: number;
  readonly reachable: boolean;
  /** Requirements listed as blocking conditional status, in Controls order (the Summary shows the first ten). */
  readonly blocking: readonly string[];
  readonly deadline?: IsoDate;
  readonly closeoutOnTrack: boolean | null;
  /** The items in the way of the close-out, by ID. */
  readonly offenders: readonly (readonly [string, CloseoutProblem])[];
  /** Due dates of some items, by ID. */
  readonly dueDates?: Readonly<Record<string, IsoDate>>;
  /** The CMMC POA&M OK column of some items, by ID. */
  readonly cmmcPoamOk?: Readonly<Record<string, "Yes" | "No">>;
  /** The `poam check` exit code: 1 when a rule is broken. */
  readonly exitCode: 0 | 1;
}

/** Every requirement assessed: Met unless named. */
export function assessed(statuses: Readonly<Record<string, ControlStatus>> = {}, rest: ControlStatus = "Met"): Record<string, ControlStatus> {
  return Object.fromEntries(REQUIREMENTS.map((r) => [r.id, statuses[r.id] ?? rest]));
}

function withoutStatus(statuses: Record<string, ControlStatus>, id: string): Record<string, ControlStatus> {
  return Object.fromEntries(Object.entries(statuses).filter(([key]) => key !== id));
}

/** The readiness figures a case states, from `readiness` and as the case expects them: compare the two. */
export function readinessFigures(readiness: Readiness) {
  return {
    score: readiness.score,
    unassessed: readiness.unassessed,
    reachable: readiness.reachable,
    closeoutOnTrack: readiness.closeoutOnTrack,
    deadline: readiness.closeoutDeadline,
    blocking: readiness.blockingRequirements.map((b) => b.id),
    offenders: readiness.closeoutOffenders.map((o) => [o.id, o.problem]),
  };
}

export function expectedFigures(c: ComplianceCase): ReturnType<typeof readinessFigures> {
  const { score, unassessed, reachable, closeoutOnTrack, deadline, blocking, offenders } = c;
  return { score, unassessed, reachable, closeoutOnTrack, deadline, blocking: [...blocking], offenders: offenders.map((o) => [...o]) };
}

/** The case's workbook data, with the As of date set. */
export function caseData(c: ComplianceCase): InitialData {
  return { ...c.data, settings: { asOf: AS_OF, ...c.data.settings } };
}

const item = (id: number, fields: Partial<Finding> = {}): Finding =>
  aFinding({ id: `POAM-2026-${String(id).padStart(4, "0")}`, owner: "Dana Ortiz", ...fields });

const oneScorers = REQUIREMENTS.filter((r) => r.points === 1 && r.poamEligible === "Yes");
const planned = (count: number) =>
  oneScorers.slice(0, count).map((r, i) => item(i + 1, { requirement: r.id, priority: "Medium", discovered: addDays("2026-11-01", i) }));

const everyId = REQUIREMENTS.map((r) => r.id);
const allButSsp = everyId.filter((id) => id !== "3.12.4");

/** What a case expects of the score and of conditional status. */
type ScoreAnswers = Pick<ComplianceCase, "score" | "unassessed" | "reachable" | "blocking">;
/** What a case expects of the close-out clock, and the rest it checks. */
type CloseoutAnswers = Pick<ComplianceCase, "deadline" | "closeoutOnTrack" | "offenders" | "dueDates" | "cmmcPoamOk" | "exitCode">;

/** A case without a close-out clock running (no conditional status date or assessment date). */
const scoreCase = (name: string, data: InitialData, answers: ScoreAnswers, rest: Partial<CloseoutAnswers> = {}): ComplianceCase => ({
  name,
  data,
  ...answers,
  closeoutOnTrack: null,
  offenders: [],
  exitCode: 0,
  ...rest,
});

/** The answers for every requirement Met but one, which an open CMMC item on a one-point requirement plans: 109, reachable. */
const ALL_MET_BUT_ONE: ScoreAnswers = { score: 109, unassessed: 0, reachable: true, blocking: [] };

/** A case with the close-out clock running from `settings`. */
const closeoutCase = (
  name: string,
  findings: readonly Finding[],
  settings: InitialData["settings"],
  answers: Omit<CloseoutAnswers, "exitCode"> & Partial<Pick<CloseoutAnswers, "exitCode">>,
  score: ScoreAnswers = ALL_MET_BUT_ONE,
): ComplianceCase => ({ name, data: { findings, controlStatuses: assessed(), settings }, ...score, exitCode: 0, ...answers });

const onRequirement318 = (fields: Partial<Finding> = {}) => [item(1, { requirement: "3.1.8", ...fields })];
const FROM_OCTOBER = { conditionalStatusDate: "2026-10-01" };
const CLOSEOUT_PASSED: ScoreAnswers = { ...ALL_MET_BUT_ONE, reachable: false };

export const COMPLIANCE_CASES: readonly ComplianceCase[] = [
  // Nothing assessed: every requirement counts as Not Met, 110 − 313 = −203.
  scoreCase("every requirement blank", {}, { score: -203, unassessed: 110, reachable: false, blocking: everyId }),
  // The case that once reported 110 and "reachable".
  scoreCase("109 requirements never assessed, 3.12.4 Met", { controlStatuses: { "3.12.4": "Met" } }, { score: -203, unassessed: 109, reachable: false, blocking: allButSsp }),
  // 3.1.1 (5 points) left blank: Not Met until assessed.
  scoreCase("one requirement blank", { controlStatuses: withoutStatus(assessed(), "3.1.1") }, { score: 105, unassessed: 1, reachable: false, blocking: ["3.1.1"] }),
  // N/A is scored as Met (32 CFR 170.24); 3.12.4 cannot be N/A.
  scoreCase("every requirement N/A, 3.12.4 Met", { controlStatuses: assessed({ "3.12.4": "Met" }, "N/A") }, { score: 110, unassessed: 0, reachable: true, blocking: [] }),
  // 3.12.4 N/A behaves as Not Met: no SSP, no assessment. `poam check` reports it as an error.
  scoreCase("3.12.4 N/A", { controlStatuses: assessed({ "3.12.4": "N/A" }) }, { score: 110, unassessed: 0, reachable: false, blocking: ["3.12.4"] }, { exitCode: 1 }),
  scoreCase("3.12.4 Not Met", { controlStatuses: assessed({ "3.12.4": "Not Met" }) }, { score: 110, unassessed: 0, reachable: false, blocking: ["3.12.4"] }),
  // Every requirement Not Met: the lowest score there is.
  scoreCase("every requirement Not Met (-203)", { controlStatuses: assessed({ "3.12.4": "Met" }, "Not Met") }, { score: -203, unassessed: 0, reachable: false, blocking: allButSsp }),
  // 22 one-point requirements with open, dated CMMC items: exactly 88.
  scoreCase("a score of exactly 88", { findings: planned(22), controlStatuses: assessed() }, { score: 88, unassessed: 0, reachable: true, blocking: [] }),
  scoreCase("a score of 87", { findings: planned(23), controlStatuses: assessed() }, { score: 87, unassessed: 0, reachable: false, blocking: [] }),
  // Conditional status 2026-05-01: the deadline 2026-10-28 passed with a CMMC item open.
  closeoutCase(
    "close-out passed",
    onRequirement318(),
    { conditionalStatusDate: "2026-05-01" },
    { deadline: "2026-10-28", closeoutOnTrack: false, offenders: [["POAM-2026-0001", CLOSEOUT_PROBLEMS.expired]] },
    CLOSEOUT_PASSED,
  ),
  // A setting of 365 days does not move the legal deadline: still 2026-10-28, still passed.
  closeoutCase(
    "close-out setting of 365 days",
    onRequirement318(),
    { conditionalStatusDate: "2026-05-01", closeoutDays: 365 },
    // Discovered 2026-11-01, Medium: 2027-01-30, capped at 2026-05-01 + 180 = 2026-10-28.
    { deadline: "2026-10-28", closeoutOnTrack: false, offenders: [["POAM-2026-0001", CLOSEOUT_PROBLEMS.expired]], dueDates: { "POAM-2026-0001": "2026-10-28" } },
    CLOSEOUT_PASSED,
  ),
  // Conditional status still reachable (109, the item is on an eligible requirement), but a CMMC item must be closed, not accepted.
  closeoutCase(
    "a risk-accepted CMMC item",
    onRequirement318({ status: "Risk Accepted", approver: "Dana Ortiz", extendedTo: "2027-01-15", extensionReason: "Compensating control" }),
    FROM_OCTOBER,
    { deadline: "2027-03-30", closeoutOnTrack: false, offenders: [["POAM-2026-0001", CLOSEOUT_PROBLEMS.accepted]] },
  ),
  // Extended to 2027-04-15, after the deadline 2027-03-30.
  closeoutCase("a CMMC item due after the deadline", onRequirement318({ extendedTo: "2027-04-15", extensionReason: "Vendor delay" }), FROM_OCTOBER, {
    deadline: "2027-03-30",
    closeoutOnTrack: false,
    offenders: [["POAM-2026-0001", CLOSEOUT_PROBLEMS.late]],
  }),
  // No priority: no due date (and a rule break `poam check` reports).
  closeoutCase("a CMMC item without a due date", onRequirement318({ priority: undefined }), FROM_OCTOBER, {
    deadline: "2027-03-30",
    closeoutOnTrack: false,
    offenders: [["POAM-2026-0001", CLOSEOUT_PROBLEMS.undated]],
    exitCode: 1,
  }),
  // Discovered 2026-11-20, Low: 180 days would be 2027-05-19; capped at the deadline 2027-03-30, so inside it.
  closeoutCase("a CMMC item due inside the close-out", onRequirement318({ priority: "Low", discovered: "2026-11-20" }), FROM_OCTOBER, {
    deadline: "2027-03-30",
    closeoutOnTrack: true,
    offenders: [],
    dueDates: { "POAM-2026-0001": "2027-03-30" },
  }),
  // One clock: without a conditional status date it runs from the assessment date; a 90-day target caps due dates sooner.
  closeoutCase(
    "the clock from the assessment date, with a 90-day target",
    [
      item(1, { requirement: "3.1.8", priority: "Low", discovered: "2026-11-20" }),
      // A scan finding is not capped: 2026-11-20 + 180.
      item(2, { requirement: "3.14.1", priority: "Low", discovered: "2026-11-20", itemType: "Vulnerability (scan finding)" }),
    ],
    { assessmentDate: "2026-10-01", closeoutDays: 90 },
    { deadline: "2027-03-30", closeoutOnTrack: true, offenders: [], dueDates: { "POAM-2026-0001": "2026-12-30", "POAM-2026-0002": "2027-05-19" } },
  ),
  // Ineligible CMMC items are errors; 3.13.11 is allowed only while Partial; other item types are not errors.
  scoreCase(
    "CMMC items on requirements a CMMC POA&M may not hold",
    {
      findings: [
        item(1, { requirement: "3.1.1" }),
        item(2, { requirement: "3.5.3" }),
        item(3, { requirement: "3.13.11" }),
        item(4, { requirement: "3.1.1", itemType: "Operational plan of action (temporary deficiency)" }),
      ],
      controlStatuses: assessed({ "3.5.3": "Partial", "3.13.11": "Partial" }),
    },
    // 3.1.1 open CMMC item: 5; 3.5.3 Partial: 3; 3.13.11 Partial: 3.
    { score: 99, unassessed: 0, reachable: false, blocking: ["3.1.1", "3.5.3"] },
    { cmmcPoamOk: { "POAM-2026-0001": "No", "POAM-2026-0002": "No", "POAM-2026-0003": "Yes", "POAM-2026-0004": "No" }, exitCode: 1 },
  ),
  scoreCase(
    "3.13.11 Not Met with a CMMC item",
    { findings: [item(1, { requirement: "3.13.11" })], controlStatuses: assessed({ "3.13.11": "Not Met" }) },
    { score: 105, unassessed: 0, reachable: false, blocking: ["3.13.11"] },
    { cmmcPoamOk: { "POAM-2026-0001": "No" }, exitCode: 1 },
  ),
];
