import type { FieldProps } from "@fluentui/react-components";
import type { DraftField, FieldIssue } from "../domain/poam/validateFinding";

/** How a Fluent Field shows the first issue with `field`, when issues are being shown. */
export function fieldStatus(issues: readonly FieldIssue[], field: DraftField, shown: boolean): Pick<FieldProps, "validationState" | "validationMessage"> {
  const issue = shown ? issues.find((candidate) => candidate.field === field && candidate.index === undefined) : undefined;
  if (!issue) return {};
  return { validationState: issue.severity, validationMessage: issue.message };
}

/** The same for one milestone of the list. */
export function milestoneStatus(issues: readonly FieldIssue[], index: number, shown: boolean): Pick<FieldProps, "validationState" | "validationMessage"> {
  const issue = shown ? issues.find((candidate) => candidate.field === "milestones" && candidate.index === index) : undefined;
  return issue ? { validationState: issue.severity, validationMessage: issue.message } : {};
}
