import { aDraft } from "../support/builders";
import {
  draftFromFinding,
  findingFromDraft,
  hasErrors,
  validateFinding,
  type FindingDraft,
} from "../../src/domain/validateFinding";

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

  it.each<[string, Partial<FindingDraft>, string, string]>([
    ["a 5-point requirement on a CMMC POA&M", { requirement: "3.1.1" }, "requirement", "3.1.1 (5 points) may not sit on a CMMC POA&M (32 CFR 170.21): it must be met for Conditional status."],
    ["one of the six named exclusions", { requirement: "3.10.3" }, "requirement", "3.10.3 (1 point) may not sit on a CMMC POA&M (32 CFR 170.21): it must be met for Conditional status."],
    ["3.13.11", { requirement: "3.13.11" }, "requirement", "3.13.11 may sit on a CMMC POA&M only when encryption is used but is not FIPS-validated."],
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
    const issues = issuesOf({ requirement: "3.1.1", weakness: "" });
    expect(issues.map((i) => i.severity)).toEqual(["error", "warning"]);
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
