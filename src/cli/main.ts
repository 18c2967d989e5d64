/**
 * The `poam` command: the POA&M Workbench core without Excel, for automation
 * and for people who cannot install add-ins. It never modifies an input file.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isIsoDate } from "../domain/core/dates";
import { checkPoam, type CheckReport } from "../domain/poam/checkPoam";
import { CONTROL_BLOCKERS } from "../domain/compliance/rules";
import { closeoutText, scoreText } from "../domain/summary/readinessText";
import { buildDemoData } from "../domain/demo/demoData";
import { fedrampPlan, fedrampSheets } from "../formats/fedramp/fedramp";
import { oscalPoam } from "../formats/oscal/oscal";
import { readFedrampPoam } from "../formats/fedramp/fedrampImport";
import { issueCounts, issueLine, oscalContents } from "../formats/reports";
import { migrationMapped, migrationNotes } from "../formats/fedramp/migrationReport";
import { csvWorkbook, decodeText, isZipPackage } from "../formats/fedramp/fedrampCsv";
import { migrationWorkbook } from "../formats/emass/emassImport";
import type { PoamData } from "../domain/poam/poamData";
import type { InitialData } from "../domain/poam/records";
import { describeClipped, limitCellText } from "../domain/core/limitCellText";
import { planSetup } from "../domain/workbook/planSetup";
import { PoamError } from "../domain/core/errors";
import { DEFAULT_IMPORT_OPTIONS, planImport } from "../domain/scan/planImport";
import { CHECK_RESULT_NAMES, CHECK_RESULTS, type CheckCounts, FORMAT_NAMES, SEVERITIES, type Severity } from "../domain/scan/scanTypes";
import { EMPTY_WORKBOOK } from "../domain/workbook/snapshot";
import { readPoamFile } from "../formats/xlsx-read/readPoamFile";
import { readXlsx } from "../formats/xlsx-read/readXlsx";
import { writeRefreshedWorkbookFile } from "../xlsx/refreshedWorkbookFile";
import { writeWorkbookFile } from "../xlsx/writeWorkbookFile";
import type { CellsWorkbook, FedrampImport } from "../domain/poam/migration";
import { fileErrorReason, NODE_IO, UsageError, type CliIo } from "./io";
import { unreadablePoam } from "./workbookFile";
import { addItem } from "./addItem";
import { importScanFiles } from "./importScan";
import { readScans } from "./readScans";
import { refreshFile } from "./refreshFile";
import { setupFile } from "./setupFile";

const USAGE = `Usage: poam <command> [options]

Commands:
  new FILE.xlsx [--demo | --from POAM.xlsx|POAM.csv] [--force] [--today YYYY-MM-DD]
      Write a new POA&M workbook. --demo fills it with about 40 sample
      findings, milestones and a self-assessment, dated relative to today
      (or to --today). --from fills it with the items of a POA&M kept in the
      FedRAMP template's layout ("Open POA&M Items" and "Closed POA&M Items"
      sheets, or a CSV in its columns) or a DoD eMASS POA&M export, and
      says what it mapped, what it guessed, what it kept in Comments and
      which columns and rows did not map. --force overwrites an existing
      file.

  scan SCANFILE... [--json] [--threshold SEVERITY] [--per-host]
      Read a scan export (Nessus / Tenable CSV or .nessus, OpenVAS / Greenbone
      CSV or XML, Qualys CSV or XML: asset data, scan report, PCI, Web
      Application Scanning; Rapid7 Nexpose / InsightVM XML) or a STIG
      checklist (.ckl, .cklb) or XCCDF results, detect its format from its content and print what
      importing it would bring: findings by severity, those below the
      threshold (Low by default: informational findings are left out) and the
      POA&M items they group into; for checklists, the rules open, not a
      finding, not applicable, not reviewed and in error. Several files of one
      format are read as one import (a host's checklists, say). --per-host
      makes one item per host rather than per vulnerability. --json prints the
      same as JSON.

  check FILE.xlsx [--json]
      Read a POA&M workbook and report every rule an item breaks (missing
      owners, dates, milestones, evidence; duplicate IDs; items on
      requirements CMMC does not allow on a POA&M), then the SPRS score
      (requirements not yet assessed count as Not Met), whether CMMC
      conditional status is reachable, with the reasons, and whether the
      180-day close-out is on track, with the items in the way.
      Exits with 1 when it finds errors, 0 when there are none (warnings
      alone still exit 0). --json prints the same as JSON.

  export FILE.xlsx [--oscal OUT.json] [--fedramp OUT.xlsx] [--force]
      Export a POA&M workbook for assessors: OSCAL 1.1.3 POA&M JSON, and/or a
      workbook in the FedRAMP POA&M template's layout (open and closed items,
      milestones in its milestone columns). A POA&M with rule breaks is
      exported anyway; the breaks are listed. --force overwrites existing
      output files.

  add POAM.xlsx --weakness TEXT --requirement ID [--item-type TYPE] [--source SOURCE]
      [--priority P] [--owner NAME] [--discovered YYYY-MM-DD] [--milestone "YYYY-MM-DD TEXT"]...
      [--from-json ITEM.json] [--author NAME] [--no-backup] [any field of the form as --kebab-case]
      Add one item to a POA&M workbook file, checked by the same rules as the
      add-in's form, with the next free POA&M ID and a Change Log row for it
      and each milestone (who: --author, else your account name). The file is
      changed in place at the package level: its other sheets, charts, pivot
      tables, images, comments and styles are kept exactly as they were. The
      previous version is kept as POAM.xlsx.bak unless --no-backup. Refuses
      while Excel has the file open. Exits with 1 when the item breaks a rule
      (nothing is written), 2 when the file cannot be read or changed.

  import POAM.xlsx SCANFILE... [--threshold SEVERITY] [--per-host] [--owner NAME]
      [--requirement ID] [--reopen] [--dry-run] [--author NAME] [--no-backup]
      Import scan exports into a POA&M workbook file, as the add-in's Import
      does: new findings become items with the next free IDs, tracked items
      seen on new hosts get them in Assets, closed items the scan finds again
      are listed and reopened only with --reopen, and every change gets a
      Change Log row. Importing the same scan twice adds nothing the second
      time. --dry-run prints what it would do and changes nothing. The file
      is changed as "poam add" changes it (package level, POAM.xlsx.bak, not
      while Excel has it open); exits with 2 when it cannot.

  refresh POAM.xlsx [--author NAME] [--no-backup]
      Refresh the Summary as the add-in's Refresh does: today's snapshot in
      History (a second refresh on the same day replaces that day's row),
      the most overdue items and those due before the next review, linked
      to their rows, the charts drawn again over History, and Last
      refreshed. Changed as "poam add" changes a file; exits with 2 when it
      cannot.

  setup FILE.xlsx [--no-backup]
      Set up a workbook as a POA&M, or upgrade one from an earlier version,
      as the add-in's Set up does: it adds the sheets, tables, columns,
      settings and names that are missing and applies validation and
      conditional formats again. It never changes a cell you filled, keeps
      your own columns and sheets, and where one of your sheets has a name
      it needs, it uses a free name instead. Works on .xlsm files too,
      keeping their macros. Changed as "poam add" changes a file; exits
      with 2 when it cannot.

Options:
  -h, --help      Show this help.
  -v, --version   Show the version.`;

export { UsageError, type CliIo } from "./io";

async function newWorkbook(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { demo: { type: "boolean" }, from: { type: "string" }, force: { type: "boolean" }, today: { type: "string" } },
  });
  if (positionals.length !== 1) throw new UsageError("poam new needs exactly one FILE.xlsx to write.");
  if (values.demo && values.from !== undefined) throw new UsageError("poam new takes --demo or --from, not both.");
  if (!positionals[0].toLowerCase().endsWith(".xlsx")) throw new UsageError(`The file name must end in .xlsx: ${positionals[0]}`);
  const inputs = values.from === undefined ? [] : [inputFile(values.from, io)];
  const file = outputPath(positionals[0], inputs, values.force, io, true);
  const today = values.today ?? io.today();
  if (!isIsoDate(today)) throw new UsageError(`--today takes a date as YYYY-MM-DD, not ${today}.`);

  const migrated = values.from === undefined ? undefined : await readFedrampArgument(values.from, io, today);
  const data = values.demo ? buildDemoData(today) : migrated ? migratedData(migrated) : {};
  const limited = limitCellText(planSetup(EMPTY_WORKBOOK, data));
  const plan = limited.plan;
  const bytes = values.demo ? await writeRefreshedWorkbookFile(plan, today, "poam new --demo") : await writeWorkbookFile(plan);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch {
    throw new UsageError(`The folder ${dirname(positionals[0])} cannot be created, so ${positionals[0]} cannot be written.`);
  }
  writeFileAtomically(positionals[0], file, bytes);
  const items = data.findings?.length ?? 0;
  io.out(`Wrote ${positionals[0]}: ${plan.changes.createdSheets.length} sheets, ${plan.changes.createdTables.length} tables` +
    (values.demo ? `, ${items} sample findings and ${data.milestones?.length ?? 0} milestones.` : migrated ? `, ${items} ${items === 1 ? "item" : "items"} and ${data.milestones?.length ?? 0} milestones from ${values.from}.` : "."));
  if (limited.clipped.length > 0) io.out(describeClipped(limited.clipped));
  if (migrated) io.out(describeMigration(migrated));
}

/** A migrated POA&M's items and milestones, and everyone they name as People. */
function migratedData(read: FedrampImport): InitialData {
  const names = read.findings.flatMap((finding) => [finding.owner, finding.implementer, finding.approver]);
  const people = [...new Set(names.map((name) => name?.trim() ?? "").filter((name) => name !== ""))].map((name) => ({ name }));
  return { findings: read.findings, milestones: read.milestones, people };
}

