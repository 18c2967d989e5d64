import { Body1, Checkbox, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { Fragment } from "react";
import type { ImportPlan } from "../domain/scan/planImport";
import { type ChecklistResults, SEVERITIES } from "../domain/scan/scanTypes";
import { IMPORT } from "./strings";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  facts: { margin: 0, display: "grid", gridTemplateColumns: "1fr auto", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  term: { margin: 0 },
  count: { margin: 0, fontWeight: tokens.fontWeightSemibold, textAlign: "end" },
});

/** What the import would do: the counts, the items already passing, and the closed items found again. */
export function ImportPreview({
  plan,
  checklist,
  reopen,
  onReopen,
}: {
  readonly plan: ImportPlan;
  readonly checklist?: ChecklistResults;
  readonly reopen: boolean;
  readonly onReopen: (reopen: boolean) => void;
}) {
  const styles = useStyles();
  const { counts } = plan;
  return (
    <div className={styles.stack}>
      <PlanCounts plan={plan} />
      {checklist && <ChecklistCounts checklist={checklist} />}
      {plan.passing.length > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{IMPORT.passing(plan.passing.map((item) => item.id).join(", "))}</MessageBarBody>
        </MessageBar>
      )}
      {counts.trackedWithNewHosts > 0 && <Body1>{IMPORT.trackedWithNewHosts(counts.trackedWithNewHosts)}</Body1>}
      {counts.reappeared > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {IMPORT.reappearedIds(plan.reappeared.map((r) => r.id).join(", "))}
            <Checkbox checked={reopen} onChange={(_, d) => onReopen(d.checked === true)} label={IMPORT.reopen} />
          </MessageBarBody>
        </MessageBar>
      )}
      {counts.new === 0 && plan.assetUpdates.length === 0 && <Body1>{IMPORT.nothing}</Body1>}
    </div>
  );
}

/** "High 3, Low 2": the non-zero counts of a tally, in its order. */
const tally = (entries: readonly (readonly [string, number])[]) =>
  entries
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name} ${n}`)
    .join(", ");

function PlanCounts({ plan }: { readonly plan: ImportPlan }) {
  const styles = useStyles();
  const { counts } = plan;
  const row = (term: string, value: number | string) => (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.count}>{typeof value === "number" ? value.toLocaleString("en-US") : value}</dd>
    </>
  );
  const bySeverity = tally(SEVERITIES.map((s) => [s, counts.bySeverity[s]]));
  const byPriority = tally(Object.entries(counts.newByPriority));
  return (
    <dl className={styles.facts} aria-label="What the import would do">
      {row(IMPORT.findings, counts.findings)}
      {row(IMPORT.bySeverity, bySeverity || "—")}
      {row(IMPORT.belowThreshold, counts.belowThreshold)}
      {row(IMPORT.items, counts.items)}
      {row(IMPORT.newItems, counts.new)}
      {row(IMPORT.byPriority, byPriority || "—")}
      {row(IMPORT.tracked, counts.tracked)}
      {row(IMPORT.reappeared, counts.reappeared)}
    </dl>
  );
}

/** What a checklist or XCCDF results say beyond their open rules: "438 rules not reviewed". */
function ChecklistCounts({ checklist }: { readonly checklist: ChecklistResults }) {
  const styles = useStyles();
  const { results } = checklist;
  const rows: [string, number][] = [
    [IMPORT.rulesOpen, results.open],
    [IMPORT.rulesNotAFinding, results.notAFinding],
    [IMPORT.rulesNotApplicable, results.notApplicable],
    [IMPORT.rulesNotReviewed, results.notReviewed],
    [IMPORT.rulesError, results.error],
  ];
  const unreviewed = results.notReviewed + results.error;
  return (
    <>
      <dl className={styles.facts} aria-label={IMPORT.rules}>
        {rows.map(([term, count]) => (
          <Fragment key={term}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.count}>{count.toLocaleString("en-US")}</dd>
          </Fragment>
        ))}
      </dl>
      {checklist.benchmarks.length > 0 && <Body1>{IMPORT.benchmarks(checklist.benchmarks.join(", "))}</Body1>}
      {unreviewed > 0 && <Body1>{IMPORT.notReviewed(unreviewed)}</Body1>}
    </>
  );
}
