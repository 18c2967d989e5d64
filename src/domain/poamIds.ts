/** POA&M IDs: `POAM-YYYY-NNNN`, assigned by the add-in and never reused. */
import type { IsoDate } from "./dates";

const ID = /^POAM-(\d{4})-(\d{4,})$/;

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
    const match = ID.exec(id.trim());
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
    if (id === "") return;
    const key = id.toUpperCase();
    const entry = seen.get(key) ?? { id, positions: [] };
    entry.positions.push(position);
    seen.set(key, entry);
  });
  return [...seen.values()].filter((entry) => entry.positions.length > 1);
}
