/**
 * The workbook actions the task pane uses, implemented with Office.js. Each
 * action is one `Excel.run`; every failure reaches the pane as a PoamError.
 */
import { planSetup } from "../domain/planSetup";
import type { WorkbookActions } from "../domain/ports";
import { workbookStatus } from "../domain/workbookStatus";
import { applyPlan } from "./applyPlan";
import { withPoamErrors } from "./errors";
import { importScan, previewImport } from "./importScan";
import { addFinding, addPerson, loadPaneContext, readSelectedItem, updateItem } from "./itemActions";
import { readSnapshot } from "./readSnapshot";
import { addFedrampSheets, importFedramp, previewFedrampImport } from "./exports";
import { readPoamData, readSummary, refreshSummary } from "./summary";
import { localToday } from "../domain/dates";
import type { ExcelRunner } from "./runner";

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
        return { summary: plan.summary };
      }),
    loadContext: () => act(loadPaneContext),
    addFinding: (draft, who) => act((context) => addFinding(context, draft, { who, now: clock() })),
    readSelection: () => act(readSelectedItem),
    updateItem: (update, who) => act((context) => updateItem(context, update, { who, now: clock() })),
    addPerson: (person, who) => act((context) => addPerson(context, person, { who, now: clock() })),
    previewImport: (scan, options) => act((context) => previewImport(context, scan, options)),
    importScan: (scan, options, who, progress) => act((context) => importScan(context, scan, options, { who, now: clock() }, progress)),
    readSummary: () => act((context) => readSummary(context, localToday(clock()))),
    refreshSummary: (who) => act((context) => refreshSummary(context, { who, now: clock() })),
    readPoam: () => act(readPoamData),
    addFedrampSheets: () => act((context) => addFedrampSheets(context, localToday(clock()))),
    previewFedrampImport: (workbook) => act((context) => previewFedrampImport(context, workbook, localToday(clock()))),
    importFedramp: (workbook, who, run) => act((context) => importFedramp(context, workbook, { who, now: clock() }, run)),
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
