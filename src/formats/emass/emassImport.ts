/**
 * The DoD eMASS POA&M export (the "POA&M" sheet: a header block, then the
 * column headers on about row 7 and one item per row, further milestones on
 * the rows under their item) read as a POA&M in the FedRAMP template's
 * layout, so that `readFedrampPoam` reads it with the same preview, guesses
 * and unmapped-column report. Each eMASS column goes to the template column
 * (or the POA&M column) that holds the same thing; the rest keep their own
 * headers, so their values go to the item's Comments.
 */
import { cellAddress, columnIndex } from "../../domain/core/a1";
import { FEDRAMP_SHEETS } from "../fedramp/fedramp";
import { cellText } from "../../domain/poam/records";
import { findDate } from "../fedramp/milestoneText";
import type { CellsWorkbook } from "../../domain/poam/migration";

/** eMASS headers (as the export writes them, spacing and case aside) and the column each becomes. */
export const EMASS_COLUMNS: Readonly<Record<string, string>> = {
  "POA&M Item ID": "POAM ID",
  "Control Vulnerability Description": "Weakness Description",
  "Security Control Number (NC/NA controls only)": "Controls",
  "Office/Org": "Point of Contact",
  "Security Checks": "Weakness Source Identifier",
  "Resources Required": "Resources Required",
  "Scheduled Completion Date": "Scheduled Completion Date",
  "Milestone with Completion Dates": "Planned Milestones",
  "Milestone Changes": "Milestone Changes",
  "Source Identifying Vulnerability": "Weakness Detector Source",
  Status: "Status",
  Comments: "Comments",
  Mitigations: "Interim Mitigation",
  Severity: "Original Risk Rating",
  "Residual Risk Level": "Residual Risk",
  Recommendations: "Overall Remediation Plan",
};

/** eMASS's five-step Severity on the template's scale (Very High is our Critical). */
const SEVERITY: Readonly<Record<string, string>> = { "very high": "Critical", high: "High", moderate: "Moderate", low: "Low", "very low": "Low" };
/** The STIG category in Raw Severity, used when Severity is empty. */
const RAW_SEVERITY: Readonly<Record<string, string>> = { i: "High", "cat i": "High", ii: "Moderate", "cat ii": "Moderate", iii: "Low", "cat iii": "Low" };
/** eMASS statuses as POA&M statuses; "Completed 11/13/2018" also gives the completion date. */
const STATUS: Readonly<Record<string, string>> = { ongoing: "Open", completed: "Completed", "risk accepted": "Risk Accepted", "not applicable": "Closed", archived: "Closed" };

/** The title the template wants and eMASS lacks: the description's first line, without "Rule Title:". */
const TITLE_LENGTH = 150;

const HEADER_SEARCH_ROWS = 30;
const HEADER_MIN_MATCHES = 3;
/** The eMASS template's own worked example. */
const EXAMPLE_SHEET = "example";

const normal = (value: unknown) => cellText(value).normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase();
const COLUMN_BY_NORMAL = new Map(Object.entries(EMASS_COLUMNS).map(([header, to]) => [normal(header), to]));
/** Headers the FedRAMP layout does not have, which tell an eMASS header row from the template's. */
const EMASS_ONLY = new Set(
  Object.keys(EMASS_COLUMNS)
    .filter((h) => !["Resources Required", "Scheduled Completion Date", "Milestone Changes", "Status", "Comments"].includes(h))
    .map(normal),
);

type Sheet = CellsWorkbook["sheets"][number];

function rowsOf(sheet: Sheet): Map<number, Map<number, unknown>> {
  const rows = new Map<number, Map<number, unknown>>();
  for (const [address, cell] of sheet.cells) {
    const match = /^([A-Za-z]{1,3})(\d+)$/.exec(address);
    if (!match || cellText(cell.value).trim() === "") continue;
    const row = Number(match[2]) - 1;
    rows.set(row, (rows.get(row) ?? new Map<number, unknown>()).set(columnIndex(match[1]), cell.value));
  }
  return rows;
}

function headerRowOf(rows: Map<number, Map<number, unknown>>): number | undefined {
  for (let row = 0; row < HEADER_SEARCH_ROWS; row++) {
    const known = [...(rows.get(row)?.values() ?? [])].filter((v) => EMASS_ONLY.has(normal(v)));
    if (known.length >= HEADER_MIN_MATCHES) return row;
  }
  return undefined;
}

/** Whether a sheet of `workbook` other than the example is an eMASS POA&M. */
export function isEmassPoam(workbook: CellsWorkbook): boolean {
  return workbook.sheets.some((sheet) => normal(sheet.name) !== EXAMPLE_SHEET && headerRowOf(rowsOf(sheet)) !== undefined);
}

