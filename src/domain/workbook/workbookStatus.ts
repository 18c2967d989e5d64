import { planSetup, type SetupChanges } from "./planSetup";
import type { WorkbookSnapshot } from "./snapshot";

/**
 * Whether a workbook is a POA&M: `none` when it holds none of the add-in's
 * tables, `outdated` when setting up would still add something, `ready` when
 * it is complete. Tables are found by name, so renamed sheets still count.
 */
export type WorkbookState = "none" | "outdated" | "ready";

export interface WorkbookStatus {
  readonly state: WorkbookState;
  /** What setting up (or upgrading) would add. */
  readonly pending: SetupChanges;
}

export function workbookStatus(snapshot: WorkbookSnapshot): WorkbookStatus {
  const { changes } = planSetup(snapshot);
  if (changes.isNew) return { state: "none", pending: changes };
  const adds =
    changes.createdSheets.length +
    changes.createdTables.length +
    changes.addedColumns.length +
    changes.addedSettings.length +
    changes.addedNames.length +
    (changes.updatedFormulas?.length ?? 0);
  return { state: adds > 0 ? "outdated" : "ready", pending: changes };
}

/** The status of a workbook that was just set up: complete, nothing pending. */
export function readyStatus(): WorkbookStatus {
  return {
    state: "ready",
    pending: { isNew: false, createdSheets: [], createdTables: [], addedColumns: [], addedSettings: [], addedNames: [], renamedForCollision: [] },
  };
}
