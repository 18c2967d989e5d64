/** Renders the task pane against the real Excel actions running on a fake workbook. */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ThemeSource, WorkbookActions } from "../../src/domain/ports";
import { createExcelActions } from "../../src/excel/createExcelActions";
import { App } from "../../src/taskpane/App";
import { memoryNameStore } from "../../src/taskpane/nameStore";
import { fakeExcel, FakeWorkbook } from "./fakeExcel";

export const lightTheme: ThemeSource = { current: () => "light", subscribe: () => undefined };

/** A workbook set up as a POA&M, with Dana Ortiz and Sam Patel in People. */
export async function poamModel(): Promise<FakeWorkbook> {
  const model = new FakeWorkbook();
  const actions = createExcelActions(fakeExcel(model).run);
  await actions.setUp();
  await actions.addPerson({ name: "Dana Ortiz", role: "IT Manager" }, "Setup");
  await actions.addPerson({ name: "Sam Patel", role: "Security Lead" }, "Setup");
  return model;
}

type PaneOptions = { who?: string; wrap?: (actions: WorkbookActions) => WorkbookActions };

/**
 * A user at the pane rendered over `model`, on the tab named `tab` once the
 * heading `heading` shows: where most pane tests start.
 */
export async function paneOn(model: FakeWorkbook, tab: string, heading: string | RegExp, options: PaneOptions = {}) {
  const user = userEvent.setup();
  const rendered = renderPane(model, options);
  await user.click(screen.getByRole("tab", { name: tab }));
  await screen.findByRole("heading", { name: heading });
  return { user, ...rendered };
}

export function renderPane(model: FakeWorkbook, { who = "", wrap }: PaneOptions = {}) {
  const excel = fakeExcel(model);
  const base = createExcelActions(excel.run);
  const actions = wrap ? wrap(base) : base;
  const names = memoryNameStore(who);
  return { ...render(<App actions={actions} theme={lightTheme} names={names} />), excel, names, actions };
}
