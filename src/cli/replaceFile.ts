/**
 * Replacing a user's workbook file with a changed copy, so that a failure at
 * any step leaves the file as it was: the copy is written to a temporary
 * file in the same folder with the file's permissions, read back and
 * checked, the file looked at again (not opened in Excel or saved by anyone
 * since it was read), the previous version kept as FILE.bak, and only then
 * the copy renamed into place (a rename within a folder replaces the file
 * whole).
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
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

/**
 * Stops when, since the command read it, the file was opened in Excel or
 * changed by anyone (saved from Excel, say): replacing it then would lose
 * what they did.
 */
function refuseIfChangedMeanwhile(name: string, file: string, previous: Uint8Array): void {
  const lock = excelLockFile(file);
  if (lock) throw new UsageError(`${name} was opened in Excel (${lock} is there) while poam was working on it; close it, then run again. Nothing was written.`);
  if (!readFileSync(file).equals(previous)) throw new UsageError(`${name} was saved by another program while poam was working on it; run again to make the change to what it holds now. Nothing was written.`);
}

/**
 * Replaces `file` (named `name` to the user) with `bytes`, keeping
 * `previous` (the bytes the command read) as FILE.bak when asked. The new
 * file and the backup get the file's permissions: a POA&M readable only by
 * its owner stays so.
 */
export async function replaceWorkbookFile(name: string, file: string, previous: Uint8Array, bytes: Uint8Array, { backup, verify }: ReplaceOptions): Promise<void> {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let mode: number;
  try {
    mode = statSync(file).mode & 0o7777;
    writeFileSync(temporary, bytes, { flag: "wx", mode: 0o600 });
    chmodSync(temporary, mode);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`${name} could not be changed (${fileErrorReason(error)}); it is as it was.`);
  }
  try {
    await verify(new Uint8Array(readFileSync(temporary)));
    refuseIfChangedMeanwhile(name, file, previous);
    if (backup) {
      const kept = `${temporary}.bak`;
      writeFileSync(kept, previous, { flag: "wx", mode: 0o600 });
      chmodSync(kept, mode);
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
