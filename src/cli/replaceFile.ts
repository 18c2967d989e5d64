/**
 * Replacing a user's workbook file with a changed copy, so that a failure at
 * any step leaves the file as it was: the copy is written to a temporary
 * file in the same folder, read back and checked, the previous version kept
 * as FILE.bak, and only then renamed into place (a rename within a folder
 * replaces the file whole).
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileErrorReason, UsageError } from "./io";

/**
 * The lock file Excel keeps beside a workbook it has open ("~$" and the
 * file's name; for long names Office drops the first two characters of the
 * name instead), if there is one.
 */
export function excelLockFile(file: string): string | undefined {
  const name = basename(file);
  return [`~$${name}`, `~$${name.slice(2)}`].map((lock) => join(dirname(file), lock)).find((lock) => existsSync(lock));
}


export interface ReplaceOptions {
  /** Keep the previous version as FILE.bak. */
  readonly backup: boolean;
  /** Reads the written copy back; throws when it is not what was meant. */
  readonly verify: (written: Uint8Array) => Promise<void>;
}

/** Replaces `file` (named `name` to the user) with `bytes`, keeping `previous` as FILE.bak when asked. */
export async function replaceWorkbookFile(name: string, file: string, previous: Uint8Array, bytes: Uint8Array, { backup, verify }: ReplaceOptions): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temporary, bytes, { flag: "wx" });
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`${name} could not be changed (${fileErrorReason(error)}); it is as it was.`);
  }
  try {
    await verify(new Uint8Array(readFileSync(temporary)));
    if (backup) {
      const kept = `${temporary}.bak`;
      writeFileSync(kept, previous, { flag: "wx" });
      renameSync(kept, `${file}.bak`);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    rmSync(`${temporary}.bak`, { force: true });
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${name} could not be changed (${fileErrorReason(error)}); it is as it was.`);
  }
}
