/**
 * What the task pane may ask of the workbook. The Excel adapter implements it
 * with Office.js; tests and the browser suite use in-memory implementations.
 */
import type { SetupSummary } from "./planSetup";
import type { WorkbookStatus } from "./workbookStatus";

export type SetupStep = "reading" | "writing" | "done";

export interface SetupResult {
  readonly summary: SetupSummary;
}

export interface WorkbookActions {
  /** Reads the workbook and says whether it is a POA&M. Changes nothing. */
  inspect(): Promise<WorkbookStatus>;
  /** Sets the workbook up as a POA&M, or upgrades it; safe to run again. */
  setUp(onStep?: (step: SetupStep) => void): Promise<SetupResult>;
}

export type ThemeKind = "light" | "dark";

/** Office's light or dark theme, which the pane follows. */
export interface ThemeSource {
  current(): ThemeKind;
  /** Calls back when Office's theme changes, where the host reports it. */
  subscribe(onChange: (theme: ThemeKind) => void): void;
}
