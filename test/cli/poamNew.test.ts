import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type CliIo } from "../../src/cli/main";
import { localToday } from "../../src/domain/core/dates";
import { recalculate } from "../support/libreoffice";
import { readXlsx } from "../../src/formats/xlsx-read/readXlsx";

jest.setTimeout(120_000);

function io(cwd: string, today = "2026-11-23") {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, today: () => today };
  return { cli, out, err };
}

describe("poam new", () => {
  const dir = mkdtempSync(join(tmpdir(), "poam-cli-"));

  it("writes an empty POA&M workbook", async () => {
    const { cli, out } = io(dir);
    expect(await main(["new", "empty.xlsx"], cli)).toBe(0);
    expect(out.join("\n")).toBe("Wrote empty.xlsx: 7 sheets, 10 tables.");
    const workbook = await readXlsx(readFileSync(join(dir, "empty.xlsx")));
    expect(workbook.sheets.map((s) => s.name)).toEqual(["POA&M", "Milestones", "Summary", "Controls", "Settings", "Refresh History", "Change Log"]);
  });

  it("refuses to overwrite a file unless told to", async () => {
    const path = join(dir, "mine.xlsx");
    writeFileSync(path, "my own workbook");
    const { cli, err } = io(dir);
    expect(await main(["new", "mine.xlsx"], cli)).toBe(2);
    expect(err.join("\n")).toBe("poam: mine.xlsx already exists. Use --force to overwrite it.");
    expect(readFileSync(path, "utf8")).toBe("my own workbook");
    expect(await main(["new", "mine.xlsx", "--force"], io(dir).cli)).toBe(0);
    expect(readFileSync(path).subarray(0, 2).toString()).toBe("PK");
  });

  it.each([
    [["new"], "poam new needs exactly one FILE.xlsx to write."],
    [["new", "plan.csv"], "The file name must end in .xlsx: plan.csv"],
    [["new", "x.xlsx", "--today", "23/11/2026"], "--today takes a date as YYYY-MM-DD, not 23/11/2026."],
    [["new", "x.xlsx", "--colour"], "Unknown option '--colour'"],
    [["frobnicate"], "Unknown command: frobnicate"],
  ])("explains %j", async (args, message) => {
    const { cli, err } = io(dir);
    expect(await main(args, cli)).toBe(2);
    expect(err[0]).toContain(message);
    expect(existsSync(join(dir, "x.xlsx"))).toBe(false);
  });

  it("prints help", async () => {
    const { cli, out } = io(dir);
    expect(await main(["--help"], cli)).toBe(0);
    expect(out[0]).toMatch(/^Usage: poam <command>/);
  });
});

describe("poam new --demo", () => {
  const dir = mkdtempSync(join(tmpdir(), "poam-demo-"));
  let states: string[];
  let priorities: string[];
  let statuses: string[];

  beforeAll(async () => {
    // The demo leaves As of empty, so LibreOffice computes it for its own today: date the sample from that day too.
    const { cli, out } = io(dir, localToday());
    expect(await main(["new", "demo/POAM-demo.xlsx", "--demo"], cli)).toBe(0);
    expect(out[0]).toBe("Wrote demo/POAM-demo.xlsx: 7 sheets, 10 tables, 40 sample findings and 20 milestones.");
    const workbook = await readXlsx(await recalculate(readFileSync(join(dir, "demo", "POAM-demo.xlsx"))));
    const poam = workbook.sheet("POA&M");
    const column = (header: string) => {
      const index = [...poam.cells.entries()].find(([address, cell]) => /^[A-Z]+1$/.test(address) && cell.value === header)?.[0].replace("1", "");
      return Array.from({ length: 40 }, (_, i) => String(poam.cells.get(`${index}${i + 2}`)?.value ?? ""));
    };
    states = column("State");
    priorities = column("Priority");
    statuses = column("Status");
  });

  it("has about 40 findings in every priority and status", () => {
    expect(new Set(priorities)).toEqual(new Set(["Critical", "High", "Medium", "Low"]));
    expect(new Set(statuses)).toEqual(new Set(["Open", "In Progress", "Risk Accepted", "Deferred", "Completed", "Closed"]));
  });

  it("shows every state once LibreOffice computes it", () => {
    expect(new Set(states)).toEqual(new Set(["Overdue", "Due Soon", "On Track", "Accepted", "Closed"]));
  });
});
