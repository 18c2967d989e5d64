/**
 * Workbooks and scans of a chosen size, for counting the requests an action
 * sends: the benchmark reports the counts and test/budgets/ holds them to
 * their budgets. Everything runs on the recording fake of test/support/.
 */
import { planSetup } from "../src/domain/workbook/planSetup";
import type { Finding } from "../src/domain/poam/records";
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions } from "../src/domain/scan/planImport";
import type { ParsedScan, ScanFinding } from "../src/domain/scan/scanTypes";
import { EMPTY_WORKBOOK } from "../src/domain/workbook/snapshot";
import { applyPlan } from "../src/excel/applyPlan";
import { createExcelActions } from "../src/excel/createExcelActions";
import { aFinding } from "../test/support/builders";
import { fakeExcel, FakeWorkbook } from "../test/support/fakeExcel";

export const NOW = new Date(2026, 10, 23, 9, 0);
export const WHO = "Dana Ortiz";
export const IMPORT_OPTIONS: ImportOptions = { ...DEFAULT_IMPORT_OPTIONS, today: "2026-11-23", fileName: "scan.csv" };

const PRIORITIES = ["Critical", "High", "Medium", "Low"] as const;

/**
 * A POA&M holding `items` items, as the add-in set it up: every fourth one
 * closed, the rest open with a spread of priorities and dates, some overdue.
 */
export async function poamWithItems(items: number): Promise<FakeWorkbook> {
  const findings = findingsOf(items);
  const model = new FakeWorkbook();
  await fakeExcel(model).run((context) =>
    applyPlan(context, planSetup(EMPTY_WORKBOOK, { findings, people: [{ name: WHO, role: "IT Manager" }], settings: { asOf: "2026-11-23" } })),
  );
  return model;
}

/** `items` findings: every fourth one closed, the rest open with a spread of priorities and dates. */
export function findingsOf(items: number): Finding[] {
  return Array.from({ length: items }, (_, i) =>
    aFinding({
      id: `POAM-2026-${String(i + 1).padStart(5, "0")}`,
      weakness: `Weakness ${i + 1}: a sentence or two describing what is wrong, as an assessor writes it`,
      priority: PRIORITIES[i % 4],
      discovered: `2026-${String(1 + (i % 10)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
      sourceRef: `Tenable plugin ${200000 + i}`,
      assets: `10.1.${(i >> 8) & 255}.${i & 255}`,
      ...(i % 4 === 3 && { status: "Closed", completedOn: "2026-11-01", evidence: "Change ticket CHG-1042" }),
    }),
  );
}

/** The recording fake over `model`, and the actions running on it at a fixed time. */
export function actionsOn(model: FakeWorkbook) {
  const excel = fakeExcel(model);
  return { ...excel, actions: createExcelActions(excel.run, { clock: () => NOW }) };
}

/** A parsed scan of `count` distinct findings, one per plugin, with the text a real one carries. */
export function syntheticScan(count: number, firstPlugin = 100000): ParsedScan {
  return {
    format: "nessus-csv",
    findings: Array.from(
      { length: count },
      (_, i): ScanFinding => ({
        scanner: "Tenable",
        pluginId: String(firstPlugin + i),
        title: `Outdated component ${i} with a description long enough to look like a real plugin name`,
        severity: PRIORITIES[i % 4],
        cvss: [9.8, 7.5, 5.3, 2.1][i % 4],
        cves: [`CVE-2026-${String(10000 + i)}`],
        host: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        port: "443",
        protocol: "tcp",
        description: "The remote host runs a version of the component affected by several vulnerabilities. ".repeat(3),
        solution: "Upgrade to the latest version.",
        firstSeen: "2026-11-01",
      }),
    ),
    findingRecords: count,
    blankRows: 0,
    skippedRows: 0,
  };
}
