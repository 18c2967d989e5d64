import { Body1, Button, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { RefObject } from "react";
import type { ImportResult } from "../domain/ports";
import { ImportOptionsStep } from "./ImportScanOptions";
import { IMPORT } from "./strings";
import { useScanImport } from "./useScanImport";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  file: { maxWidth: "100%" },
});

/** Import scan: pick a file, see what would happen, then import with progress and a way to cancel. */
export function ImportScan() {
  const styles = useStyles();
  const { phase, plan, previewError, choices, setChoices, fileInput, read, run, cancel, restart } = useScanImport();
  return (
    <section className={styles.stack} aria-labelledby="import-title">
      <Title3 as="h2" id="import-title">
        {IMPORT.title}
      </Title3>
      {(phase.kind === "choosing" || phase.kind === "failed") && <ScanFileChooser inputRef={fileInput} onFiles={(files) => void read(files)} />}
      {phase.kind === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>{phase.message}</MessageBarBody>
        </MessageBar>
      )}
      {phase.kind === "reading" && <CancellableProgress text={IMPORT.reading(phase.percent)} value={phase.percent / 100} label={IMPORT.readingLabel} onCancel={cancel} />}
      {phase.kind === "preview" && (
        <ImportOptionsStep
          scan={phase.scan}
          fileName={phase.fileName}
          choices={choices}
          onChoices={setChoices}
          plan={plan}
          previewError={previewError}
          onImport={() => void run()}
          onCancel={restart}
        />
      )}
      {phase.kind === "importing" && (
        <CancellableProgress
          text={IMPORT.importing(phase.written, phase.total)}
          value={phase.total === 0 ? 1 : phase.written / phase.total}
          label={IMPORT.importingLabel}
          onCancel={cancel}
        />
      )}
      {phase.kind === "done" && <ImportDone result={phase.result} onAnother={restart} />}
    </section>
  );
}

/** The first step: what can be imported, and the file input (several files make one import). */
function ScanFileChooser({ inputRef, onFiles }: { readonly inputRef: RefObject<HTMLInputElement>; readonly onFiles: (files: readonly File[]) => void }) {
  const styles = useStyles();
  return (
    <>
      <Body1>{IMPORT.intro}</Body1>
      <Field label={IMPORT.file}>
        {(fieldProps) => (
          <input
            {...fieldProps}
            ref={inputRef}
            className={styles.file}
            type="file"
            multiple
            accept=".csv,.txt,.nessus,.xml,.ckl,.cklb,.json"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              if (files.length > 0) onFiles(files);
            }}
          />
        )}
      </Field>
    </>
  );
}

/** Reading or importing under way: how far it is, announced politely, and a Cancel button. */
function CancellableProgress({ text, value, label, onCancel }: { readonly text: string; readonly value: number; readonly label: string; readonly onCancel: () => void }) {
  const styles = useStyles();
  return (
    <div role="status" aria-live="polite" className={styles.stack}>
      <Body1>{text}</Body1>
      <ProgressBar value={value} aria-label={label} />
      <div>
        <Button onClick={onCancel}>{IMPORT.cancel}</Button>
      </div>
    </div>
  );
}

/** What the import did, and the way to import another scan. */
function ImportDone({ result, onAnother }: { readonly result: ImportResult; readonly onAnother: () => void }) {
  const details = [
    result.added.length > 0 ? `${IMPORT.range(result.added[0], result.added.at(-1) as string)}.` : "",
    result.assetsUpdated > 0 ? IMPORT.updated(result.assetsUpdated) : "",
    result.reopened > 0 ? IMPORT.reopened(result.reopened) : "",
  ];
  return (
    <>
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>{IMPORT.done(result.added.length)}</MessageBarTitle>
          {details.filter(Boolean).join(" ")}
        </MessageBarBody>
      </MessageBar>
      <div>
        <Button appearance="primary" onClick={onAnother}>
          {IMPORT.another}
        </Button>
      </div>
    </>
  );
}
