import { aDraft } from "../../support/builders";
import {
  draftFromFinding,
  findingFromDraft,
  hasErrors,
  validateFinding,
  type FindingDraft,
} from "../../../src/domain/poam/validateFinding";

const TODAY = "2026-11-23";
const context = { today: TODAY, people: ["Dana Ortiz", "Sam Patel", "Morgan Reyes"] };

/** A draft that passes every rule. */
const valid: FindingDraft = aDraft();

const issuesOf = (changes: Partial<FindingDraft>) => validateFinding({ ...valid, ...changes }, context);
const errorsOf = (changes: Partial<FindingDraft>) =>
  issuesOf(changes)
    .filter((i) => i.severity === "error")
    .map((i) => [i.field, i.message]);
const warningsOf = (changes: Partial<FindingDraft>) =>
  issuesOf(changes)
    .filter((i) => i.severity === "warning")
    .map((i) => [i.field, i.message]);

const milestone = (completedOn = "") => ({ milestone: "Configure lockout", dueDate: "2026-12-01", completedOn });
const closed = { completedOn: "2026-11-20", verifiedBy: "Sam Patel", evidence: "GPO report", milestones: [milestone("2026-11-20")] };

describe("validateFinding", () => {
  it("accepts a complete item", () => {
    expect(issuesOf({})).toEqual([]);
  });

  it.each<[string, Partial<FindingDraft>, string, string]>([
    ["no weakness", { weakness: "  " }, "weakness", "Weakness is required."],
    ["no requirement", { requirement: "" }, "requirement", "Requirement is required."],
    ["an unknown requirement", { requirement: "3.15.1" }, "requirement", '"3.15.1" is not a NIST SP 800-171 rev2 requirement. Pick one from the list.'],
    ["no item type", { itemType: "" }, "itemType", "Choose an item type."],
    ["no source", { source: "" }, "source", "Source is required."],
    ["no discovery date", { discovered: "" }, "discovered", "Discovered is required."],
    ["a discovery date in the future", { discovered: "2026-11-24" }, "discovered", "Discovered cannot be in the future."],
    ["a discovery date that is not a date", { discovered: "23/11/2026" }, "discovered", "Enter a date as YYYY-MM-DD."],
    ["a CVSS above 10", { cvss: "10.5" }, "cvss", "CVSS is a number from 0 to 10."],
    ["a CVSS that is not a number", { cvss: "high" }, "cvss", "CVSS is a number from 0 to 10."],
    ["no priority", { priority: "" }, "priority", "Choose a priority."],
    ["no owner", { owner: "" }, "owner", "Owner is required."],
    ["a negative cost", { estCost: "-5" }, "estCost", "Est. Cost is an amount of 0 or more."],
    ["an extension without a reason", { extendedTo: "2027-01-15" }, "extensionReason", "Give the reason for the extension."],
    ["an extension before discovery", { extendedTo: "2026-10-01", extensionReason: "x" }, "extendedTo", "Extended To must be after the discovery date."],
    ["an unknown status", { status: "Done-ish" }, "status", "Choose a status."],
    ["In Progress without a milestone", { status: "In Progress" }, "milestones", "An item that is In Progress needs at least one milestone."],
    ["Completed without a milestone", { ...closed, status: "Completed", milestones: [] }, "milestones", "An item that is Completed needs at least one milestone."],
    ["Closed without a completion date", { ...closed, status: "Closed", completedOn: "" }, "completedOn", "Completed On is required."],
    ["Closed without a verifier", { ...closed, status: "Closed", verifiedBy: "" }, "verifiedBy", "Verified By is required."],
    ["Closed without evidence", { ...closed, status: "Closed", evidence: "" }, "evidence", "Evidence is required."],
    ["a completion date in the future", { ...closed, status: "Closed", completedOn: "2026-12-01" }, "completedOn", "Completed On cannot be in the future."],
    ["risk accepted without an approver", { status: "Risk Accepted", extendedTo: "2027-06-01", extensionReason: "Isolated" }, "approver", "Risk acceptance needs the approver who accepted it."],
    ["risk accepted without an expiry", { status: "Risk Accepted", approver: "Morgan Reyes" }, "extendedTo", "Risk acceptance needs an expiry date (Extended To)."],
    [
      "risk accepted with an open milestone",
      { status: "Risk Accepted", approver: "Morgan Reyes", extendedTo: "2027-06-01", extensionReason: "Isolated", milestones: [milestone()] },
      "milestones",
      "A risk-accepted item has no milestones due: complete or remove the open ones.",
    ],
    ["a milestone without text", { milestones: [{ milestone: "", dueDate: "2026-12-01", completedOn: "" }] }, "milestones", "Milestone 1 needs a description."],
    ["a milestone without a date", { milestones: [{ milestone: "x", dueDate: "", completedOn: "" }] }, "milestones", "Milestone 1 needs a due date."],
    ["text over 2,000 characters", { description: "x".repeat(2001) }, "description", "At most 2,000 characters."],
  ])("refuses %s", (_, changes, field, message) => {
    expect(errorsOf(changes)).toContainEqual([field, message]);
  });

  const notEligible = (id: string, points: number) =>
    `${id} (${points} ${points === 1 ? "point" : "points"}) may not sit on a CMMC POA&M (32 CFR 170.21): it must be met for Conditional status.`;
  const conditional = "3.13.11 may sit on a CMMC POA&M only when encryption is used but is not FIPS-validated: mark it Partial on the Controls sheet first (32 CFR 170.21).";
  const withControls = (statuses: Record<string, string>) => ({ ...context, controlStatuses: statuses });

  // 32 CFR 170.21(a)(2)(ii)-(iii): 3- and 5-point requirements, the six exclusions, 3.13.11 unless Partial, 3.5.3 even when Partial.
  it.each<[string, Partial<FindingDraft>, Record<string, string>, string]>([
    ["a 5-point requirement", { requirement: "3.1.1" }, {}, notEligible("3.1.1", 5)],
    ["a 3-point requirement", { requirement: "3.1.5" }, {}, notEligible("3.1.5", 3)],
    ["one of the six named exclusions", { requirement: "3.10.3" }, {}, notEligible("3.10.3", 1)],
    ["the system security plan", { requirement: "3.12.4" }, {}, notEligible("3.12.4", 0)],
    ["3.5.3 even when Partial", { requirement: "3.5.3" }, { "3.5.3": "Partial" }, notEligible("3.5.3", 5)],
    ["3.13.11 while Not Met", { requirement: "3.13.11" }, { "3.13.11": "Not Met" }, conditional],
    ["3.13.11 not yet assessed", { requirement: "3.13.11" }, { "3.13.11": "" }, conditional],
    ["an untyped item (it counts as a CMMC item)", { requirement: "3.1.1", itemType: "" }, {}, notEligible("3.1.1", 5)],
  ])("refuses a CMMC POA&M item on %s", (_, changes, statuses, message) => {
    const issues = validateFinding({ ...valid, ...changes }, withControls(statuses));
    expect(issues.filter((i) => i.severity === "error").map((i) => [i.field, i.message])).toContainEqual(["requirement", message]);
  });

  it("accepts 3.13.11 on a CMMC POA&M while the Controls sheet marks it Partial", () => {
    expect(validateFinding({ ...valid, requirement: "3.13.11" }, withControls({ "3.13.11": "Partial" }))).toEqual([]);
  });

  it("leaves ineligible requirements to other item types and to closed items", () => {
    for (const itemType of ["Vulnerability (scan finding)", "Operational plan of action (temporary deficiency)", "Enduring exception"]) {
      expect(hasErrors(validateFinding({ ...valid, requirement: "3.1.1", itemType }, withControls({})))).toBe(false);
    }
    expect(hasErrors(validateFinding({ ...valid, requirement: "3.1.1", status: "Closed", ...closed }, withControls({})))).toBe(false);
  });

  it.each<[string, Partial<FindingDraft>, string, string]>([
    ["3.13.11 when the Controls status is not known", { requirement: "3.13.11" }, "requirement", conditional],
    ["an owner not in People", { owner: "Pat Guest" }, "owner", "Pat Guest is not in Settings > People."],
    ["a priority the CVSS does not suggest", { cvss: "9.8", priority: "Medium" }, "priority", "A CVSS of 9.8 suggests Critical; keep your choice if it is deliberate."],
  ])("warns about %s", (_, changes, field, message) => {
    expect(warningsOf(changes)).toContainEqual([field, message]);
    expect(hasErrors(issuesOf(changes))).toBe(false);
  });

  it("does not warn about CMMC eligibility for operational items or closed items", () => {
    expect(warningsOf({ requirement: "3.1.1", itemType: "Vulnerability (scan finding)" })).toEqual([]);
    expect(warningsOf({ requirement: "3.1.1", status: "Closed", ...closed })).toEqual([]);
  });

  it("accepts a verified closure, and a risk acceptance with approver and expiry", () => {
    expect(issuesOf({ ...closed, status: "Closed" })).toEqual([]);
    expect(issuesOf({ status: "Risk Accepted", approver: "Morgan Reyes", extendedTo: "2027-06-01", extensionReason: "Isolated VLAN" })).toEqual([]);
  });

  it("lists errors before warnings", () => {
    const issues = issuesOf({ owner: "Pat Guest", weakness: "" });
    expect(issues.map((i) => i.severity)).toEqual(["error", "warning"]);
  });

  it("asks the workbook's Statuses which statuses are closed", () => {
    const closedStatuses = new Set(["Completed", "Closed", "Remediated"]);
    const issues = validateFinding({ ...valid, status: "Remediated" }, { ...context, closedStatuses });
    expect(issues.map((i) => i.field)).toEqual(expect.arrayContaining(["completedOn", "verifiedBy", "evidence"]));
  });
});

describe("drafts and items", () => {
  it("turn into a stored item with its ID, trimmed text and numbers", () => {
    const finding = findingFromDraft({ ...valid, weakness: "  Lockout  ", cvss: "5.3", estCost: "1,200" }, "POAM-2026-0007", TODAY);
    expect(finding).toMatchObject({ id: "POAM-2026-0007", weakness: "Lockout", cvss: 5.3, estCost: 1200, updated: TODAY });
    expect(finding.description).toBeUndefined();
  });

  it("keep text that looks like a formula exactly", () => {
    expect(findingFromDraft({ ...valid, weakness: "=HYPERLINK(1)" }, "X", TODAY).weakness).toBe("=HYPERLINK(1)");
  });

  it("round-trip through the form", () => {
    const finding = findingFromDraft({ ...valid, cvss: "7.5", milestones: [milestone()] }, "POAM-2026-0001", TODAY);
    const draft = draftFromFinding(finding, [{ poamId: finding.id, milestone: "Configure lockout", dueDate: "2026-12-01" }]);
    expect(findingFromDraft(draft, finding.id, TODAY)).toEqual(finding);
  });
});
