import {
  Body1,
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Spinner,
  Textarea,
  Title3,
  makeStyles,
  tokens,
  type FieldProps,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { localToday } from "../domain/core/dates";
import type { AddResult } from "../domain/poam/items";
import { FIELD_LABELS } from "../domain/core/messages";
import { findRequirement } from "../domain/compliance/requirements";
import {
  EMPTY_DRAFT,
  hasErrors,
  parseNumber,
  validateFinding,
  type DraftField,
  type FieldIssue,
  type FindingDraft,
} from "../domain/poam/validateFinding";
import { priorityFromCvss } from "../domain/poam/vocabulary";
import { fieldStatus } from "./fieldStatus";
import { MilestonesEditor } from "./MilestonesEditor";
import { usePaneData } from "./PaneDataContext";
import { useValidationContext } from "./useValidationContext";
import { PersonField } from "./PersonField";
import { RequirementPicker } from "./RequirementPicker";
import { ADD, messageFor } from "./strings";
import { UserNameField } from "./UserNameField";
import { useWho } from "./WhoContext";
import { useWorkbookActions } from "./WorkbookActionsContext";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  steps: { display: "flex", gap: tokens.spacingHorizontalS, listStyleType: "none", margin: 0, padding: 0, flexWrap: "wrap" },
  current: { fontWeight: tokens.fontWeightSemibold, textDecorationLine: "underline" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  summary: { margin: 0, display: "grid", gridTemplateColumns: "minmax(90px, auto) 1fr", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: "anywhere" },
});

/** Which step of the form holds each field. */
const STEP_FIELDS: readonly (readonly DraftField[])[] = [
  ["requirement", "itemType", "weakness", "description", "rootCause", "source", "sourceRef", "assets", "discovered"],
  ["cvss", "priority", "interimMitigation"],
  ["owner", "implementer", "approver", "plannedActions", "acceptanceCriteria", "resources", "estCost", "status", "milestones"],
  [],
];

const REVIEWED: readonly Exclude<DraftField, "milestones">[] = ["requirement", "itemType", "weakness", "source", "discovered", "cvss", "priority", "owner", "status"];

type Phase = { readonly kind: "editing" } | { readonly kind: "saving" } | { readonly kind: "added"; readonly result: AddResult } | { readonly kind: "failed"; readonly message: string };

