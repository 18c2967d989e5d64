/**
 * `poam new --from` with a POA&M kept as CSV in the FedRAMP template's
 * columns: what it reads, and what it says it mapped, guessed and kept.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FEDRAMP_HEADERS } from "../../src/formats/fedramp/fedramp";
import { IMPORTED_SCHEDULE_REASON } from "../../src/formats/fedramp/fedrampImport";
import { readPoamFile } from "../../src/formats/xlsx-read/readPoamFile";
import { readXlsx } from "../../src/formats/xlsx-read/readXlsx";

import { cliRunner } from "../support/cli";

jest.setTimeout(120_000);

const TODAY = "2026-11-23";
const dir = mkdtempSync(join(tmpdir(), "poam-migrate-"));

const run = cliRunner(dir, TODAY);

/** A CSV record as spreadsheets write it: every cell quoted, quotes doubled. */
const record = (cells: readonly string[]) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(",");
type Header = (typeof FEDRAMP_HEADERS)[number];
const row = (values: Partial<Record<Header, string>>) => record(FEDRAMP_HEADERS.map((h) => values[h] ?? ""));

describe("poam new --from a CSV in the template's columns", () => {
  beforeAll(() => {
    const lines = [
      record(FEDRAMP_HEADERS),
      row({
        "POAM ID": "V-101",
        Controls: "3.1.1",
        "Weakness Name": "=HYPERLINK(\"x\")",
        "Weakness Detector Source": "ACAS",
        "Weakness Source Identifier": "19506",
        "Asset Identifier": "web01, web02",
        "Original Detection Date": "01/05/2026",
        "Scheduled Completion Date": "June 30, 2026",
        "Planned Milestones": "Patch web01 by 2026-02-01\nRescan both hosts 15 March 2026",
        "Original Risk Rating": "High",
        "Adjusted Risk Rating": "Moderate",
        "Service Name": "Public site, \"www\"",
      }),
      row({ "POAM ID": "V-102", Controls: "3.4.1", "Weakness Name": "No inventory", "Weakness Detector Source": "Self-assessment", "Original Detection Date": "2026-02-01", "Original Risk Rating": "Low" }),
    ];
    writeFileSync(join(dir, "theirs.csv"), `\uFEFF${lines.join("\r\n")}\r\n`);
  });

  it("writes the items and says what it mapped, guessed and kept in Comments", async () => {
    const result = await run("new", "from-csv.xlsx", "--from", "theirs.csv");
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    for (const line of [
      "2 items and 2 milestones from theirs.csv",
      "Mapped: Weakness Detector Source → source",
      'Guessed: Weakness Detector Source "ACAS" read as Source "Vulnerability scan", a scan finding; the name is kept in Source Ref. (Open POA&M Items row 2)',
      "Guessed: Original Detection Date: 01/05/2026 read as 2026-01-05 (month first). (Open POA&M Items row 2)",
      "Kept in Comments: Service Name (1 item)",
      "Kept in Comments: Original Risk Rating (1 item)",
      "Kept in Comments: Planned Milestones (1 item)",
    ]) {
      expect(result.out).toContain(line);
    }

    // Text from the file is written as text, never as a formula.
    const written = await readXlsx(readFileSync(join(dir, "from-csv.xlsx")));
    expect([...written.sheet("POA&M").cells.values()].filter((cell) => cell.value === '=HYPERLINK("x")').map((cell) => cell.formula)).toEqual([undefined]);
    const data = await readPoamFile(readFileSync(join(dir, "from-csv.xlsx")));
    const [first, second] = data.items.map((item) => item.finding);
    expect(first).toMatchObject({
      id: "V-101",
      weakness: "=HYPERLINK(\"x\")",
      itemType: "Vulnerability (scan finding)",
      source: "Vulnerability scan",
      sourceRef: "ACAS: 19506",
      assets: "web01, web02",
      discovered: "2026-01-05",
      priority: "Medium",
      extendedTo: "2026-06-30",
      extensionReason: IMPORTED_SCHEDULE_REASON,
    });
    expect(first.comments).toContain("Service Name: Public site, \"www\"");
    expect(first.comments).toContain("Original Risk Rating: High");
    expect(second).toMatchObject({ id: "V-102", itemType: "CMMC POA&M item", source: "Self-assessment", priority: "Low" });
    expect(data.milestones.map((m) => [m.poamId, m.milestone, m.dueDate])).toEqual([
      ["V-101", "Patch web01", "2026-02-01"],
      ["V-101", "Rescan both hosts", "2026-03-15"],
    ]);
  });

  it("refuses a CSV that is not in the template's columns", async () => {
    writeFileSync(join(dir, "other.csv"), "Plugin,Host,Risk\r\n19506,web01,High\r\n");
    const result = await run("new", "other.xlsx", "--from", "other.csv");
    expect(result.code).toBe(2);
    expect(result.err).toBe("poam: other.csv is not a POA&M in the FedRAMP template's columns: none of its first rows holds their headers.");
  });
});

describe("poam new --from an eMASS POA&M export", () => {
  it("reads its columns as the template's and reports the rest", async () => {
    const headers = ["POA&M Item ID", "Control Vulnerability Description", "Security Control Number (NC/NA controls only)", "Office/Org", "Security Checks", "Scheduled Completion Date", "Milestone with Completion Dates", "Source Identifying Vulnerability ", "Status", "Severity", "Likelihood"];
    const lines = [
      record(["Date Exported:", "", "", "2/20/2026"]),
      record(headers),
      record(["7", "Shared admin account", "AC-2", "IT", "Audit 3", "3/31/2027", "Remove the account 12/01/2026", "ACAS", "Ongoing", "Moderate", "Low"]),
      record(["", "", "", "", "", "", "Review all accounts 1/15/2027", "", "", "", ""]),
    ];
    writeFileSync(join(dir, "emass.csv"), lines.join("\r\n"));
    const result = await run("new", "from-emass.xlsx", "--from", "emass.csv");
    expect(result.err).toBe("");
    expect(result.out).toContain("1 item and 2 milestones from emass.csv");
    expect(result.out).toContain('Guessed: Controls "AC-2" (NIST SP 800-53) read as requirement 3.1.1; also cited by 3.1.2');
    expect(result.out).toContain("Kept in Comments: Likelihood (1 item)");
    const data = await readPoamFile(readFileSync(join(dir, "from-emass.xlsx")));
    expect(data.items.map((item) => item.finding)).toEqual([
      expect.objectContaining({ id: "7", weakness: "Shared admin account", requirement: "3.1.1", owner: "IT", priority: "Medium", status: "Open", source: "Vulnerability scan", extendedTo: "2027-03-31" }),
    ]);
    expect(data.milestones.map((m) => [m.milestone, m.dueDate])).toEqual([["Remove the account", "2026-12-01"], ["Review all accounts", "2027-01-15"]]);
  });
});
