/**
 * The workbook actions the task pane uses, implemented with Office.js. Each
 * action is one `Excel.run`; every failure reaches the pane as a PoamError.
 *
 * The scan import, the summary (its maths, refresh and charts) and the
 * exports are loaded when first used, so the pane's first render does not
 * wait for them.
 */
import { localToday } from "../domain/core/dates";
import { planSetup } from "../domain/workbook/planSetup";
import type { WorkbookActions } from "../domain/ports";
import { workbookStatus } from "../domain/workbook/workbookStatus";
import { applyPlan } from "./applyPlan";
import { withPoamErrors } from "./errors";
import { addFinding, addPerson, loadPaneContext, readSelectedItem, updateItem } from "./itemActions";
import { readSnapshot } from "./readSnapshot";
import type { ExcelRunner } from "./runner";

const scanImport = () => import(/* webpackChunkName: "scan-import-actions" */ "./importScan");
const summary = () => import(/* webpackChunkName: "summary-actions" */ "./summary");
const exportActions = () => import(/* webpackChunkName: "export-actions" */ "./exports");

export interface ExcelActionOptions {
  /** The time stamped on changes; the real clock unless a test fixes it. */
  readonly clock?: () => Date;
}

export function createExcelActions(run: ExcelRunner, { clock = () => new Date() }: ExcelActionOptions = {}): WorkbookActions {
  const act = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => withPoamErrors(() => run(batch));
  return {
    inspect: () => act(async (context) => workbookStatus((await readSnapshot(context)).snapshot)),
    setUp: (onStep) =>
      act(async (context) => {
        onStep?.("reading");
        const { snapshot } = await readSnapshot(context);
        const plan = planSetup(snapshot);
        onStep?.("writing");
        await applyPlan(context, plan);
        onStep?.("done");
        return { changes: plan.changes };
      }),
    loadContext: () => act(loadPaneContext),
    addFinding: (draft, who) => act((context) => addFinding(context, draft, { who, now: clock() })),
    readSelection: () => act(readSelectedItem),
    updateItem: (update, who) => act((context) => updateItem(context, update, { who, now: clock() })),
    addPerson: (person, who) => act((context) => addPerson(context, person, { who, now: clock() })),
    previewImport: (scan, options) => act(async (context) => (await scanImport()).previewImport(context, scan, options)),
    importScan: (scan, options, who, progress) =>
      act(async (context) => (await scanImport()).importScan(context, scan, options, { who, now: clock() }, progress)),
    readSummary: () => act(async (context) => (await summary()).readSummary(context, localToday(clock()))),
    refreshSummary: (who) => act(async (context) => (await summary()).refreshSummary(context, { who, now: clock() })),
    readPoam: () => act(async (context) => (await summary()).readPoamData(context)),
    addFedrampSheets: () => act(async (context) => (await exportActions()).addFedrampSheets(context, localToday(clock()))),
    previewFedrampImport: (workbook) => act(async (context) => (await exportActions()).previewFedrampImport(context, workbook, localToday(clock()))),
    importFedramp: (workbook, who, run) => act(async (context) => (await exportActions()).importFedramp(context, workbook, { who, now: clock() }, run)),
    watchSelection: (onChange) =>
      act(async (context) => {
        // The handler stays registered for the pane's lifetime; stopping only silences it,
        // since removing it would need the registering context, which ends with this run.
        let listening = true;
        context.workbook.worksheets.onSelectionChanged.add(() => {
          if (listening) onChange();
          return Promise.resolve();
        });
        await context.sync();
        return () => {
          listening = false;
        };
      }),
  };
}
