import {
  Badge,
  Body1,
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Subtitle2,
  Textarea,
  Title3,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import { useMemo, useState, type ReactNode } from "react";
import { localToday } from "../domain/core/dates";
import type { ItemView } from "../domain/poam/items";
import { FIELD_LABELS } from "../domain/core/messages";
import { draftFromFinding, hasErrors, validateFinding, type DraftField, type FindingDraft } from "../domain/poam/validateFinding";
import { fieldStatus } from "./fieldStatus";
import { usePaneData } from "./PaneDataContext";
import { useValidationContext } from "./useValidationContext";
import { PersonField } from "./PersonField";
import { ITEM, WHO, messageFor } from "./strings";
import { useSelectedItem } from "./useSelectedItem";
import { UserNameField } from "./UserNameField";
import { useWho } from "./WhoContext";
import { useWorkbookActions } from "./WorkbookActionsContext";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  facts: { margin: 0, display: "grid", gridTemplateColumns: "minmax(80px, auto) 1fr", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: "anywhere" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  milestone: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXXS },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

const STATE_COLOURS: Record<string, BadgeProps["color"]> = {
  Overdue: "danger",
  "Due Soon": "warning",
  "On Track": "success",
  Accepted: "informative",
  Closed: "subtle",
};

type FormKind = keyof typeof ITEM.actions;

/** The item fields each form shows (and so shows the rules' messages for). */
const FORM_FIELDS: Record<FormKind, readonly DraftField[]> = {
  status: ["status"],
  milestone: [],
  extend: ["extendedTo", "extensionReason"],
  close: ["completedOn", "verifiedBy", "evidence"],
  accept: ["approver", "extendedTo", "extensionReason"],
};

/** Selected item: the POA&M item at the sheet's selection, and the changes a person makes to it day to day. */
export function SelectedItem() {
  const styles = useStyles();
  const { state, refresh, show } = useSelectedItem();
  const { who, setWho } = useWho();
  return (
    <section className={styles.stack} aria-labelledby="item-title">
      <Title3 as="h2" id="item-title">
        {ITEM.title}
      </Title3>
      {state.kind === "loading" && <Spinner size="small" label={ITEM.loading} />}
      {state.kind === "none" && <Body1>{ITEM.none}</Body1>}
      {state.kind === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      )}
      {state.kind === "item" && <ItemDetails key={`${state.view.finding.id}-${state.view.row}`} view={state.view} onSaved={show} />}
      {who === "" && state.kind === "item" && (
        <>
          <Body1>{WHO.needed}</Body1>
          <UserNameField name={who} onSave={setWho} />
        </>
      )}
      <div className={styles.actions}>
        <Button appearance="subtle" onClick={() => void refresh()}>
          {ITEM.refresh}
        </Button>
      </div>
    </section>
  );
}

function ItemDetails({ view, onSaved }: { readonly view: ItemView; readonly onSaved: (view: ItemView) => void }) {
  const styles = useStyles();
  const [form, setForm] = useState<FormKind | undefined>();
  const [saved, setSaved] = useState(false);
  const { finding, figures } = view;
  const done = (next: ItemView) => {
    setForm(undefined);
    setSaved(true);
    onSaved(next);
  };
  return (
    <div className={styles.stack}>
      <Subtitle2 as="h3">{`${finding.id}: ${finding.weakness ?? ""}`}</Subtitle2>
      {figures.state && (
        <div>
          <Badge appearance="filled" color={STATE_COLOURS[figures.state] ?? "informative"}>
            {figures.state}
          </Badge>
        </div>
      )}
      {view.duplicateRows.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{ITEM.duplicate(finding.id, view.duplicateRows.length)}</MessageBarBody>
        </MessageBar>
      )}
      <dl className={styles.facts}>
        <Fact term={ITEM.requirement} value={[finding.requirement, figures.family].filter(Boolean).join(" · ")} />
        <Fact term={ITEM.status} value={finding.status} />
        <Fact term={ITEM.owner} value={finding.owner} />
        <Fact term={ITEM.due} value={figures.dueDate} />
        <Fact term={ITEM.daysLeft} value={figures.daysLeft === undefined ? undefined : String(figures.daysLeft)} />
      </dl>
      <Milestones view={view} onSaved={done} />
      {saved && !form && (
        <MessageBar intent="success">
          <MessageBarBody>{ITEM.saved(finding.id)}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions} role="group" aria-label="Change this item">
        {(Object.keys(ITEM.actions) as FormKind[]).map((kind) => (
          <Button key={kind} appearance={form === kind ? "primary" : "secondary"} aria-expanded={form === kind} onClick={() => setForm(form === kind ? undefined : kind)}>
            {ITEM.actions[kind]}
          </Button>
        ))}
      </div>
      {form && <ItemForm kind={form} view={view} onCancel={() => setForm(undefined)} onSaved={done} />}
    </div>
  );
}