/** Add finding: a form in four steps (what, risk, plan, review) and one write at the end. */
export function AddFinding() {
  const styles = useStyles();
  const actions = useWorkbookActions();
  const { data } = usePaneData();
  const { who, setWho } = useWho();
  const today = useMemo(() => localToday(), []);
  const fresh = useMemo(() => ({ ...EMPTY_DRAFT, discovered: today }), [today]);
  const [draft, setDraft] = useState<FindingDraft>(fresh);
  const [step, setStep] = useState(0);
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  const [phase, setPhase] = useState<Phase>({ kind: "editing" });
  const body = useRef<HTMLDivElement>(null);

  const rules = useValidationContext();
  const issues = useMemo(() => validateFinding(draft, rules), [draft, rules]);
  const set = <K extends keyof FindingDraft>(key: K, value: FindingDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const status = (field: DraftField) => fieldStatus(issues, field, shown.has(STEP_FIELDS.findIndex((fields) => fields.includes(field))) || step === 3);
  const stepErrors = (index: number) => issues.filter((issue) => issue.severity === "error" && STEP_FIELDS[index].includes(issue.field));

  // Asking to go on with errors moves focus to the first field marked, once the messages are rendered.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) body.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);
  const next = () => {
    setShown((current) => new Set([...current, step]));
    if (stepErrors(step).length > 0) {
      setFocusRequest((n) => n + 1);
      return;
    }
    setStep(step + 1);
  };
  const submit = async () => {
    setShown(new Set([0, 1, 2]));
    if (hasErrors(issues) || who === "") return;
    setPhase({ kind: "saving" });
    try {
      setPhase({ kind: "added", result: await actions.addFinding(draft, who) });
      setDraft(fresh);
      setStep(0);
      setShown(new Set());
    } catch (error) {
      setPhase({ kind: "failed", message: messageFor(error) });
    }
  };

  if (phase.kind === "added") {
    return (
      <section className={styles.stack} aria-labelledby="add-title">
        <Title3 as="h2" id="add-title">
          {ADD.submit}
        </Title3>
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>{ADD.added(phase.result.id)}</MessageBarTitle>
            {phase.result.renumberedFrom && ADD.renumbered(phase.result.id, phase.result.renumberedFrom)}
          </MessageBarBody>
        </MessageBar>
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => setPhase({ kind: "editing" })}>
            {ADD.addAnother}
          </Button>
        </div>
      </section>
    );
  }

  const dropdown = (field: "itemType" | "source" | "priority" | "status", options: readonly string[], required = true) => (
    <Field label={FIELD_LABELS[field]} required={required} {...status(field)}>
      <Dropdown
        placeholder={ADD.choose}
        value={draft[field]}
        selectedOptions={draft[field] ? [draft[field]] : []}
        onOptionSelect={(_, option) => set(field, option.optionValue ?? "")}
      >
        {options.map((option) => (
          <Option key={option}>{option}</Option>
        ))}
      </Dropdown>
    </Field>
  );
  const input = (field: Exclude<DraftField, "milestones">, props: { required?: boolean; type?: "date" | "text"; hint?: string; inputMode?: "decimal" } = {}) => (
    <Field label={FIELD_LABELS[field]} required={props.required} hint={props.hint} {...status(field)}>
      <Input type={props.type ?? "text"} inputMode={props.inputMode} value={draft[field]} onChange={(_, d) => set(field, d.value)} />
    </Field>
  );
  const textarea = (field: Exclude<DraftField, "milestones">) => (
    <Field label={FIELD_LABELS[field]} {...status(field)}>
      <Textarea resize="vertical" value={draft[field]} onChange={(_, d) => set(field, d.value)} />
    </Field>
  );
  const person = (field: "owner" | "implementer" | "approver", required = false) => (
    <PersonField label={FIELD_LABELS[field]} value={draft[field]} onChange={(name) => set(field, name)} required={required} status={status(field)} who={who} />
  );

  const cvss = parseNumber(draft.cvss);
  const suggested = cvss !== undefined && cvss >= 0 && cvss <= 10 ? priorityFromCvss(cvss) : undefined;
  const pages: ReactNode[] = [
    <>
      <RequirementPicker value={draft.requirement} onChange={(value) => set("requirement", value)} status={status("requirement")} />
      {dropdown("itemType", data?.itemTypes ?? [])}
      {input("weakness", { required: true })}
      {textarea("description")}
      {textarea("rootCause")}
      {dropdown("source", data?.sources ?? [])}
      {input("sourceRef")}
      {textarea("assets")}
      {input("discovered", { required: true, type: "date" })}
    </>,
    <>
      <Field label={FIELD_LABELS.cvss} hint={suggested && ADD.cvssSuggests(suggested)} {...status("cvss")}>
        <Input
          inputMode="decimal"
          value={draft.cvss}
          onChange={(_, d) => {
            const score = parseNumber(d.value);
            const priority = draft.priority === "" && score !== undefined && score >= 0 && score <= 10 ? priorityFromCvss(score) : draft.priority;
            setDraft((current) => ({ ...current, cvss: d.value, priority }));
          }}
        />
      </Field>
      {dropdown("priority", data?.priorities ?? [])}
      {textarea("interimMitigation")}
    </>,
    <>
      {person("owner", true)}
      {person("implementer")}
      {person("approver")}
      {textarea("plannedActions")}
      {textarea("acceptanceCriteria")}
      {input("resources")}
      {input("estCost", { inputMode: "decimal" })}
      {dropdown("status", data?.statuses ?? [])}
      <MilestonesEditor milestones={draft.milestones} onChange={(m) => set("milestones", m)} issues={issues} showIssues={shown.has(2)} />
      {shown.has(2) && <FieldMessage {...fieldStatus(issues, "milestones", true)} />}
    </>,
    <Review draft={draft} issues={issues} onEdit={setStep} />,
  ];

  return (
    <section className={styles.stack} aria-labelledby="add-title">
      <Title3 as="h2" id="add-title">
        {ADD.submit}
      </Title3>
      <ol className={styles.steps} aria-label={ADD.stepOf(step, ADD.steps.length)}>
        {ADD.steps.map((name, index) => (
          <li key={name} className={index === step ? styles.current : undefined} aria-current={index === step ? "step" : undefined}>
            {`${index + 1}. ${name}`}
          </li>
        ))}
      </ol>
      {shown.has(step) && stepErrors(step).length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>{ADD.fixFirst}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.stack} ref={body}>
        {pages[step]}
      </div>
      {step === 3 && <UserNameField name={who} onSave={setWho} />}
      {phase.kind === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>{phase.message}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        {step > 0 && <Button onClick={() => setStep(step - 1)}>{ADD.back}</Button>}
        {step < 3 && (
          <Button appearance="primary" onClick={next}>
            {ADD.next}
          </Button>
        )}
        {step === 3 && (
          <Button appearance="primary" disabled={phase.kind === "saving" || hasErrors(issues) || who === ""} onClick={() => void submit()}>
            {phase.kind === "saving" ? <Spinner size="tiny" label={ADD.adding} /> : ADD.submit}
          </Button>
        )}
      </div>
    </section>
  );
}

/** A Field-style message outside a Field (for the milestone list as a whole). */
function FieldMessage({ validationState, validationMessage }: Pick<FieldProps, "validationState" | "validationMessage">) {
  if (!validationMessage) return null;
  return (
    <MessageBar intent={validationState === "warning" ? "warning" : "error"}>
      <MessageBarBody>{validationMessage as string}</MessageBarBody>
    </MessageBar>
  );
}

function Review({ draft, issues, onEdit }: { readonly draft: FindingDraft; readonly issues: readonly FieldIssue[]; readonly onEdit: (step: number) => void }) {
  const styles = useStyles();
  const requirement = findRequirement(draft.requirement);
  const errors = issues.filter((issue) => issue.severity === "error");
  const warnings = issues.filter((issue) => issue.severity === "warning");
  const stepOf = (issue: FieldIssue) => STEP_FIELDS.findIndex((fields) => fields.includes(issue.field));
  return (
    <>
      <Body1>{ADD.reviewTitle}</Body1>
      <dl className={styles.summary}>
        {REVIEWED.map((field) => (
          <ReviewRow key={field} term={FIELD_LABELS[field]} value={field === "requirement" && requirement ? `${requirement.id} (${requirement.cmmcId})` : draft[field]} />
        ))}
        <ReviewRow term={FIELD_LABELS.milestones} value={String(draft.milestones.length)} />
      </dl>
      {[...errors, ...warnings].length > 0 && (
        <MessageBar intent={errors.length > 0 ? "error" : "warning"}>
          <MessageBarBody>
            <MessageBarTitle>{errors.length > 0 ? ADD.fixFirst : ADD.warningsTitle}</MessageBarTitle>
            <ul>
              {[...errors, ...warnings].map((issue) => (
                <li key={`${issue.field}-${issue.index ?? ""}-${issue.message}`}>
                  <Button appearance="transparent" size="small" onClick={() => onEdit(stepOf(issue))}>
                    {`${FIELD_LABELS[issue.field]}: ${issue.message}`}
                  </Button>
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

function ReviewRow({ term, value }: { readonly term: string; readonly value: string }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{value || "—"}</dd>
    </>
  );
}
