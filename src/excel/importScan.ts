/**
 * Importing a parsed scan into the open workbook: the preview (what would
 * happen) and the import itself, written in payload-sized blocks with
 * calculation suspended, progress reported after each block and a way to
 * cancel. A cancelled or failed import removes the rows it added and puts back
 * the cells it changed, so no partial import is left behind.
 */
import { itemAdded, type Change } from "../domain/poam/changeLog";
import { localToday, toSerialDateTime } from "../domain/core/dates";
import type { Cell } from "../domain/workbook/plan";
import { poamIdSequence } from "../domain/poam/poamIds";
import type { ImportResult, ImportRun } from "../domain/ports";
import { FINDING_FIELDS, cellText, recordCells } from "../domain/poam/records";
import { findingFromImport, planImport, type ExistingItem, type ImportOptions, type ImportPlan } from "../domain/scan/planImport";
import { importEdits, trackedItems, TRACKED_COLUMNS } from "../domain/scan/importEdits";
import { FORMAT_NAMES, type ParsedScan } from "../domain/scan/scanTypes";
import { closedStatusesOfTable, type ClosedStatuses } from "../domain/poam/closedStatuses";
import type { Author } from "./itemActions";
import { changeLogRowsFor, layoutOf, readTable, syncReads, type TableLayout } from "./tables";
import { writeImport } from "./writeImport";
import { columnOf, headersOf, queueRows, readRemainingRows } from "./readColumns";


const ID = "POA&M ID";

interface ImportReads {
  readonly poam: TableLayout;
  readonly log: TableLayout;
  readonly existing: ExistingItem[];
  readonly closed: ClosedStatuses;
  /** IDs issued so far, in the POA&M and the Change Log. */
  readonly issued: string[];
  /** The Updated cell of each data row, to put back if the import is undone. */
  readonly updated: unknown[];
  readonly syncs: number;
}

/** The POA&M's layout and the columns that identify tracked items: one sync, and row pages for a large POA&M. */
async function readForImport(context: Excel.RequestContext): Promise<ImportReads> {
  const poamRead = readTable(context, "Poam");
  const logRead = readTable(context, "ChangeLog");
  const statuses = queueRows(context, "Statuses");
  const tracked = queueRows(context, "Poam", TRACKED_COLUMNS);
  const logged = queueRows(context, "ChangeLog", [ID]);
  await syncReads(context);
  const syncs = await readRemainingRows(context, [statuses, tracked, logged]);
  const columns = TRACKED_COLUMNS.map((header) => columnOf(tracked, header));
  const ids = columnOf(tracked, ID);
  const updated = columnOf(tracked, "Updated");
  const closed = closedStatusesOfTable(headersOf(statuses), statuses.rows);
  const existing = trackedItems(columns);
  return {
    poam: layoutOf(poamRead),
    log: layoutOf(logRead),
    existing,
    closed,
    issued: [...ids, ...columnOf(logged, ID)].map(cellText).filter((id) => id !== ""),
    updated,
    syncs: 1 + syncs,
  };
}

/** What importing `parsed` would do to the open POA&M. Changes nothing. */
export async function previewImport(context: Excel.RequestContext, parsed: ParsedScan, options: ImportOptions): Promise<ImportPlan> {
  const reads = await readForImport(context);
  return planImport(parsed, reads.existing, reads.closed, options);
}

/**
 * Imports `parsed` with `options`, checking it against the POA&M as it is
 * now. New items get the next free IDs.
 */
export async function importScan(context: Excel.RequestContext, parsed: ParsedScan, options: ImportOptions, author: Author, run: ImportRun = {}): Promise<ImportResult> {
  const today = localToday(author.now);
  const reads = await readForImport(context);
  const plan = planImport(parsed, reads.existing, reads.closed, { ...options, today });
  const { poam, log } = reads;
  const formatName = FORMAT_NAMES[plan.format];

  const nextId = poamIdSequence(reads.issued, today);
  const findings = plan.newItems.map((item) => findingFromImport(item, nextId(), plan.options, formatName));
  const rows = findings.map((finding) => recordCells(finding, poam.headers, FINDING_FIELDS));
  const when = toSerialDateTime(author.now);

  // Changes to tracked items: new hosts, and reopening when asked.
  const trackedEdits = importEdits(plan, reads.existing, reads.updated, today);
  const changes: Change[] = [...findings.map(itemAdded), ...trackedEdits.changes];
  const cellsFor = (entries: Readonly<Record<string, Cell>>) => poam.headers.map((header) => (header in entries ? entries[header] : null));
  const edits = trackedEdits.edits.map((edit) => ({ row: edit.row, cells: cellsFor(edit.cells), old: cellsFor(edit.old) }));
  const logRows = changeLogRowsFor(log, changes, author.who, when);

  const syncs = await writeImport(context, { poam, log }, { rows, logRows, edits }, run);
  return { added: findings.map((finding) => finding.id), assetsUpdated: plan.assetUpdates.length, reopened: plan.options.reopen ? plan.reappeared.length : 0, syncs: reads.syncs + syncs };
}
