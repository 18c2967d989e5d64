/**
 * `poam add POAM.xlsx`: one item added to a workbook file, through the same
 * validator, ID sequence and Change Log as the task pane's Add finding form,
 * written at the package level so nothing else of the file changes.
 */
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { toSerialDateTime } from "../domain/core/dates";
import { PoamError } from "../domain/core/errors";
import { itemAdded, milestoneAdded, changeLogRowsIn } from "../domain/poam/changeLog";
import { DATA_TABLES, poamDataFromTables, type PoamData, type TableValues } from "../domain/poam/poamData";
import { nextPoamId } from "../domain/poam/poamIds";
import { FINDING_FIELDS, MILESTONE_FIELDS, cellText, recordCells } from "../domain/poam/records";
import { EMPTY_DRAFT, findingFromDraft, milestonesFromDraft, validateFinding, type FindingDraft, type MilestoneDraft } from "../domain/poam/validateFinding";
import { readPoamFile, tableValues } from "../formats/xlsx-read/readPoamFile";
import { readXlsx } from "../formats/xlsx-read/readXlsx";
import { appendToWorkbook } from "../xlsx-patch/patchWorkbook";
import { UsageError, type CliIo } from "./io";
import { excelLockFile, replaceWorkbookFile } from "./replaceFile";

type DraftText = Exclude<keyof FindingDraft, "milestones">;

/** The form's fields as options: `sourceRef` is `--source-ref`. */
const FIELD_OPTIONS = (Object.keys(EMPTY_DRAFT).filter((key) => key !== "milestones") as DraftText[]).map((field) => ({
  field,
  option: field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
}));

/** "2026-12-15 Apply the patch" (a due date, a space, what is to be done). */
function milestoneOption(text: string): MilestoneDraft {
  const match = /^(\d{4}-\d{2}-\d{2})\s+(.+)$/s.exec(text.trim());
  if (!match) throw new UsageError(`--milestone takes a due date and what is to be done, as "2026-12-15 Apply the patch"; got "${text}".`);
  return { milestone: match[2], dueDate: match[1], completedOn: "" };
}

/** A draft read from a JSON file of the form's fields (strings) and milestones. */
function draftFromJson(name: string, cwd: string): Partial<FindingDraft> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(cwd, name), "utf8"));
  } catch (error) {
    throw new UsageError(`${name} could not be read as JSON (${(error as Error).message}).`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UsageError(`${name} must hold one JSON object: the item's fields.`);
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === "milestones") {
      if (!Array.isArray(value)) throw new UsageError(`${name}: "milestones" must be a list.`);
      fields.milestones = value.map((m: Record<string, unknown>) => ({ milestone: cellText(m?.milestone), dueDate: cellText(m?.dueDate), completedOn: cellText(m?.completedOn) }));
    } else if (key in EMPTY_DRAFT) {
      fields[key] = value === null || value === undefined ? "" : String(value);
    } else {
      throw new UsageError(`${name}: "${key}" is not a field of an item. Fields: ${FIELD_OPTIONS.map((f) => f.field).join(", ")}, milestones.`);
    }
  }
  return fields;
}

/** Who the Change Log names: --author, else the account running the command. */
function authorOf(given: string | undefined): string {
  if (given?.trim()) return given.trim();
  try {
    return userInfo().username || "poam";
  } catch {
    return "poam";
  }
}

interface Workbook {
  readonly data: PoamData;
  readonly tables: readonly TableValues[];
}

/** The POA&M in `bytes`, with every table's values (the Change Log's issued IDs among them). */
async function readWorkbook(name: string, bytes: Uint8Array): Promise<Workbook> {
  try {
    const tables = tableValues(await readXlsx(bytes));
    const wanted = new Set<string>(DATA_TABLES.map((table) => table.toLowerCase()));
    return { data: poamDataFromTables(tables.filter((table) => wanted.has(table.name.toLowerCase()))), tables };
  } catch (error) {
    if (error instanceof PoamError && error.code === "notPoam") {
      throw new UsageError(`${name} is not a POA&M workbook: it has no Poam and Controls tables. Create one with "poam new".`);
    }
    if (error instanceof PoamError) throw new UsageError(`${name}: ${error.message}`);
    throw new UsageError(`${name} is not an Excel workbook (.xlsx) that can be read.`);
  }
}

