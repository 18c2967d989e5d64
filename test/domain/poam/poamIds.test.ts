import { duplicateIds, nextPoamId } from "../../../src/domain/poam/poamIds";

describe("nextPoamId", () => {
  it.each<[string[], string]>([
    [[], "POAM-2026-0001"],
    [["POAM-2026-0001", "POAM-2026-0002"], "POAM-2026-0003"],
    [["POAM-2026-0009", "POAM-2026-0002"], "POAM-2026-0010"],
    [["POAM-2025-0040"], "POAM-2026-0001"],
    [["POAM-2026-9999"], "POAM-2026-10000"],
    [["mine-1", "", " POAM-2026-0004 "], "POAM-2026-0005"],
  ])("after %j gives %s", (issued, next) => {
    expect(nextPoamId(issued, "2026-11-23")).toBe(next);
  });
});

describe("duplicateIds", () => {
  it("finds IDs used more than once, with where they are", () => {
    expect(duplicateIds(["POAM-2026-0001", "POAM-2026-0002", "poam-2026-0001 ", "", "", 5])).toEqual([
      { id: "POAM-2026-0001", positions: [0, 2] },
    ]);
  });
});
