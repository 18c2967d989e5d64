import ExcelJS from "exceljs";
import type { WorkbookPlan } from "../domain/workbook/plan";
import { EMPTY_WORKBOOK } from "../domain/workbook/snapshot";
import { applyPlanToWorkbook } from "./applyPlanToWorkbook";
import { finishPackage } from "./finishPackage";

/** A blank workbook as Excel makes one: a single empty sheet. */
export function blankWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of EMPTY_WORKBOOK.sheets) workbook.addWorksheet(sheet.name);
  workbook.calcProperties.fullCalcOnLoad = true;
  return workbook;
}

/** The .xlsx bytes of a new workbook built from `plan` (a plan for `EMPTY_WORKBOOK`). */
export async function writeWorkbookFile(plan: WorkbookPlan, creator = "POA&M Workbench"): Promise<Buffer> {
  const workbook = blankWorkbook();
  workbook.creator = creator;
  const extras = applyPlanToWorkbook(workbook, plan);
  const written = await workbook.xlsx.writeBuffer();
  return finishPackage(new Uint8Array(written), extras);
}
