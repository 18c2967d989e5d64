/** POA&M IDs: `POAM-YYYY-NNNN`, assigned by the add-in and never reused. */
import type { IsoDate } from "../core/dates";
import { cellText } from "./records";

const ID = /^POAM-(\d{4})-(\d{4,})$/;

/**
 * The form in which POA&M IDs are compared everywhere: surrounding spaces and
 * case ignored, as Excel's own lookups (MATCH, COUNTIF) ignore case.
 */
export function idKey(id: unknown): string {
  return cellText(id).trim().toUpperCase();
}

/** Whether two cells hold the same POA&M ID; an empty ID matches nothing. */
export function sameId(a: unknown, b: unknown): boolean {
  const key = idKey(a);
  return key !== "" && key === idKey(b);
}

/** Records grouped by the `idKey` of their item's ID, in their order; those without an ID are left out. */
export function milestonesById<M extends { readonly poamId: string }>(milestones: readonly M[]): Map<string, M[]> {
  const byItem = new Map<string, M[]>();
  for (const milestone of milestones) {
    const key = idKey(milestone.poamId);
    if (key === "") continue;
    const list = byItem.get(key);
    if (list) list.push(milestone);
    else byItem.set(key, [milestone]);
  }
  return byItem;
}

/**
 * The next free ID for `today`'s year: one more than the highest number
 * issued that year among `issued` (the POA&M's IDs and those in the Change
 * Log, so the ID of a deleted item is not given out again).
 */
export function nextPoamId(issued: Iterable<string>, today: IsoDate): string {
  return poamIdSequence(issued, today)();
}

/** A source of consecutive free IDs for `today`'s year, for adding many items at once. */
export function poamIdSequence(issued: Iterable<string>, today: IsoDate): () => string {
  const year = today.slice(0, 4);
  let highest = 0;
  for (const id of issued) {
    const match = ID.exec(idKey(id));
    if (match && match[1] === year) highest = Math.max(highest, Number(match[2]));
  }
  return () => `POAM-${year}-${String(++highest).padStart(4, "0")}`;
}

export interface DuplicateId {
  readonly id: string;
  /** Zero-based positions in the list that was checked. */
  readonly positions: readonly number[];
}

/** IDs that appear more than once, ignoring case and surrounding spaces. */
export function duplicateIds(ids: readonly unknown[]): DuplicateId[] {
  const seen = new Map<string, { id: string; positions: number[] }>();
  ids.forEach((value, position) => {
    const id = typeof value === "string" ? value.trim() : "";
    const key = idKey(id);
    if (key === "") return;
    const entry = seen.get(key) ?? { id, positions: [] };
    entry.positions.push(position);
    seen.set(key, entry);
  });
  return [...seen.values()].filter((entry) => entry.positions.length > 1);
}
