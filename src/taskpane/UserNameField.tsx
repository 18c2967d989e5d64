import { Body1, Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { WHO } from "./strings";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: "160px" },
});

/** Asks once for the name the Change Log records; shows it afterwards, with a way to change it. */
export function UserNameField({ name, onSave }: { readonly name: string; readonly onSave: (name: string) => void }) {
  const styles = useStyles();
  const [editing, setEditing] = useState(name === "");
  const [draft, setDraft] = useState(name);
  if (!editing && name !== "") {
    return (
      <div className={styles.row}>
        <Body1>{WHO.current(name)}</Body1>
        <Button appearance="subtle" size="small" onClick={() => setEditing(true)}>
          {WHO.change}
        </Button>
      </div>
    );
  }
  return (
    <form
      noValidate
      className={styles.row}
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.trim() === "") return;
        onSave(draft.trim());
        setEditing(false);
      }}
    >
      <Field className={styles.grow} label={WHO.label} hint={WHO.hint} required>
        <Input value={draft} onChange={(_, d) => setDraft(d.value)} />
      </Field>
      <Button type="submit" disabled={draft.trim() === ""}>
        {WHO.save}
      </Button>
    </form>
  );
}
