import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { AddResult } from "../domain/poam/items";
import { hasErrors } from "../domain/poam/validateFinding";
import { Review } from "./AddFindingReview";
import { PlanStep, RiskStep, WhatStep } from "./AddFindingSteps";
import { ADD } from "./strings";
import { REVIEW_STEP, useAddFinding, type AddFindingForm } from "./useAddFinding";
import { UserNameField } from "./UserNameField";
import { useWho } from "./WhoContext";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  steps: { display: "flex", gap: tokens.spacingHorizontalS, listStyleType: "none", margin: 0, padding: 0, flexWrap: "wrap" },
  current: { fontWeight: tokens.fontWeightSemibold, textDecorationLine: "underline" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** Add finding: a form in four steps (what, risk, plan, review) and one write at the end. */
export function AddFinding() {
  const styles = useStyles();
  const { who, setWho } = useWho();
  const form = useAddFinding(who);
  const { step, phase } = form;
  if (phase.kind === "added") return <FindingAdded result={phase.result} onAnother={form.addAnother} />;
  return (
    <section className={styles.stack} aria-labelledby="add-title">
      <Title3 as="h2" id="add-title">
        {ADD.submit}
      </Title3>
      <StepList step={step} />
      {form.shown.has(step) && form.stepErrors(step).length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>{ADD.fixFirst}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.stack} ref={form.body}>
        <StepPage form={form} who={who} />
      </div>
      {step === REVIEW_STEP && <UserNameField name={who} onSave={setWho} />}
      {phase.kind === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>{phase.message}</MessageBarBody>
        </MessageBar>
      )}
      <StepButtons form={form} who={who} />
    </section>
  );
}

/** The four steps' names, the current one marked. */
function StepList({ step }: { readonly step: number }) {
  const styles = useStyles();
  return (
    <ol className={styles.steps} aria-label={ADD.stepOf(step, ADD.steps.length)}>
      {ADD.steps.map((name, index) => (
        <li key={name} className={index === step ? styles.current : undefined} aria-current={index === step ? "step" : undefined}>
          {`${index + 1}. ${name}`}
        </li>
      ))}
    </ol>
  );
}

function StepPage({ form, who }: { readonly form: AddFindingForm; readonly who: string }) {
  switch (form.step) {
    case 0:
      return <WhatStep form={form} />;
    case 1:
      return <RiskStep form={form} />;
    case 2:
      return <PlanStep form={form} who={who} />;
    default:
      return <Review draft={form.draft} issues={form.issues} onEdit={form.setStep} />;
  }
}

/** Back, and Next until the review, where the item is added. */
function StepButtons({ form, who }: { readonly form: AddFindingForm; readonly who: string }) {
  const styles = useStyles();
  const { step, phase } = form;
  return (
    <div className={styles.actions}>
      {step > 0 && <Button onClick={() => form.setStep(step - 1)}>{ADD.back}</Button>}
      {step < REVIEW_STEP && (
        <Button appearance="primary" onClick={form.next}>
          {ADD.next}
        </Button>
      )}
      {step === REVIEW_STEP && (
        <Button appearance="primary" disabled={phase.kind === "saving" || hasErrors(form.issues) || who === ""} onClick={() => void form.submit()}>
          {phase.kind === "saving" ? <Spinner size="tiny" label={ADD.adding} /> : ADD.submit}
        </Button>
      )}
    </div>
  );
}

/** The item added, with its ID (and the ID it was first given, if another person took that one meanwhile). */
function FindingAdded({ result, onAnother }: { readonly result: AddResult; readonly onAnother: () => void }) {
  const styles = useStyles();
  return (
    <section className={styles.stack} aria-labelledby="add-title">
      <Title3 as="h2" id="add-title">
        {ADD.submit}
      </Title3>
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>{ADD.added(result.id)}</MessageBarTitle>
          {result.renumberedFrom && ADD.renumbered(result.id, result.renumberedFrom)}
        </MessageBarBody>
      </MessageBar>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={onAnother}>
          {ADD.addAnother}
        </Button>
      </div>
    </section>
  );
}
