import { createContext, useContext } from "react";
import type { WorkbookActions } from "../domain/ports";

const WorkbookActionsContext = createContext<WorkbookActions | undefined>(undefined);

export const WorkbookActionsProvider = WorkbookActionsContext.Provider;

/** The workbook actions the composition root handed to the pane. */
export function useWorkbookActions(): WorkbookActions {
  const actions = useContext(WorkbookActionsContext);
  if (!actions) throw new Error("useWorkbookActions needs a WorkbookActionsProvider above it");
  return actions;
}
