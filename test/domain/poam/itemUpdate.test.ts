import { planItemUpdate } from "../../../src/domain/poam/itemUpdate";
import type { StoredMilestone } from "../../../src/domain/poam/items";
import { draftFromFinding, findingFromDraft } from "../../../src/domain/poam/validateFinding";
import { aDraft } from "../../support/builders";

const TODAY = "2026-11-23";
const ID = "POAM-2026-0001";
const before = findingFromDraft(aDraft(), ID, "2026-11-01");
const stored: StoredMilestone[] = [
  { poamId: ID, milestone: "Draft lockout GPO", dueDate: "2026-11-15", row: 4 },
  { poamId: ID, milestone: "Apply to servers", dueDate: "2026-12-01", completedOn: "2026-11-10", row: 7 },
];
const base = draftFromFinding(before, stored);

describe("planItemUpdate", () => {
  it("changes nothing but Updated when the draft is what is stored", () => {
    const plan = planItemUpdate(before, stored, { id: ID, row: 0, draft: base }, TODAY);
    expect(plan.changes).toEqual([]);
    expect(plan.desired).toEqual({ ...before, updated: TODAY });
  });

  it("logs each changed field, each milestone marked done and each one added, in that order", () => {
    const draft = {
      ...base,
      status: "In Progress",
      milestones: [{ ...base.milestones[0], completedOn: "2026-11-20" }, base.milestones[1], { milestone: " Pilot ", dueDate: "2027-01-10", completedOn: "" }],
    };
    const plan = planItemUpdate(before, stored, { id: ID, row: 0, draft }, TODAY);
    expect(plan.fieldChanges).toEqual([{ id: ID, field: "Status", oldValue: "Open", newValue: "In Progress" }]);
    expect(plan.completions).toEqual([{ milestone: stored[0], completedOn: "2026-11-20" }]);
    expect(plan.additions).toEqual([{ poamId: ID, milestone: "Pilot", dueDate: "2027-01-10" }]);
    expect(plan.changes.map((change) => change.field)).toEqual(["Status", "Milestone", "Milestone"]);
    expect(plan.changes[1].newValue).toBe("Completed on 2026-11-20: Draft lockout GPO");
  });

  it("says the item moved when the stored milestones are not the ones the form showed", () => {
    const renamed = [{ ...stored[0], milestone: "Someone renamed it" }, stored[1]];
    expect(() => planItemUpdate(before, renamed, { id: ID, row: 0, draft: base }, TODAY)).toThrow(expect.objectContaining({ code: "itemMoved" }));
    const more = [...stored, { poamId: ID, milestone: "Added in the sheet meanwhile", row: 9 }];
    expect(() => planItemUpdate(before, more, { id: ID, row: 0, draft: base }, TODAY)).toThrow(expect.objectContaining({ code: "itemMoved" }));
  });

  it("refuses to change a milestone that is done already", () => {
    const draft = { ...base, milestones: [base.milestones[0], { ...base.milestones[1], completedOn: "" }] };
    expect(() => planItemUpdate(before, stored, { id: ID, row: 0, draft }, TODAY)).toThrow(expect.objectContaining({ code: "invalidInput", message: expect.stringContaining("Apply to servers") }));
  });
});
