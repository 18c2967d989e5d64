/**
 * What an import changes in items already tracked: new hosts in Assets, and
 * (when asked) a closed item the scan finds again set back to Open with a
 * note in Comments; Updated is set to the import's day on each. The pane's
 * import and `poam import` write the same edits and log the same changes.
 */
import type { IsoDate } from "../core/dates";
import { toSerial } from "../core/dates";
import type { Change } from "../poam/changeLog";
import { cellText } from "../poam/records";
import type { Cell } from "../workbook/plan";
import { reopenComment, type ExistingItem, type ImportPlan } from "./planImport";

/** The columns of the Poam table an import reads, by header. */
export const TRACKED_COLUMNS = ["POA&M ID", "Source Ref", "Status", "Assets", "Comments", "Updated"] as const;

/** The items an import can match: those with a Source Ref, from the tracked columns' values (one list per column, in TRACKED_COLUMNS order). */
export function trackedItems([ids, refs, statuses, assets, comments]: readonly (readonly unknown[])[]): ExistingItem[] {
  return ids.flatMap((id, row): ExistingItem[] =>
    cellText(refs[row]).trim() === ""
      ? []
      : [{ row, id: cellText(id), sourceRef: cellText(refs[row]), status: cellText(statuses[row]), assets: cellText(assets[row]), comments: cellText(comments[row]) }],
  );
}

/** One tracked item's changed cells, by header, and what they held before. */
export interface ItemEdit {
  readonly row: number;
  readonly cells: Readonly<Record<string, Cell>>;
  readonly old: Readonly<Record<string, Cell>>;
}

/** The edits `plan` makes to tracked items; `updated` is each data row's Updated cell as stored. */
export function importEdits(plan: ImportPlan, existing: readonly ExistingItem[], updated: readonly unknown[], today: IsoDate): { edits: ItemEdit[]; changes: Change[] } {
  const edits: ItemEdit[] = [];
  const changes: Change[] = [];
  const reopened = plan.options.reopen ? plan.reappeared : [];
  for (const row of new Set([...plan.assetUpdates.map((u) => u.row), ...reopened.map((r) => r.row)])) {
    const before = existing.find((item) => item.row === row) as ExistingItem;
    const update = plan.assetUpdates.find((u) => u.row === row);
    const reopen = reopened.find((r) => r.row === row);
    const cells: Record<string, Cell> = { Updated: toSerial(today) };
    const old: Record<string, Cell> = { Updated: (updated[row] as Cell) ?? "" };
    if (update) {
      cells.Assets = update.assets;
      old.Assets = before.assets;
      changes.push({ id: before.id, field: "Assets", oldValue: before.assets, newValue: update.assets });
    }
    if (reopen) {
      cells.Status = "Open";
      cells.Comments = reopenComment(before.comments, plan.options);
      old.Status = before.status;
      old.Comments = before.comments;
      changes.push({ id: before.id, field: "Status", oldValue: before.status, newValue: "Open" });
    }
    edits.push({ row, cells, old });
  }
  return { edits, changes };
}
