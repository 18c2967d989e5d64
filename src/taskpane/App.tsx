import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { Component, Suspense, lazy, useEffect, useMemo, useState, type ReactNode } from "react";
import type { ThemeKind, ThemeSource, WorkbookActions } from "../domain/ports";
import { Home } from "./Home";
import type { NameStore } from "./nameStore";
import { PaneDataProvider, WhenPaneDataReady } from "./PaneDataContext";
import { NAV, STRINGS } from "./strings";
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
  // Five sections do not fit on one line of a 320 px pane: the tabs wrap rather than scroll sideways.
  tabs: { flexWrap: "wrap" },
});

type Page = "home" | "add" | "item" | "import" | "export";

/**
 * Only Home is drawn when the pane opens, so the other pages, with what only
 * they use (the scan parsers, the requirement search, the pickers), are
 * separate chunks fetched when a page is first chosen. The budget on the
 * JavaScript loaded before first render is in test/budgets/budgets.ts.
 */
const PAGES = {
  add: () => import(/* webpackChunkName: "add-finding" */ "./AddFinding").then((module) => ({ default: module.AddFinding })),
  item: () => import(/* webpackChunkName: "selected-item" */ "./SelectedItem").then((module) => ({ default: module.SelectedItem })),
  import: () => import(/* webpackChunkName: "import-scan" */ "./ImportScan").then((module) => ({ default: module.ImportScan })),
  export: () => import(/* webpackChunkName: "export" */ "./Export").then((module) => ({ default: module.Export })),
};
const AddFinding = lazy(PAGES.add);
const SelectedItem = lazy(PAGES.item);
const ImportScan = lazy(PAGES.import);
const Export = lazy(PAGES.export);

/** A short message instead of a blank pane when a page cannot load (its chunk unreachable offline, say) or draw. */
class PageLoadBoundary extends Component<{ readonly children: ReactNode }, { readonly failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <MessageBar intent="error">
        <MessageBarBody>{STRINGS.unexpected}</MessageBarBody>
      </MessageBar>
    );
  }
}

export interface AppProps {
  readonly actions: WorkbookActions;
  readonly theme: ThemeSource;
  readonly names: NameStore;
}

/** The task pane: one FluentProvider that follows Office's theme, and the pane's sections. */
export function App({ actions, theme, names }: AppProps) {
  const styles = useStyles();
  const [kind, setKind] = useState<ThemeKind>(() => theme.current());
  const [page, setPage] = useState<Page>("home");
  const [who, setWhoState] = useState(() => names.get());
  useEffect(() => theme.subscribe(setKind), [theme]);
  const choose = (next: Page) => {
    // Fetch the page's chunk while its lists are read, rather than after; a failure shows when the page renders.
    if (next !== "home") PAGES[next]().catch(() => undefined);
    setPage(next);
  };
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
            <TabList className={styles.tabs} size="small" selectedValue={page} onTabSelect={(_, data) => choose(data.value as Page)} aria-label={NAV.label}>
              <Tab value="home">{NAV.home}</Tab>
              <Tab value="add">{NAV.add}</Tab>
              <Tab value="item">{NAV.item}</Tab>
              <Tab value="import">{NAV.import}</Tab>
              <Tab value="export">{NAV.export}</Tab>
            </TabList>
            <main>
              {page === "home" && <Home />}
              {page !== "home" && (
                <PaneDataProvider>
                  <PageLoadBoundary key={page}>
                    <Suspense fallback={<Spinner size="small" label={STRINGS.checking} />}>
                      <WhenPaneDataReady>{page === "add" ? <AddFinding /> : page === "item" ? <SelectedItem /> : page === "import" ? <ImportScan /> : <Export />}</WhenPaneDataReady>
                    </Suspense>
                  </PageLoadBoundary>
                </PaneDataProvider>
              )}
            </main>
          </div>
        </WhoProvider>
      </WorkbookActionsProvider>
    </FluentProvider>
  );
}
