/**
 * What the task pane may ask of the workbook. The Excel adapter implements it
 * with Office.js; tests and the browser suite use in-memory implementations.
 */
import type { ClippedCell } from "./core/limitCellText";
import type { PoamData } from "./poam/poamData";
import type { AddResult, ItemUpdate, ItemView, PaneContext } from "./poam/items";
import type { SetupChanges } from "./workbook/planSetup";
import type { Person } from "./poam/records";
import type { ImportOptions, ImportPlan } from "./scan/planImport";
import type { FindingDraft } from "./poam/validateFinding";
import type { WorkbookStatus } from "./workbook/workbookStatus";
import type { ParsedScan } from "./scan/scanTypes";
import type { CellsWorkbook, FedrampImport } from "./poam/migration";
import type { SummaryFigures } from "./summary/summarise";

export type SetupStep = "reading" | "writing" | "done";

export interface SetupResult {
  readonly changes: SetupChanges;
}

export interface WorkbookActions {
  /** Reads the workbook and says whether it is a POA&M. Changes nothing. */
  inspect(): Promise<WorkbookStatus>;
  /** Sets the workbook up as a POA&M, or upgrades it; safe to run again. */
  setUp(onStep?: (step: SetupStep) => void): Promise<SetupResult>;
  /** The people and lists the forms offer, and any duplicate POA&M IDs. */
  loadContext(): Promise<PaneContext>;
  /** Adds a finding as the next free POA&M ID; `who` is recorded in the Change Log. */
  addFinding(draft: FindingDraft, who: string): Promise<AddResult>;
  /** The item at the selection, or null when the selection is not on one. */
  readSelection(): Promise<ItemView | null>;
  /** Stores a changed item and its milestones, logging each change. */
  updateItem(update: ItemUpdate, who: string): Promise<ItemView>;
  /** Adds a person to Settings > People. */
  addPerson(person: Person, who: string): Promise<void>;
  /** Calls back whenever the selection in the workbook changes; resolves to a function that stops it. */
  watchSelection(onChange: () => void): Promise<() => void>;
  /** What importing a parsed scan would do. Changes nothing. */
  previewImport(scan: ParsedScan, options: ImportOptions): Promise<ImportPlan>;
  /** Imports a parsed scan; `who` is recorded in the Change Log. */
  importScan(scan: ParsedScan, options: ImportOptions, who: string, run?: ImportRun): Promise<ImportResult>;
  /** The Summary's figures, worked out from the records, and when it was last refreshed. Changes nothing. */
  readSummary(): Promise<SummaryStatus>;
  /** Records a History snapshot, redraws the charts and rewrites the Summary's refreshed lists. */
  refreshSummary(who: string): Promise<SummaryRefresh>;
  /** The POA&M's records, for the exports. Changes nothing. */
  readPoam(): Promise<PoamData>;
  /** Adds the FedRAMP template's open and closed item sheets, filled from the POA&M. */
  addFedrampSheets(): Promise<FedrampSheetsResult>;
  /** What reading a FedRAMP-layout POA&M into this one would add. Changes nothing. */
  previewFedrampImport(workbook: CellsWorkbook): Promise<FedrampImport>;
  /** Adds the items and milestones of a FedRAMP-layout POA&M; `who` is recorded in the Change Log. */
  importFedramp(workbook: CellsWorkbook, who: string, run?: ImportRun): Promise<MigrationResult>;
}

export interface FedrampSheetsResult {
  /** The names the two sheets got. */
  readonly open: string;
  readonly closed: string;
  readonly openItems: number;
  readonly closedItems: number;
  /** Cells whose text was longer than Excel holds, clipped with a marker. */
  readonly clipped: readonly ClippedCell[];
  readonly syncs: number;
}

export interface MigrationResult {
  /** IDs of the items added, in order. */
  readonly added: readonly string[];
  readonly milestones: number;
  readonly syncs: number;
}

export interface SummaryStatus {
  readonly figures: SummaryFigures;
  /** "2026-11-23 14:05", or undefined before the first refresh. */
  readonly lastRefreshed?: string;
}

export interface SummaryRefresh {
  readonly figures: SummaryFigures;
  /** The History row recorded, by column. */
  readonly snapshot: Readonly<Record<string, string | number>>;
  /** Whether it replaced an earlier snapshot of the same date. */
  readonly replaced: boolean;
  /** The moment recorded as "Last refreshed". */
  readonly refreshedAt: Date;
  /** Requests sent, reads included. */
  readonly syncs: number;
}

export interface ImportProgress {
  /** Item rows written so far, of `total`. */
  readonly written: number;
  readonly total: number;
}

export interface ImportRun {
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly signal?: AbortSignal;
}

export interface ImportResult {
  /** IDs of the new items, in order. */
  readonly added: readonly string[];
  readonly assetsUpdated: number;
  readonly reopened: number;
  /** Requests sent. */
  readonly syncs: number;
}

export type ThemeKind = "light" | "dark";

/** Office's light or dark theme, which the pane follows. */
export interface ThemeSource {
  current(): ThemeKind;
  /** Calls back when Office's theme changes, where the host reports it. */
  subscribe(onChange: (theme: ThemeKind) => void): void;
}