/** Reads a FedRAMP-layout POA&M named on the command line. */
async function readFedrampArgument(name: string, io: CliIo, today: string): Promise<FedrampImport> {
  const file = resolve(io.cwd, name);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No such file: ${name}`);
  const bytes = new Uint8Array(readFileSync(file));
  // An .xlsx is a ZIP package; anything else not named as a workbook is read as CSV text.
  const csv = !isZipPackage(bytes) && !/\.xls[xm]$/i.test(name);
  let workbook: CellsWorkbook;
  try {
    workbook = csv ? csvWorkbook(decodeText(bytes), name) : await readXlsx(bytes);
  } catch (error) {
    if (error instanceof PoamError) throw new UsageError(`${name}: ${error.message}`);
    throw new UsageError(`${name} is not an Excel workbook (.xlsx) that can be read.`);
  }
  const read = readFedrampPoam(migrationWorkbook(workbook).workbook, { today, issued: [] });
  if (read.findings.length === 0 && read.warnings.some((warning) => warning.row === undefined && (csv || warning.sheet === undefined))) {
    throw new UsageError(
      csv
        ? `${name} is not a POA&M in the FedRAMP template's columns: none of its first rows holds their headers.`
        : `${name} is not in the FedRAMP POA&M layout: it has no "Open POA&M Items" or "Closed POA&M Items" sheet.`,
    );
  }
  return read;
}

