import {
  Button,
  Combobox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  makeStyles,
  tokens,
  type FieldProps,
} from "@fluentui/react-components";
import { useState } from "react";
import { PEOPLE, WHO, messageFor } from "./strings";
import { usePaneData } from "./PaneDataContext";
import { useWorkbookActions } from "./WorkbookActionsContext";

const useStyles = makeStyles({
  person: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

export interface PersonFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (name: string) => void;
  readonly required?: boolean;
  readonly status: Pick<FieldProps, "validationState" | "validationMessage">;
  /** Who is logged as adding a person; empty until the user gave a name. */
  readonly who: string;
}

/** A person from Settings > People (others allowed, with a warning), with a way to add one. */
export function PersonField({ label, value, onChange, required, status, who }: PersonFieldProps) {
  const styles = useStyles();
  const { data } = usePaneData();
  const people = data?.people ?? [];
  return (
    <div className={styles.person}>
      <Field label={label} required={required} {...status}>
        <Combobox
          freeform
          value={value}
          selectedOptions={people.some((p) => p.name === value) ? [value] : []}
          onChange={(event) => onChange(event.target.value)}
          onOptionSelect={(_, option) => onChange(option.optionValue ?? "")}
        >
          {people.map((person) => (
            <Option key={person.name} value={person.name} text={person.name}>
              {person.role ? `${person.name} (${person.role})` : person.name}
            </Option>
          ))}
        </Combobox>
      </Field>
      <AddPerson who={who} forLabel={label} onAdded={onChange} />
    </div>
  );
}

/** "Add person": a small form that opens under the field (a dialog is cramped in a narrow task pane). */
function AddPerson({ who, forLabel, onAdded }: { readonly who: string; readonly forLabel: string; readonly onAdded: (name: string) => void }) {
  const styles = useStyles();
  const actions = useWorkbookActions();
  const { reload } = usePaneData();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [role, setRole] = useState("");
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const close = () => {
    setOpen(false);
    setName("");
    setRole("");
    setEmail("");
    setError(undefined);
  };
  const save = async () => {
    if (who === "") {
      setError(WHO.needed);
      return;
    }
    setBusy(true);
    try {
      await actions.addPerson({ name, ...(role && { role }), ...(email && { email }) }, who);
      await reload();
      onAdded(name.trim());
      close();
    } catch (failure) {
      setError(messageFor(failure));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <div>
        <Button size="small" aria-expanded={false} aria-label={`${PEOPLE.add} (${forLabel})`} onClick={() => setOpen(true)}>
          {PEOPLE.add}
        </Button>
      </div>
    );
  }
  return (
    <form
      className={styles.form}
      aria-label={PEOPLE.dialogTitle}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={PEOPLE.name} required>
        <Input value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <Field label={PEOPLE.role}>
        <Input value={role} onChange={(_, d) => setRole(d.value)} />
      </Field>
      <Field label={PEOPLE.email}>
        <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} />
      </Field>
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={busy || name.trim() === ""}>
          {PEOPLE.save}
        </Button>
        <Button onClick={close}>{PEOPLE.cancel}</Button>
      </div>
    </form>
  );
}
