import {
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { SetupResult, SetupStep } from "../domain/ports";
import { readyStatus, type WorkbookStatus } from "../domain/workbook/workbookStatus";
import { STRINGS, messageFor } from "./strings";
import { describeChanges, resultTitle } from "../domain/workbook/setupReport";
import { SummaryCard } from "./SummaryCard";
import { useWorkbookActions } from "./WorkbookActionsContext";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, maxWidth: "480px" },
  changes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

type View =
  | { readonly kind: "checking" }
  | { readonly kind: "status"; readonly status: WorkbookStatus }
  | { readonly kind: "working"; readonly step: SetupStep }
  | { readonly kind: "failed"; readonly message: string };

const STEP_VALUE: Record<SetupStep, number> = { reading: 0.2, writing: 0.6, done: 1 };


/** Home: is this workbook a POA&M, and setting it up or upgrading it. */
export function Home() {
  const actions = useWorkbookActions();
  const styles = useStyles();
  const [view, setView] = useState<View>({ kind: "checking" });
  const [result, setResult] = useState<SetupResult | undefined>();

  const check = useCallback(async () => {
    setView({ kind: "checking" });
    try {
      setView({ kind: "status", status: await actions.inspect() });
    } catch (error) {
      setView({ kind: "failed", message: messageFor(error) });
    }
  }, [actions]);

  useEffect(() => {
    void check();
  }, [check]);

  const setUp = async () => {
    setResult(undefined);
    setView({ kind: "working", step: "reading" });
    try {
      setResult(await actions.setUp((step) => setView({ kind: "working", step })));
      setView({ kind: "status", status: readyStatus() });
    } catch (error) {
      setView({ kind: "failed", message: messageFor(error) });
    }
  };

  return (
    <section className={styles.stack} aria-labelledby="home-title">
      <Title3 as="h1" id="home-title">
        {STRINGS.appTitle}
      </Title3>
      {view.kind === "checking" && <Spinner size="small" label={STRINGS.checking} />}
      {view.kind === "working" && (
        <div role="status" aria-live="polite">
          <Body1>{STRINGS.steps[view.step]}</Body1>
          <ProgressBar value={STEP_VALUE[view.step]} aria-label={STRINGS.progressLabel} />
        </div>
      )}
      {result && view.kind === "status" && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>{resultTitle(result.changes)}</MessageBarTitle>
            {describeChanges(result.changes).join(". ")}
          </MessageBarBody>
        </MessageBar>
      )}
      {view.kind === "failed" && (
        <>
          <MessageBar intent="error">
            <MessageBarBody>{view.message}</MessageBarBody>
          </MessageBar>
          <div className={styles.actions}>
            <Button onClick={() => void check()}>{STRINGS.checkAgain}</Button>
          </div>
        </>
      )}
      {view.kind === "status" && <StatusPanel status={view.status} onSetUp={() => void setUp()} />}
      {view.kind === "status" && view.status.state !== "none" && <SummaryCard />}
    </section>
  );
}

function StatusPanel({ status, onSetUp }: { readonly status: WorkbookStatus; readonly onSetUp: () => void }) {
  const styles = useStyles();
  const text = STRINGS[status.state];
  const changes = status.state === "ready" ? [] : describeChanges(status.pending);
  return (
    <>
      <MessageBar intent={status.state === "ready" ? "success" : status.state === "outdated" ? "warning" : "info"}>
        <MessageBarBody>
          <MessageBarTitle>{text.title}</MessageBarTitle>
          {text.body}
        </MessageBarBody>
      </MessageBar>
      {status.state === "outdated" && (
        <ul className={styles.changes} aria-label="What the upgrade adds">
          {changes.map((line) => (
            <li key={line}>
              <Body1>{line}</Body1>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.actions}>
        <Button appearance={status.state === "ready" ? "secondary" : "primary"} onClick={onSetUp}>
          {text.action}
        </Button>
      </div>
    </>
  );
}
