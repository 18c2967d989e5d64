/**
 * The one set of rules for a POA&M item (README, "Adding and working findings"). The task pane shows the
 * issues beside the fields they concern; the same rules drive the sheet's
 * validation and `poam check`.
 */
import { isClosedStatus, type ClosedStatuses } from "./closedStatuses";
import { countsAsCmmcItem, eligibleForPoam } from "../compliance/rules";
import { isIsoDate, type IsoDate } from "../core/dates";
import { RULE_MESSAGES as M } from "../core/messages";
import type { Finding, Milestone } from "./records";
import { findRequirement } from "../compliance/requirements";
import { MAX_TEXT_LENGTH } from "../workbook/schema";
import { ITEM_TYPES, PRIORITIES, STATUSES, priorityFromCvss } from "./vocabulary";

/** A milestone as the form holds it. */
export interface MilestoneDraft {
  readonly milestone: string;
  readonly dueDate: string;
  readonly completedOn: string;
}

/** A POA&M item as the form holds it: every field is the text of an input. */
export interface FindingDraft {
  readonly itemType: string;
  readonly requirement: string;
  readonly weakness: string;
  readonly description: string;
  readonly rootCause: string;
  readonly source: string;
  readonly sourceRef: string;
  readonly assets: string;
  readonly discovered: string;
  readonly cvss: string;
  readonly priority: string;
  readonly owner: string;
  readonly implementer: string;
  readonly approver: string;
  readonly plannedActions: string;
  readonly acceptanceCriteria: string;
  readonly resources: string;
  readonly estCost: string;
  readonly interimMitigation: string;
  readonly extendedTo: string;
  readonly extensionReason: string;
  readonly status: string;
  readonly completedOn: string;
  readonly verifiedBy: string;
  readonly evidence: string;
  readonly ticket: string;
  readonly residualRisk: string;
  readonly comments: string;
  readonly milestones: readonly MilestoneDraft[];
}

export type DraftField = Exclude<keyof FindingDraft, "milestones"> | "milestones";

export interface FieldIssue {
  readonly field: DraftField;
  readonly message: string;
  /** Errors block saving; warnings are shown and may be accepted. */
  readonly severity: "error" | "warning";
  /** For milestone issues: which milestone (0-based). */
  readonly index?: number;
}

export interface ValidationContext {
  /** The real date today (not the As of date): nothing may be discovered or completed after it. */
  readonly today: IsoDate;
  /** Names in Settings > People. */
  readonly people: readonly string[];
  /** The statuses that count as closed; a new workbook's when not given. */
  readonly closedStatuses?: ClosedStatuses;
  /**
   * The Controls sheet's status of each requirement, when known. Without it,
   * whether 3.13.11 may sit on a CMMC POA&M (only while Partial) cannot be
   * decided and is a warning rather than an error.
   */
  readonly controlStatuses?: Readonly<Record<string, string>>;
}

export const EMPTY_DRAFT: FindingDraft = {
  itemType: "",
  requirement: "",
  weakness: "",
  description: "",
  rootCause: "",
  source: "",
  sourceRef: "",
  assets: "",
  discovered: "",
  cvss: "",
  priority: "",
  owner: "",
  implementer: "",
  approver: "",
  plannedActions: "",
  acceptanceCriteria: "",
  resources: "",
  estCost: "",
  interimMitigation: "",
  extendedTo: "",
  extensionReason: "",
  status: "Open",
  completedOn: "",
  verifiedBy: "",
  evidence: "",
  ticket: "",
  residualRisk: "",
  comments: "",
  milestones: [],
};

const TEXT_FIELDS = [
  "weakness",
  "description",
  "rootCause",
  "sourceRef",
  "assets",
  "owner",
  "implementer",
  "approver",
  "plannedActions",
  "acceptanceCriteria",
  "resources",
  "interimMitigation",
  "extensionReason",
  "verifiedBy",
  "evidence",
  "ticket",
  "residualRisk",
  "comments",
] as const satisfies readonly DraftField[];

