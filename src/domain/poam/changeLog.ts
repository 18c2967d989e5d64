/**
 * The Change Log: one row per field the add-in changes (when, who, item,
 * field, old value, new value). Values are logged as the text a person would
 * read: dates as YYYY-MM-DD, empty cells as nothing.
 */
import type { Cell } from "../workbook/plan";
import { CHANGE_LOG_COLUMNS } from "../workbook/schema";
import { FINDING_FIELDS, cellText, type Finding, type Milestone, type Person } from "./records";

export interface Change {
  readonly id: string;
  readonly field: string;
  readonly oldValue: string;
  readonly newValue: string;
}


/** The fields whose value differs between the stored item and the changed one (Updated excepted). */
export function findingChanges(before: Partial<Finding>, after: Finding): Change[] {
  return Object.entries(FINDING_FIELDS).flatMap(([header, field]) => {
    if (field.key === "updated" || field.key === "id") return [];
    const oldValue = cellText(before[field.key]);
    const newValue = cellText(after[field.key]);
    return oldValue === newValue ? [] : [{ id: after.id, field: header, oldValue, newValue }];
  });
}

export function itemAdded(finding: Finding): Change {
  return { id: finding.id, field: "Item", oldValue: "", newValue: `Added (${finding.status}, ${finding.priority}): ${finding.weakness}` };
}

export function milestoneAdded(milestone: Milestone): Change {
  const due = milestone.dueDate ? ` (due ${milestone.dueDate})` : "";
  return { id: milestone.poamId, field: "Milestone", oldValue: "", newValue: `Added: ${milestone.milestone}${due}` };
}

export function milestoneCompleted(milestone: Milestone, completedOn: string): Change {
  return { id: milestone.poamId, field: "Milestone", oldValue: milestone.milestone, newValue: `Completed on ${completedOn}: ${milestone.milestone}` };
}

export function personAdded(person: Person): Change {
  return { id: "", field: "People", oldValue: "", newValue: `Added: ${person.name}${person.role ? ` (${person.role})` : ""}` };
}

/** Rows for the ChangeLog table (When, Who, POA&M ID, Field, Old Value, New Value). */
export function changeLogRows(changes: readonly Change[], who: string, when: number): Cell[][] {
  return changes.map((change) => [when, who, change.id, change.field, change.oldValue, change.newValue]);
}

/** Change Log rows laid out in a ChangeLog table's own column order (`headers`); null in a user's own columns. */
export function changeLogRowsIn(headers: readonly string[], changes: readonly Change[], who: string, when: number): Cell[][] {
  const standard = CHANGE_LOG_COLUMNS.map((column) => column.header);
  return changeLogRows(changes, who, when).map((row) => headers.map((header) => (standard.includes(header) ? row[standard.indexOf(header)] : null)));
}
