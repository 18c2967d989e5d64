/**
 * The task pane as the browser suite drives it: the real App and the real
 * Excel actions, running on the in-memory fake workbook instead of Office.
 * `window.harness` lets the test select cells and read the workbook back.
 */
import { createRoot } from "react-dom/client";
import type { ThemeKind } from "../../src/domain/ports";
import { createExcelActions } from "../../src/excel/createExcelActions";
import { App } from "../../src/taskpane/App";
import { memoryNameStore } from "../../src/taskpane/nameStore";
import { fakeExcel, FakeWorkbook } from "../support/fakeExcel";

declare global {
  interface Window {
    harness: {
      select(sheet: string, address: string): Promise<void>;
      rows(table: string): Record<string, unknown>[];
      syncs(): number;
      ready: boolean;
    };
  }
}

async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const theme: ThemeKind = params.get("theme") === "dark" ? "dark" : "light";
  const model = new FakeWorkbook();
  if (params.get("workbook") !== "blank") {
    const setup = createExcelActions(fakeExcel(model).run);
    await setup.setUp();
    await setup.addPerson({ name: "Dana Ortiz", role: "IT Manager" }, "Setup");
    await setup.addPerson({ name: "Sam Patel", role: "Security Lead" }, "Setup");
  }
  const excel = fakeExcel(model);
  // A round trip to Excel takes time; it also lets the page draw between requests, as it does in Excel.
  excel.context.latency = 20;
  window.harness = {
    select: (sheet, address) => model.select(sheet, address),
    rows: (table) => model.table(table).rows(),
    syncs: () => excel.context.syncs,
    ready: true,
  };
  const container = document.getElementById("root") as HTMLElement;
  document.body.style.margin = "0";
  createRoot(container).render(
    <App actions={createExcelActions(excel.run)} theme={{ current: () => theme, subscribe: () => undefined }} names={memoryNameStore(params.get("who") ?? "")} />,
  );
}

void start();
