/**
 * What changing an item means, worked out without the workbook: the stored
 * record and milestones against the form's draft. The Excel adapter reads
 * the stored item, asks this what to write, and writes it.
 */
import type { IsoDate } from "../core/dates";
import { PoamError } from "../core/errors";
import { ERROR_MESSAGES } from "../core/messages";
import { findingChanges, milestoneAdded, milestoneCompleted, type Change } from "./changeLog";
import type { ItemUpdate, StoredMilestone } from "./items";
import type { Finding, Milestone } from "./records";
import { findingFromDraft, milestonesFromDraft, type MilestoneDraft } from "./validateFinding";

export interface MilestoneCompletion {
  readonly milestone: StoredMilestone;
  readonly completedOn: IsoDate;
}

export interface ItemUpdatePlan {
  /** The item as it is to be stored, with today as Updated. */
  readonly desired: Finding;
  /** The fields whose value changes (Updated aside). */
  readonly fieldChanges: readonly Change[];
  /** Stored milestones the draft marks done. */
  readonly completions: readonly MilestoneCompletion[];
  /** Milestones the draft adds after the stored ones. */
  readonly additions: readonly Milestone[];
  /** Every Change Log entry, in the order they are logged: fields, completions, additions. */
  readonly changes: readonly Change[];
}

const sameText = (a: string | undefined, b: string | undefined) => (a ?? "").trim() === (b ?? "").trim();

/** Whether the draft's milestone is the stored one, as the form showed it. */
function isStored(draft: MilestoneDraft, stored: StoredMilestone): boolean {
  return sameText(draft.milestone, stored.milestone) && sameText(draft.dueDate, stored.dueDate);
}

/**
 * The stored milestones come first in the draft, in their order, as
 * `draftFromFinding` put them there; the form may mark them done, and may add
 * milestones after them. Anything else means the workbook changed since the
 * item was read.
 */
function milestoneChanges(stored: readonly StoredMilestone[], drafts: readonly MilestoneDraft[]): { completions: MilestoneCompletion[]; added: MilestoneDraft[] } {
  if (drafts.length < stored.length) throw new PoamError("itemMoved", ERROR_MESSAGES.itemMoved);
  const completions: MilestoneCompletion[] = [];
  stored.forEach((milestone, index) => {
    const draft = drafts[index];
    if (!isStored(draft, milestone)) throw new PoamError("itemMoved", ERROR_MESSAGES.itemMoved);
    const completedOn = draft.completedOn.trim();
    if (sameText(completedOn, milestone.completedOn)) return;
    if (milestone.completedOn) throw new PoamError("invalidInput", `"${milestone.milestone}" is done already; change its Completed On on the Milestones sheet.`);
    completions.push({ milestone, completedOn });
  });
  return { completions, added: drafts.slice(stored.length) };
}

/**
 * The plan for storing `update` over the item `before` and its stored
 * milestones: the fields that differ, the milestones completed and added,
 * and the Change Log entries for each. The draft is assumed valid
 * (`validateFinding`).
 */
export function planItemUpdate(before: Partial<Finding>, stored: readonly StoredMilestone[], update: ItemUpdate, today: IsoDate): ItemUpdatePlan {
  const desired = findingFromDraft(update.draft, update.id, today);
  const fieldChanges = findingChanges(before, desired);
  const { completions, added } = milestoneChanges(stored, update.draft.milestones);
  const additions = milestonesFromDraft({ ...update.draft, milestones: added }, update.id);
  return {
    desired,
    fieldChanges,
    completions,
    additions,
    changes: [...fieldChanges, ...completions.map(({ milestone, completedOn }) => milestoneCompleted(milestone, completedOn)), ...additions.map(milestoneAdded)],
  };
}
