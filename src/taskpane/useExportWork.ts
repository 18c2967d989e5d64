import { useState } from "react";
import { messageFor } from "./strings";

/** Which of the Export page's tasks is running; one at a time, so each button waits for the others. */
export type Busy = "oscal" | "fedramp" | "reading" | "importing" | undefined;

/** Runs `task` as `what`, showing its failure in the page's one error message. */
export type Work = (what: Busy, task: () => Promise<void>) => Promise<void>;

/** The Export page's shared state: the task running and the last failure. */
export function useExportWork(): { readonly busy: Busy; readonly error?: string; readonly work: Work } {
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<string>();
  const work: Work = async (what, task) => {
    setBusy(what);
    setError(undefined);
    try {
      await task();
    } catch (failure) {
      setError(messageFor(failure));
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, error, work };
}
