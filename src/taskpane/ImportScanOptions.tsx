import { Body1, Button, Dropdown, Field, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { findRequirement } from "../domain/compliance/requirements";
import { RULE_MESSAGES } from "../domain/core/messages";
import type { Grouping, ImportPlan } from "../domain/scan/planImport";
import { FORMAT_NAMES, type ParsedScan, SEVERITIES, type Severity } from "../domain/scan/scanTypes";
import { ImportPreview } from "./ImportScanPreview";
import { usePaneData } from "./PaneDataContext";
import { RequirementPicker } from "./RequirementPicker";
import { IMPORT, WHO } from "./strings";
import type { ImportChoices } from "./useScanImport";
import { UserNameField } from "./UserNameField";
import { useWho } from "./WhoContext";

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/** Whether importing with `plan` would change anything: new items, new hosts on tracked ones, or items reopened. */
const changesSomething = (plan: ImportPlan, reopen: boolean) => plan.counts.new > 0 || plan.assetUpdates.length > 0 || (reopen && plan.counts.reappeared > 0);

/** The step after a scan is read: how to import it, what that would do, and the button that does it. */
export function ImportOptionsStep({
  scan,
  fileName,
  choices,
  onChoices,
  plan,
  previewError,
  onImport,
  onCancel,
}: {
  readonly scan: ParsedScan;
  readonly fileName: string;
  readonly choices: ImportChoices;
  readonly onChoices: (choices: ImportChoices) => void;
  readonly plan?: ImportPlan;
  readonly previewError?: string;
  readonly onImport: () => void;
  readonly onCancel: () => void;
}) {
  const styles = useStyles();
  const { who, setWho } = useWho();
  const requirementKnown = findRequirement(choices.requirement) !== undefined;
  return (
    <>
      <Body1>{IMPORT.detected(FORMAT_NAMES[scan.format], fileName)}</Body1>
      <ImportChoiceFields choices={choices} onChoices={onChoices} requirementKnown={requirementKnown} />
      {previewError && (
        <MessageBar intent="error">
          <MessageBarBody>{previewError}</MessageBarBody>
        </MessageBar>
      )}
      {!plan && !previewError && <Spinner size="small" label={IMPORT.previewing} />}
      {plan && <ImportPreview plan={plan} checklist={scan.checklist} reopen={choices.reopen} onReopen={(reopen) => onChoices({ ...choices, reopen })} />}
      {who === "" && (
        <>
          <Body1>{WHO.needed}</Body1>
          <UserNameField name={who} onSave={setWho} />
        </>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!plan || who === "" || !requirementKnown || !changesSomething(plan, choices.reopen)} onClick={onImport}>
          {plan && plan.counts.new === 0 ? IMPORT.confirmUpdates : IMPORT.confirm(plan?.counts.new ?? 0)}
        </Button>
        <Button onClick={onCancel}>{IMPORT.cancel}</Button>
      </div>
    </>
  );
}

/** Grouping, threshold, requirement and owner of the new items. */
function ImportChoiceFields({
  choices,
  onChoices,
  requirementKnown,
}: {
  readonly choices: ImportChoices;
  readonly onChoices: (choices: ImportChoices) => void;
  readonly requirementKnown: boolean;
}) {
  const { data } = usePaneData();
  const change = (patch: Partial<ImportChoices>) => onChoices({ ...choices, ...patch });
  const requirementStatus = requirementKnown ? {} : { validationState: "error" as const, validationMessage: RULE_MESSAGES.unknownRequirement(choices.requirement) };
  return (
    <>
      <Field label={IMPORT.grouping}>
        <RadioGroup value={choices.grouping} onChange={(_, d) => change({ grouping: d.value as Grouping })}>
          <Radio value="vulnerability" label={IMPORT.perVulnerability} />
          <Radio value="host" label={IMPORT.perHost} />
        </RadioGroup>
      </Field>
      <Field label={IMPORT.threshold}>
        <Dropdown value={choices.threshold} selectedOptions={[choices.threshold]} onOptionSelect={(_, o) => change({ threshold: o.optionValue as Severity })}>
          {SEVERITIES.map((severity) => (
            <Option key={severity}>{severity}</Option>
          ))}
        </Dropdown>
      </Field>
      <RequirementPicker value={choices.requirement} onChange={(requirement) => change({ requirement })} status={requirementStatus} />
      <Body1>{IMPORT.requirementHint}</Body1>
      <Field label={IMPORT.owner}>
        <Dropdown value={choices.owner ?? IMPORT.noOwner} selectedOptions={[choices.owner ?? ""]} onOptionSelect={(_, o) => change({ owner: o.optionValue === "" ? undefined : o.optionValue })}>
          <Option value="">{IMPORT.noOwner}</Option>
          {(data?.people ?? []).map((person) => (
            <Option key={person.name} value={person.name}>
              {person.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
    </>
  );
}
