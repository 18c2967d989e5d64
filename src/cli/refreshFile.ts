/**
 * `poam refresh POAM.xlsx`: the pane's Refresh on a workbook file. Today's
 * snapshot goes into History (replacing an earlier one of the same day),
 * the Summary's lists of the most overdue items and of those due before the
 * next review are written again with links to their rows, the charts are
 * drawn again over History, and Last refreshed is stamped.
 */
import { parseArgs } from "node:util";
import { toSerial } from "../domain/core/dates";
import { NAME } from "../domain/workbook/definedNames";
import { sheetOfReference } from "../domain/workbook/snapshot";
import { planRefresh } from "../domain/summary/refreshPlan";
import { scoreText } from "../domain/summary/readinessText";
import { readPoamTables } from "../formats/xlsx-read/readPoamFile";
import { applyPlanToPackage } from "../xlsx-patch/applyPlanToPackage";
import { chartNames } from "../xlsx-patch/packageCharts";
import { WorkbookPackage } from "../xlsx-patch/workbookPackage";
import { UsageError, type CliIo } from "./io";
import { replaceWorkbookFile } from "./replaceFile";
import { authorOf, changeTime, openWorkbookFile, tableOf, patchedOrRefused } from "./workbookFile";

/** Refreshes the workbook's Summary; returns the exit code (0). */
export async function refreshFile(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { author: { type: "string" }, "no-backup": { type: "boolean" } },
  });
  if (positionals.length !== 1) throw new UsageError("poam refresh needs exactly one POAM.xlsx.");
  const [name] = positionals;
  const { file, bytes, workbook } = await openWorkbookFile(name, io);
  const summarySheet = sheetOfReference(workbook.definedNames.get(NAME.summary) ?? "");
  if (!summarySheet) throw new UsageError(`${name} has no Summary sheet (the name ${NAME.summary} is missing); run "poam setup ${name}" first.`);
  const pkg = await WorkbookPackage.load(bytes);
  const today = io.today();
  const refresh = planRefresh({
    data: workbook.data,
    history: tableOf(workbook, "History"),
    summarySheet,
    existingCharts: await chartNames(pkg.zip, await pkg.sheetPath(summarySheet)),
    who: authorOf(values.author),
    now: changeTime(today),
    today,
  });
  const changed = await patchedOrRefused(name, applyPlanToPackage(bytes, refresh.plan));
  const backup = values["no-backup"] !== true;
  const rowsBefore = tableOf(workbook, "History").rows.length;
  const appended = refresh.plan.ops.some((op) => op.kind === "appendRows");
  await replaceWorkbookFile(name, file, bytes, changed, {
    backup,
    verify: async (written) => {
      const history = tableOf(await readPoamTables(written), "History");
      const dates = history.rows.map((row) => row[history.headers.indexOf("Snapshot Date")]);
      const todays = dates.filter((date) => date === toSerial(refresh.figures.asOf)).length;
      if (history.rows.length !== rowsBefore + (appended ? 1 : 0) || todays !== 1) {
        throw new UsageError(`${name} could not be changed: the written copy did not read back with one History row for today; it is as it was.`);
      }
    },
  });
  const { figures } = refresh;
  io.out(
    [
      `${refresh.replaced ? "Today's History row was updated" : "A History row was added"} for ${figures.asOf}, and the charts redrawn.`,
      `Open: ${figures.open}; overdue: ${figures.overdue}; due soon: ${figures.dueSoon}; SPRS score ${scoreText(figures.readiness)}.`,
      `Wrote ${name}${backup ? `; the previous version is ${name}.bak` : ""}.`,
    ].join("\n"),
  );
  return 0;
}
