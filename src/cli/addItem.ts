/**
 * `poam add POAM.xlsx`: one item added to a workbook file, through the same
 * validator, ID sequence and Change Log as the task pane's Add finding form,
 * written at the package level so nothing else of the file changes.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { itemAdded, milestoneAdded, changeLogRowsIn } from "../domain/poam/changeLog";
import { nextPoamId } from "../domain/poam/poamIds";
import { FINDING_FIELDS, MILESTONE_FIELDS, cellText, recordCells } from "../domain/poam/records";
import { EMPTY_DRAFT, findingFromDraft, milestonesFromDraft, validateFinding, type FindingDraft, type MilestoneDraft } from "../domain/poam/validateFinding";
import { readPoamFile } from "../formats/xlsx-read/readPoamFile";
import { patchWorkbook } from "../xlsx-patch/patchWorkbook";
import { UsageError, type CliIo } from "./io";
import { replaceWorkbookFile } from "./replaceFile";
import { authorOf, changeTime, headersOf, issuedIds, openWorkbookFile, patchedOrRefused } from "./workbookFile";

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
  const { file, bytes, workbook } = await openWorkbookFile(name, io);
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

  const id = nextPoamId(issuedIds(workbook), today);
  const finding = findingFromDraft(draft, id, today);
  const newMilestones = milestonesFromDraft(draft, id);
  const who = authorOf(option("author") as string | undefined);
  const when = changeTime(today);
  const changes = [itemAdded(finding), ...newMilestones.map(milestoneAdded)];

  const changed = await patchedOrRefused(name, patchWorkbook(bytes, {
    appends: [
      { table: "Poam", rows: [recordCells(finding, headersOf(workbook, "Poam"), FINDING_FIELDS)] },
      { table: "Milestones", rows: newMilestones.map((m) => recordCells(m, headersOf(workbook, "Milestones"), MILESTONE_FIELDS)) },
      { table: "ChangeLog", rows: changeLogRowsIn(headersOf(workbook, "ChangeLog"), changes, who, when) },
    ],
  }));

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