const headersOf = (workbook: Workbook, table: string): string[] => {
  const found = workbook.tables.find((t) => t.name.toLowerCase() === table.toLowerCase());
  if (!found) throw new UsageError(`The workbook has no ${table} table; set it up again with the add-in or "poam setup" first.`);
  return [...found.headers];
};

type Options = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;

const ADD_OPTIONS: Options = {
  "from-json": { type: "string" },
  milestone: { type: "string", multiple: true },
  author: { type: "string" },
  "no-backup": { type: "boolean" },
  ...Object.fromEntries(FIELD_OPTIONS.map(({ option }) => [option, { type: "string" as const }])),
};

/** Adds one item; 0 when added, 1 when the item breaks a rule (nothing written). */
export async function addItem(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: ADD_OPTIONS });
  if (positionals.length !== 1) throw new UsageError("poam add needs exactly one POAM.xlsx to add the item to.");
  const name = positionals[0];
  const file = resolve(io.cwd, name);
  const lock = excelLockFile(file);
  if (lock) throw new UsageError(`${name} is open in Excel (${lock} is there); close it, then run again. Nothing was changed.`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch {
    throw new UsageError(`No such file: ${name}`);
  }
  const workbook = await readWorkbook(name, bytes);
  const today = io.today();

  const option = (key: string) => (values as Record<string, unknown>)[key];
  const fromJson = typeof option("from-json") === "string" ? draftFromJson(option("from-json") as string, io.cwd) : {};
  const given = Object.fromEntries(FIELD_OPTIONS.filter(({ option: o }) => typeof option(o) === "string").map(({ field, option: o }) => [field, option(o) as string]));
  const milestones = ((option("milestone") as string[] | undefined) ?? []).map(milestoneOption);
  const draft: FindingDraft = {
    ...EMPTY_DRAFT,
    discovered: today,
    ...fromJson,
    ...given,
    ...(milestones.length > 0 && { milestones }),
  };

  const issues = validateFinding(draft, {
    today,
    people: workbook.data.people.map((person) => person.name),
    closedStatuses: workbook.data.closedStatuses,
  });
  const errors = issues.filter((issue) => issue.severity === "error");
  if (errors.length > 0) {
    for (const issue of errors) io.out(`Error: ${issue.field}: ${issue.message}`);
    io.out(`${name} was not changed.`);
    return 1;
  }
  for (const issue of issues.filter((i) => i.severity === "warning")) io.out(`Warning: ${issue.field}: ${issue.message}`);

  const logged = workbook.tables.find((t) => t.name.toLowerCase() === "changelog");
  const loggedIds = logged ? logged.rows.map((row) => cellText(row[logged.headers.indexOf("POA&M ID")])) : [];
  const id = nextPoamId([...workbook.data.items.map((item) => item.finding.id), ...loggedIds].filter((value) => value.trim() !== ""), today);
  const finding = findingFromDraft(draft, id, today);
  const newMilestones = milestonesFromDraft(draft, id);
  const who = authorOf(option("author") as string | undefined);
  const when = toSerialDateTime(new Date(`${today}T${new Date().toTimeString().slice(0, 8)}`));
  const changes = [itemAdded(finding), ...newMilestones.map(milestoneAdded)];

  const changed = await appendToWorkbook(bytes, [
    { table: "Poam", rows: [recordCells(finding, headersOf(workbook, "Poam"), FINDING_FIELDS)] },
    { table: "Milestones", rows: newMilestones.map((m) => recordCells(m, headersOf(workbook, "Milestones"), MILESTONE_FIELDS)) },
    { table: "ChangeLog", rows: changeLogRowsIn(headersOf(workbook, "ChangeLog"), changes, who, when) },
  ]).catch((error: unknown) => {
    if (error instanceof PoamError) throw new UsageError(`${name}: ${error.message} Nothing was changed.`);
    throw error;
  });

  const backup = option("no-backup") !== true;
  await replaceWorkbookFile(name, file, bytes, changed, {
    backup,
    verify: async (written) => {
      const after = await readPoamFile(written);
      if (after.items.length !== workbook.data.items.length + 1 || !after.items.some((item) => item.finding.id === id)) {
        throw new UsageError(`${name} could not be changed: the written copy did not read back with ${id}; it is as it was.`);
      }
    },
  });
  const milestoneText = newMilestones.length === 0 ? "" : ` with ${newMilestones.length} ${newMilestones.length === 1 ? "milestone" : "milestones"}`;
  io.out(`Added ${id}${milestoneText} to ${name}${backup ? `; the previous version is ${name}.bak` : ""}.`);
  return 0;
}
