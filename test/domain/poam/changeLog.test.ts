import { changeLogRows, findingChanges, itemAdded } from "../../../src/domain/poam/changeLog";
import { aFinding } from "../../support/builders";

describe("the change log", () => {
  it("lists each changed field with old and new values, but not Updated", () => {
    const before = aFinding({ id: "POAM-2026-0003", status: "Open", updated: "2026-11-01" });
    const after = { ...before, status: "Closed", completedOn: "2026-11-20", verifiedBy: "Sam Patel", evidence: "=report", updated: "2026-11-23" };
    expect(findingChanges(before, after)).toEqual([
      { id: "POAM-2026-0003", field: "Status", oldValue: "Open", newValue: "Closed" },
      { id: "POAM-2026-0003", field: "Completed On", oldValue: "", newValue: "2026-11-20" },
      { id: "POAM-2026-0003", field: "Verified By", oldValue: "", newValue: "Sam Patel" },
      { id: "POAM-2026-0003", field: "Evidence", oldValue: "", newValue: "=report" },
    ]);
  });

  it("writes rows in the ChangeLog column order", () => {
    const finding = aFinding({ id: "POAM-2026-0004", weakness: "Lockout", priority: "High" });
    expect(changeLogRows([itemAdded(finding)], "Dana Ortiz", 46349.5)).toEqual([
      [46349.5, "Dana Ortiz", "POAM-2026-0004", "Item", "", "Added (Open, High): Lockout"],
    ]);
  });
});
