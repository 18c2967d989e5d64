import { EXCEL_CELL_CHARS, clipText, limitCellText } from "../../../src/domain/core/limitCellText";
import { planSetup } from "../../../src/domain/workbook/planSetup";
import type { WorkbookPlan } from "../../../src/domain/workbook/plan";
import { EMPTY_WORKBOOK } from "../../../src/domain/workbook/snapshot";
import { aFinding } from "../../support/builders";

describe("limitCellText", () => {
  it.each([
    ["exactly at the limit", EXCEL_CELL_CHARS, EXCEL_CELL_CHARS],
    ["one over", EXCEL_CELL_CHARS + 1, EXCEL_CELL_CHARS],
    ["40,000", 40_000, EXCEL_CELL_CHARS],
    ["ten million", 10_000_000, EXCEL_CELL_CHARS],
  ])("holds text %s to Excel's cell limit", (_, length, expected) => {
    const clipped = clipText("a".repeat(length));
    expect(clipped).toHaveLength(expected);
    if (length > EXCEL_CELL_CHARS) expect(clipped).toMatch(new RegExp(`\\[clipped: Excel holds 32,767 characters in a cell; this text had ${length.toLocaleString("en")}\\]$`));
  });

  it("never splits a character written as two code units", () => {
    const text = "😀".repeat(EXCEL_CELL_CHARS);
    const clipped = clipText(text);
    expect(clipped.length).toBeLessThanOrEqual(EXCEL_CELL_CHARS);
    expect(clipped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("clips every long string a plan writes, in tables, appended rows, cells and links, and says where", () => {
    const long = "x".repeat(40_000);
    const plan: WorkbookPlan = {
      ops: [
        { kind: "writeCells", sheet: "Notes", at: { row: 2, column: 1 }, cells: [["short", long], [{ text: long, location: "'POA&M'!A2" }]] },
        { kind: "appendRows", sheet: "POA&M", table: "Poam", range: { row: 0, column: 0, rowCount: 3, columnCount: 2 }, rows: [["id", long]] },
      ],
    };
    const { plan: limited, clipped } = limitCellText(plan);
    expect(clipped).toEqual([
      { cell: "Notes!C3", length: 40_000 },
      { cell: "Notes!B4", length: 40_000 },
      { cell: "'POA&M'!B4", length: 40_000 },
    ]);
    const strings = JSON.stringify(limited).match(/"[^"]*"/g) ?? [];
    expect(Math.max(...strings.map((s) => s.length - 2))).toBeLessThanOrEqual(EXCEL_CELL_CHARS);
  });

  it("clips an item's long text in a set-up plan and leaves a plan that fits as it is", () => {
    const fits = planSetup(EMPTY_WORKBOOK, { findings: [aFinding({ description: "short" })] });
    expect(limitCellText(fits)).toEqual({ plan: fits, clipped: [] });
    const long = planSetup(EMPTY_WORKBOOK, { findings: [aFinding({ description: "d".repeat(50_000) })] });
    expect(limitCellText(long).clipped).toEqual([{ cell: "'POA&M'!F2", length: 50_000 }]);
  });
});
