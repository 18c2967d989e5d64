/**
 * The workbook actions the task pane uses, implemented with Office.js. Each
 * action is one `Excel.run`; every failure reaches the pane as a PoamError.
 */
import { planSetup } from "../domain/planSetup";
import type { WorkbookActions } from "../domain/ports";
import { workbookStatus } from "../domain/workbookStatus";
import { applyPlan } from "./applyPlan";
import { withPoamErrors } from "./errors";
import { readSnapshot } from "./readSnapshot";
import type { ExcelRunner } from "./runner";

export function createExcelActions(run: ExcelRunner): WorkbookActions {
  return {
    inspect: () =>
      withPoamErrors(() =>
        run(async (context) => {
          const { snapshot } = await readSnapshot(context);
          return workbookStatus(snapshot);
        }),
      ),
    setUp: (onStep) =>
      withPoamErrors(() =>
        run(async (context) => {
          onStep?.("reading");
          const { snapshot } = await readSnapshot(context);
          const plan = planSetup(snapshot);
          onStep?.("writing");
          await applyPlan(context, plan);
          onStep?.("done");
          return { summary: plan.summary };
        }),
      ),
  };
}
