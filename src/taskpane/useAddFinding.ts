import type { FieldProps } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from "react";
import { localToday } from "../domain/core/dates";
import type { AddResult } from "../domain/poam/items";
import { EMPTY_DRAFT, hasErrors, validateFinding, type DraftField, type FieldIssue, type FindingDraft } from "../domain/poam/validateFinding";
import { fieldStatus } from "./fieldStatus";
import { messageFor } from "./strings";
import { useValidationContext } from "./useValidationContext";
import { useWorkbookActions } from "./WorkbookActionsContext";

/** Which step of the form holds each field. */
export const STEP_FIELDS: readonly (readonly DraftField[])[] = [
  ["requirement", "itemType", "weakness", "description", "rootCause", "source", "sourceRef", "assets", "discovered"],
  ["cvss", "priority", "interimMitigation"],
  ["owner", "implementer", "approver", "plannedActions", "acceptanceCriteria", "resources", "estCost", "status", "milestones"],
  [],
];

/** The last step, where everything is reviewed and the item is added. */
export const REVIEW_STEP = 3;

/** The step whose page holds `field`. */
export const stepOf = (field: DraftField) => STEP_FIELDS.findIndex((fields) => fields.includes(field));

export type AddPhase = { readonly kind: "editing" } | { readonly kind: "saving" } | { readonly kind: "added"; readonly result: AddResult } | { readonly kind: "failed"; readonly message: string };

export type FieldStatus = Pick<FieldProps, "validationState" | "validationMessage">;

/** The draft as the steps' fields read and change it. */
export interface DraftForm {
  readonly draft: FindingDraft;
  readonly issues: readonly FieldIssue[];
  readonly set: <K extends keyof FindingDraft>(key: K, value: FindingDraft[K]) => void;
  readonly setDraft: Dispatch<SetStateAction<FindingDraft>>;
  /** How a field shows its issue: only once its step has been left, or on the review. */
  readonly status: (field: DraftField) => FieldStatus;
  /** The steps whose issues are shown. */
  readonly shown: ReadonlySet<number>;
}

export interface AddFindingForm extends DraftForm {
  readonly step: number;
  readonly setStep: (step: number) => void;
  readonly phase: AddPhase;
  /** The errors that keep the person on `step`. */
  readonly stepErrors: (step: number) => readonly FieldIssue[];
  /** The current step's page, searched for the first field marked when going on is refused. */
  readonly body: RefObject<HTMLDivElement>;
  readonly next: () => void;
  readonly submit: () => Promise<void>;
  readonly addAnother: () => void;
}

/** Add finding's state: the draft, its issues, the step shown, and the one write at the end as `who`. */
export function useAddFinding(who: string): AddFindingForm {
  const actions = useWorkbookActions();
  const today = useMemo(() => localToday(), []);
  const fresh = useMemo(() => ({ ...EMPTY_DRAFT, discovered: today }), [today]);
  const [draft, setDraft] = useState<FindingDraft>(fresh);
  const [step, setStep] = useState(0);
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  const [phase, setPhase] = useState<AddPhase>({ kind: "editing" });
  const body = useRef<HTMLDivElement>(null);

  const rules = useValidationContext();
  const issues = useMemo(() => validateFinding(draft, rules), [draft, rules]);
  const set = <K extends keyof FindingDraft>(key: K, value: FindingDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const status = (field: DraftField) => fieldStatus(issues, field, shown.has(stepOf(field)) || step === REVIEW_STEP);
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
  const addAnother = () => setPhase({ kind: "editing" });

  return { draft, issues, set, setDraft, status, shown, step, setStep, phase, stepErrors, body, next, submit, addAnother };
}
