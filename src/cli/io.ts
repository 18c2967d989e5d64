/** What every command of `poam` shares: where it writes, and the failure a user can fix. */
import { localToday } from "../domain/core/dates";

/** A failure the user can fix; printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

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
