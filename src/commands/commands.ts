/**
 * Ribbon commands that run without opening the task pane. Office loads this
 * page (the manifest's FunctionFile) and calls the function a button names.
 */
import { createExcelActions } from "../excel/createExcelActions";
import { whenOfficeReady } from "../excel/host";
import { runInExcel } from "../excel/runner";
import { browserNameStore } from "../taskpane/nameStore";

/** Recorded in History when the person has not given a name in the pane yet. */
const UNNAMED = "Ribbon command";

void whenOfficeReady().then((inExcel) => {
  if (!inExcel) return;
  const actions = createExcelActions(runInExcel);
  const refresh = async (event: Office.AddinCommands.Event) => {
    try {
      await actions.refreshSummary(browserNameStore.get() || UNNAMED);
    } catch (error) {
      // A function command has no surface to show a message on; the pane's refresh shows the same failures in words.
      console.error(error);
    } finally {
      event.completed();
    }
  };
  Office.actions.associate("refreshSummary", (event: Office.AddinCommands.Event) => {
    void refresh(event);
  });
});
