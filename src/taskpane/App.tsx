import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { ThemeKind, ThemeSource, WorkbookActions } from "../domain/ports";
import { Home } from "./Home";
import { WorkbookActionsProvider } from "./WorkbookActionsContext";

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

export interface AppProps {
  readonly actions: WorkbookActions;
  readonly theme: ThemeSource;
}

/** The task pane: one FluentProvider that follows Office's theme. */
export function App({ actions, theme }: AppProps) {
  const styles = useStyles();
  const [kind, setKind] = useState<ThemeKind>(() => theme.current());
  useEffect(() => theme.subscribe(setKind), [theme]);
  return (
    <FluentProvider theme={kind === "dark" ? webDarkTheme : webLightTheme}>
      <WorkbookActionsProvider value={actions}>
        <main className={styles.root}>
          <Home />
        </main>
      </WorkbookActionsProvider>
    </FluentProvider>
  );
}
