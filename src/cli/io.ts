/** What every command of `poam` shares: where it writes, and the failure a user can fix. */
import { localToday } from "../domain/core/dates";

/** A failure the user can fix; printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/** Why a file could not be written, in words ("permission denied"), from the error Node raised. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOSPC") return "the disk is full";
  if (code === "EROFS") return "the disk is read-only";
  if (code === "EBUSY") return "the file is in use";
  return code ?? (error instanceof Error ? error.message : "unknown error");
}

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly today: () => string;
}

export const NODE_IO: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
  today: () => localToday(),
};
