import type { Readiness } from "./readiness";
/**
 * The SPRS score and the two CMMC verdicts in words, one way for the pane
 * and `poam check`.
 */

/** "84, counting 3 requirements not yet assessed as Not Met". */
export function scoreText(readiness: Readiness): string {
  const { score, unassessed } = readiness;
  if (unassessed === 0) return String(score);
  return `${score}, counting ${unassessed} ${unassessed === 1 ? "requirement" : "requirements"} not yet assessed as Not Met`;
}

/** Whether the POA&M closes out in time, with the items in the way. */
export function closeoutText(readiness: Readiness): string {
  if (readiness.closeoutOnTrack === null) return "CMMC close-out: no clock yet (set the Conditional status date, or the Assessment date).";
  const clock = `deadline ${readiness.closeoutDeadline}, ${readiness.closeoutDaysLeft} days left`;
  if (readiness.closeoutOnTrack) return `CMMC close-out on track (${clock}).`;
  const offenders = readiness.closeoutOffenders;
  const listed = offenders.slice(0, 10).map((o) => `${o.id || "an item without an ID"} ${o.problem}`);
  const more = offenders.length > listed.length ? `; and ${offenders.length - listed.length} more` : "";
  return `CMMC close-out not on track (${clock}): ${listed.join("; ")}${more}.`;
}
