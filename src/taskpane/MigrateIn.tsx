import { Body1, Button, Field, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { findRequirement } from "../domain/compliance/requirements";
import { PoamError } from "../domain/core/errors";
import { type CellsWorkbook, choiceKey, type FedrampImport, type RequirementChoice } from "../domain/poam/migration";
import type { MigrationResult } from "../domain/ports";
import { migrationWorkbook } from "../formats/emass/emassImport";
import { csvWorkbook, decodeText, isZipPackage } from "../formats/fedramp/fedrampCsv";
import { readXlsx } from "../formats/xlsx-read/readXlsx";
import { migrationNotes } from "../formats/fedramp/migrationReport";
import { readBytes } from "./readFile";
import { EXPORT, WHO } from "./strings";
import type { Busy, Work } from "./useExportWork";
import { UserNameField } from "./UserNameField";
import { useWho } from "./WhoContext";
import { useWorkbookActions } from "./WorkbookActionsContext";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  file: { maxWidth: "100%" },
});

/** A file read, and what importing it would bring in. */
interface MigrationPreview {
  readonly workbook: CellsWorkbook;
  readonly read: FedrampImport;
  readonly name: string;
}

/** A FedRAMP-layout or eMASS POA&M file as cells in the template's layout; any failure says the file is not one. */
async function readMigrationFile(file: File): Promise<CellsWorkbook> {
  try {
    const bytes = await readBytes(file, EXPORT.notWorkbook(file.name));
    // A CSV in the template's columns is text; a workbook is a ZIP package, whatever its name says.
    const read = !isZipPackage(bytes) && !/\.xls[xm]$/i.test(file.name) ? csvWorkbook(decodeText(bytes), file.name) : await readXlsx(bytes);
    // An eMASS POA&M export is read in the template's layout.
    return migrationWorkbook(read).workbook;
  } catch {
    throw new PoamError("invalidInput", EXPORT.notWorkbook(file.name));
  }
}

/** Migrating a FedRAMP or eMASS POA&M in: read the file, see what would come in, then import it. */
export function MigrateIn({ busy, work }: { readonly busy: Busy; readonly work: Work }) {
  const styles = useStyles();
  const actions = useWorkbookActions();
  const { who, setWho } = useWho();
  const [preview, setPreview] = useState<MigrationPreview>();
  const [migrated, setMigrated] = useState<MigrationResult>();
  /** The requirement chosen for each item whose 800-53 Controls several requirements fit. */
  const [chosen, setChosen] = useState<ReadonlyMap<string, string>>(new Map());

  const readFile = (file: File) =>
    work("reading", async () => {
      setPreview(undefined);
      setMigrated(undefined);
      setChosen(new Map());
      const workbook = await readMigrationFile(file);
      setPreview({ workbook, read: await actions.previewFedrampImport(workbook), name: file.name });
    });

  const migrate = () =>
    work("importing", async () => {
      if (!preview) return;
      setMigrated(await actions.importFedramp({ ...preview.workbook, chosenRequirements: chosen }, who));
      setPreview(undefined);
    });

  const findings = preview?.read.findings.length ?? 0;
  return (
    <div className={styles.section}>
      <Subtitle2 as="h3">{EXPORT.migrateTitle}</Subtitle2>
      <Body1>{EXPORT.migrateIntro}</Body1>
      <MigrationFileField disabled={busy !== undefined} onFile={(file) => void readFile(file)} />
      {(busy === "reading" || busy === "importing") && <Spinner size="tiny" label={busy === "reading" ? EXPORT.reading : EXPORT.importing} />}
      {preview && <MigrationNotes preview={preview} />}
      {preview && preview.read.requirementChoices.length > 0 && (
        <RequirementChoices choices={preview.read.requirementChoices} chosen={chosen} disabled={busy !== undefined} onChoose={(key, id) => setChosen(new Map(chosen).set(key, id))} />
      )}
      {findings > 0 && who === "" && (
        <>
          <Body1>{WHO.needed}</Body1>
          <UserNameField name={who} onSave={setWho} />
        </>
      )}
      {findings > 0 && (
        <div>
          <Button appearance="primary" disabled={busy !== undefined || who === ""} onClick={() => void migrate()}>
            {EXPORT.migrateAction(findings)}
          </Button>
        </div>
      )}
      {migrated && (
        <MessageBar intent="success">
          <MessageBarBody>{EXPORT.migrated(migrated)}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

function MigrationFileField({ disabled, onFile }: { readonly disabled: boolean; readonly onFile: (file: File) => void }) {
  const styles = useStyles();
  return (
    <Field label={EXPORT.migrateFile}>
      {(fieldProps) => (
        <input
          {...fieldProps}
          className={styles.file}
          type="file"
          accept=".xlsx,.xlsm,.csv"
          disabled={disabled}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onFile(file);
          }}
        />
      )}
    </Field>
  );
}

/** How many items would come in, and every value guessed, kept in Comments, or left behind. */
function MigrationNotes({ preview }: { readonly preview: MigrationPreview }) {
  const styles = useStyles();
  const { read } = preview;
  const notes = migrationNotes(read);
  return (
    <MessageBar intent={read.findings.length > 0 ? "info" : "warning"}>
      <MessageBarBody>
        <MessageBarTitle>{EXPORT.preview(preview.name, read)}</MessageBarTitle>
        <ul className={styles.list} aria-label={EXPORT.notCarriedLabel}>
          {notes.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/** A requirement to pick for each item whose 800-53 Controls several requirements fit. */
function RequirementChoices({
  choices,
  chosen,
  disabled,
  onChoose,
}: {
  readonly choices: readonly RequirementChoice[];
  readonly chosen: ReadonlyMap<string, string>;
  readonly disabled: boolean;
  readonly onChoose: (key: string, requirement: string) => void;
}) {
  const styles = useStyles();
  return (
    <div className={styles.section}>
      <Body1>{EXPORT.chooseRequirements}</Body1>
      {choices.map((choice) => {
        const key = choiceKey(choice.sheet, choice.row);
        return (
          <Field key={key} label={EXPORT.requirementFor(choice.id, choice.controls)}>
            <Select value={chosen.get(key) ?? choice.requirement} disabled={disabled} onChange={(_, data) => onChoose(key, data.value)}>
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
  );
}
