/**
 * Exports and migration in the open workbook: the FedRAMP template's sheets
 * added beside the POA&M, and a POA&M kept in the FedRAMP layout read into
 * the `Poam` and `Milestones` tables. The OSCAL document needs only the
 * POA&M's records (`readPoamData`); the pane builds and offers the file.
 */
import { itemAdded, milestoneAdded } from "../domain/poam/changeLog";
import { localToday, toSerialDateTime, type IsoDate } from "../domain/core/dates";
import { fedrampPlan, fedrampSheets } from "../formats/fedramp/fedramp";
import { readFedrampPoam } from "../formats/fedramp/fedrampImport";
import { poamDataFromTables } from "../domain/poam/poamData";
import type { FedrampSheetsResult, ImportRun, MigrationResult } from "../domain/ports";
import { FINDING_FIELDS, MILESTONE_FIELDS, cellText, recordCells } from "../domain/poam/records";
import { applyPlan } from "./applyPlan";
import type { Author } from "./itemActions";
import { columnOf, queueRows } from "./readColumns";
import { queueTableReads } from "./summary";
import { changeLogRowsFor, layoutOf, readTable, syncReads } from "./tables";
import { writeImport } from "./writeImport";
import type { CellsWorkbook, FedrampImport } from "../domain/poam/migration";

const ID = "POA&M ID";

/** Adds "Open POA&M Items" and "Closed POA&M Items" (or the next free names): one read, then the writes. */
export async function addFedrampSheets(context: Excel.RequestContext, today: IsoDate): Promise<FedrampSheetsResult> {
  const reads = queueTableReads(context);
  const worksheets = context.workbook.worksheets.load("items/name");
  await syncReads(context);
  const { tables, syncs: pageSyncs } = await reads.finish(context);
  const sheets = fedrampSheets(poamDataFromTables(tables), { today });
  const plan = fedrampPlan(
    sheets,
    worksheets.items.map((sheet) => sheet.name),
  );
  const { syncs } = await applyPlan(context, plan);
  return {
    open: plan.open,
    closed: plan.closed,
    openItems: sheets.open.rows.length,
    closedItems: sheets.closed.rows.length,
    clipped: plan.clipped,
    syncs: 1 + pageSyncs + syncs,
  };
}

/** Reads what reading a FedRAMP POA&M into this one needs: one sync, and row pages for a large POA&M. */
async function readForMigration(context: Excel.RequestContext, workbook: CellsWorkbook, today: IsoDate) {
  const reads = queueTableReads(context);
  const poam = readTable(context, "Poam");
  const milestones = readTable(context, "Milestones");
  const log = readTable(context, "ChangeLog");
  const loggedIds = queueRows(context, "ChangeLog", [ID]);
  await syncReads(context);
  const { tables, syncs } = await reads.finish(context, [loggedIds]);
  const into = poamDataFromTables(tables);
  const issued = [...into.items.map((item) => item.finding.id), ...columnOf(loggedIds, ID).map(cellText)].filter((id) => id.trim() !== "");
  return {
    read: readFedrampPoam(workbook, { today, into, issued }),
    poam: layoutOf(poam),
    milestones: layoutOf(milestones),
    log: layoutOf(log),
    syncs: 1 + syncs,
  };
}

/** What reading `workbook` (a FedRAMP-layout POA&M) into this POA&M would add. Changes nothing. */
export async function previewFedrampImport(context: Excel.RequestContext, workbook: CellsWorkbook, today: IsoDate): Promise<FedrampImport> {
  return (await readForMigration(context, workbook, today)).read;
}

/**
 * Adds the items and milestones of `workbook` (a FedRAMP-layout POA&M) to
 * this POA&M, with IDs that are free here, logging each. A failed or
 * cancelled import leaves the tables as they were.
 */
export async function importFedramp(context: Excel.RequestContext, workbook: CellsWorkbook, author: Author, run: ImportRun = {}): Promise<MigrationResult> {
  const today = localToday(author.now);
  const { read, poam, milestones, log, syncs: readSyncs } = await readForMigration(context, workbook, today);
  const findings = read.findings.map((finding) => ({ ...finding, updated: finding.updated ?? today }));
  const syncs = await writeImport(
    context,
    { poam, log, milestones },
    {
      rows: findings.map((finding) => recordCells(finding, poam.headers, FINDING_FIELDS)),
      milestoneRows: read.milestones.map((milestone) => recordCells(milestone, milestones.headers, MILESTONE_FIELDS)),
      logRows: changeLogRowsFor(log, [...findings.map(itemAdded), ...read.milestones.map(milestoneAdded)], author.who, toSerialDateTime(author.now)),
      edits: [],
    },
    run,
  );
  return { added: findings.map((finding) => finding.id), milestones: read.milestones.length, syncs: readSyncs + syncs };
}
