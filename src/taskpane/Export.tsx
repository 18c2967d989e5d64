import { Body1, Button, Field, Link, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Subtitle2, Title3, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { checkPoam, type CheckIssue } from "../domain/poam/checkPoam";
import { localToday } from "../domain/core/dates";
import { PoamError } from "../domain/core/errors";
import { oscalPoam, type OscalSummary } from "../formats/oscal/oscal";
import { findRequirement } from "../domain/compliance/requirements";
import { csvWorkbook, decodeText, isZipPackage } from "../formats/fedramp/fedrampCsv";
import { migrationWorkbook } from "../formats/emass/emassImport";
import type { FedrampSheetsResult, MigrationResult } from "../domain/ports";
import { readXlsx } from "../formats/xlsx-read/readXlsx";
import { readBytes } from "./readFile";
import { EXPORT, WHO, messageFor } from "./strings";
import { UserNameField } from "./UserNameField";
import { useWho } from "./WhoContext";
import { useWorkbookActions } from "./WorkbookActionsContext";
import { type CellsWorkbook, choiceKey, type FedrampImport } from "../domain/poam/migration";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  file: { maxWidth: "100%" },
});

/** A file offered for download, and its object URL to release later. */
interface Download {
  readonly url: string;
  readonly name: string;
  readonly summary: OscalSummary;
  readonly issues: readonly CheckIssue[];
}

type Busy = "oscal" | "fedramp" | "reading" | "importing" | undefined;