/** What a migration mapped, guessed, kept in Comments and did not carry over, a line each. */
function describeMigration(read: FedrampImport): string {
  const lines = [
    ...migrationMapped(read),
    ...migrationNotes(read),
    'Run "poam check" on the new workbook to see which items still need an owner, a priority or other required fields.',
  ];
  return lines.join("\n");
}

/** An input file named on the command line: where it is, and its identity on disk. */
interface InputFile {
  readonly name: string;
  readonly file: string;
  readonly stats?: Stats;
}

/** A path's status, or undefined when nothing is there (or a file stands where a folder on the way should be). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

function inputFile(name: string, io: CliIo): InputFile {
  const file = resolve(io.cwd, name);
  return { name, file, stats: statOf(file) };
}

/**
 * Checks an output path before anything is written: never an input file,
 * whatever the path says (the same file through a symbolic link, a hard
 * link or a linked folder has the same device and inode), never a folder,
 * in a folder that exists (unless `createFolder`), and not over an existing
 * file without --force.
 */
function outputPath(name: string, inputs: readonly InputFile[], force: boolean | undefined, io: CliIo, createFolder = false): string {
  const file = resolve(io.cwd, name);
  const stats = statOf(file);
  for (const input of inputs) {
    const same = file === input.file || (stats !== undefined && input.stats !== undefined && stats.ino === input.stats.ino && stats.dev === input.stats.dev);
    if (same) {
      const what = file === input.file ? "the input file" : `the same file as the input ${input.name}, through a link`;
      throw new UsageError(`${name} is ${what}; poam never changes an input file. Choose another output name.`);
    }
  }
  if (stats?.isDirectory()) throw new UsageError(`${name} is a folder, not a file. Give the name of the file to write.`);
  if (stats && !force) throw new UsageError(`${name} already exists. Use --force to overwrite it.`);
  const folder = dirname(file);
  const folderStats = statOf(folder);
  if (folderStats === undefined && !createFolder) throw new UsageError(`The folder ${dirname(name)} does not exist, so ${name} cannot be written. Create it first.`);
  if (folderStats !== undefined && !folderStats.isDirectory()) throw new UsageError(`${dirname(name)} is not a folder, so ${name} cannot be written.`);
  return file;
}