function Fact({ term, value }: { readonly term: string; readonly value?: string }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{value || "—"}</dd>
    </>
  );
}

/** Saves a changed draft of the item (and milestone changes) after checking it with the item rules. */
function useItemSave(view: ItemView, onSaved: (view: ItemView) => void) {
  const actions = useWorkbookActions();
  const { who } = useWho();
  const today = useMemo(() => localToday(), []);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rules = useValidationContext();
  const issuesOf = (draft: FindingDraft) => validateFinding(draft, rules);
  /** Checks and stores `draft`; errors about `fieldsShown` are left to those fields to show. */
  const save = async (draft: FindingDraft, fieldsShown: readonly DraftField[] = []) => {
    if (who === "") {
      setError(WHO.needed);
      return;
    }
    const issues = issuesOf(draft);
    if (hasErrors(issues)) {
      const elsewhere = issues.filter((issue) => issue.severity === "error" && !fieldsShown.includes(issue.field));
      setError(elsewhere.length > 0 ? elsewhere.map((issue) => issue.message).join(" ") : undefined);
      return;
    }
    setBusy(true);
    try {
      onSaved(await actions.updateItem({ id: view.finding.id, row: view.row, draft }, who));
      setError(undefined);
    } catch (failure) {
      setError(messageFor(failure));
    } finally {
      setBusy(false);
    }
  };
  return { today, issuesOf, save, error, busy, who };
}

