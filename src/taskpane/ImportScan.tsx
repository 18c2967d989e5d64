import {
  Body1,
  Button,
  Checkbox,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  Radio,
  RadioGroup,
  Spinner,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { localToday } from "../domain/core/dates";
import { PoamError } from "../domain/core/errors";
import { RULE_MESSAGES } from "../domain/core/messages";
import type { ImportResult } from "../domain/ports";
import { findRequirement } from "../domain/compliance/requirements";
import { decodeChunks } from "../formats/scan/decodeText";
import { mergeScans, type NamedScan } from "../formats/scan/mergeScans";
import { parseScan } from "../formats/scan/parseScan";
import { DEFAULT_IMPORT_OPTIONS, type Grouping, type ImportOptions, type ImportPlan } from "../domain/scan/planImport";
import { type ChecklistSummary, FORMAT_NAMES, type ParsedScan, SEVERITIES, type Severity } from "../domain/scan/scanTypes";
import { CONFIGURATION_REQUIREMENT, isChecklistFormat } from "../formats/scan/stigValues";
import { usePaneData } from "./PaneDataContext";
import { readBytes } from "./readFile";
import { RequirementPicker } from "./RequirementPicker";
import { IMPORT, WHO, messageFor } from "./strings";
import { UserNameField } from "./UserNameField";
import { useWho } from "./WhoContext";
import { useWorkbookActions } from "./WorkbookActionsContext";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  facts: { margin: 0, display: "grid", gridTemplateColumns: "1fr auto", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  term: { margin: 0 },
  count: { margin: 0, fontWeight: tokens.fontWeightSemibold, textAlign: "end" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  file: { maxWidth: "100%" },
});

/** The file is read in slices this big, with a pause after each, so Excel never sees the pane stall. */
const SLICE_BYTES = 1 << 20;


/** A file's bytes, slice by slice. */
async function* slicesOf(file: Blob, onBytes: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < file.size; start += SLICE_BYTES) {
    const slice = await readBytes(file.slice(start, start + SLICE_BYTES), IMPORT.unreadable);
    onBytes(start + slice.length);
    yield slice;
  }
}

const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

type Phase =
  | { readonly kind: "choosing" }
  | { readonly kind: "reading"; readonly percent: number }
  | { readonly kind: "preview"; readonly scan: ParsedScan; readonly fileName: string }
  | { readonly kind: "importing"; readonly written: number; readonly total: number }
  | { readonly kind: "done"; readonly result: ImportResult }
  | { readonly kind: "failed"; readonly message: string };

