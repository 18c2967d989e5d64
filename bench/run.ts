/**
 * `npm run bench`: how the add-in holds up as the POA&M grows. Prints a table
 * and writes bench/results.json, the reference run the README quotes.
 *
 * - Scan import speed: our pipeline (parse, normalise, group) against
 *   papaparse alone on the same generated 50 MB Nessus CSV; and our pipeline
 *   on a generated 50 MB report of each XML family (Qualys scan report,
 *   Nexpose, Qualys WAS).
 * - Requests to Excel, counted by the recording fake: importing 20,000
 *   findings, and set-up, refresh and adding a finding on 5,000 items.
 * - The task pane's production JavaScript, gzipped: before first render, and
 *   in all.
 * - Time to the pane's first meaningful render in headless Chromium.
 * - Peak memory while importing a 100 MB CSV, in a process of its own, and
 *   while refusing the hostile files of the README's reliability limits.
 *
 * Sizes are in MiB (1,048,576 bytes), shown as MB.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { BUDGETS, importRequestBudget, readPageRequests } from "../test/budgets/budgets";
import { bundle } from "../test/support/bundle";
import { measureFileCommands } from "./fileCommands";
import { measureFirstRender } from "./firstRender";
import type { ParseFileReport } from "./parseFile";
import { compareWithPapaparse, median } from "./parseSpeed";
import { countImportRequests, countRequests } from "./requests";
import { writeJunkXml, writeOpenQuoteExport, writeZipBomb } from "./hostileFiles";
import { MIB, writeScanExport } from "./scanExport";
import { buildTaskpane, gzipBytesOf } from "./taskpaneBundle";
import { XML_FAMILIES, measureXmlParse, type XmlParseResult } from "./xmlParse";

const PARSE_MIB = 50;
const PARSE_RUNS = 5;
const XML_PARSE_MIB = 50;
const XML_PARSE_RUNS = 3;
const MEMORY_MIB = 100;
const FIRST_RENDER_RUNS = 9;
const ITEMS = 5000;
const IMPORTED = 20_000;

const round = (value: number, places: number) => Number(value.toFixed(places));
const step = (text: string) => process.stderr.write(`${text}\n`);

interface Row {
  readonly figure: string;
  readonly value: number;
  readonly unit: string;
  readonly budget?: string;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const add = (figure: string, value: number, unit: string, budget?: string) => rows.push({ figure, value, unit, budget });

  step(`Scan import speed: ${PARSE_MIB} MB Nessus CSV, median of ${PARSE_RUNS} runs…`);
  const parseFile = writeScanExport(PARSE_MIB * MIB);
  const speed = await compareWithPapaparse(readFileSync(parseFile.path, "utf8"), PARSE_RUNS);
  rmSync(dirname(parseFile.path), { recursive: true });
  const fileMib = parseFile.bytes / MIB;
  add("parse_mb_per_s", round(fileMib / speed.ours, 1), "MB/s");
  add("papaparse_mb_per_s", round(fileMib / speed.papaparse, 1), "MB/s");
  add("parse_vs_papaparse", round(speed.ours / speed.papaparse, 2), "× papaparse's time", `≤ ${BUDGETS.parseVsPapaparse} (not tested)`);
  add("csv_reader_mb_per_s", round(fileMib / speed.csvReader, 1), "MB/s");
  add("papaparse_header_mb_per_s", round(fileMib / speed.papaparseHeader, 1), "MB/s");
  add("parse_vs_papaparse_header", round(speed.ours / speed.papaparseHeader, 2), "× papaparse's time, rows by header");

  const xmlParses: XmlParseResult[] = [];
  for (const family of XML_FAMILIES) {
    step(`Scan import speed: ${XML_PARSE_MIB} MB ${family} report, median of ${XML_PARSE_RUNS} runs…`);
    const xml = await measureXmlParse(family, XML_PARSE_MIB, XML_PARSE_RUNS);
    xmlParses.push(xml);
    add(`parse_${family.replace(/-/g, "_")}_mb_per_s`, round(xml.bytes / MIB / xml.seconds, 1), "MB/s");
  }

  step(`Peak memory: importing a ${MEMORY_MIB} MB CSV in a process of its own…`);
  const memoryFile = writeScanExport(MEMORY_MIB * MIB);
  const parseScript = await bundle("bench/parseFile.ts", "node");
  const memory = JSON.parse(execFileSync(process.execPath, [parseScript, memoryFile.path], { encoding: "utf8" })) as ParseFileReport;
  rmSync(dirname(memoryFile.path), { recursive: true });
  add("peak_rss_mb_parse_100mb", round(memory.maxRssKb / 1024, 1), "MB");

  step("Peak memory: hostile files (a 100 MB CSV with a quote left open, 100 MB of XML outside any record, a 300 MB zip bomb)…");
  const hostile: Record<string, ParseFileReport> = {};
  for (const [figure, make] of [
    ["peak_rss_mb_open_quote_100mb", () => writeOpenQuoteExport(MEMORY_MIB * MIB)],
    ["peak_rss_mb_xml_outside_records_100mb", () => writeJunkXml(MEMORY_MIB * MIB)],
    ["peak_rss_mb_xlsx_zip_bomb_300mb", writeZipBomb],
  ] as const) {
    const path = await make();
    const report = JSON.parse(execFileSync(process.execPath, [parseScript, path], { encoding: "utf8" })) as ParseFileReport;
    rmSync(dirname(path), { recursive: true });
    hostile[figure] = report;
    add(figure, round(report.maxRssKb / 1024, 1), "MB", report.refused ? "refused with a message" : `read: ${report.findings ?? report.items ?? 0} findings`);
  }
  rmSync(dirname(parseScript), { recursive: true });

  step(`Requests: importing ${IMPORTED} findings; set-up, refresh, add and exports on ${ITEMS} items…`);
  const imported = await countImportRequests(IMPORTED);
  const maxRequest = `< ${BUDGETS.maxRequestBytes.toLocaleString("en")}`;
  const maxResponse = `< ${BUDGETS.maxResponseBytes.toLocaleString("en")}`;
  add("import_20k_requests", imported.requests, "requests", `≤ ${importRequestBudget(imported.totalRequestBytes)} for its payload`);
  add("import_20k_max_request_bytes", imported.maxRequestBytes, "bytes", maxRequest);
  add("import_20k_commands", imported.commands, "commands", `≤ ${BUDGETS.commandsPerBlock} a request`);
  add("import_20k_max_request_commands", imported.maxRequestCommands, "commands", `≤ ${BUDGETS.commandsPerBlock}`);
  const actions = [
    ["setup", "setUp", BUDGETS.setupRequests],
    ["refresh", "refreshSummary", BUDGETS.refreshRequests],
    ["add_finding", "addFinding", BUDGETS.addFindingRequests],
    ["fedramp_sheets", "addFedrampSheets", undefined],
    ["read_poam", "readPoam", undefined],
  ] as const;
  let largestResponse = imported.maxResponseBytes;
  for (const [figure, action, fixed] of actions) {
    for (const [suffix, items] of [["", ITEMS], ["_20k", IMPORTED]] as const) {
      const count = await countRequests(action, items);
      const budget = fixed === undefined ? undefined : `≤ ${fixed} + ${readPageRequests(count.totalResponseBytes)} for the rows read`;
      add(`${figure}${suffix}_requests`, count.requests, "requests", budget);
      add(`${figure}${suffix}_max_response_bytes`, count.maxResponseBytes, "bytes", maxResponse);
      if (suffix === "") add(`${figure}_commands`, count.commands, "commands", "as at 50 items, but for blocks");
      largestResponse = Math.max(largestResponse, count.maxResponseBytes);
    }
  }
  add("largest_response_bytes", largestResponse, "bytes", maxResponse);

  step(`Workbook files: poam add, import, refresh and setup on ${ITEMS} items, each in a process of its own…`);
  const fileCommands = await measureFileCommands(ITEMS);
  for (const command of ["add", "import", "refresh", "setup"] as const) {
    add(`poam_${command}_5k_seconds`, round(fileCommands[command].seconds, 2), "s");
    add(`poam_${command}_5k_peak_rss_mb`, round(fileCommands[command].maxRssMb, 1), "MB");
  }

  step("Task pane: production build…");
  const build = await buildTaskpane();
  add("taskpane_initial_js_gzip_bytes", gzipBytesOf(build.initial), "bytes", `≤ ${BUDGETS.taskpaneInitialJsGzipBytes.toLocaleString("en")}`);
  add("taskpane_total_js_gzip_bytes", gzipBytesOf(build.all), "bytes");

  step(`Task pane: first meaningful render in headless Chromium, median of ${FIRST_RENDER_RUNS} loads…`);
  const renders = await measureFirstRender(build.dir, FIRST_RENDER_RUNS);
  rmSync(build.dir, { recursive: true });
  add("taskpane_first_render_ms", Math.round(median(renders)), "ms");

  const results = {
    ...Object.fromEntries(rows.map((row) => [row.figure, row.value])),
    conditions: {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      parse_file_bytes: parseFile.bytes,
      parse_file_hosts: parseFile.copies,
      parse_runs: PARSE_RUNS,
      xml_parse_files: Object.fromEntries(xmlParses.map((xml) => [xml.family, { bytes: xml.bytes, findings: xml.findings, runs: xml.runs }])),
      memory_file_bytes: memoryFile.bytes,
      memory_file_findings: memory.findings,
      hostile_files: Object.fromEntries(Object.entries(hostile).map(([figure, report]) => [figure, report.refused ?? `read: ${report.findings ?? report.items} findings`])),
      first_render_runs_ms: renders.map((ms) => Math.round(ms)),
      taskpane_scripts_gzip_bytes: Object.fromEntries(build.all.map((script) => [script.file, script.gzipBytes])),
    },
  };
  writeFileSync(join(__dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);

  const table = [["Figure", "Value", "Unit", "Budget"], ...rows.map((row) => [row.figure, row.value.toLocaleString("en"), row.unit, row.budget ?? ""])];
  const widths = table[0].map((_, column) => Math.max(...table.map((cells) => cells[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 1 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join("  ").trimEnd();
  console.log(["", line(table[0]), line(widths.map((width) => "-".repeat(width))), ...table.slice(1).map(line), "", "Written to bench/results.json."].join("\n"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
