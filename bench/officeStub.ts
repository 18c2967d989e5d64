/**
 * Stands in for Office.js when the benchmark opens the production task pane
 * in Chromium: Office says it runs in Excel, and Excel.run works on the
 * in-memory workbook of test/support/fakeExcel.ts. The workbook is blank, so
 * the pane's first meaningful render is Home offering to set up a POA&M.
 */
import { fakeExcel, FakeWorkbook } from "../test/support/fakeExcel";

const excel = fakeExcel(new FakeWorkbook());

Object.assign(window, {
  Office: {
    HostType: { Excel: "Excel" },
    EventType: { OfficeThemeChanged: "officeThemeChanged" },
    onReady: () => Promise.resolve({ host: "Excel", platform: "OfficeOnline" }),
    context: { document: { addHandlerAsync: () => undefined } },
  },
  Excel: {
    run: (_options: unknown, batch: (context: Excel.RequestContext) => Promise<unknown>) => excel.run(batch),
  },
});
