import { Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Textarea } from "@fluentui/react-components";
import { FIELD_LABELS } from "../domain/core/messages";
import { parseNumber, type DraftField } from "../domain/poam/validateFinding";
import { priorityFromCvss } from "../domain/poam/vocabulary";
import { fieldStatus } from "./fieldStatus";
import { MilestonesEditor } from "./MilestonesEditor";
import { usePaneData } from "./PaneDataContext";
import { PersonField } from "./PersonField";
import { RequirementPicker } from "./RequirementPicker";
import { ADD } from "./strings";
import type { DraftForm, FieldStatus } from "./useAddFinding";

type TextField = Exclude<DraftField, "milestones">;

function DraftDropdown({ form, field, options }: { readonly form: DraftForm; readonly field: "itemType" | "source" | "priority" | "status"; readonly options: readonly string[] }) {
  const value = form.draft[field];
  return (
    <Field label={FIELD_LABELS[field]} required {...form.status(field)}>
      <Dropdown placeholder={ADD.choose} value={value} selectedOptions={value ? [value] : []} onOptionSelect={(_, option) => form.set(field, option.optionValue ?? "")}>
        {options.map((option) => (
          <Option key={option}>{option}</Option>
        ))}
      </Dropdown>
    </Field>
  );
}

function DraftInput({
  form,
  field,
  required,
  type = "text",
  inputMode,
}: {
  readonly form: DraftForm;
  readonly field: TextField;
  readonly required?: boolean;
  readonly type?: "date" | "text";
  readonly inputMode?: "decimal";
}) {
  return (
    <Field label={FIELD_LABELS[field]} required={required} {...form.status(field)}>
      <Input type={type} inputMode={inputMode} value={form.draft[field]} onChange={(_, d) => form.set(field, d.value)} />
    </Field>
  );
}

function DraftTextarea({ form, field }: { readonly form: DraftForm; readonly field: TextField }) {
  return (
    <Field label={FIELD_LABELS[field]} {...form.status(field)}>
      <Textarea resize="vertical" value={form.draft[field]} onChange={(_, d) => form.set(field, d.value)} />
    </Field>
  );
}

function DraftPerson({ form, field, required = false, who }: { readonly form: DraftForm; readonly field: "owner" | "implementer" | "approver"; readonly required?: boolean; readonly who: string }) {
  return <PersonField label={FIELD_LABELS[field]} value={form.draft[field]} onChange={(name) => form.set(field, name)} required={required} status={form.status(field)} who={who} />;
}

/** Step 1: what the weakness is, where it was found, and when. */
export function WhatStep({ form }: { readonly form: DraftForm }) {
  const { data } = usePaneData();
  return (
    <>
      <RequirementPicker value={form.draft.requirement} onChange={(value) => form.set("requirement", value)} status={form.status("requirement")} />
      <DraftDropdown form={form} field="itemType" options={data?.itemTypes ?? []} />
      <DraftInput form={form} field="weakness" required />
      <DraftTextarea form={form} field="description" />
      <DraftTextarea form={form} field="rootCause" />
      <DraftDropdown form={form} field="source" options={data?.sources ?? []} />
      <DraftInput form={form} field="sourceRef" />
      <DraftTextarea form={form} field="assets" />
      <DraftInput form={form} field="discovered" required type="date" />
    </>
  );
}

/** The priority a CVSS score suggests, when the text is a score. */
function suggestedPriority(cvssText: string) {
  const score = parseNumber(cvssText);
  return score !== undefined && score >= 0 && score <= 10 ? priorityFromCvss(score) : undefined;
}

/** Step 2: the risk. A CVSS score typed in fills an empty priority with the one it suggests. */
export function RiskStep({ form }: { readonly form: DraftForm }) {
  const { data } = usePaneData();
  const { draft } = form;
  const suggested = suggestedPriority(draft.cvss);
  return (
    <>
      <Field label={FIELD_LABELS.cvss} hint={suggested && ADD.cvssSuggests(suggested)} {...form.status("cvss")}>
        <Input
          inputMode="decimal"
          value={draft.cvss}
          onChange={(_, d) => {
            const priority = draft.priority === "" ? (suggestedPriority(d.value) ?? draft.priority) : draft.priority;
            form.setDraft((current) => ({ ...current, cvss: d.value, priority }));
          }}
        />
      </Field>
      <DraftDropdown form={form} field="priority" options={data?.priorities ?? []} />
      <DraftTextarea form={form} field="interimMitigation" />
    </>
  );
}

/** Step 3: who does what by when. */
export function PlanStep({ form, who }: { readonly form: DraftForm; readonly who: string }) {
  const { data } = usePaneData();
  const showIssues = form.shown.has(2);
  return (
    <>
      <DraftPerson form={form} field="owner" required who={who} />
      <DraftPerson form={form} field="implementer" who={who} />
      <DraftPerson form={form} field="approver" who={who} />
      <DraftTextarea form={form} field="plannedActions" />
      <DraftTextarea form={form} field="acceptanceCriteria" />
      <DraftInput form={form} field="resources" />
      <DraftInput form={form} field="estCost" inputMode="decimal" />
      <DraftDropdown form={form} field="status" options={data?.statuses ?? []} />
      <MilestonesEditor milestones={form.draft.milestones} onChange={(m) => form.set("milestones", m)} issues={form.issues} showIssues={showIssues} />
      {showIssues && <FieldMessage {...fieldStatus(form.issues, "milestones", true)} />}
    </>
  );
}

/** A Field-style message outside a Field (for the milestone list as a whole). */
function FieldMessage({ validationState, validationMessage }: FieldStatus) {
  if (!validationMessage) return null;
  return (
    <MessageBar intent={validationState === "warning" ? "warning" : "error"}>
      <MessageBarBody>{validationMessage as string}</MessageBarBody>
    </MessageBar>
  );
}
