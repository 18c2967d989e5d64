/**
 * `poam check`: every rule a POA&M item breaks (README, "The `poam` command"; the same rules the
 * pane applies), duplicate IDs, milestones of no item, and the SPRS score and
 * CMMC readiness, for automation and for a look before an assessment.
 */
import type { IsoDate } from "../core/dates";
import type { PoamData } from "./poamData";
import { assessedStatus, SSP_REQUIREMENT } from "../compliance/rules";
import { duplicateIds, idKey, milestonesById } from "./poamIds";
import { FINDING_FIELDS } from "./records";
import { REQUIREMENTS } from "../compliance/requirements";
import { draftFromFinding, validateFinding, type DraftField } from "./validateFinding";
import { summarise, type SummaryFigures } from "../summary/summarise";

export interface CheckIssue {
  readonly severity: "error" | "warning";
  /** The item's POA&M ID, when the issue is about an item. */
  readonly id?: string;
  /** The sheet row (1-based, as Excel numbers rows) of the item or milestone. */
  readonly row?: number;
  /** The column concerned, by its header. */
  readonly column?: string;
  readonly message: string;
}

export interface CheckReport {
  readonly asOf: IsoDate;
  readonly items: number;
  readonly errors: number;
  readonly warnings: number;
  readonly issues: readonly CheckIssue[];
  readonly figures: SummaryFigures;
}

const HEADER_OF: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(FINDING_FIELDS).map(([header, field]) => [field.key, header]),
);
const columnOf = (field: DraftField) => (field === "milestones" ? "Milestones" : HEADER_OF[field]);

/** Checks the POA&M; `today` is the real date (nothing may be completed after it). */
export function checkPoam(data: PoamData, today: IsoDate): CheckReport {
  const issues: CheckIssue[] = [];
  const sheetRow = (dataRow: number) => data.poamTable.headerRow + 2 + dataRow;
  const people = data.people.map((person) => person.name);

  for (const duplicate of duplicateIds(data.items.map((item) => item.finding.id))) {
    const rows = duplicate.positions.map((position) => sheetRow(data.items[position].row));
    issues.push({ severity: "error", id: duplicate.id, row: rows[1], column: "POA&M ID", message: `${duplicate.id} is used on rows ${rows.join(", ")}; each item needs its own ID.` });
  }

  const byItem = milestonesById(data.milestones);
  const controlStatuses = Object.fromEntries(data.controls.map((control) => [control.requirement, control.status]));
  const context = { today, people, closedStatuses: data.closedStatuses, controlStatuses };
  for (const { finding, row } of data.items) {
    const id = finding.id.trim();
    if (id === "") issues.push({ severity: "error", row: sheetRow(row), column: "POA&M ID", message: "The item has no POA&M ID." });
    const milestones = id === "" ? [] : (byItem.get(idKey(id)) ?? []);
    for (const issue of validateFinding(draftFromFinding(finding, milestones), context)) {
      issues.push({ severity: issue.severity, id: id || undefined, row: sheetRow(row), column: columnOf(issue.field), message: issue.message });
    }
  }

  const ids = new Set(data.items.map((item) => idKey(item.finding.id)));
  for (const milestone of data.milestones) {
    if (!ids.has(idKey(milestone.poamId))) {
      issues.push({
        severity: "warning",
        id: milestone.poamId || undefined,
        column: "Milestones",
        message: `The milestone "${milestone.milestone}" belongs to ${milestone.poamId || "no item"}, which is not on the POA&M.`,
      });
    }
  }

  issues.push(...controlIssues(data));

  const { figures } = summarise(data, today);
  const errors = issues.filter((issue) => issue.severity === "error").length;
  return { asOf: figures.asOf, items: data.items.length, errors, warnings: issues.length - errors, issues, figures };
}

/** What the Controls self-assessment gets wrong, in the rules' terms (compliance/rules.ts). */
function controlIssues(data: PoamData): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const listed = new Set(data.controls.map((control) => control.requirement));
  const missing = REQUIREMENTS.filter((r) => !listed.has(r.id)).map((r) => r.id);
  if (missing.length > 0) {
    issues.push({
      severity: "error",
      column: "Controls",
      message: `The Controls sheet lacks ${missing.length === 1 ? "requirement" : "requirements"} ${missing.join(", ")}; each counts as not assessed (Not Met) until its row is restored.`,
    });
  }
  for (const control of data.controls) {
    const requirement = REQUIREMENTS.find((r) => r.id === control.requirement);
    if (!requirement) continue;
    const status = assessedStatus(control.status);
    if (control.status.trim() !== "" && status === undefined) {
      issues.push({
        severity: "error",
        column: "Controls",
        message: `${requirement.id} has the status "${control.status}", which is not Met, Not Met, Partial or N/A; it counts as not assessed (Not Met).`,
      });
    } else if (status === "N/A" && requirement.id === SSP_REQUIREMENT) {
      issues.push({
        severity: "error",
        column: "Controls",
        message: `${SSP_REQUIREMENT} (system security plan) cannot be N/A: without a plan there is no assessment, so it counts as Not Met.`,
      });
    } else if (status === "Partial" && requirement.partialPoints === undefined) {
      issues.push({
        severity: "warning",
        column: "Controls",
        message: `${requirement.id} is marked Partial, but only 3.5.3 and 3.13.11 have partial credit; it costs all ${requirement.points} points.`,
      });
    }
  }
  return issues;
}