/** Refuses an output named twice in one command. */
function distinctOutputs(outputs: readonly { name: string; file: string | undefined }[]): void {
  const seen = new Map<string, string>();
  for (const { name, file } of outputs) {
    if (file === undefined) continue;
    const earlier = seen.get(file);
    if (earlier !== undefined) throw new UsageError(`${earlier} and ${name} are the same file; give each output its own name.`);
    seen.set(file, name);
  }
}

/**
 * Writes `bytes` to `file` through a temporary file in the same folder,
 * renamed into place: a failure leaves no half-written file, and an
 * existing file (or a link at that name) is replaced whole, never written
 * through.
 */
function writeFileAtomically(name: string, file: string, bytes: string | Uint8Array): void {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temporary, bytes, { flag: "wx" });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`${name} could not be written (${fileErrorReason(error)}); nothing was left in its place.`);
  }
}

async function exportPoam(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { oscal: { type: "string" }, fedramp: { type: "string" }, force: { type: "boolean" } },
  });
  if (positionals.length !== 1) throw new UsageError("poam export needs exactly one FILE.xlsx to read.");
  if (values.oscal === undefined && values.fedramp === undefined) throw new UsageError("poam export needs --oscal OUT.json, --fedramp OUT.xlsx, or both.");
  if (values.fedramp !== undefined && !values.fedramp.toLowerCase().endsWith(".xlsx")) throw new UsageError(`The FedRAMP file name must end in .xlsx: ${values.fedramp}`);
  const input = inputFile(positionals[0], io);
  const oscalFile = values.oscal === undefined ? undefined : outputPath(values.oscal, [input], values.force, io);
  const fedrampFile = values.fedramp === undefined ? undefined : outputPath(values.fedramp, [input], values.force, io);
  distinctOutputs([
    { name: values.oscal ?? "", file: oscalFile },
    { name: values.fedramp ?? "", file: fedrampFile },
  ]);
  const data = await readPoamArgument(positionals[0], io);
  const today = io.today();
  const report = checkPoam(data, today);

  // Every output is made in memory first, so a failure writes nothing.
  const outputs: { name: string; file: string; bytes: string | Uint8Array; message: string }[] = [];
  if (oscalFile) {
    const { document, counts } = oscalPoam(data, { now: new Date(), today });
    outputs.push({
      name: values.oscal ?? "",
      file: oscalFile,
      bytes: `${JSON.stringify(document, null, 2)}\n`,
      message:
        `Wrote ${values.oscal}: OSCAL POA&M with ${oscalContents(counts)}.`,
    });
  }
  if (fedrampFile) {
    const sheets = fedrampSheets(data, { today });
    const plan = fedrampPlan(sheets, ["Sheet1"], { replace: "Sheet1" });
    outputs.push({
      name: values.fedramp ?? "",
      file: fedrampFile,
      bytes: await writeWorkbookFile(plan),
      message:
        `Wrote ${values.fedramp}: ${sheets.open.rows.length} open and ${sheets.closed.rows.length} closed items in the FedRAMP template layout.` +
        (plan.clipped.length > 0 ? `\n${describeClipped(plan.clipped)}` : ""),
    });
  }
  for (const output of outputs) {
    writeFileAtomically(output.name, output.file, output.bytes);
    io.out(output.message);
  }
  if (report.errors + report.warnings > 0) {
    io.out(`Exported with ${issueCounts(report.issues)} in the POA&M:`);
    for (const issue of report.issues) io.out(`  ${issue.severity === "error" ? "Error" : "Warning"}: ${issueLine(issue)}`);
  }
}