function Milestones({ view, onSaved }: { readonly view: ItemView; readonly onSaved: (view: ItemView) => void }) {
  const styles = useStyles();
  const { today, save, error, busy } = useItemSave(view, onSaved);
  const base = draftFromFinding(view.finding, view.milestones);
  return (
    <div className={styles.stack}>
      <Subtitle2 as="h4">{ITEM.milestonesTitle}</Subtitle2>
      {view.milestones.length === 0 && <Body1>—</Body1>}
      <ul className={styles.list}>
        {view.milestones.map((milestone, index) => (
          <li key={milestone.row} className={styles.milestone}>
            <Body1>{`${milestone.milestone} · ${milestone.dueDate ?? ""}${milestone.completedOn ? ` · ${ITEM.doneOn(milestone.completedOn)}` : milestone.state ? ` · ${milestone.state}` : ""}`}</Body1>
            {!milestone.completedOn && (
              <Button
                size="small"
                appearance="outline"
                disabled={busy}
                aria-label={ITEM.complete(milestone.milestone)}
                onClick={() =>
                  void save({ ...base, milestones: base.milestones.map((m, i) => (i === index ? { ...m, completedOn: today } : m)) })
                }
              >
                {ITEM.markDone}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

interface FormProps {
  readonly kind: FormKind;
  readonly view: ItemView;
  readonly onCancel: () => void;
  readonly onSaved: (view: ItemView) => void;
}

/** One change to the item: its own fields, then the same rules as everywhere, then one write. */
function ItemForm({ kind, view, onCancel, onSaved }: FormProps) {
  const styles = useStyles();
  const { data } = usePaneData();
  const { today, issuesOf, save, error, busy, who } = useItemSave(view, onSaved);
  const base = useMemo(() => draftFromFinding(view.finding, view.milestones), [view]);
  const [draft, setDraft] = useState<FindingDraft>(() => initialDraft(kind, base, today));
  const [milestone, setMilestone] = useState({ text: "", due: "" });
  const [tried, setTried] = useState(false);
  const set = <K extends keyof FindingDraft>(key: K, value: FindingDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const withNewMilestone = kind === "milestone" ? { ...draft, milestones: [...draft.milestones, { milestone: milestone.text, dueDate: milestone.due, completedOn: "" }] } : draft;
  const issues = issuesOf(withNewMilestone);
  const status = (field: DraftField) => fieldStatus(issues, field, tried);
  const submit = () => {
    setTried(true);
    void save(withNewMilestone, FORM_FIELDS[kind]);
  };

  const fields: Record<FormKind, ReactNode> = {
    status: (
      <Field label={FIELD_LABELS.status} {...status("status")}>
        <Dropdown value={draft.status} selectedOptions={[draft.status]} onOptionSelect={(_, o) => set("status", o.optionValue ?? "")}>
          {(data?.statuses ?? []).map((option) => (
            <Option key={option}>{option}</Option>
          ))}
        </Dropdown>
      </Field>
    ),
    milestone: (
      <>
        <Field label={ITEM.actions.milestone} required validationState={tried && milestone.text.trim() === "" ? "error" : undefined}>
          <Input value={milestone.text} onChange={(_, d) => setMilestone({ ...milestone, text: d.value })} />
        </Field>
        <Field label={ITEM.due} required>
          <Input type="date" value={milestone.due} onChange={(_, d) => setMilestone({ ...milestone, due: d.value })} />
        </Field>
      </>
    ),
    extend: (
      <>
        <Field label={ITEM.newDueDate} required {...status("extendedTo")}>
          <Input type="date" value={draft.extendedTo} onChange={(_, d) => set("extendedTo", d.value)} />
        </Field>
        <Field label={FIELD_LABELS.extensionReason} required {...status("extensionReason")}>
          <Textarea value={draft.extensionReason} onChange={(_, d) => set("extensionReason", d.value)} />
        </Field>
      </>
    ),
    close: (
      <>
        <Field label={ITEM.closeAs}>
          <Dropdown value={draft.status} selectedOptions={[draft.status]} onOptionSelect={(_, o) => set("status", o.optionValue ?? "Closed")}>
            <Option>Closed</Option>
            <Option>Completed</Option>
          </Dropdown>
        </Field>
        <Field label={FIELD_LABELS.completedOn} required {...status("completedOn")}>
          <Input type="date" value={draft.completedOn} onChange={(_, d) => set("completedOn", d.value)} />
        </Field>
        <PersonField label={FIELD_LABELS.verifiedBy} required value={draft.verifiedBy} onChange={(name) => set("verifiedBy", name)} status={status("verifiedBy")} who={who} />
        <Field label={FIELD_LABELS.evidence} required {...status("evidence")}>
          <Input value={draft.evidence} onChange={(_, d) => set("evidence", d.value)} />
        </Field>
      </>
    ),
    accept: (
      <>
        <PersonField label={FIELD_LABELS.approver} required value={draft.approver} onChange={(name) => set("approver", name)} status={status("approver")} who={who} />
        <Field label={ITEM.expiry} required {...status("extendedTo")}>
          <Input type="date" value={draft.extendedTo} onChange={(_, d) => set("extendedTo", d.value)} />
        </Field>
        <Field label={ITEM.acceptReason} required {...status("extensionReason")}>
          <Textarea value={draft.extensionReason} onChange={(_, d) => set("extensionReason", d.value)} />
        </Field>
      </>
    ),
  };

  return (
    <form
      className={styles.form}
      aria-label={ITEM.actions[kind]}
      // The item rules give each field its message; the browser's own required-field bubbles would hide them.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {fields[kind]}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {ITEM.save}
        </Button>
        <Button onClick={onCancel}>{ITEM.cancel}</Button>
      </div>
    </form>
  );
}

function initialDraft(kind: FormKind, base: FindingDraft, today: string): FindingDraft {
  switch (kind) {
    case "close":
      return { ...base, status: "Closed", completedOn: base.completedOn || today };
    case "accept":
      return { ...base, status: "Risk Accepted" };
    default:
      return base;
  }
}
