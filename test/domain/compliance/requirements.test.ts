import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { FAMILIES, REQUIREMENTS, findRequirement } from "../../../src/domain/compliance/requirements";
import { sharedFile } from "../../support/shared";

interface ReferenceRow {
  requirement: string;
  cmmc_id: string;
  family_code: string;
  family: string;
  cmmc_level: string;
  sprs_points: string;
  sprs_partial_points: string;
  sprs_partial_condition: string;
  cmmc_poam_allowed: string;
  statement: string;
}

const reference = Papa.parse<ReferenceRow>(readFileSync(sharedFile("reference", "nist-800-171r2-requirements.csv"), "utf8"), {
  header: true,
  skipEmptyLines: true,
}).data;

describe("the product's copy of the 110 requirements", () => {
  it("has the reference's 110 requirements in the same order", () => {
    expect(reference).toHaveLength(110);
    expect(REQUIREMENTS.map((r) => r.id)).toEqual(reference.map((r) => r.requirement));
  });

  it.each(reference.map((row) => [row.requirement, row] as const))("matches the reference for %s", (id, row) => {
    const ours = findRequirement(id);
    expect(ours).toEqual({
      id: row.requirement,
      cmmcId: row.cmmc_id,
      familyCode: row.family_code,
      family: row.family,
      level: row.cmmc_level,
      points: Number(row.sprs_points),
      ...(row.sprs_partial_points && { partialPoints: Number(row.sprs_partial_points), partialCondition: row.sprs_partial_condition }),
      poamEligible: row.cmmc_poam_allowed,
      statement: row.statement,
    });
  });

  it("adds up to 313 points, so the lowest SPRS score is -203", () => {
    const total = REQUIREMENTS.reduce((sum, r) => sum + r.points, 0);
    expect(total).toBe(313);
    expect(110 - total).toBe(-203);
  });

  it("allows 47 requirements on a CMMC POA&M, counting 3.13.11's conditional case", () => {
    expect(REQUIREMENTS.filter((r) => r.poamEligible === "Yes")).toHaveLength(46);
    expect(REQUIREMENTS.filter((r) => r.poamEligible === "Conditional").map((r) => r.id)).toEqual(["3.13.11"]);
    expect(REQUIREMENTS.filter((r) => r.poamEligible !== "No")).toHaveLength(47);
  });

  it("excludes the six named requirements and every requirement worth more than one point", () => {
    for (const id of ["3.1.20", "3.1.22", "3.12.4", "3.10.3", "3.10.4", "3.10.5"]) {
      expect(findRequirement(id)?.poamEligible).toBe("No");
    }
    const eligibleAbove1 = REQUIREMENTS.filter((r) => r.poamEligible === "Yes" && r.points > 1);
    expect(eligibleAbove1).toEqual([]);
  });

  it("gives partial credit only for 3.5.3 and 3.13.11, at 3 points", () => {
    expect(REQUIREMENTS.filter((r) => r.partialPoints !== undefined).map((r) => [r.id, r.partialPoints])).toEqual([
      ["3.5.3", 3],
      ["3.13.11", 3],
    ]);
  });

  it("scores 3.12.4 at 0 points", () => {
    expect(findRequirement("3.12.4")?.points).toBe(0);
  });

  it("names all 14 families", () => {
    expect(Object.keys(FAMILIES)).toHaveLength(14);
    expect(new Set(REQUIREMENTS.map((r) => r.familyCode)).size).toBe(14);
  });

  it("finds a requirement despite surrounding spaces, and nothing for an unknown ID", () => {
    expect(findRequirement(" 3.14.1 ")?.cmmcId).toBe("SI.L2-3.14.1");
    expect(findRequirement("3.15.1")).toBeUndefined();
  });
});
