/**
 * What reading an existing POA&M yields, whatever file it came from (the
 * FedRAMP template, its CSV form or an eMASS export): the items and
 * milestones, and everything the preview must tell a person about the rows
 * and columns it could not carry over exactly.
 */
import type { IsoDate } from "../core/dates";
import type { Finding, Milestone } from "./records";

/** A workbook as cells by A1 address: what `readXlsx` returns, or the open workbook's values. */
export interface CellsWorkbook {
  readonly sheets: readonly { readonly name: string; readonly cells: ReadonlyMap<string, { readonly value: unknown }> }[];
  /**
   * The requirement a person chose in the preview for an item whose 800-53
   * Controls several requirements fit, by `choiceKey(sheet, row)`.
   */
  readonly chosenRequirements?: ReadonlyMap<string, string>;
}

/** The key of a row's requirement choice in `CellsWorkbook.chosenRequirements`; rows count from 1. */
export const choiceKey = (sheet: string, row: number) => `${sheet}\u0000${row}`;

/** An item whose NIST SP 800-53 Controls several 800-171 requirements fit: the proposed one first. */
export interface RequirementChoice {
  readonly sheet: string;
  readonly row: number;
  readonly id: string;
  readonly controls: string;
  readonly candidates: readonly string[];
  readonly requirement: string;
}

/** The template's header block: CSP, System Name, Impact Level, POAM Date. */
export interface FedrampDetails {
  readonly csp?: string;
  readonly systemName?: string;
  readonly impactLevel?: string;
  readonly poamDate?: IsoDate;
}

export interface UnmappedColumn {
  readonly column: string;
  readonly reason: string;
}

/** A row that was left out; rows count from 1, as Excel shows them. */
export interface SkippedRow {
  readonly sheet: string;
  readonly row: number;
  readonly reason: string;
}

export interface ImportWarning {
  readonly sheet?: string;
  readonly row?: number;
  readonly message: string;
}

export interface FedrampImport {
  readonly findings: readonly Finding[];
  readonly milestones: readonly Milestone[];
  readonly unmapped: readonly UnmappedColumn[];
  readonly skipped: readonly SkippedRow[];
  readonly warnings: readonly ImportWarning[];
  /** Values read by a rule that may not be what the file meant: a date's reading, a detector's Source, a committed date. */
  readonly guesses: readonly ImportWarning[];
  /** The columns whose values went to Comments, with how many items each. */
  readonly keptInComments: readonly { readonly column: string; readonly items: number }[];
  /** Items whose 800-53 Controls several requirements fit, for a person to choose. */
  readonly requirementChoices: readonly RequirementChoice[];
  readonly details: FedrampDetails;
}
