/**
 * The day-to-day actions on items: reading the lists the forms offer, adding
 * a finding, reading the item at the selection, changing it, adding a person.
 * Each takes a context and is one `Excel.run` in createExcelActions; each
 * write is checked by the domain's rules first, and a write that Excel refuses
 * is undone before the error is reported, so the sheet is left as it was.
 */
import { closedStatusesOfTable } from "../domain/poam/closedStatuses";
import { itemAdded, milestoneAdded, personAdded } from "../domain/poam/changeLog";
import { planItemUpdate } from "../domain/poam/itemUpdate";
import { fromSerial, localToday, toSerial, toSerialDateTime, type IsoDate } from "../domain/core/dates";
import { PoamError } from "../domain/core/errors";
import type { AddResult, ItemFigures, ItemUpdate, ItemView, PaneContext, StoredMilestone } from "../domain/poam/items";
import { ERROR_MESSAGES } from "../domain/core/messages";
import type { Cell } from "../domain/workbook/plan";
import { duplicateIds, nextPoamId, sameId } from "../domain/poam/poamIds";
import {
  FINDING_FIELDS,
  MILESTONE_FIELDS,
  PERSON_FIELDS,
  cellText,
  recordCells,
  recordFromCells,
  type Finding,
  type Milestone,
  type Person,
} from "../domain/poam/records";
import { findingFromDraft, hasErrors, milestonesFromDraft, validateFinding, type FindingDraft, type ValidationContext } from "../domain/poam/validateFinding";
import { ITEM_TYPES, PRIORITIES, SOURCES, STATUSES } from "../domain/poam/vocabulary";
import {
  appendRows,
  changeLogRowsFor,
  clearFilters,
  dataRowRange,
  layoutOf,
  readTable,
  settleAppend,
  undoAppendSteps,
  syncReads,
  writeRow,
  type Appended,
  type TableLayout,
} from "./tables";
import { toPoamError } from "./errors";
import { columnOf, headersOf, queueRows, readRemainingRows, type RowsRead } from "./readColumns";

/** Who makes a change and when; the clock is injected so tests can fix it. */
export interface Author {
  readonly who: string;
  readonly now: Date;
}

const ID_HEADER = "POA&M ID";


/**
 * Syncs the queued writes. If Excel refuses them part way, it has kept what
 * came before the failing command, so every undo step is sent, each on its
 * own (a step undoing what never happened fails harmlessly), and the original
 * failure is reported.
 */
async function syncWrites(context: Excel.RequestContext, undoSteps: readonly (() => void)[]): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    for (const step of undoSteps) {
      step();
      // One sync per step on this failure path: a step whose target never came to be must not stop the others.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync().catch(() => undefined);
    }
    throw toPoamError(error);
  }
}

/** After the writes' sync: settles reused blank rows someone else filled meanwhile; syncs if that needed work. */
async function settle(context: Excel.RequestContext, appended: readonly Appended[]): Promise<boolean> {
  const moved = appended.map(settleAppend).some(Boolean);
  if (moved) await context.sync();
  return moved;
}

function invalid(issues: ReturnType<typeof validateFinding>): PoamError {
  const errors = issues.filter((issue) => issue.severity === "error").map((issue) => issue.message);
  return new PoamError("invalidInput", errors.join(" "));
}

const strings = (values: readonly unknown[]) => values.map((value) => (typeof value === "string" ? value.trim() : "")).filter((v) => v !== "");

/** Values of a column of a table read whole, by header; empty cells left out. */
function listFrom(read: RowsRead, header: string, fallback: readonly string[]): string[] {
  if (!headersOf(read).includes(header)) return [...fallback];
  const values = strings(columnOf(read, header));
  return values.length > 0 ? values : [...fallback];
}

