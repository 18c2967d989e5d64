/**
 * The `poam` command: the POA&M Workbench core without Excel, for automation
 * and for people who cannot install add-ins. It never modifies an input file.
 */
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isIsoDate, localToday } from "../domain/dates";
import { buildDemoData } from "../domain/demoData";
import { planSetup } from "../domain/planSetup";
import { EMPTY_WORKBOOK } from "../domain/snapshot";
import { writeWorkbookFile } from "../xlsx/writeWorkbookFile";

const USAGE = `Usage: poam <command> [options]

Commands:
  new FILE.xlsx [--demo] [--force] [--today YYYY-MM-DD]
      Write a new POA&M workbook. --demo fills it with about 40 sample
      findings, milestones and a self-assessment, dated relative to today
      (or to --today). --force overwrites an existing file.

Options:
  -h, --help      Show this help.
  -v, --version   Show the version.`;

/** A failure the user can fix; printed without a stack trace. */
export class UsageError extends Error {}

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly today: () => string;
}

const NODE_IO: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
  today: () => localToday(),
};

async function newWorkbook(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { demo: { type: "boolean" }, force: { type: "boolean" }, today: { type: "string" } },
  });
  if (positionals.length !== 1) throw new UsageError("poam new needs exactly one FILE.xlsx to write.");
  const file = resolve(io.cwd, positionals[0]);
  if (!file.toLowerCase().endsWith(".xlsx")) throw new UsageError(`The file name must end in .xlsx: ${positionals[0]}`);
  if (existsSync(file) && !values.force) {
    throw new UsageError(`${positionals[0]} already exists. Use --force to overwrite it.`);
  }
  const today = values.today ?? io.today();
  if (!isIsoDate(today)) throw new UsageError(`--today takes a date as YYYY-MM-DD, not ${today}.`);

  const data = values.demo ? buildDemoData(today) : {};
  const plan = planSetup(EMPTY_WORKBOOK, data);
  const bytes = await writeWorkbookFile(plan);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  const items = data.findings?.length ?? 0;
  io.out(`Wrote ${positionals[0]}: ${plan.summary.createdSheets.length} sheets, ${plan.summary.createdTables.length} tables` +
    (values.demo ? `, ${items} sample findings and ${data.milestones?.length ?? 0} milestones.` : "."));
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], io: CliIo = NODE_IO, version = "0.0.0"): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "new":
        await newWorkbook(rest, io);
        return 0;
      case "-v":
      case "--version":
        io.out(version);
        return 0;
      case undefined:
      case "-h":
      case "--help":
      case "help":
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      io.err(`poam: ${(error as Error).message}`);
      if (error instanceof UsageError && error.message.startsWith("Unknown command")) io.err(USAGE);
      return 2;
    }
    throw error;
  }
}
