/**
 * A new workbook file whose Summary has been refreshed once, as the add-in's
 * Refresh would leave it: a History row for the day, the charts and the
 * refreshed lists. Used for the demo, so it opens with all of them.
 */
import { toSerial, type IsoDate } from "../domain/core/dates";
import { NAME } from "../domain/workbook/definedNames";
import type { WorkbookPlan } from "../domain/workbook/plan";
import { poamDataFromTables, tablesOfPlan, type TableValues } from "../domain/poam/poamData";
import { planRefresh } from "../domain/summary/refreshPlan";
import { sheetOfReference } from "../domain/workbook/snapshot";
import { writeWorkbookFile } from "./writeWorkbookFile";

/** The .xlsx bytes of `setup` (a plan for a new workbook) followed by a refresh on `today` at 09:00. */
export async function writeRefreshedWorkbookFile(setup: WorkbookPlan, today: IsoDate, who: string): Promise<Buffer> {
  const tables = tablesOfPlan(setup);
  const history = tables.find((table) => table.name === "History") as TableValues;
  const summaryName = setup.ops.find((op) => op.kind === "defineName" && op.name === NAME.summary);
  const summarySheet = summaryName?.kind === "defineName" ? sheetOfReference(summaryName.formula) : undefined;
  if (!summarySheet) throw new Error("The plan does not create the Summary sheet");
  const refresh = planRefresh({
    data: poamDataFromTables(tables),
    history,
    summarySheet,
    existingCharts: [],
    who,
    now: toSerial(today) + 9 / 24,
    today,
  });
  return writeWorkbookFile({ ops: [...setup.ops, ...refresh.plan.ops] });
}