/** A number from a form field: undefined when empty, NaN when not a number. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Every issue with `draft`, errors first. */
export function validateFinding(draft: FindingDraft, context: ValidationContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const error = (field: DraftField, message: string, index?: number) =>
    issues.push({ field, message, severity: "error", ...(index !== undefined && { index }) });
  const warning = (field: DraftField, message: string) => issues.push({ field, message, severity: "warning" });
  const checkDate = (field: DraftField, value: string, { required = false, notFuture = false } = {}) => {
    if (value.trim() === "") {
      if (required) error(field, M.required(field));
      return;
    }
    if (!isIsoDate(value)) error(field, M.notADate);
    else if (notFuture && value > context.today) error(field, M.future(field));
  };

  const closed = isClosedStatus(draft.status, context.closedStatuses);
  if (!ITEM_TYPES.includes(draft.itemType as (typeof ITEM_TYPES)[number])) error("itemType", M.itemType);

  const requirement = findRequirement(draft.requirement);
  if (draft.requirement.trim() === "") error("requirement", M.required("requirement"));
  else if (!requirement) error("requirement", M.unknownRequirement(draft.requirement));
  else if (!closed && countsAsCmmcItem(draft.itemType)) {
    // 32 CFR 170.21(a)(2)(ii)-(iii): such an item makes conditional status unreachable, so it is an error.
    const controlStatus = context.controlStatuses?.[requirement.id];
    if (requirement.poamEligible === "No") error("requirement", M.notPoamEligible(requirement.id, requirement.points));
    else if (requirement.poamEligible === "Conditional" && controlStatus === undefined) warning("requirement", M.conditionalPoam(requirement.id));
    else if (!eligibleForPoam(requirement, controlStatus ?? "")) error("requirement", M.conditionalPoam(requirement.id));
  }

  if (draft.weakness.trim() === "") error("weakness", M.required("weakness"));
  if (draft.source.trim() === "") error("source", M.required("source"));
  checkDate("discovered", draft.discovered, { required: true, notFuture: true });

  const cvss = parseNumber(draft.cvss);
  if (cvss !== undefined && (Number.isNaN(cvss) || cvss < 0 || cvss > 10)) error("cvss", M.cvss);
  if (!PRIORITIES.includes(draft.priority as (typeof PRIORITIES)[number])) error("priority", M.priority);
  else if (cvss !== undefined && !Number.isNaN(cvss) && cvss >= 0 && cvss <= 10 && priorityFromCvss(cvss) !== draft.priority) {
    warning("priority", M.priorityDiffers(cvss, priorityFromCvss(cvss)));
  }

  if (draft.owner.trim() === "") error("owner", M.required("owner"));
  for (const field of ["owner", "implementer", "approver"] as const) {
    const name = draft[field].trim();
    if (name !== "" && !context.people.includes(name)) warning(field, M.notInPeople(name));
  }

  const cost = parseNumber(draft.estCost);
  if (cost !== undefined && (Number.isNaN(cost) || cost < 0)) error("estCost", M.cost);

  checkDate("extendedTo", draft.extendedTo);
  if (draft.extendedTo.trim() !== "") {
    if (draft.extensionReason.trim() === "") error("extensionReason", M.extensionReason);
    if (isIsoDate(draft.extendedTo) && isIsoDate(draft.discovered) && draft.extendedTo <= draft.discovered) {
      error("extendedTo", M.extensionBeforeDiscovery);
    }
  }

  if (!STATUSES.some((s) => s.status === draft.status)) error("status", M.status);
  checkDate("completedOn", draft.completedOn, { required: closed, notFuture: true });
  if (closed) {
    if (draft.verifiedBy.trim() === "") error("verifiedBy", M.required("verifiedBy"));
    if (draft.evidence.trim() === "") error("evidence", M.required("evidence"));
  }
  if ((draft.status === "In Progress" || draft.status === "Completed") && draft.milestones.length === 0) {
    error("milestones", M.needsMilestone(draft.status));
  }
  if (draft.status === "Risk Accepted") {
    if (draft.approver.trim() === "") error("approver", M.acceptanceApprover);
    if (draft.extendedTo.trim() === "") error("extendedTo", M.acceptanceExpiry);
    if (draft.milestones.some((m) => m.completedOn.trim() === "")) error("milestones", M.acceptanceMilestones);
  }

  draft.milestones.forEach((milestone, index) => {
    if (milestone.milestone.trim() === "") error("milestones", M.milestoneText(index), index);
    else if (milestone.milestone.length > MAX_TEXT_LENGTH) error("milestones", M.tooLong, index);
    if (milestone.dueDate.trim() === "") error("milestones", M.milestoneDue(index), index);
    else if (!isIsoDate(milestone.dueDate)) error("milestones", M.notADate, index);
    if (milestone.completedOn.trim() !== "") {
      if (!isIsoDate(milestone.completedOn)) error("milestones", M.notADate, index);
      else if (milestone.completedOn > context.today) error("milestones", M.future("completedOn"), index);
    }
  });

  for (const field of TEXT_FIELDS) {
    if (draft[field].length > MAX_TEXT_LENGTH) error(field, M.tooLong);
  }
  return [...issues.filter((i) => i.severity === "error"), ...issues.filter((i) => i.severity === "warning")];
}

