/**
 * The Summary sheet's live section: formulas that keep working without the
 * add-in, all relative to the Settings "As of" date.
 */
import type { RangeBox } from "./a1";
import { columnRef, quoted } from "./formulaText";
import { NAME } from "./names";
import type { Cell, Formula } from "./plan";
import { CMMC_ITEM, DATE_FORMAT, POAM_TABLE, type CellStyle } from "./schema";
import { PRIORITIES } from "./vocabulary";

export interface SummaryFormat {
  readonly range: RangeBox;
  readonly numberFormat?: string;
  readonly style?: CellStyle & { readonly fontSize?: number };
}

export interface SummaryLayout {
  /** Cells from A1 down. */
  readonly cells: readonly (readonly Cell[])[];
  readonly formats: readonly SummaryFormat[];
  readonly widths: readonly { readonly column: number; readonly width: number }[];
}

const f = (formula: string): Formula => ({ formula });
const poam = (column: string) => columnRef(POAM_TABLE, column);
/** COUNTIFS criteria that select open items: a status is set and the state is not Closed. */
const OPEN = `${poam("Status")},"<>",${poam("State")},"<>Closed"`;

const HEADER_STYLE: CellStyle = { fill: "#1F4E79", fontColor: "#FFFFFF", bold: true };

/** Zero-based rows of the layout. */
const ROW = { title: 0, subtitle: 1, asOf: 2, byPriorityTitle: 4, byPriorityHeader: 5, firstPriority: 6 } as const;
const TOTAL_ROW = ROW.firstPriority + PRIORITIES.length;
const FIGURES_ROW = TOTAL_ROW + 2;
const COUNT_COLUMNS = ["B", "C", "D", "E", "F"];

/** The A1 row number of a zero-based row. */
const a1Row = (row: number) => row + 1;

export function summaryLayout(): SummaryLayout {
  const byPriority = PRIORITIES.map((priority, i) => {
    const label = `$A${a1Row(ROW.firstPriority + i)}`;
    const count = (criteria: string) => f(`COUNTIFS(${poam("Priority")},${label},${criteria})`);
    return [
      priority,
      count(OPEN),
      count(`${poam("State")},"Overdue"`),
      count(`${poam("State")},"Due Soon"`),
      count(`${poam("State")},"On Track"`),
      count(`${poam("State")},"Accepted"`),
    ];
  });
  const sumRange = (col: string) => `${col}${a1Row(ROW.firstPriority)}:${col}${a1Row(TOTAL_ROW - 1)}`;

  const cells: Cell[][] = [
    ["POA&M Summary"],
    [
      f(
        `IF(${NAME.organisation}="","Set the organisation and system name on the Settings sheet.",` +
          `${NAME.organisation}&IF(${NAME.systemName}="",""," - "&${NAME.systemName}))`,
      ),
    ],
    ["As of", f(NAME.reportDate)],
    [],
    ["Open items by priority"],
    ["Priority", "Open", "Overdue", "Due Soon", "On Track", "Risk Accepted"],
    ...byPriority,
    ["Total", ...COUNT_COLUMNS.map((col) => f(`SUM(${sumRange(col)})`))],
    [],
    ["SPRS score", f(`110-SUM(${columnRef("Controls", "Points Lost")})`)],
    ["Requirements not yet assessed", f(`COUNTBLANK(${columnRef("Controls", "Status")})`)],
    [
      "CMMC items on requirements not allowed on a POA&M",
      f(
        `COUNTIFS(${poam("CMMC POA&M OK")},"No",${poam("Item Type")},${quoted(CMMC_ITEM)},${OPEN})` +
          `+COUNTIFS(${poam("CMMC POA&M OK")},"No",${poam("Item Type")},"",${OPEN})`,
      ),
    ],
  ];

  const box = (row: number, column: number, rowCount = 1, columnCount = 1): RangeBox => ({ row, column, rowCount, columnCount });
  return {
    cells,
    formats: [
      { range: box(ROW.title, 0), style: { bold: true, fontSize: 16, fontColor: "#1F4E79" } },
      { range: box(ROW.asOf, 1), numberFormat: DATE_FORMAT },
      { range: box(ROW.byPriorityTitle, 0), style: { bold: true } },
      { range: box(ROW.byPriorityHeader, 0, 1, 6), style: HEADER_STYLE },
      { range: box(TOTAL_ROW, 0, 1, 6), style: { bold: true } },
      { range: box(FIGURES_ROW, 0, 3, 1), style: { bold: true } },
    ],
    widths: [{ column: 0, width: 44 }, ...[1, 2, 3, 4, 5].map((column) => ({ column, width: 12 }))],
  };
}