/** The people and lists the forms offer, and any duplicate POA&M IDs: one sync, and row pages for a large POA&M. */
export async function loadPaneContext(context: Excel.RequestContext): Promise<PaneContext> {
  const people = queueRows(context, "People");
  const lists = queueRows(context, "Lists");
  const sla = queueRows(context, "Sla");
  const statuses = queueRows(context, "Statuses");
  const ids = queueRows(context, "Poam", [ID_HEADER]);
  const controls = queueRows(context, "Controls", ["Requirement", "Status"]);
  await syncReads(context);
  await readRemainingRows(context, [people, lists, sla, statuses, ids, controls]);

  const peopleHeaders = headersOf(people);
  const personRows = people.rows
    .map((row) => recordFromCells<Person>(peopleHeaders, row, PERSON_FIELDS))
    .filter((person): person is Person => typeof person.name === "string" && person.name.trim() !== "");
  return {
    people: personRows,
    itemTypes: listFrom(lists, "Item Type", ITEM_TYPES),
    sources: listFrom(lists, "Source", SOURCES),
    priorities: listFrom(sla, "Priority", PRIORITIES),
    statuses: listFrom(statuses, "Status", STATUSES.map((s) => s.status)),
    duplicates: duplicateIds(columnOf(ids, ID_HEADER)),
    closedStatuses: closedStatusesOfTable(headersOf(statuses), statuses.rows),
    controlStatuses: Object.fromEntries(controls.rows.map(([id, status]) => [cellText(id).trim(), cellText(status).trim()])),
  };
}

function validationContext(today: IsoDate, peopleNames: readonly unknown[]): ValidationContext {
  return { today, people: strings(peopleNames) };
}

/** Queues the reads every item change starts with: the three tables it writes, the IDs and the people. */
function readItemTables(context: Excel.RequestContext) {
  return {
    poamRead: readTable(context, "Poam"),
    milestonesRead: readTable(context, "Milestones"),
    logRead: readTable(context, "ChangeLog"),
    ids: queueRows(context, "Poam", [ID_HEADER]),
    people: queueRows(context, "People", ["Name"]),
  };
}

/**
 * Adds a finding with its milestones as the next free POA&M ID. Two syncs
 * (three if the ID was taken meanwhile), and row pages for a large POA&M.
 */
export async function addFinding(context: Excel.RequestContext, draft: FindingDraft, author: Author): Promise<AddResult> {
  const today = localToday(author.now);
  const { poamRead, milestonesRead, logRead, ids, people } = readItemTables(context);
  const loggedIds = queueRows(context, "ChangeLog", [ID_HEADER]);
  await syncReads(context);
  await readRemainingRows(context, [ids, people, loggedIds]);

  const issues = validateFinding(draft, validationContext(today, columnOf(people, "Name")));
  if (hasErrors(issues)) throw invalid(issues);
  const poam = layoutOf(poamRead);
  const milestones = layoutOf(milestonesRead);
  const log = layoutOf(logRead);
  const issued = strings([...columnOf(ids, ID_HEADER), ...columnOf(loggedIds, ID_HEADER)]);
  const id = nextPoamId(issued, today);
  const finding = findingFromDraft(draft, id, today);
  const newMilestones = milestonesFromDraft(draft, id);
  const changes = [itemAdded(finding), ...newMilestones.map(milestoneAdded)];
  const when = toSerialDateTime(author.now);

  clearFilters([poam, milestones, log]);
  const added = [
    appendRows(poam, [recordCells(finding, poam.headers, FINDING_FIELDS)]),
    appendRows(milestones, newMilestones.map((m) => recordCells(m, milestones.headers, MILESTONE_FIELDS))),
    appendRows(log, changeLogRowsFor(log, changes, author.who, when)),
  ];
  let after = queueRows(context, "Poam", [ID_HEADER]);
  await syncWrites(context, added.flatMap(undoAppendSteps));
  if (await settle(context, added)) {
    after = queueRows(context, "Poam", [ID_HEADER]);
    await context.sync();
  }
  await readRemainingRows(context, [after]);

  // Someone else may have added an item with the same ID between our read and our write.
  const stored = columnOf(after, ID_HEADER);
  if (!duplicateIds(stored).some((duplicate) => sameId(duplicate.id, id))) return { id };
  const renumbered = nextPoamId(strings([...stored, ...issued]), today);
  for (const appended of added) {
    const idIndex = appended.layout.headers.indexOf(ID_HEADER);
    for (const row of appended.rows) {
      const cells: Cell[] = appended.layout.headers.map(() => null);
      cells[idIndex] = renumbered;
      row.range.values = [cells];
    }
  }
  await context.sync();
  return { id: renumbered, renumberedFrom: id };
}

