/**
 * Which item statuses count as closed: the `Statuses` table says so in its
 * Closed column, and a workbook without the table uses the statuses a new
 * workbook starts with. Every reader of a status (the State formula, the
 * summary maths, the validator, the scan import, the pane) asks here.
 */
import { columnRef } from "../workbook/formulaText";
import { cellText } from "./records";
import { STATUSES } from "./vocabulary";

/** Statuses compared as the sheet compares them: case and surrounding spaces ignored. */
const statusKey = (status: unknown) => cellText(status).trim().toLowerCase();

export type ClosedStatuses = ReadonlySet<string>;

/** The closed statuses of a new workbook: Completed and Closed. */
export const DEFAULT_CLOSED_STATUSES: ClosedStatuses = new Set(STATUSES.filter((s) => s.closed).map((s) => statusKey(s.status)));

/**
 * The closed statuses the `Statuses` table names ("Yes" in its Closed
 * column), from its header and data rows; a new workbook's when the table
 * lacks either column.
 */
export function closedStatusesOfTable(headers: readonly unknown[], rows: readonly (readonly unknown[])[]): ClosedStatuses {
  const status = headers.indexOf("Status");
  const closed = headers.indexOf("Closed");
  if (status < 0 || closed < 0) return DEFAULT_CLOSED_STATUSES;
  return new Set(rows.filter((row) => statusKey(row[closed]) === "yes" && statusKey(row[status]) !== "").map((row) => statusKey(row[status])));
}

/** Whether `status` counts as closed. */
export function isClosedStatus(status: string | undefined, closed: ClosedStatuses = DEFAULT_CLOSED_STATUSES): boolean {
  const key = statusKey(status);
  if (key === "") return false;
  for (const name of closed) if (statusKey(name) === key) return true;
  return false;
}

/** `isClosedStatus` as a formula over the cell `status`, reading the workbook's `Statuses` table. */
export function isClosedStatusFormula(status: string): string {
  return (
    `AND(TRIM(${status})<>"",` +
    `SUMPRODUCT((TRIM(${columnRef("Statuses", "Status")})=TRIM(${status}))*(TRIM(${columnRef("Statuses", "Closed")})="Yes"))>0)`
  );
}