/** Import scan: pick a file, see what would happen, then import with progress and a way to cancel. */
export function ImportScan() {
  const styles = useStyles();
  const actions = useWorkbookActions();
  const { data } = usePaneData();
  const { who, setWho } = useWho();
  const [phase, setPhase] = useState<Phase>({ kind: "choosing" });
  const [plan, setPlan] = useState<ImportPlan>();
  const [previewError, setPreviewError] = useState<string>();
  const [choices, setChoices] = useState<Omit<ImportOptions, "today" | "fileName">>(DEFAULT_IMPORT_OPTIONS);
  const abort = useRef<AbortController | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);

  const scan = phase.kind === "preview" ? phase.scan : undefined;
  const fileName = phase.kind === "preview" ? phase.fileName : undefined;
  const options = useMemo<ImportOptions | undefined>(
    () => (scan ? { ...choices, today: localToday(), ...(fileName && { fileName }) } : undefined),
    [scan, fileName, choices],
  );

  useEffect(() => {
    if (!scan || !options) return;
    let current = true;
    setPlan(undefined);
    actions.previewImport(scan, options).then(
      (next) => {
        if (!current) return;
        setPlan(next);
        setPreviewError(undefined);
      },
      (error: unknown) => {
        if (current) setPreviewError(messageFor(error));
      },
    );
    return () => {
      current = false;
    };
  }, [actions, scan, options]);

  const read = useCallback(async (files: readonly File[]) => {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: "reading", percent: 0 });
    // Several files (a host's checklists, one per STIG) are read one after another and merged into one import.
    const total = Math.max(1, files.reduce((sum, file) => sum + file.size, 0));
    try {
      const scans: NamedScan[] = [];
      let before = 0;
      for (const file of files) {
        const start = before;
        const scan = await parseScan(
          decodeChunks(slicesOf(file, (bytes) => setPhase({ kind: "reading", percent: Math.round((100 * (start + bytes)) / total) }))),
          { pause: breathe, signal: controller.signal },
        ).catch((error: unknown) => {
          throw files.length > 1 && error instanceof PoamError && error.code === "invalidInput" ? new PoamError("invalidInput", `${file.name}: ${error.message}`) : error;
        });
        scans.push({ name: file.name, scan });
        before += file.size;
      }
      const parsed = mergeScans(scans);
      setChoices((current) => ({ ...current, requirement: isChecklistFormat(parsed.format) ? CONFIGURATION_REQUIREMENT : DEFAULT_IMPORT_OPTIONS.requirement }));
      // Up to three names are listed; more would crowd the pane and the new items' Comments.
      const fileName = files.length <= 3 ? files.map((file) => file.name).join(", ") : `${IMPORT.files(files.length)} (${files[0].name}, …)`;
      setPhase({ kind: "preview", scan: parsed, fileName });
    } catch (error) {
      setPhase(error instanceof PoamError && error.code === "cancelled" ? { kind: "choosing" } : { kind: "failed", message: messageFor(error) });
    }
  }, []);

  const run = async () => {
    if (!scan || !options || !plan) return;
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: "importing", written: 0, total: plan.counts.new });
    try {
      const result = await actions.importScan(scan, options, who, {
        signal: controller.signal,
        onProgress: ({ written, total }) => setPhase({ kind: "importing", written, total }),
      });
      setPhase({ kind: "done", result });
    } catch (error) {
      setPhase(error instanceof PoamError && error.code === "cancelled" ? { kind: "preview", scan, fileName: fileName ?? "" } : { kind: "failed", message: messageFor(error) });
    }
  };

  const requirementKnown = findRequirement(choices.requirement) !== undefined;
  const requirementStatus = requirementKnown ? {} : { validationState: "error" as const, validationMessage: RULE_MESSAGES.unknownRequirement(choices.requirement) };

  const restart = () => {
    setPlan(undefined);
    setPhase({ kind: "choosing" });
    if (fileInput.current) fileInput.current.value = "";
  };

  return (
    <section className={styles.stack} aria-labelledby="import-title">
      <Title3 as="h2" id="import-title">
        {IMPORT.title}
      </Title3>
      {(phase.kind === "choosing" || phase.kind === "failed") && (
        <>
          <Body1>{IMPORT.intro}</Body1>
          <Field label={IMPORT.file}>
            {(fieldProps) => (
              <input
                {...fieldProps}
                ref={fileInput}
                className={styles.file}
                type="file"
                multiple
                accept=".csv,.txt,.nessus,.xml,.ckl,.cklb,.json"
                onChange={(event) => {
                  const files = [...(event.target.files ?? [])];
                  if (files.length > 0) void read(files);
                }}
              />
            )}
          </Field>
        </>
      )}
      {phase.kind === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>{phase.message}</MessageBarBody>
        </MessageBar>
      )}
      {phase.kind === "reading" && (
        <div role="status" aria-live="polite" className={styles.stack}>
          <Body1>{IMPORT.reading(phase.percent)}</Body1>
          <ProgressBar value={phase.percent / 100} aria-label={IMPORT.readingLabel} />
          <div>
            <Button onClick={() => abort.current?.abort()}>{IMPORT.cancel}</Button>
          </div>
        </div>
      )}
      {phase.kind === "preview" && (
        <>
          <Body1>{IMPORT.detected(FORMAT_NAMES[phase.scan.format], phase.fileName)}</Body1>
          <Field label={IMPORT.grouping}>
            <RadioGroup value={choices.grouping} onChange={(_, d) => setChoices({ ...choices, grouping: d.value as Grouping })}>
              <Radio value="vulnerability" label={IMPORT.perVulnerability} />
              <Radio value="host" label={IMPORT.perHost} />
            </RadioGroup>
          </Field>
          <Field label={IMPORT.threshold}>
            <Dropdown value={choices.threshold} selectedOptions={[choices.threshold]} onOptionSelect={(_, o) => setChoices({ ...choices, threshold: o.optionValue as Severity })}>
              {SEVERITIES.map((severity) => (
                <Option key={severity}>{severity}</Option>
              ))}
            </Dropdown>
          </Field>
          <RequirementPicker value={choices.requirement} onChange={(requirement) => setChoices({ ...choices, requirement })} status={requirementStatus} />
          <Body1>{IMPORT.requirementHint}</Body1>
          <Field label={IMPORT.owner}>
            <Dropdown
              value={choices.owner ?? IMPORT.noOwner}
              selectedOptions={[choices.owner ?? ""]}
              onOptionSelect={(_, o) => setChoices({ ...choices, owner: o.optionValue === "" ? undefined : o.optionValue })}
            >
              <Option value="">{IMPORT.noOwner}</Option>
              {(data?.people ?? []).map((person) => (
                <Option key={person.name} value={person.name}>
                  {person.name}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {previewError && (
            <MessageBar intent="error">
              <MessageBarBody>{previewError}</MessageBarBody>
            </MessageBar>
          )}
          {!plan && !previewError && <Spinner size="small" label={IMPORT.previewing} />}
          {plan && (
            <Preview
              plan={plan}
              checklist={phase.scan.checklist}
              reopen={choices.reopen}
              onReopen={(reopen) => setChoices({ ...choices, reopen })}
            />
          )}
          {who === "" && (
            <>
              <Body1>{WHO.needed}</Body1>
              <UserNameField name={who} onSave={setWho} />
            </>
          )}
          <div className={styles.actions}>
            <Button
              appearance="primary"
              disabled={!plan || who === "" || !requirementKnown || (plan.counts.new === 0 && plan.assetUpdates.length === 0 && !(choices.reopen && plan.counts.reappeared > 0))}
              onClick={() => void run()}
            >
              {plan && plan.counts.new === 0 ? IMPORT.confirmUpdates : IMPORT.confirm(plan?.counts.new ?? 0)}
            </Button>
            <Button onClick={restart}>{IMPORT.cancel}</Button>
          </div>
        </>
      )}
      {phase.kind === "importing" && (
        <div role="status" aria-live="polite" className={styles.stack}>
          <Body1>{IMPORT.importing(phase.written, phase.total)}</Body1>
          <ProgressBar value={phase.total === 0 ? 1 : phase.written / phase.total} aria-label={IMPORT.importingLabel} />
          <div>
            <Button onClick={() => abort.current?.abort()}>{IMPORT.cancel}</Button>
          </div>
        </div>
      )}
      {phase.kind === "done" && (
        <>
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>{IMPORT.done(phase.result.added.length)}</MessageBarTitle>
              {[
                phase.result.added.length > 0 ? `${IMPORT.range(phase.result.added[0], phase.result.added.at(-1) as string)}.` : "",
                phase.result.assetsUpdated > 0 ? IMPORT.updated(phase.result.assetsUpdated) : "",
                phase.result.reopened > 0 ? IMPORT.reopened(phase.result.reopened) : "",
              ]
                .filter(Boolean)
                .join(" ")}
            </MessageBarBody>
          </MessageBar>
          <div>
            <Button appearance="primary" onClick={restart}>
              {IMPORT.another}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function Preview({
  plan,
  checklist,
  reopen,
  onReopen,
}: {
  readonly plan: ImportPlan;
  readonly checklist?: ChecklistSummary;
  readonly reopen: boolean;
  readonly onReopen: (reopen: boolean) => void;
}) {
  const styles = useStyles();
  const { counts } = plan;
  const row = (term: string, value: number | string) => (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.count}>{typeof value === "number" ? value.toLocaleString("en-US") : value}</dd>
    </>
  );
  const bySeverity = SEVERITIES.filter((s) => counts.bySeverity[s] > 0)
    .map((s) => `${s} ${counts.bySeverity[s]}`)
    .join(", ");
  const byPriority = Object.entries(counts.newByPriority)
    .filter(([, n]) => n > 0)
    .map(([p, n]) => `${p} ${n}`)
    .join(", ");
  return (
    <div className={styles.stack}>
      <dl className={styles.facts} aria-label="What the import would do">
        {row(IMPORT.findings, counts.findings)}
        {row(IMPORT.bySeverity, bySeverity || "—")}
        {row(IMPORT.belowThreshold, counts.belowThreshold)}
        {row(IMPORT.items, counts.items)}
        {row(IMPORT.newItems, counts.new)}
        {row(IMPORT.byPriority, byPriority || "—")}
        {row(IMPORT.tracked, counts.tracked)}
        {row(IMPORT.reappeared, counts.reappeared)}
      </dl>
      {checklist && <ChecklistCounts checklist={checklist} />}
      {plan.passing.length > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{IMPORT.passing(plan.passing.map((item) => item.id).join(", "))}</MessageBarBody>
        </MessageBar>
      )}
      {counts.trackedWithNewHosts > 0 && <Body1>{IMPORT.trackedWithNewHosts(counts.trackedWithNewHosts)}</Body1>}
      {counts.reappeared > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {IMPORT.reappearedIds(plan.reappeared.map((r) => r.id).join(", "))}
            <Checkbox checked={reopen} onChange={(_, d) => onReopen(d.checked === true)} label={IMPORT.reopen} />
          </MessageBarBody>
        </MessageBar>
      )}
      {counts.new === 0 && plan.assetUpdates.length === 0 && <Body1>{IMPORT.nothing}</Body1>}
    </div>
  );
}

/** What a checklist or XCCDF results say beyond their open rules: "438 rules not reviewed". */
function ChecklistCounts({ checklist }: { readonly checklist: ChecklistSummary }) {
  const styles = useStyles();
  const { results } = checklist;
  const rows: [string, number][] = [
    [IMPORT.rulesOpen, results.open],
    [IMPORT.rulesNotAFinding, results.notAFinding],
    [IMPORT.rulesNotApplicable, results.notApplicable],
    [IMPORT.rulesNotReviewed, results.notReviewed],
    [IMPORT.rulesError, results.error],
  ];
  const unreviewed = results.notReviewed + results.error;
  return (
    <>
      <dl className={styles.facts} aria-label={IMPORT.rules}>
        {rows.map(([term, count]) => (
          <Fragment key={term}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.count}>{count.toLocaleString("en-US")}</dd>
          </Fragment>
        ))}
      </dl>
      {checklist.benchmarks.length > 0 && <Body1>{IMPORT.benchmarks(checklist.benchmarks.join(", "))}</Body1>}
      {unreviewed > 0 && <Body1>{IMPORT.notReviewed(unreviewed)}</Body1>}
    </>
  );
}
