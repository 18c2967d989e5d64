/** A POA&M item as the pane shows and changes it. */
import type { IsoDate } from "../core/dates";
import type { ClosedStatuses } from "./closedStatuses";
import type { DuplicateId } from "./poamIds";
import type { Finding, Milestone, Person } from "./records";
import type { FindingDraft } from "./validateFinding";

export interface StoredMilestone extends Milestone {
  /** Zero-based data row in the Milestones table. */
  readonly row: number;
  readonly state?: string;
}

/** What the workbook's formulas computed for an item. */
export interface ItemFigures {
  readonly family?: string;
  readonly targetDate?: IsoDate;
  readonly dueDate?: IsoDate;
  readonly daysOpen?: number;
  readonly daysLeft?: number;
  readonly state?: string;
  readonly sprsPoints?: number;
  readonly cmmcPoamOk?: string;
}

export interface ItemView {
  readonly finding: Partial<Finding> & { readonly id: string };
  /** Zero-based data row in the Poam table. */
  readonly row: number;
  readonly figures: ItemFigures;
  readonly milestones: readonly StoredMilestone[];
  /** Other data rows holding the same ID, if any. */
  readonly duplicateRows: readonly number[];
}

/**
 * A change to an item as it crosses the port: the form's draft, the same
 * shape adding an item sends. Its milestones are the stored ones in their
 * order (any newly marked done) followed by the ones added.
 */
export interface ItemUpdate {
  readonly id: string;
  /** Where the item was when it was read; the adapter checks it still is. */
  readonly row: number;
  readonly draft: FindingDraft;
}

/** The lists and people the forms offer, read from the workbook's Settings tables. */
export interface PaneContext {
  readonly people: readonly Person[];
  readonly itemTypes: readonly string[];
  readonly sources: readonly string[];
  readonly priorities: readonly string[];
  readonly statuses: readonly string[];
  readonly duplicates: readonly DuplicateId[];
  /** The statuses that count as closed (a new workbook's when not read). */
  readonly closedStatuses?: ClosedStatuses;
  /** The Controls sheet's status of each requirement, for the CMMC POA&M eligibility rule. */
  readonly controlStatuses?: Readonly<Record<string, string>>;
}

export interface AddResult {
  readonly id: string;
  /** Set when another item took the ID first and this one was given the next free ID. */
  readonly renumberedFrom?: string;
}
