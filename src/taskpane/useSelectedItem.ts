import { useCallback, useEffect, useRef, useState } from "react";
import type { ItemView } from "../domain/poam/items";
import { messageFor } from "./strings";
import { useWorkbookActions } from "./WorkbookActionsContext";

/**
 * Selection events are collected for this long before the item is read, so a
 * person moving across the sheet with the arrow keys causes one read when they
 * stop, not one per cell.
 */
export const SELECTION_QUIET_MS = 300;

export type SelectedItemState =
  | { readonly kind: "loading" }
  | { readonly kind: "none" }
  | { readonly kind: "item"; readonly view: ItemView }
  | { readonly kind: "failed"; readonly message: string };

/** The item at the workbook's selection, read again when the selection settles somewhere new. */
export function useSelectedItem(): { state: SelectedItemState; refresh: () => Promise<void>; show: (view: ItemView) => void } {
  const actions = useWorkbookActions();
  const [state, setState] = useState<SelectedItemState>({ kind: "loading" });
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const view = await actions.readSelection();
      // A slower, older read must not replace a newer one.
      if (request === latest.current) setState(view ? { kind: "item", view } : { kind: "none" });
    } catch (error) {
      if (request === latest.current) setState({ kind: "failed", message: messageFor(error) });
    }
  }, [actions]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (() => void) | undefined;
    let mounted = true;
    void refresh();
    void actions
      .watchSelection(() => {
        clearTimeout(timer);
        timer = setTimeout(() => void refresh(), SELECTION_QUIET_MS);
      })
      .then(
        (stopWatching) => {
          if (mounted) stop = stopWatching;
          else stopWatching();
        },
        // Without selection events the item is still read on request ("Read selection again").
        () => undefined,
      );
    return () => {
      mounted = false;
      clearTimeout(timer);
      stop?.();
    };
  }, [actions, refresh]);

  const show = useCallback((view: ItemView) => {
    latest.current++;
    setState({ kind: "item", view });
  }, []);

  return { state, refresh, show };
}