/** Export: the OSCAL file, the FedRAMP sheets, and reading a FedRAMP-layout POA&M in. */
export function Export() {
  const styles = useStyles();
  const actions = useWorkbookActions();
  const { who, setWho } = useWho();
  const [busy, setBusy] = useState<Busy>();
  const [error, setError] = useState<string>();
  const [download, setDownload] = useState<Download>();
  const [sheets, setSheets] = useState<FedrampSheetsResult>();
  const [preview, setPreview] = useState<{ workbook: CellsWorkbook; read: FedrampImport; name: string }>();
  const [migrated, setMigrated] = useState<MigrationResult>();
  /** The requirement chosen for each item whose 800-53 Controls several requirements fit. */
  const [chosen, setChosen] = useState<ReadonlyMap<string, string>>(new Map());

  useEffect(() => () => {
    if (download) URL.revokeObjectURL(download.url);
  }, [download]);

  const work = async (what: Busy, task: () => Promise<void>) => {
    setBusy(what);
    setError(undefined);
    try {
      await task();
    } catch (failure) {
      setError(messageFor(failure));
    } finally {
      setBusy(undefined);
    }
  };

  const exportOscal = () =>
    work("oscal", async () => {
      const data = await actions.readPoam();
      const today = localToday();
      const { document, summary } = oscalPoam(data, { now: new Date(), today });
      const blob = new Blob([JSON.stringify(document, null, 2)], { type: "application/json" });
      const name = `${(data.settings.systemName || data.settings.organisation || "poam").replace(/[^A-Za-z0-9._-]+/g, "-")}-oscal-poam.json`;
      setDownload({ url: URL.createObjectURL(blob), name, summary, issues: checkPoam(data, today).issues });
    });

  const addSheets = () => work("fedramp", async () => setSheets(await actions.addFedrampSheets()));

  const readFile = (file: File) =>
    work("reading", async () => {
      setPreview(undefined);
      setMigrated(undefined);
      setChosen(new Map());
      let workbook: CellsWorkbook;
      try {
        const bytes = await readBytes(file, EXPORT.notWorkbook(file.name));
        // A CSV in the template's columns is text; a workbook is a ZIP package, whatever its name says.
        const read = !isZipPackage(bytes) && !/\.xls[xm]$/i.test(file.name) ? csvWorkbook(decodeText(bytes), file.name) : await readXlsx(bytes);
        // An eMASS POA&M export is read in the template's layout.
        workbook = migrationWorkbook(read).workbook;
      } catch {
        throw new PoamError("invalidInput", EXPORT.notWorkbook(file.name));
      }
      setPreview({ workbook, read: await actions.previewFedrampImport(workbook), name: file.name });
    });

  const migrate = () =>
    work("importing", async () => {
      if (!preview) return;
      setMigrated(await actions.importFedramp({ ...preview.workbook, chosenRequirements: chosen }, who));
      setPreview(undefined);
    });

  const errors = download?.issues.filter((issue) => issue.severity === "error") ?? [];
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

      <div className={styles.section}>
        <Subtitle2 as="h3">{EXPORT.oscalTitle}</Subtitle2>
        <Body1>{EXPORT.oscalIntro}</Body1>
        <div>
          <Button appearance="primary" disabled={busy !== undefined} onClick={() => void exportOscal()}>
            {EXPORT.oscalAction}
          </Button>
        </div>
        {busy === "oscal" && <Spinner size="tiny" label={EXPORT.working} />}
        {download && (
          <MessageBar intent={errors.length > 0 ? "warning" : "success"}>
            <MessageBarBody>
              <MessageBarTitle>{EXPORT.oscalDone(download.summary)}</MessageBarTitle>
              <Link href={download.url} download={download.name}>
                {EXPORT.downloadLink(download.name)}
              </Link>
              {download.issues.length > 0 && (
                <>
                  <Body1 as="p">{EXPORT.withIssues(errors.length, download.issues.length - errors.length)}</Body1>
                  <ul className={styles.list} aria-label={EXPORT.issuesLabel}>
                    {download.issues.map((issue, index) => (
                      <li key={index}>{[issue.id, issue.column].filter(Boolean).join(", ") + ": " + issue.message}</li>
                    ))}
                  </ul>
                </>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>

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

      <div className={styles.section}>
        <Subtitle2 as="h3">{EXPORT.migrateTitle}</Subtitle2>
        <Body1>{EXPORT.migrateIntro}</Body1>
        <Field label={EXPORT.migrateFile}>
          {(fieldProps) => (
            <input
              {...fieldProps}
              className={styles.file}
              type="file"
              accept=".xlsx,.xlsm,.csv"
              disabled={busy !== undefined}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void readFile(file);
              }}
            />
          )}
        </Field>
        {(busy === "reading" || busy === "importing") && <Spinner size="tiny" label={busy === "reading" ? EXPORT.reading : EXPORT.importing} />}
        {preview && (
          <MessageBar intent={preview.read.findings.length > 0 ? "info" : "warning"}>
            <MessageBarBody>
              <MessageBarTitle>{EXPORT.preview(preview.name, preview.read)}</MessageBarTitle>
              <ul className={styles.list} aria-label={EXPORT.notCarriedLabel}>
                {[
                  ...preview.read.guesses.map((guess) => EXPORT.guessed(guess.sheet, guess.row, guess.message)),
                  ...preview.read.keptInComments.map((kept) => EXPORT.keptInComments(kept.column, kept.items)),
                  ...preview.read.unmapped.map((column) => EXPORT.unmapped(column.column, column.reason)),
                  ...preview.read.skipped.map((row) => EXPORT.skipped(row.sheet, row.row, row.reason)),
                  ...preview.read.warnings.map((warning) => warning.message),
                ].map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        {preview && preview.read.requirementChoices.length > 0 && (
          <div className={styles.section}>
            <Body1>{EXPORT.chooseRequirements}</Body1>
            {preview.read.requirementChoices.map((choice) => {
              const key = choiceKey(choice.sheet, choice.row);
              return (
                <Field key={key} label={EXPORT.requirementFor(choice.id, choice.controls)}>
                  <Select
                    value={chosen.get(key) ?? choice.requirement}
                    disabled={busy !== undefined}
                    onChange={(_, data) => setChosen(new Map(chosen).set(key, data.value))}
                  >
                    {choice.candidates.map((id) => (
                      <option key={id} value={id}>
                        {`${id} ${findRequirement(id)?.statement ?? ""}`.trim()}
                      </option>
                    ))}
                  </Select>
                </Field>
              );
            })}
          </div>
        )}
        {preview && preview.read.findings.length > 0 && who === "" && (
          <>
            <Body1>{WHO.needed}</Body1>
            <UserNameField name={who} onSave={setWho} />
          </>
        )}
        {preview && preview.read.findings.length > 0 && (
          <div>
            <Button appearance="primary" disabled={busy !== undefined || who === ""} onClick={() => void migrate()}>
              {EXPORT.migrateAction(preview.read.findings.length)}
            </Button>
          </div>
        )}
        {migrated && (
          <MessageBar intent="success">
            <MessageBarBody>{EXPORT.migrated(migrated)}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
