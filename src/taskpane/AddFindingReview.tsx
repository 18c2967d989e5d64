import { Body1, Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { findRequirement } from "../domain/compliance/requirements";
import { FIELD_LABELS } from "../domain/core/messages";
import type { DraftField, FieldIssue, FindingDraft } from "../domain/poam/validateFinding";
import { ADD } from "./strings";
import { stepOf } from "./useAddFinding";

const useStyles = makeStyles({
  summary: { margin: 0, display: "grid", gridTemplateColumns: "minmax(90px, auto) 1fr", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: "anywhere" },
});

/** The fields the review lists; the rest are seen on their steps. */
const REVIEWED: readonly Exclude<DraftField, "milestones">[] = ["requirement", "itemType", "weakness", "source", "discovered", "cvss", "priority", "owner", "status"];

/** Step 4: the draft at a glance, and its issues, each a button back to the step that holds it. */
export function Review({ draft, issues, onEdit }: { readonly draft: FindingDraft; readonly issues: readonly FieldIssue[]; readonly onEdit: (step: number) => void }) {
  const styles = useStyles();
  const requirement = findRequirement(draft.requirement);
  return (
    <>
      <Body1>{ADD.reviewTitle}</Body1>
      <dl className={styles.summary}>
        {REVIEWED.map((field) => (
          <ReviewRow key={field} term={FIELD_LABELS[field]} value={field === "requirement" && requirement ? `${requirement.id} (${requirement.cmmcId})` : draft[field]} />
        ))}
        <ReviewRow term={FIELD_LABELS.milestones} value={String(draft.milestones.length)} />
      </dl>
      <ReviewIssues issues={issues} onEdit={onEdit} />
    </>
  );
}

/** Errors first, then warnings; nothing when there are none. */
function ReviewIssues({ issues, onEdit }: { readonly issues: readonly FieldIssue[]; readonly onEdit: (step: number) => void }) {
  const errors = issues.filter((issue) => issue.severity === "error");
  const warnings = issues.filter((issue) => issue.severity === "warning");
  if ([...errors, ...warnings].length === 0) return null;
  return (
    <MessageBar intent={errors.length > 0 ? "error" : "warning"}>
      <MessageBarBody>
        <MessageBarTitle>{errors.length > 0 ? ADD.fixFirst : ADD.warningsTitle}</MessageBarTitle>
        <ul>
          {[...errors, ...warnings].map((issue) => (
            <li key={`${issue.field}-${issue.index ?? ""}-${issue.message}`}>
              <Button appearance="transparent" size="small" onClick={() => onEdit(stepOf(issue.field))}>
                {`${FIELD_LABELS[issue.field]}: ${issue.message}`}
              </Button>
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

function ReviewRow({ term, value }: { readonly term: string; readonly value: string }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{value || "—"}</dd>
    </>
  );
}
