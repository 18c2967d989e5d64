/**
 * `poam import POAM.xlsx SCAN...`: the pane's scan import on a workbook
 * file. New findings become items with the next free IDs; a tracked item
 * seen on new hosts gets them in Assets; a closed item the scan finds again
 * is reported, and reopened only with --reopen; every change is logged.
 * Importing the same scan again adds nothing.
 */
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { itemAdded, changeLogRowsIn } from "../domain/poam/changeLog";
import { poamIdSequence } from "../domain/poam/poamIds";
import { FINDING_FIELDS, recordCells } from "../domain/poam/records";
import { importEdits, trackedItems, TRACKED_COLUMNS } from "../domain/scan/importEdits";
import { DEFAULT_IMPORT_OPTIONS, findingFromImport, planImport } from "../domain/scan/planImport";
import { FORMAT_NAMES, SEVERITIES, type Severity } from "../domain/scan/scanTypes";
import { counted as count } from "../formats/reports";
import { readPoamFile } from "../formats/xlsx-read/readPoamFile";
import { patchWorkbook } from "../xlsx-patch/patchWorkbook";
import { UsageError, type CliIo } from "./io";
import { readScans } from "./readScans";
import { replaceWorkbookFile } from "./replaceFile";
import { authorOf, changeTime, headersOf, issuedIds, openWorkbookFile, tableOf, patchedOrRefused } from "./workbookFile";


/** Imports the scans into the workbook; returns the exit code (0). */
export async function importScanFiles(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      threshold: { type: "string" },
      "per-host": { type: "boolean" },
      owner: { type: "string" },
      requirement: { type: "string" },
      reopen: { type: "boolean" },
      "dry-run": { type: "boolean" },
      author: { type: "string" },
      "no-backup": { type: "boolean" },
    },
  });
  if (positionals.length < 2) throw new UsageError("poam import needs the POAM.xlsx to import into and at least one SCANFILE.");
  const [name, ...scanNames] = positionals;
  const threshold = (values.threshold ?? "Low") as Severity;
  if (!SEVERITIES.includes(threshold)) throw new UsageError(`--threshold is one of ${SEVERITIES.join(", ")}, not ${values.threshold}.`);
  const { file, bytes, workbook } = await openWorkbookFile(name, io);
  const parsed = await readScans(scanNames, io);
  const today = io.today();

  const poam = tableOf(workbook, "Poam");
  const column = (header: string) => {
    const index = poam.headers.indexOf(header);
    return poam.rows.map((row) => (index < 0 ? "" : row[index]));
  };
  const existing = trackedItems(TRACKED_COLUMNS.map(column));
  const plan = planImport(parsed, existing, workbook.data.closedStatuses, {
    ...DEFAULT_IMPORT_OPTIONS,
    grouping: values["per-host"] ? "host" : "vulnerability",
    threshold,
    ...(values.requirement && { requirement: values.requirement }),
    ...(values.owner && { owner: values.owner }),
    reopen: values.reopen === true,
    today,
    fileName: scanNames.map((scan) => basename(scan)).join(", "),
  });
  const nextId = poamIdSequence(issuedIds(workbook), today);
  const findings = plan.newItems.map((item) => findingFromImport(item, nextId(), plan.options, FORMAT_NAMES[plan.format]));
  const tracked = importEdits(plan, existing, column("Updated"), today);
  const reappeared = plan.reappeared.length;

  const lines = [
    `${scanNames.join(", ")}: ${FORMAT_NAMES[plan.format]}, ${count(plan.counts.findings, "finding")} (${count(plan.counts.belowThreshold, "finding")} below ${threshold}).`,
    findings.length === 0 ? "No new items." : `New items: ${findings.length} (${findings[0].id}${findings.length > 1 ? ` to ${findings[findings.length - 1].id}` : ""}).`,
    ...(plan.assetUpdates.length > 0 ? [`New hosts on ${count(plan.assetUpdates.length, "tracked item")}: ${plan.assetUpdates.map((u) => u.id).join(", ")}.`] : []),
    ...(reappeared > 0
      ? [
          plan.options.reopen
            ? `Reopened ${count(reappeared, "closed item")} the scan finds again: ${plan.reappeared.map((r) => r.id).join(", ")}.`
            : `The scan finds ${count(reappeared, "closed item")} again (${plan.reappeared.map((r) => r.id).join(", ")}); run with --reopen to reopen them.`,
        ]
      : []),
  ];
  const changes = [...findings.map(itemAdded), ...tracked.changes];
  if (values["dry-run"] || changes.length === 0) {
    io.out([...lines, values["dry-run"] ? `Dry run: ${name} was not changed.` : `Nothing to change in ${name}.`].join("\n"));
    return 0;
  }

  const who = authorOf(values.author);
  const changed = await patchedOrRefused(name, patchWorkbook(bytes, {
    edits: tracked.edits.map((edit) => ({ table: "Poam", row: edit.row, cells: edit.cells })),
    appends: [
      { table: "Poam", rows: findings.map((finding) => recordCells(finding, poam.headers, FINDING_FIELDS)) },
      { table: "ChangeLog", rows: changeLogRowsIn(headersOf(workbook, "ChangeLog"), changes, who, changeTime(today)) },
    ],
  }));
  const backup = values["no-backup"] !== true;
  await replaceWorkbookFile(name, file, bytes, changed, {
    backup,
    verify: async (written) => {
      const after = await readPoamFile(written);
      if (after.items.length !== workbook.data.items.length + findings.length) {
        throw new UsageError(`${name} could not be changed: the written copy did not read back with the new items; it is as it was.`);
      }
    },
  });
  io.out([...lines, `Wrote ${name}${backup ? `; the previous version is ${name}.bak` : ""}.`].join("\n"));
  return 0;
}
