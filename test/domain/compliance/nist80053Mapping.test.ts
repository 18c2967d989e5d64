import { REQUIREMENTS, findRequirement } from "../../../src/domain/compliance/requirements";
import { SP800_171_TO_800_53, mapNist80053, normalControl } from "../../../src/domain/compliance/nist80053Mapping";
import { itReadsEach } from "../../support/readsEach";

describe("the SP 800-171 rev2 Appendix D table", () => {
  it("lists every one of the 110 requirements and no other", () => {
    expect(Object.keys(SP800_171_TO_800_53).sort()).toEqual(REQUIREMENTS.map((r) => r.id).sort());
    for (const id of Object.keys(SP800_171_TO_800_53)) expect(findRequirement(id)).toBeDefined();
  });

  it("gives each requirement controls written as the table writes them, in the requirement's own family or a named neighbour", () => {
    const family = (id: string) => id.slice(0, 2);
    for (const [requirement, controls] of Object.entries(SP800_171_TO_800_53)) {
      expect(controls.length).toBeGreaterThan(0);
      for (const control of controls) expect(normalControl(control)).toBe(control);
      // Families by the requirement's chapter; 3.8.9 (backups) is CP-9, 3.12.4 (the SSP) is PL-2, 3.13.1-2 cite SA-8.
      const expected: Record<string, string[]> = {
        "3.1": ["AC"], "3.2": ["AT"], "3.3": ["AU"], "3.4": ["CM"], "3.5": ["IA"], "3.6": ["IR"], "3.7": ["MA"],
        "3.8": ["MP", "CP"], "3.9": ["PS"], "3.10": ["PE"], "3.11": ["RA"], "3.12": ["CA", "PL"], "3.13": ["SC", "SA"], "3.14": ["SI"],
      };
      const chapter = requirement.split(".").slice(0, 2).join(".");
      for (const control of controls) expect(expected[chapter]).toContain(family(control));
    }
  });

  it.each([
    ["AC-2", ["3.1.1", "3.1.2"]],
    ["SC-7", ["3.13.1", "3.13.2", "3.13.5"]],
    ["SC-7(5)", ["3.13.6"]],
    ["AC-7", ["3.1.8"]],
    ["IA-2(1)", ["3.5.3"]],
    ["SI-2", ["3.14.1"]],
    ["CP-9", ["3.8.9"]],
    ["PL-2", ["3.12.4"]],
  ])("%s is cited by %j, as the published table has it", (control, requirements) => {
    expect(mapNist80053(control)?.candidates).toEqual(requirements);
  });
});

describe("mapNist80053", () => {
  itReadsEach("reads %j as %j", normalControl, [
    ["ac-02", "AC-2"],
    ["SC-7 (5)", "SC-7(5)"],
    ["SC-7.5", "SC-7(5)"],
    ["CM-6b", "CM-6"],
    ["CM-6(b)", "CM-6"],
    ["3.1.1", undefined],
    ["Access control", undefined],
  ]);

  it("puts first the requirement most of the controls cite, and says which it could not place", () => {
    expect(mapNist80053("AC-1, AC-2")).toEqual({ controls: ["AC-1", "AC-2"], candidates: ["3.1.1", "3.1.2"], viaBase: [], unmapped: ["AC-1"] });
    expect(mapNist80053("AC-17; AC-17(2)")?.candidates).toEqual(["3.1.1", "3.1.2", "3.1.13"]);
    expect(mapNist80053("AC-2(4)")).toMatchObject({ candidates: ["3.1.1", "3.1.2"], viaBase: ["AC-2(4)"] });
    expect(mapNist80053("AC-1")?.candidates).toEqual([]);
  });

  it("reads nothing from a cell that is not a list of 800-53 ids", () => {
    expect(mapNist80053("3.1.1")).toBeUndefined();
    expect(mapNist80053("AC-2 and the firewall")).toBeUndefined();
    expect(mapNist80053("")).toBeUndefined();
  });
});
