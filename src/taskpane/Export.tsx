import { MessageBar, MessageBarBody, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { FedrampSheets } from "./FedrampSheets";
import { MigrateIn } from "./MigrateIn";
import { OscalExport } from "./OscalExport";
import { EXPORT } from "./strings";
import { useExportWork } from "./useExportWork";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

/** Export: the OSCAL file, the FedRAMP sheets, and reading a FedRAMP-layout POA&M in. */
export function Export() {
  const styles = useStyles();
  // The three share one error message and run one at a time.
  const { busy, error, work } = useExportWork();
  return (
    <section className={styles.stack} aria-labelledby="export-title">
      <Title3 as="h2" id="export-title">
        {EXPORT.title}
      </Title3>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <OscalExport busy={busy} work={work} />
      <FedrampSheets busy={busy} work={work} />
      <MigrateIn busy={busy} work={work} />
    </section>
  );
}
