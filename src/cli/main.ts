/**
 * The `poam` command: the POA&M Workbench core without Excel, for automation
 * and for people who cannot install add-ins. It never modifies an input file.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isIsoDate, localToday } from "../domain/dates";
import { checkPoam, type CheckReport } from "../domain/checkWorkbook";
import { buildDemoData } from "../domain/demoData";
import type { PoamData } from "../domain/poamData";
import { planSetup } from "../domain/planSetup";
import { PoamError } from "../domain/errors";
import { decodeChunks } from "../domain/scan/decodeText";
import { parseScan } from "../domain/scan/parseScan";
import { DEFAULT_IMPORT_OPTIONS, planImport } from "../domain/scan/planImport";
import { FORMAT_NAMES, SEVERITIES, type Severity } from "../domain/scan/scanTypes";
import { EMPTY_WORKBOOK } from "../domain/snapshot";
import { readPoamFile } from "../xlsx/readPoamFile";
import { writeRefreshedWorkbookFile } from "../xlsx/refreshedWorkbookFile";
import { writeWorkbookFile } from "../xlsx/writeWorkbookFile";

const USAGE = `Usage: poam <command> [options]

Commands:
  new FILE.xlsx [--demo] [--force] [--today YYYY-MM-DD]
      Write a new POA&M workbook. --demo fills it with about 40 sample
      findings, milestones and a self-assessment, dated relative to today
      (or to --today). --force overwrites an existing file.

  scan SCANFILE [--json] [--threshold SEVERITY] [--per-host]
      Read a scan export (Nessus / Tenable CSV or .nessus, OpenVAS / Greenbone
      CSV or XML, Qualys CSV or XML), detect its format from its content and
      print what importing it would bring: findings by severity, those below
      the threshold (Low by default: informational findings are left out) and
      the POA&M items they group into. --per-host makes one item per host
      rather than per vulnerability. --json prints the same as JSON.

  check FILE.xlsx [--json]
      Read a POA&M workbook and report every rule an item breaks (missing
      owners, dates, milestones, evidence; duplicate IDs; items on
      requirements CMMC does not allow on a POA&M), then the SPRS score and
      whether CMMC conditional status is reachable, with the reasons.
      Exits with 1 when it finds errors, 0 when there are none (warnings
      alone still exit 0). --json prints the same as JSON.

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
  const bytes = values.demo ? await writeRefreshedWorkbookFile(plan, today, "poam new --demo") : await writeWorkbookFile(plan);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  const items = data.findings?.length ?? 0;
  io.out(`Wrote ${positionals[0]}: ${plan.summary.createdSheets.length} sheets, ${plan.summary.createdTables.length} tables` +
    (values.demo ? `, ${items} sample findings and ${data.milestones?.length ?? 0} milestones.` : "."));
}

/** The stable shape `poam scan --json` prints (documented in the README). */
export interface ScanReport {
  readonly file: string;
  readonly format: string;
  readonly formatName: string;
  /** Rows or elements read that held a finding. */
  readonly records: number;
  /** Distinct findings (scanner, ID, host, port, protocol). */
  readonly findings: number;
  readonly hosts: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly threshold: Severity;
  readonly belowThreshold: number;
  readonly grouping: "vulnerability" | "host";
  /** POA&M items the findings at or above the threshold make. */
  readonly items: number;
  readonly itemsByPriority: Readonly<Record<string, number>>;
}