const FIGURE_HEADERS: Record<keyof ItemFigures, string> = {
  family: "Family",
  targetDate: "Target Date",
  dueDate: "Due Date",
  daysOpen: "Days Open",
  daysLeft: "Days Left",
  state: "State",
  sprsPoints: "SPRS Points",
  cmmcPoamOk: "CMMC POA&M OK",
};

function figuresOf(headers: readonly string[], values: readonly unknown[]): ItemFigures {
  const figures: Record<string, unknown> = {};
  for (const [key, header] of Object.entries(FIGURE_HEADERS)) {
    const value = values[headers.indexOf(header)];
    if (value === undefined || value === "") continue;
    figures[key] = (key === "targetDate" || key === "dueDate") && typeof value === "number" ? fromSerial(value) : value;
  }
  return figures;
}

function milestonesOf(layout: TableLayout, body: readonly (readonly unknown[])[], id: string): StoredMilestone[] {
  const idIndex = layout.headers.indexOf(ID_HEADER);
  const stateIndex = layout.headers.indexOf("State");
  return body.flatMap((row, index) => {
    if (!sameId(row[idIndex], id)) return [];
    const milestone = recordFromCells<Milestone>(layout.headers, row, MILESTONE_FIELDS);
    return [{ ...(milestone as Milestone), row: index, ...(stateIndex >= 0 && row[stateIndex] !== "" && { state: String(row[stateIndex]) }) }];
  });
}

function itemView(poam: TableLayout, row: number, values: readonly unknown[], ids: readonly unknown[], milestones: TableLayout, milestoneBody: readonly (readonly unknown[])[]): ItemView {
  const finding = recordFromCells<Finding>(poam.headers, values, FINDING_FIELDS);
  const id = finding.id ?? "";
  const duplicateRows = ids.flatMap((value, index) =>
    index !== row && sameId(value, id) ? [index] : [],
  );
  return { finding: { ...finding, id }, row, figures: figuresOf(poam.headers, values), milestones: milestonesOf(milestones, milestoneBody, id), duplicateRows };
}

/** The item on the row of the active cell, or null when the selection is not on a POA&M item. Two syncs, and row pages for a large POA&M. */
export async function readSelectedItem(context: Excel.RequestContext): Promise<ItemView | null> {
  const active = context.workbook.getActiveCell().load("rowIndex, columnIndex");
  const activeSheet = active.worksheet.load("name");
  const poamRead = readTable(context, "Poam");
  const poamSheet = poamRead.table.worksheet.load("name");
  const milestonesRead = readTable(context, "Milestones");
  await syncReads(context);

  const poam = layoutOf(poamRead);
  const row = active.rowIndex - poam.headerRow - 1;
  const inside =
    activeSheet.name === poamSheet.name &&
    row >= 0 &&
    row < poam.rowCount &&
    active.columnIndex >= poam.column &&
    active.columnIndex < poam.column + poam.headers.length;
  if (!inside) return null;
  const milestones = layoutOf(milestonesRead);
  const values = dataRowRange(poam, row).load("values");
  const ids = queueRows(context, "Poam", [ID_HEADER]);
  const milestoneRows = queueRows(context, "Milestones");
  await context.sync();
  await readRemainingRows(context, [ids, milestoneRows]);
  const view = itemView(poam, row, values.values[0], columnOf(ids, ID_HEADER), milestones, milestoneRows.rows);
  return view.finding.id === "" ? null : view;
}

/**
 * Changes an item: the fields that differ from what is stored, milestones
 * added or completed, Updated set to today, and one Change Log row per change.
 * Two syncs when the item is still where it was read.
 */
