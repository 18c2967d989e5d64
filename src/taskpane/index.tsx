/**
 * The task pane's composition root: waits for Office, then renders the pane
 * with the Excel-backed workbook actions and Office's theme.
 */
import { createRoot } from "react-dom/client";
import { createExcelActions } from "../excel/createExcelActions";
import { officeThemeSource, whenOfficeReady } from "../excel/host";
import { runInExcel } from "../excel/runner";
import { App } from "./App";
import { browserNameStore } from "./nameStore";
import { STRINGS } from "./strings";

const container = document.getElementById("root");
if (!container) throw new Error("The task pane page has no #root element");
const root = createRoot(container);

void whenOfficeReady().then((inExcel) => {
  root.render(
    inExcel ? <App actions={createExcelActions(runInExcel)} theme={officeThemeSource()} names={browserNameStore} /> : <p>{STRINGS.notInExcel}</p>,
  );
});