async function scan(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean" }, threshold: { type: "string" }, "per-host": { type: "boolean" } },
  });
  if (positionals.length !== 1) throw new UsageError("poam scan needs exactly one SCANFILE to read.");
  const file = resolve(io.cwd, positionals[0]);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No such file: ${positionals[0]}`);
  const threshold = (values.threshold ?? "Low") as Severity;
  if (!SEVERITIES.includes(threshold)) throw new UsageError(`--threshold is one of ${SEVERITIES.join(", ")}, not ${values.threshold}.`);

  const parsed = await parseScan(decodeChunks(createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>)).catch((error: unknown) => {
    throw error instanceof PoamError ? new UsageError(`${positionals[0]}: ${error.message}`) : error;
  });
  const grouping = values["per-host"] ? "host" : "vulnerability";
  const plan = planImport(parsed, [], new Set(), { ...DEFAULT_IMPORT_OPTIONS, grouping, threshold, today: io.today() });
  const report: ScanReport = {
    file: positionals[0],
    format: parsed.format,
    formatName: FORMAT_NAMES[parsed.format],
    records: parsed.findingRecords,
    findings: plan.counts.findings,
    hosts: new Set(parsed.findings.map((finding) => finding.host)).size,
    bySeverity: plan.counts.bySeverity,
    threshold,
    belowThreshold: plan.counts.belowThreshold,
    grouping,
    items: plan.counts.items,
    itemsByPriority: plan.counts.newByPriority,
  };
  if (values.json) {
    io.out(JSON.stringify(report, null, 2));
    return;
  }
  const counts = (record: Readonly<Record<string, number>>) =>
    Object.entries(record)
      .map(([key, count]) => `${key} ${count}`)
      .join(", ");
  io.out(
    [
      `${report.file}: ${report.formatName}`,
      `Findings: ${report.findings} on ${report.hosts} ${report.hosts === 1 ? "host" : "hosts"} (${report.records} records) — ${counts(report.bySeverity)}`,
      `Below the ${threshold} threshold: ${report.belowThreshold}`,
      `POA&M items (one per ${grouping}): ${report.items} — ${counts(report.itemsByPriority)}`,
    ].join("\n"),
  );
}

/** Reads a POA&M workbook file named on the command line, with messages a user can act on. */
async function readPoamArgument(name: string, io: CliIo): Promise<PoamData> {
  const file = resolve(io.cwd, name);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No such file: ${name}`);
  try {
    return await readPoamFile(new Uint8Array(readFileSync(file)));
  } catch (error) {
    if (error instanceof PoamError && error.code === "notPoam") {
      throw new UsageError(`${name} is not a POA&M workbook: it has no Poam and Controls tables. Create one with "poam new".`);
    }
    if (error instanceof PoamError) throw new UsageError(`${name}: ${error.message}`);
    throw new UsageError(`${name} is not an Excel workbook (.xlsx) that can be read.`);
  }
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean" } } });
  if (positionals.length !== 1) throw new UsageError("poam check needs exactly one FILE.xlsx to read.");
  const report: CheckReport = checkPoam(await readPoamArgument(positionals[0], io), io.today());
  if (values.json) {
    io.out(JSON.stringify({ file: positionals[0], ...report }, null, 2));
    return report.errors > 0 ? 1 : 0;
  }
  const { readiness } = report.figures;
  const lines = report.issues.map((issue) => {
    const where = [issue.id, issue.row === undefined ? undefined : `row ${issue.row}`].filter(Boolean).join(", ");
    return `${issue.severity === "error" ? "Error" : "Warning"}: ${where ? `${where}: ` : ""}${issue.column ? `${issue.column}: ` : ""}${issue.message}`;
  });
  lines.push(
    `${positionals[0]}: ${report.items} items as of ${report.asOf} — ${report.errors} errors, ${report.warnings} warnings.`,
    `Open ${report.figures.open}, overdue ${report.figures.overdue}, due soon ${report.figures.dueSoon}.`,
    `SPRS score ${readiness.score} (${readiness.scoreAfterPlan} once every planned item closes).`,
    readiness.reachable ? "CMMC conditional status: reachable." : `CMMC conditional status: not reachable. ${readiness.reasons.join(" ")}`,
    ...readiness.blockingRequirements.map((blocker) => `  ${blocker.id}: ${blocker.reason}`),
  );
  if (readiness.closeoutDaysLeft !== undefined) lines.push(`Close-out deadline ${readiness.closeoutDeadline}: ${readiness.closeoutDaysLeft} days left.`);
  io.out(lines.join("\n"));
  return report.errors > 0 ? 1 : 0;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], io: CliIo = NODE_IO, version = "0.0.0"): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "new":
        await newWorkbook(rest, io);
        return 0;
      case "scan":
        await scan(rest, io);
        return 0;
      case "check":
        return await check(rest, io);
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
