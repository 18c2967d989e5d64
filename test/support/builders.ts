/** Test data builders with sensible defaults. */
import { definedNames } from "../../src/domain/workbook/definedNames";
import { planSetup } from "../../src/domain/workbook/planSetup";
import { poamDataFromTables, tablesOfPlan, type PoamData } from "../../src/domain/poam/poamData";
import type { Finding, InitialData, Milestone } from "../../src/domain/poam/records";
import { EMPTY_DRAFT, type FindingDraft } from "../../src/domain/poam/validateFinding";
import { SHEETS, TABLES } from "../../src/domain/workbook/schema";
import { SETTINGS, SETTING } from "../../src/domain/workbook/settingsKeys";
import { EMPTY_WORKBOOK, type TableInfo, type WorkbookSnapshot } from "../../src/domain/workbook/snapshot";

let sequence = 0;

/** What the builders' item is: an open CMMC item on 3.1.8 owned by Dana Ortiz, which passes every item rule. */
const TYPICAL_ITEM = {
  itemType: "CMMC POA&M item",
  requirement: "3.1.8",
  weakness: "Account lockout not configured",
  source: "Self-assessment",
  discovered: "2026-11-01",
  priority: "Medium",
  status: "Open",
  owner: "Dana Ortiz",
} as const;

export function aFinding(overrides: Partial<Finding> = {}): Finding {
  sequence++;
  return { id: `POAM-2026-${String(sequence).padStart(4, "0")}`, ...TYPICAL_ITEM, ...overrides };
}

/** A form draft of the typical item. */
export function aDraft(overrides: Partial<FindingDraft> = {}): FindingDraft {
  return { ...EMPTY_DRAFT, ...TYPICAL_ITEM, ...overrides };
}

export function aMilestone(overrides: Partial<Milestone> = {}): Milestone {
  return { poamId: "POAM-2026-0001", milestone: "Configure lockout policy", dueDate: "2026-12-01", ...overrides };
}

/** A snapshot of a workbook that this version set up completely, with `rows` data rows per table. */
export function completeSnapshot(rows: Partial<Record<string, number>> = {}): WorkbookSnapshot {
  const tables: TableInfo[] = TABLES.map((table) => {
    const sheet = SHEETS.find((s) => s.key === table.sheet)?.name as string;
    const dataRows = rows[table.name] ?? table.seed?.().length ?? 1;
    return {
      name: table.name,
      sheet,
      range: { row: table.at.row, column: table.at.column, rowCount: dataRows + 1, columnCount: table.columns.length },
      headers: table.columns.map((column) => column.header),
      ...(table.keyed && { keys: SETTINGS.map((setting) => SETTING[setting.key]) }),
    };
  });
  return {
    sheets: SHEETS.map((sheet) => ({ name: sheet.name, usedRange: { row: 0, column: 0, rowCount: 10, columnCount: 40 } })),
    tables,
    names: definedNames("Summary!$A$1").map((name) => ({ name: name.name, sheet: name.name === "POAM_Summary" ? "Summary" : undefined })),
    conditionalFormats: [],
  };
}

/** The POA&M a new workbook built from `initial` holds, read back as the add-in reads it (without a file). */
export function poamDataOf(initial: InitialData): PoamData {
  return poamDataFromTables(tablesOfPlan(planSetup(EMPTY_WORKBOOK, initial)));
}
