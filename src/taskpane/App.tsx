import { FluentProvider, Tab, TabList, makeStyles, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { ThemeKind, ThemeSource, WorkbookActions } from "../domain/ports";
import { AddFinding } from "./AddFinding";
import { Home } from "./Home";
import { ImportScan } from "./ImportScan";
import type { NameStore } from "./nameStore";
import { PaneDataProvider, WhenPaneDataReady } from "./PaneDataContext";
import { SelectedItem } from "./SelectedItem";
import { NAV } from "./strings";
import { WhoProvider } from "./WhoContext";
import { WorkbookActionsProvider } from "./WorkbookActionsContext";

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
});

type Page = "home" | "add" | "item" | "import";

export interface AppProps {
  readonly actions: WorkbookActions;
  readonly theme: ThemeSource;
  readonly names: NameStore;
}

/** The task pane: one FluentProvider that follows Office's theme, and the pane's three sections. */
export function App({ actions, theme, names }: AppProps) {
  const styles = useStyles();
  const [kind, setKind] = useState<ThemeKind>(() => theme.current());
  const [page, setPage] = useState<Page>("home");
  const [who, setWhoState] = useState(() => names.get());
  useEffect(() => theme.subscribe(setKind), [theme]);
  const whoValue = useMemo(
    () => ({
      who,
      setWho: (name: string) => {
        names.set(name);
        setWhoState(name);
      },
    }),
    [who, names],
  );
  return (
    <FluentProvider theme={kind === "dark" ? webDarkTheme : webLightTheme}>
      <WorkbookActionsProvider value={actions}>
        <WhoProvider value={whoValue}>
          <div className={styles.root}>
            <TabList size="small" selectedValue={page} onTabSelect={(_, data) => setPage(data.value as Page)} aria-label={NAV.label}>
              <Tab value="home">{NAV.home}</Tab>
              <Tab value="add">{NAV.add}</Tab>
              <Tab value="item">{NAV.item}</Tab>
              <Tab value="import">{NAV.import}</Tab>
            </TabList>
            <main>
              {page === "home" && <Home />}
              {page !== "home" && (
                <PaneDataProvider>
                  <WhenPaneDataReady>{page === "add" ? <AddFinding /> : page === "item" ? <SelectedItem /> : <ImportScan />}</WhenPaneDataReady>
                </PaneDataProvider>
              )}
            </main>
          </div>
        </WhoProvider>
      </WorkbookActionsProvider>
    </FluentProvider>
  );
}
