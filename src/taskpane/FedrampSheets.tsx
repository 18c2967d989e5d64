import { Body1, Button, MessageBar, MessageBarBody, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { FedrampSheetsResult } from "../domain/ports";
import { EXPORT } from "./strings";
import type { Busy, Work } from "./useExportWork";
import { useWorkbookActions } from "./WorkbookActionsContext";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

/** The FedRAMP POA&M template's sheets, added to this workbook from its items. */
export function FedrampSheets({ busy, work }: { readonly busy: Busy; readonly work: Work }) {
  const styles = useStyles();
  const actions = useWorkbookActions();
  const [sheets, setSheets] = useState<FedrampSheetsResult>();
  const addSheets = () => work("fedramp", async () => setSheets(await actions.addFedrampSheets()));
  return (
    <div className={styles.section}>
      <Subtitle2 as="h3">{EXPORT.fedrampTitle}</Subtitle2>
      <Body1>{EXPORT.fedrampIntro}</Body1>
      <div>
        <Button disabled={busy !== undefined} onClick={() => void addSheets()}>
          {EXPORT.fedrampAction}
        </Button>
      </div>
      {busy === "fedramp" && <Spinner size="tiny" label={EXPORT.working} />}
      {sheets && (
        <MessageBar intent="success">
          <MessageBarBody>{EXPORT.fedrampDone(sheets)}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
