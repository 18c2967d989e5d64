import { DEFAULT_SLA_DAYS, priorityFromCvss } from "../../../src/domain/poam/vocabulary";
import { itReadsEach } from "../../support/readsEach";

describe("priorityFromCvss", () => {
  itReadsEach("suggests %s → %s", priorityFromCvss, [
    [10, "Critical"],
    [9.0, "Critical"],
    [8.9, "High"],
    [7.0, "High"],
    [6.9, "Medium"],
    [4.0, "Medium"],
    [3.9, "Low"],
    [0, "Low"],
  ]);

  it.each([-0.1, 10.1, Number.NaN])("refuses %s, which is not a CVSS score", (cvss) => {
    expect(() => priorityFromCvss(cvss)).toThrow(/between 0 and 10/);
  });
});

describe("default remediation days", () => {
  it("are Critical 15, High 30, Medium 90, Low 180", () => {
    expect(DEFAULT_SLA_DAYS).toEqual({ Critical: 15, High: 30, Medium: 90, Low: 180 });
  });
});
