import { Combobox, Field, Option, type FieldProps } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { FIELD_LABELS } from "../domain/core/messages";
import { findRequirement } from "../domain/compliance/requirements";
import { searchRequirements } from "../domain/compliance/searchRequirements";
import { ADD } from "./strings";

/** At most this many matches are listed, so the list stays quick to scan and to render. */
const SHOWN = 25;

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

export interface RequirementPickerProps {
  readonly value: string;
  readonly onChange: (requirement: string) => void;
  readonly status: Pick<FieldProps, "validationState" | "validationMessage">;
}

/** Picks one of the 110 requirements by ID, CMMC ID, family or words of its text. */
export function RequirementPicker({ value, onChange, status }: RequirementPickerProps) {
  const [query, setQuery] = useState(value);
  const matches = useMemo(() => searchRequirements(query, SHOWN), [query]);
  const chosen = findRequirement(value);
  const hint = chosen ? ADD.requirementHint(chosen.cmmcId, chosen.family, chosen.points) : undefined;
  return (
    <Field label={FIELD_LABELS.requirement} required hint={hint} {...status}>
      <Combobox
        freeform
        placeholder={ADD.requirementPlaceholder}
        value={query}
        selectedOptions={chosen ? [chosen.id] : []}
        onChange={(event) => {
          setQuery(event.target.value);
          onChange(event.target.value.trim());
        }}
        onOptionSelect={(_, data) => {
          if (!data.optionValue) return;
          setQuery(data.optionValue);
          onChange(data.optionValue);
        }}
      >
        {matches.length === 0 ? (
          <Option disabled value="" text={ADD.noRequirement}>
            {ADD.noRequirement}
          </Option>
        ) : (
          matches.map((requirement) => (
            <Option key={requirement.id} value={requirement.id} text={requirement.id}>
              {`${requirement.id} (${requirement.familyCode}) ${clip(requirement.statement, 70)}`}
            </Option>
          ))
        )}
      </Combobox>
    </Field>
  );
}
