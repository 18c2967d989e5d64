import { searchRequirements } from "../../../src/domain/compliance/searchRequirements";

const ids = (query: string, limit?: number) => searchRequirements(query, limit).map((r) => r.id);

describe("searchRequirements", () => {
  it.each<[string, string[]]>([
    ["3.14.1", ["3.14.1"]],
    ["SI.L2-3.14.1", ["3.14.1"]],
    ["multifactor", ["3.5.3", "3.7.5"]],
    ["FIPS validated", ["3.13.11"]],
  ])("finds %s", (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it("puts an ID prefix before text matches", () => {
    const found = ids("3.1.1");
    expect(found.slice(0, 4)).toEqual(["3.1.1", "3.1.10", "3.1.11", "3.1.12"]);
  });

  it("finds a family by its code, before text matches, and by its name", () => {
    const family = ["3.14.1", "3.14.2", "3.14.3", "3.14.4", "3.14.5", "3.14.6", "3.14.7"];
    expect(ids("SI").slice(0, 7)).toEqual(family);
    expect(ids("integrity")).toEqual(expect.arrayContaining(family));
  });

  it("lists everything for an empty query, and respects the limit", () => {
    expect(ids("")).toHaveLength(110);
    expect(ids("", 5)).toEqual(["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5"]);
  });

  it("finds nothing for nonsense", () => {
    expect(ids("zebra crossing")).toEqual([]);
  });
});
