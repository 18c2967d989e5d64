import { Body1, Button, Caption1, MessageBar, MessageBarBody, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { formatSerialDateTime, toSerialDateTime } from "../domain/core/dates";
import type { SummaryStatus } from "../domain/ports";
import { messageFor, summaryStrings as S } from "./strings";
import { useWho } from "./WhoContext";
import { useWorkbookActions } from "./WorkbookActionsContext";

const useStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  figures: { display: "grid", gridTemplateColumns: "1fr auto", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold, textAlign: "right" },
});

type View =
  | { readonly kind: "loading" }
  | { readonly kind: "ready"; readonly status: SummaryStatus; readonly note?: string }
  | { readonly kind: "refreshing"; readonly status?: SummaryStatus }
  | { readonly kind: "failed"; readonly message: string; readonly status?: SummaryStatus };

/** Home's headline figures and the Summary refresh. */
export function SummaryCard() {
  const actions = useWorkbookActions();
  const { who } = useWho();
  const styles = useStyles();
  const [view, setView] = useState<View>({ kind: "loading" });

  const load = useCallback(async () => {
    try {
      setView({ kind: "ready", status: await actions.readSummary() });
    } catch (error) {
      setView({ kind: "failed", message: messageFor(error) });
    }
  }, [actions]);

  useEffect(() => {
    void load();
  }, [load]);

  const status = view.kind === "loading" ? undefined : view.status;
  const refresh = async () => {
    setView({ kind: "refreshing", status });
    try {
      // The refresh works the figures out as it goes; reading them again would be a second pass over the POA&M.
      const result = await actions.refreshSummary(who || S.anonymous);
      const fresh: SummaryStatus = { figures: result.figures, lastRefreshed: formatSerialDateTime(toSerialDateTime(result.refreshedAt)) };
      setView({ kind: "ready", status: fresh, note: S.refreshed(result.replaced) });
    } catch (error) {
      setView({ kind: "failed", message: messageFor(error), status });
    }
  };

  const figures = status?.figures;
  return (
    <section className={styles.card} aria-labelledby="summary-title">
      <Subtitle2 as="h2" id="summary-title">
        {S.title}
      </Subtitle2>
      {view.kind === "loading" && <Spinner size="tiny" label={S.loading} />}
      {figures && (
        <dl className={styles.figures} aria-label={S.figuresLabel}>
          {S.rows(figures).map(([label, value]) => (
            <div key={label} style={{ display: "contents" }}>
              <dt>
                <Body1>{label}</Body1>
              </dt>
              <dd className={styles.value}>
                <Body1>{value}</Body1>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {figures && <Body1>{S.readiness(figures)}</Body1>}
      {figures && <Body1>{S.closeout(figures)}</Body1>}
      {status && <Caption1>{status.lastRefreshed ? S.lastRefreshed(status.lastRefreshed) : S.neverRefreshed}</Caption1>}
      {view.kind === "ready" && view.note && (
        <MessageBar intent="success">
          <MessageBarBody>{view.note}</MessageBarBody>
        </MessageBar>
      )}
      {view.kind === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>{view.message}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" disabled={view.kind === "refreshing" || view.kind === "loading"} onClick={() => void refresh()}>
          {view.kind === "refreshing" ? S.refreshing : S.refresh}
        </Button>
      </div>
    </section>
  );
}
