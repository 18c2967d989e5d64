import { Body1, Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import type { FieldIssue, MilestoneDraft } from "../domain/poam/validateFinding";
import { milestoneStatus } from "./fieldStatus";
import { MILESTONES } from "./strings";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, border: "none", margin: 0, padding: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0 },
  row: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
  text: { flexGrow: 1, minWidth: "150px" },
});

export interface MilestonesEditorProps {
  readonly milestones: readonly MilestoneDraft[];
  readonly onChange: (milestones: MilestoneDraft[]) => void;
  readonly issues: readonly FieldIssue[];
  readonly showIssues: boolean;
}

/** The dated steps of an item: text and due date each, added and removed freely. */
export function MilestonesEditor({ milestones, onChange, issues, showIssues }: MilestonesEditorProps) {
  const styles = useStyles();
  const update = (index: number, change: Partial<MilestoneDraft>) =>
    onChange(milestones.map((milestone, i) => (i === index ? { ...milestone, ...change } : milestone)));
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>{MILESTONES.legend}</legend>
      {milestones.length === 0 && <Body1>{MILESTONES.none}</Body1>}
      {milestones.map((milestone, index) => (
        <div className={styles.row} key={index}>
          <Field className={styles.text} label={MILESTONES.text(index)} {...milestoneStatus(issues, index, showIssues)}>
            <Input value={milestone.milestone} onChange={(_, d) => update(index, { milestone: d.value })} />
          </Field>
          <Field label={MILESTONES.due(index)}>
            <Input type="date" value={milestone.dueDate} onChange={(_, d) => update(index, { dueDate: d.value })} />
          </Field>
          <Button appearance="subtle" aria-label={MILESTONES.remove(index)} onClick={() => onChange(milestones.filter((_, i) => i !== index))}>
            {MILESTONES.removeShort}
          </Button>
        </div>
      ))}
      <div>
        <Button onClick={() => onChange([...milestones, { milestone: "", dueDate: "", completedOn: "" }])}>{MILESTONES.add}</Button>
      </div>
    </fieldset>
  );
}