/**
 * The eMASS POA&M sheet of `workbook` as an "Open POA&M Items" sheet in the
 * template's layout, each item on the row it had, so that notes name the
 * rows a user sees in the eMASS file. The template's example sheet is left out.
 */
export function emassAsFedramp(workbook: CellsWorkbook): CellsWorkbook {
  const cells = new Map<string, { value: unknown }>();
  // The first eMASS sheet: an export has one.
  for (const sheet of workbook.sheets) {
    if (normal(sheet.name) === EXAMPLE_SHEET) continue;
    const rows = rowsOf(sheet);
    const headerRow = headerRowOf(rows);
    if (headerRow === undefined) continue;
    const header = rows.get(headerRow) ?? new Map<number, unknown>();
    const dataRows = [...rows.keys()].filter((r) => r > headerRow).sort((a, b) => a - b);
    // A header written twice (the export repeats Control Vulnerability Description) is read where it has data.
    const filled = (column: number) => dataRows.filter((r) => rows.get(r)?.has(column)).length;
    const columns = new Map<string, number>();
    for (const [column, value] of [...header].sort(([a], [b]) => a - b)) {
      const name = COLUMN_BY_NORMAL.get(normal(value)) ?? cellText(value).trim();
      const seen = columns.get(name);
      if (seen === undefined || filled(column) > filled(seen)) columns.set(name, column);
    }
    const out = [...columns.keys(), "Weakness Name", "Completed On", "eMASS Status"];
    const at = (row: number, column: number, value: unknown) => {
      if (value !== undefined && value !== "") cells.set(cellAddress({ row, column }), { value });
    };
    out.forEach((name, column) => at(headerRow, column, name));
    const index = (name: string) => out.indexOf(name);
    let last: number | undefined;
    for (const row of dataRows) {
      const values = rows.get(row) as Map<number, unknown>;
      const get = (name: string) => (columns.has(name) ? values.get(columns.get(name) as number) : undefined);
      const own = cellText(get("POAM ID")).trim() !== "" || cellText(get("Weakness Description")).trim() !== "";
      if (!own && last !== undefined) {
        // A row with only milestones continues the item above it.
        for (const name of ["Planned Milestones", "Milestone Changes"]) {
          const more = cellText(get(name)).trim();
          if (more === "") continue;
          const address = cellAddress({ row: last, column: index(name) });
          const before = cellText(cells.get(address)?.value).trim();
          cells.set(address, { value: before === "" ? more : `${before}\n${more}` });
        }
        continue;
      }
      last = row;
      for (const [name, column] of columns) {
        let value = values.get(column);
        if (name === "Original Risk Rating") value = SEVERITY[normal(value)] ?? value;
        if (name === "Status") continue;
        at(row, index(name), value);
      }
      if (get("Original Risk Rating") === undefined) {
        const raw = [...columns].find(([name]) => normal(name) === "raw severity");
        const rating = raw && RAW_SEVERITY[normal(values.get(raw[1]))];
        if (rating) at(row, index("Original Risk Rating"), rating);
      }
      const description = cellText(get("Weakness Description")).replace(/\r\n?/g, "\n").trim();
      const first = (description.split("\n").find((line) => line.trim() !== "") ?? "").replace(/^\s*rule title:\s*/i, "").trim();
      at(row, index("Weakness Name"), first.length > TITLE_LENGTH ? `${first.slice(0, TITLE_LENGTH - 1)}…` : first);
      const status = cellText(get("Status")).trim();
      const word = /^[A-Za-z ]+?(?=\s*(?:\d|$))/.exec(status)?.[0] ?? status;
      const mapped = STATUS[normal(word)];
      at(row, index("Status"), mapped ?? status);
      const done = findDate(status);
      if (done && mapped === "Completed") at(row, index("Completed On"), done.date);
      if (mapped === "Closed" || (mapped === undefined && status !== "")) at(row, index("eMASS Status"), status);
    }
    break;
  }
  return { sheets: [{ name: FEDRAMP_SHEETS.open, cells }] };
}

/** The workbook to migrate: an eMASS POA&M in the template's layout, any other workbook as it is. */
export function migrationWorkbook(workbook: CellsWorkbook): { readonly workbook: CellsWorkbook; readonly layout: "FedRAMP" | "eMASS" } {
  return isEmassPoam(workbook) ? { workbook: emassAsFedramp(workbook), layout: "eMASS" } : { workbook, layout: "FedRAMP" };
}
