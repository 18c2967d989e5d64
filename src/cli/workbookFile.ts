/**
 * What the commands that change a POA&M workbook file share: opening it
 * (refusing while Excel has it open), reading its tables, the IDs issued,
 * who and when the Change Log names.
 */
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { resolve } from "node:path";
import { toSerialDateTime } from "../domain/core/dates";
import { PoamError } from "../domain/core/errors";
import { type PoamData, type TableValues } from "../domain/poam/poamData";
import { cellText } from "../domain/poam/records";
import { readPoamTables } from "../formats/xlsx-read/readPoamFile";
import { UsageError, type CliIo } from "./io";
import { excelLockFile } from "./replaceFile";

export interface Workbook {
  readonly data: PoamData;
  readonly tables: readonly TableValues[];
  readonly definedNames: ReadonlyMap<string, string>;
}

/** What reading the POA&M file `name` failed with, as the message a user can act on. */
export function unreadablePoam(name: string, error: unknown): UsageError {
  if (error instanceof PoamError && error.code === "notPoam") {
    return new UsageError(`${name} is not a POA&M workbook: it has no Poam and Controls tables. Create one with "poam new".`);
  }
  if (error instanceof PoamError) return new UsageError(`${name}: ${error.message}`);
  return new UsageError(`${name} is not an Excel workbook (.xlsx) that can be read.`);
}

/** The changed package `patched` makes; a change the workbook does not allow becomes the user's message, the file unchanged. */
export function patchedOrRefused(name: string, patched: Promise<Uint8Array>): Promise<Uint8Array> {
  return patched.catch((error: unknown) => {
    if (error instanceof PoamError) throw new UsageError(`${name}: ${error.message} Nothing was changed.`);
    throw error;
  });
}

/** The POA&M in `bytes`, with every table's values (the Change Log's issued IDs among them). */
async function readWorkbook(name: string, bytes: Uint8Array): Promise<Workbook> {
  try {
    return await readPoamTables(bytes);
  } catch (error) {
    throw unreadablePoam(name, error);
  }
}

/** The workbook file named `name`: where it is and its bytes; refuses while Excel has it open. */
export function workbookFileBytes(name: string, io: CliIo): { file: string; bytes: Uint8Array } {
  const file = resolve(io.cwd, name);
  const lock = excelLockFile(file);
  if (lock) throw new UsageError(`${name} is open in Excel (${lock} is there); close it, then run again. Nothing was changed.`);
  try {
    return { file, bytes: new Uint8Array(readFileSync(file)) };
  } catch {
    throw new UsageError(`No such file: ${name}`);
  }
}

/** The POA&M workbook file named `name`: where it is, its bytes and its tables; refuses while Excel has it open. */
export async function openWorkbookFile(name: string, io: CliIo): Promise<{ file: string; bytes: Uint8Array; workbook: Workbook }> {
  const { file, bytes } = workbookFileBytes(name, io);
  return { file, bytes, workbook: await readWorkbook(name, bytes) };
}

/** A table's values by name. */
export function tableOf(workbook: Workbook, table: string): TableValues {
  const found = workbook.tables.find((t) => t.name.toLowerCase() === table.toLowerCase());
  if (!found) throw new UsageError(`The workbook has no ${table} table; set it up again with the add-in first.`);
  return found;
}

export const headersOf = (workbook: Workbook, table: string): string[] => [...tableOf(workbook, table).headers];

/** The POA&M IDs issued so far: the POA&M's and the Change Log's (an ID once used is not used again). */
export function issuedIds(workbook: Workbook): string[] {
  const logged = workbook.tables.find((t) => t.name.toLowerCase() === "changelog");
  const loggedIds = logged ? logged.rows.map((row) => cellText(row[logged.headers.indexOf("POA&M ID")])) : [];
  return [...workbook.data.items.map((item) => item.finding.id), ...loggedIds].filter((value) => value.trim() !== "");
}

/** The Change Log's When: today's date (the command's, which tests fix) at the time of day now. */
export const changeTime = (today: string) => toSerialDateTime(new Date(`${today}T${new Date().toTimeString().slice(0, 8)}`));

/** Who the Change Log names: --author, else the account running the command. */
export function authorOf(given: string | undefined): string {
  if (given?.trim()) return given.trim();
  try {
    return userInfo().username || "poam";
  } catch {
    return "poam";
  }
}