export const hasErrors = (issues: readonly FieldIssue[]) => issues.some((issue) => issue.severity === "error");

const optional = (text: string) => (text.trim() === "" ? undefined : text.trim());

/** The item a valid draft describes, with its ID and today's date as Updated. */
export function findingFromDraft(draft: FindingDraft, id: string, today: IsoDate): Finding {
  const cvss = parseNumber(draft.cvss);
  const cost = parseNumber(draft.estCost);
  return {
    id,
    itemType: draft.itemType,
    requirement: draft.requirement.trim(),
    weakness: draft.weakness.trim(),
    description: optional(draft.description),
    rootCause: optional(draft.rootCause),
    source: draft.source,
    sourceRef: optional(draft.sourceRef),
    assets: optional(draft.assets),
    discovered: draft.discovered,
    cvss,
    priority: draft.priority,
    owner: optional(draft.owner),
    implementer: optional(draft.implementer),
    approver: optional(draft.approver),
    plannedActions: optional(draft.plannedActions),
    acceptanceCriteria: optional(draft.acceptanceCriteria),
    resources: optional(draft.resources),
    estCost: cost,
    interimMitigation: optional(draft.interimMitigation),
    extendedTo: optional(draft.extendedTo),
    extensionReason: optional(draft.extensionReason),
    status: draft.status,
    completedOn: optional(draft.completedOn),
    verifiedBy: optional(draft.verifiedBy),
    evidence: optional(draft.evidence),
    ticket: optional(draft.ticket),
    residualRisk: optional(draft.residualRisk),
    updated: today,
    comments: optional(draft.comments),
  };
}

export function milestonesFromDraft(draft: FindingDraft, id: string): Milestone[] {
  return draft.milestones.map((m) => ({
    poamId: id,
    milestone: m.milestone.trim(),
    dueDate: m.dueDate,
    ...(m.completedOn.trim() !== "" && { completedOn: m.completedOn }),
  }));
}

/** The form's view of a stored item, to edit it with the same rules. */
export function draftFromFinding(finding: Partial<Finding>, milestones: readonly Milestone[]): FindingDraft {
  const text = (value: string | number | undefined) => (value === undefined ? "" : String(value));
  return {
    itemType: text(finding.itemType),
    requirement: text(finding.requirement),
    weakness: text(finding.weakness),
    description: text(finding.description),
    rootCause: text(finding.rootCause),
    source: text(finding.source),
    sourceRef: text(finding.sourceRef),
    assets: text(finding.assets),
    discovered: text(finding.discovered),
    cvss: text(finding.cvss),
    priority: text(finding.priority),
    owner: text(finding.owner),
    implementer: text(finding.implementer),
    approver: text(finding.approver),
    plannedActions: text(finding.plannedActions),
    acceptanceCriteria: text(finding.acceptanceCriteria),
    resources: text(finding.resources),
    estCost: text(finding.estCost),
    interimMitigation: text(finding.interimMitigation),
    extendedTo: text(finding.extendedTo),
    extensionReason: text(finding.extensionReason),
    status: text(finding.status),
    completedOn: text(finding.completedOn),
    verifiedBy: text(finding.verifiedBy),
    evidence: text(finding.evidence),
    ticket: text(finding.ticket),
    residualRisk: text(finding.residualRisk),
    comments: text(finding.comments),
    milestones: milestones.map((m) => ({ milestone: m.milestone, dueDate: text(m.dueDate), completedOn: text(m.completedOn) })),
  };
}
