/**
 * `poam add`, `import`, `refresh` and `setup` on a 5,000-item POA&M workbook file: each run
 * in a process of its own (the CLI as built into lib/), timed, with its
 * peak resident memory. The workbook is written by the project's own writer;
 * the scan is the corpus's OpenVAS CSV.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { planSetup } from "../src/domain/workbook/planSetup";
import { EMPTY_WORKBOOK } from "../src/domain/workbook/snapshot";
import { writeWorkbookFile } from "../src/xlsx/writeWorkbookFile";
import { sharedFile } from "../test/support/shared";
import { findingsOf, WHO } from "./workbooks";

const ROOT = resolve(__dirname, "..");

export interface FileCommandFigure {
  readonly seconds: number;
  readonly maxRssMb: number;
}

/** Runs `poam ARGS` in `cwd` in a child process; its wall time and peak memory. */
function timed(cwd: string, args: readonly string[]): FileCommandFigure {
  const main = JSON.stringify(join(ROOT, "lib", "cli", "main.js"));
  const script = `require(${main}).main(${JSON.stringify(args)}).then((code) => { if (code !== 0) process.exit(code); process.stdout.write("\\n" + process.resourceUsage().maxRSS + "\\n"); })`;
  const start = performance.now();
  const output = execFileSync(process.execPath, ["-e", script], { cwd, encoding: "utf8" });
  // The command's own lines come first; the peak, in kilobytes, last.
  const peakKb = Number(output.trim().split("\n").at(-1));
  return { seconds: (performance.now() - start) / 1000, maxRssMb: peakKb / 1024 };
}

export interface FileCommandFigures {
  readonly add: FileCommandFigure;
  readonly import: FileCommandFigure;
  readonly refresh: FileCommandFigure;
  readonly setup: FileCommandFigure;
}

/** The figures for adding one item to, importing a scan into, refreshing the Summary of and setting up again a POA&M of `items` items. */
export async function measureFileCommands(items: number): Promise<FileCommandFigures> {
  const dir = mkdtempSync(join(tmpdir(), "poam-bench-file-"));
  try {
    writeFileSync(join(dir, "POAM.xlsx"), await writeWorkbookFile(planSetup(EMPTY_WORKBOOK, { findings: findingsOf(items), people: [{ name: WHO, role: "IT Manager" }] })));
    copyFileSync(sharedFile("corpus", "openvas", "dd_openvas_many_vuln.csv"), join(dir, "scan.csv"));
    const add = timed(dir, ["add", "POAM.xlsx", "--weakness", "USB ports not blocked", "--requirement", "3.1.8", "--item-type", "CMMC POA&M item", "--source", "Audit", "--priority", "Low", "--owner", WHO]);
    const imported = timed(dir, ["import", "POAM.xlsx", "scan.csv", "--owner", WHO]);
    const refresh = timed(dir, ["refresh", "POAM.xlsx"]);
    const setup = timed(dir, ["setup", "POAM.xlsx"]);
    return { add, import: imported, refresh, setup };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
