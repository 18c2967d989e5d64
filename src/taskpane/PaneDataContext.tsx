import { MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { PaneContext } from "../domain/poam/items";
import { STRINGS, messageFor } from "./strings";
import { useWorkbookActions } from "./WorkbookActionsContext";

export interface PaneData {
  readonly data?: PaneContext;
  readonly error?: string;
  /** Reads the lists and people again (after adding a person, say). */
  readonly reload: () => Promise<void>;
}

const PaneDataContext = createContext<PaneData | undefined>(undefined);

/** Reads the workbook's people and lists once for the forms, and again on request. */
export function PaneDataProvider({ children }: { readonly children: ReactNode }) {
  const actions = useWorkbookActions();
  const [data, setData] = useState<PaneContext>();
  const [error, setError] = useState<string>();
  const reload = useCallback(async () => {
    try {
      setData(await actions.loadContext());
      setError(undefined);
    } catch (failure) {
      setError(messageFor(failure));
    }
  }, [actions]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const value = useMemo(() => ({ data, error, reload }), [data, error, reload]);
  return <PaneDataContext.Provider value={value}>{children}</PaneDataContext.Provider>;
}

/** Shows `children` once the lists are read, or why they could not be (a workbook not set up, say). */
export function WhenPaneDataReady({ children }: { readonly children: ReactNode }) {
  const { data, error } = usePaneData();
  if (error) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>
    );
  }
  return data ? <>{children}</> : <Spinner size="small" label={STRINGS.checking} />;
}

export function usePaneData(): PaneData {
  const value = useContext(PaneDataContext);
  if (!value) throw new Error("usePaneData needs a PaneDataProvider above it");
  return value;
}