/** The stable shape `poam scan --json` prints (documented in the README). */
export interface ScanReport {
  /** The path given; several are joined with ", ". */
  readonly file: string;
  readonly files: readonly string[];
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
  /** Checklists and XCCDF results only: every rule by result. */
  readonly rules?: CheckCounts;
  /** Checklists and XCCDF results only: the STIGs or benchmarks, as "RHEL_9_STIG V1R3". */
  readonly benchmarks?: readonly string[];
}

async function scan(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean" }, threshold: { type: "string" }, "per-host": { type: "boolean" } },
  });
  if (positionals.length === 0) throw new UsageError("poam scan needs at least one SCANFILE to read.");
  const threshold = (values.threshold ?? "Low") as Severity;
  if (!SEVERITIES.includes(threshold)) throw new UsageError(`--threshold is one of ${SEVERITIES.join(", ")}, not ${values.threshold}.`);
  const parsed = await readScans(positionals, io);
  const grouping = values["per-host"] ? "host" : "vulnerability";
  const plan = planImport(parsed, [], new Set(), { ...DEFAULT_IMPORT_OPTIONS, grouping, threshold, today: io.today() });
  const report: ScanReport = {
    file: positionals.join(", "),
    files: positionals,
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
    ...(parsed.checklist && { rules: parsed.checklist.results, benchmarks: parsed.checklist.benchmarks }),
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
      ...(report.rules ? [rulesLine(report.rules), `STIGs / benchmarks: ${report.benchmarks?.join(", ") || "—"}`] : []),
    ].join("\n"),
  );
}

/** "Rules: 30 — open 2, not a finding 3, not applicable 1, not reviewed 24, error 0" */
function rulesLine(rules: CheckCounts): string {
  const total = CHECK_RESULTS.reduce((sum, result) => sum + rules[result], 0);
  return `Rules: ${total} — ${CHECK_RESULTS.map((result) => `${CHECK_RESULT_NAMES[result]} ${rules[result]}`).join(", ")}`;
}

/** Reads a POA&M workbook file named on the command line, with messages a user can act on. */
async function readPoamArgument(name: string, io: CliIo): Promise<PoamData> {
  const file = resolve(io.cwd, name);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No such file: ${name}`);
  try {
    return await readPoamFile(new Uint8Array(readFileSync(file)));
  } catch (error) {
    throw unreadablePoam(name, error);
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
    `SPRS score ${scoreText(readiness)} (${readiness.scoreAfterPlan} once every planned item closes).`,
    readiness.reachable ? "CMMC conditional status: reachable." : `CMMC conditional status: not reachable. ${readiness.reasons.join(" ")}`,
    ...blockerLines(readiness.blockingRequirements),
    closeoutText(readiness),
  );
  io.out(lines.join("\n"));
  return report.errors > 0 ? 1 : 0;
}

/** The blocking requirements a line each; those not yet assessed on one line, as there may be many. */
function blockerLines(blockers: readonly { readonly id: string; readonly reason: string }[]): string[] {
  const unassessed = blockers.filter((b) => b.reason === CONTROL_BLOCKERS.unassessed).map((b) => b.id);
  const lines = blockers.filter((b) => b.reason !== CONTROL_BLOCKERS.unassessed).map((b) => `  ${b.id}: ${b.reason}`);
  if (unassessed.length > 0) {
    const shown = unassessed.slice(0, 12).join(", ");
    lines.push(`  ${CONTROL_BLOCKERS.unassessed}: ${shown}${unassessed.length > 12 ? ` and ${unassessed.length - 12} more` : ""}`);
  }
  return lines;
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
      case "export":
        await exportPoam(rest, io);
        return 0;
      case "add":
        return await addItem(rest, io);
      case "import":
        return await importScanFiles(rest, io);
      case "refresh":
        return await refreshFile(rest, io);
      case "setup":
        return await setupFile(rest, io);
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
