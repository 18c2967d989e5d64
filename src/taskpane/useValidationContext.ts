import { useMemo } from "react";
import { localToday } from "../domain/core/dates";
import type { ValidationContext } from "../domain/poam/validateFinding";
import { usePaneData } from "./PaneDataContext";

/** What the item rules need to know of the workbook, as the pane last read it: today, People, closed statuses, Controls. */
export function useValidationContext(): ValidationContext {
  const { data } = usePaneData();
  const today = useMemo(() => localToday(), []);
  return useMemo(
    () => ({
      today,
      people: (data?.people ?? []).map((person) => person.name),
      closedStatuses: data?.closedStatuses,
      controlStatuses: data?.controlStatuses,
    }),
    [data, today],
  );
}
