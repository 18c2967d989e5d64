import { Body1, Button, Link, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { localToday } from "../domain/core/dates";
import type { PoamData } from "../domain/poam/poamData";
import { checkPoam, type CheckIssue } from "../domain/poam/checkPoam";
import { oscalPoam, type OscalCounts } from "../formats/oscal/oscal";
import { issueCounts, issueLine } from "../formats/reports";
import { EXPORT } from "./strings";
import type { Busy, Work } from "./useExportWork";
import { useWorkbookActions } from "./WorkbookActionsContext";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** A file offered for download, and its object URL to release later. */
interface Download {
  readonly url: string;
  readonly name: string;
  readonly counts: OscalCounts;
  readonly issues: readonly CheckIssue[];
}

/** The file's name from the system's (or the organisation's) name, in characters every file system takes. */
const downloadName = (data: PoamData) => `${(data.settings.systemName || data.settings.organisation || "poam").replace(/[^A-Za-z0-9._-]+/g, "-")}-oscal-poam.json`;

/** The POA&M as an OSCAL JSON download, with what the POA&M check finds wrong in it. */
export function OscalExport({ busy, work }: { readonly busy: Busy; readonly work: Work }) {
  const styles = useStyles();
  const actions = useWorkbookActions();
  const [download, setDownload] = useState<Download>();

  useEffect(() => () => {
    if (download) URL.revokeObjectURL(download.url);
  }, [download]);

  const exportOscal = () =>
    work("oscal", async () => {
      const data = await actions.readPoam();
      const today = localToday();
      const { document, counts } = oscalPoam(data, { now: new Date(), today });
      const blob = new Blob([JSON.stringify(document, null, 2)], { type: "application/json" });
      setDownload({ url: URL.createObjectURL(blob), name: downloadName(data), counts, issues: checkPoam(data, today).issues });
    });

  return (
    <div className={styles.section}>
      <Subtitle2 as="h3">{EXPORT.oscalTitle}</Subtitle2>
      <Body1>{EXPORT.oscalIntro}</Body1>
      <div>
        <Button appearance="primary" disabled={busy !== undefined} onClick={() => void exportOscal()}>
          {EXPORT.oscalAction}
        </Button>
      </div>
      {busy === "oscal" && <Spinner size="tiny" label={EXPORT.working} />}
      {download && <DownloadReady download={download} />}
    </div>
  );
}

/** The download link, and the issues listed when the POA&M has any. */
function DownloadReady({ download }: { readonly download: Download }) {
  const styles = useStyles();
  const errors = download.issues.filter((issue) => issue.severity === "error");
  return (
    <MessageBar intent={errors.length > 0 ? "warning" : "success"}>
      <MessageBarBody>
        <MessageBarTitle>{EXPORT.oscalDone(download.counts)}</MessageBarTitle>
        <Link href={download.url} download={download.name}>
          {EXPORT.downloadLink(download.name)}
        </Link>
        {download.issues.length > 0 && (
          <>
            <Body1 as="p">{EXPORT.withIssues(issueCounts(download.issues))}</Body1>
            <ul className={styles.list} aria-label={EXPORT.issuesLabel}>
              {download.issues.map((issue, index) => (
                <li key={index}>{issueLine(issue)}</li>
              ))}
            </ul>
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
