/**
 * `poam check`: every rule a POA&M item breaks (SPEC §2.1, the same rules the
 * pane applies), duplicate IDs, milestones of no item, and the SPRS score and
 * CMMC readiness, for automation and for a look before an assessment.
 */
import { summarise, type SummaryFigures } from "./assessment";
import type { IsoDate } from "./dates";
import type { PoamData } from "./poamData";
import { duplicateIds } from "./poamIds";
import { FINDING_FIELDS } from "./records";
import { REQUIREMENTS } from "./requirements";
import { draftFromFinding, validateFinding, type DraftField } from "./validateFinding";

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

  for (const { finding, row } of data.items) {
    const id = finding.id.trim();
    if (id === "") issues.push({ severity: "error", row: sheetRow(row), column: "POA&M ID", message: "The item has no POA&M ID." });
    const milestones = data.milestones.filter((m) => m.poamId.trim() !== "" && m.poamId.trim().toUpperCase() === id.toUpperCase());
    for (const issue of validateFinding(draftFromFinding(finding, milestones), { today, people })) {
      issues.push({ severity: issue.severity, id: id || undefined, row: sheetRow(row), column: columnOf(issue.field), message: issue.message });
    }
  }

  const ids = new Set(data.items.map((item) => item.finding.id.trim().toUpperCase()));
  for (const milestone of data.milestones) {
    if (!ids.has(milestone.poamId.trim().toUpperCase())) {
      issues.push({
        severity: "warning",
        id: milestone.poamId || undefined,
        column: "Milestones",
        message: `The milestone "${milestone.milestone}" belongs to ${milestone.poamId || "no item"}, which is not on the POA&M.`,
      });
    }
  }

  for (const control of data.controls) {
    const requirement = REQUIREMENTS.find((r) => r.id === control.requirement);
    if (control.status === "Partial" && requirement && requirement.partialPoints === undefined) {
      issues.push({
        severity: "warning",
        column: "Controls",
        message: `${control.requirement} is marked Partial, but only 3.5.3 and 3.13.11 have partial credit; it costs all ${requirement.points} points.`,
      });
    }
  }

  const { figures } = summarise(data, today);
  const errors = issues.filter((issue) => issue.severity === "error").length;
  return { asOf: figures.asOf, items: data.items.length, errors, warnings: issues.length - errors, issues, figures };
}