export async function updateItem(context: Excel.RequestContext, update: ItemUpdate, author: Author): Promise<ItemView> {
  const today = localToday(author.now);
  const { poamRead, milestonesRead, logRead, ids, people } = readItemTables(context);
  const stored = poamRead.table.getDataBodyRange().getRow(update.row).load("values");
  const milestoneRows = queueRows(context, "Milestones");
  await syncReads(context);
  await readRemainingRows(context, [ids, people, milestoneRows]);

  const poam = layoutOf(poamRead);
  const milestones = layoutOf(milestonesRead);
  const log = layoutOf(logRead);
  const idIndex = poam.headers.indexOf(ID_HEADER);
  const idValues = columnOf(ids, ID_HEADER);
  if (update.row >= poam.rowCount || cellText(stored.values[0][idIndex]).trim() !== update.id) {
    throw new PoamError("itemMoved", ERROR_MESSAGES.itemMoved);
  }
  const issues = validateFinding(update.draft, validationContext(today, columnOf(people, "Name")));
  if (hasErrors(issues)) throw invalid(issues);
  const before = recordFromCells<Finding>(poam.headers, stored.values[0], FINDING_FIELDS);
  const { desired, fieldChanges, completions, additions, changes: allChanges } = planItemUpdate(before, milestonesOf(milestones, milestoneRows.rows, update.id), update, today);
  const newCells = recordCells(desired, poam.headers, FINDING_FIELDS);
  const changedHeaders = new Set(fieldChanges.map((change) => change.field));
  const rowCells: Cell[] = poam.headers.map((header, i) =>
    changedHeaders.has(header) || header === "Updated" ? (newCells[i] ?? "") : null,
  );
  const oldCells: Cell[] = poam.headers.map((_, i) => (rowCells[i] === null ? null : (stored.values[0][i] as Cell)));
  if (allChanges.length === 0) return itemView(poam, update.row, stored.values[0], idValues, milestones, milestoneRows.rows);

  const completedOnIndex = milestones.headers.indexOf("Completed On");
  const completionCells = (completedOn: IsoDate | undefined): Cell[] =>
    milestones.headers.map((_, i) => (i !== completedOnIndex ? null : completedOn ? toSerial(completedOn) : ""));
  clearFilters([poam, milestones, log]);
  writeRow(poam, update.row, rowCells);
  for (const { milestone, completedOn } of completions) writeRow(milestones, milestone.row, completionCells(completedOn));
  const added = [
    appendRows(milestones, additions.map((m) => recordCells(m, milestones.headers, MILESTONE_FIELDS))),
    appendRows(log, changeLogRowsFor(log, allChanges, author.who, toSerialDateTime(author.now))),
  ];
  const reload = () => ({
    item: dataRowRange(poam, update.row).load("values"),
    milestones: queueRows(context, "Milestones"),
  });
  let fresh = reload();
  await syncWrites(context, [
    () => writeRow(poam, update.row, oldCells),
    ...completions.map(({ milestone }) => () => writeRow(milestones, milestone.row, completionCells(milestone.completedOn))),
    ...added.flatMap(undoAppendSteps),
  ]);
  if (await settle(context, added)) {
    fresh = reload();
    await context.sync();
  }
  await readRemainingRows(context, [fresh.milestones]);
  return itemView(poam, update.row, fresh.item.values[0], idValues, milestones, fresh.milestones.rows);
}

/** Adds a person to Settings > People. Two syncs. */
export async function addPerson(context: Excel.RequestContext, person: Person, author: Author): Promise<void> {
  const peopleRead = readTable(context, "People");
  const logRead = readTable(context, "ChangeLog");
  const names = queueRows(context, "People", ["Name"]);
  await syncReads(context);
  await readRemainingRows(context, [names]);
  const name = person.name.trim();
  if (name === "") throw new PoamError("invalidInput", "Give the person's name.");
  if (strings(columnOf(names, "Name")).some((existing) => existing.toLowerCase() === name.toLowerCase())) {
    throw new PoamError("invalidInput", `${name} is already in Settings > People.`);
  }
  const people = layoutOf(peopleRead);
  const log = layoutOf(logRead);
  clearFilters([people, log]);
  const added = [
    appendRows(people, [recordCells({ ...person, name }, people.headers, PERSON_FIELDS)]),
    appendRows(log, changeLogRowsFor(log, [personAdded({ ...person, name })], author.who, toSerialDateTime(author.now))),
  ];
  await syncWrites(context, added.flatMap(undoAppendSteps));
  await settle(context, added);
}
