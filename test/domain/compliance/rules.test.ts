import {
  CONTROL_BLOCKERS,
  closeoutDeadline,
  closeoutTargetDays,
  eligibleForPoam,
  pointsLost,
  requirementBlocker,
} from "../../../src/domain/compliance/rules";
import { findRequirement, REQUIREMENTS } from "../../../src/domain/compliance/requirements";
import { poamDataOf } from "../../support/builders";
import { COMPLIANCE_CASES, caseData, expectedFigures, readinessFigures } from "../../support/complianceCases";
import { summarise } from "../../../src/domain/summary/summarise";

const requirement = (id: string) => {
  const found = findRequirement(id);
  if (!found) throw new Error(`No requirement ${id}`);
  return found;
};

describe("the scoring rules, requirement by requirement", () => {
  // DoD Assessment Methodology v1.2.1 and 32 CFR 170.24: [requirement, status, open CMMC items, points lost, blocker].
  it.each<[string, string, number, number, string | undefined]>([
    ["3.1.1", "Met", 0, 0, undefined],
    ["3.1.1", "Not Met", 0, 5, CONTROL_BLOCKERS.ineligible],
    ["3.1.1", "", 0, 5, CONTROL_BLOCKERS.unassessed],
    ["3.1.1", "Maybe", 0, 5, CONTROL_BLOCKERS.unassessed],
    ["3.1.1", " met ", 0, 0, undefined],
    ["3.1.1", "N/A", 0, 0, undefined],
    ["3.1.1", "Met", 1, 5, CONTROL_BLOCKERS.ineligible],
    ["3.1.1", "N/A", 1, 5, CONTROL_BLOCKERS.ineligible],
    ["3.1.8", "Not Met", 0, 1, CONTROL_BLOCKERS.unplanned],
    ["3.1.8", "Not Met", 1, 1, undefined],
    ["3.1.8", "Partial", 0, 1, CONTROL_BLOCKERS.unplanned],
    ["3.5.3", "Partial", 0, 3, CONTROL_BLOCKERS.ineligible],
    ["3.5.3", "Partial", 1, 3, CONTROL_BLOCKERS.ineligible],
    ["3.13.11", "Partial", 1, 3, undefined],
    ["3.13.11", "Partial", 0, 3, CONTROL_BLOCKERS.unplanned],
    ["3.13.11", "Not Met", 1, 5, CONTROL_BLOCKERS.ineligible],
    ["3.12.4", "Met", 0, 0, undefined],
    ["3.12.4", "N/A", 0, 0, CONTROL_BLOCKERS.ineligible],
    ["3.12.4", "Not Met", 0, 0, CONTROL_BLOCKERS.ineligible],
    ["3.12.4", "", 0, 0, CONTROL_BLOCKERS.unassessed],
  ])("%s %p with %i open CMMC items loses %i points; blocker %p", (id, status, open, points, blocker) => {
    expect(pointsLost(requirement(id), status, open)).toBe(points);
    expect(requirementBlocker(requirement(id), status, open)).toBe(blocker);
  });

  it("allows on a CMMC POA&M only 1-point requirements outside the six exclusions, and 3.13.11 while Partial (32 CFR 170.21)", () => {
    const allowed = REQUIREMENTS.filter((r) => eligibleForPoam(r, "Not Met")).map((r) => r.id);
    // 51 one-point requirements less five of the exclusions (3.12.4, the sixth, has no points).
    expect(REQUIREMENTS.filter((r) => r.points === 1)).toHaveLength(51);
    expect(allowed).toEqual(REQUIREMENTS.filter((r) => r.points === 1 && !["3.1.20", "3.1.22", "3.10.3", "3.10.4", "3.10.5"].includes(r.id)).map((r) => r.id));
    for (const excluded of ["3.1.20", "3.1.22", "3.12.4", "3.10.3", "3.10.4", "3.10.5", "3.13.11", "3.5.3"]) expect(allowed).not.toContain(excluded);
    expect(eligibleForPoam(requirement("3.13.11"), "Partial")).toBe(true);
    expect(eligibleForPoam(requirement("3.5.3"), "Partial")).toBe(false);
  });

  it("runs the close-out deadline 180 days from the conditional status date, else the assessment date, whatever the setting", () => {
    expect(closeoutDeadline({ conditionalStatusDate: "2026-05-01", assessmentDate: "2026-04-01", closeoutDays: 365 })).toBe("2026-10-28");
    expect(closeoutDeadline({ assessmentDate: "2026-04-01", closeoutDays: 90 })).toBe("2026-09-28");
    expect(closeoutDeadline({ closeoutDays: 180 })).toBeUndefined();
    expect([365, 180, 90, 0, Number.NaN].map((closeoutDays) => closeoutTargetDays({ closeoutDays }))).toEqual([180, 180, 90, 180, 180]);
  });
});

describe.each(COMPLIANCE_CASES)("the domain maths: $name", (c) => {
  const { figures, items } = summarise(poamDataOf(caseData(c)));
  const r = figures.readiness;

  it("gives the hand-worked score, verdicts and blocking requirements", () => {
    expect(readinessFigures(r)).toEqual(expectedFigures(c));
    if (c.unassessed > 0) expect(r.reasons).toContainEqual(expect.stringMatching(new RegExp(`^${c.unassessed} requirements? not yet assessed`)));
  });

  it("dates the items as the hand-worked figures say", () => {
    for (const [id, due] of Object.entries(c.dueDates ?? {})) expect(items.find((i) => i.item.finding.id === id)?.dueDate).toBe(due);
  });
});
