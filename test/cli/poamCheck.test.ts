import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main, type CliIo } from "../../src/cli/main";
import type { CheckReport } from "../../src/domain/poam/checkPoam";
import { planSetup } from "../../src/domain/workbook/planSetup";
import type { InitialData } from "../../src/domain/poam/records";
import { EMPTY_WORKBOOK } from "../../src/domain/workbook/snapshot";
import { writeWorkbookFile } from "../../src/xlsx/writeWorkbookFile";
import { aFinding, aMilestone } from "../support/builders";
import { COMPLIANCE_CASES, assessed, caseData, expectedFigures, readinessFigures } from "../support/complianceCases";

jest.setTimeout(60_000);

const TODAY = "2026-11-23";
const dir = mkdtempSync(join(tmpdir(), "poam-check-"));

function io(today = TODAY) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir, today: () => today };
  return { cli, out, err };
}

const PEOPLE = [{ name: "Dana Ortiz" }, { name: "Pat Kim" }];

async function workbook(name: string, data: InitialData): Promise<string> {
  writeFileSync(join(dir, name), await writeWorkbookFile(planSetup(EMPTY_WORKBOOK, { people: PEOPLE, ...data })));
  return name;
}

async function checkJson(name: string): Promise<{ code: number; report: CheckReport }> {
  const { cli, out } = io();
  const code = await main(["check", name, "--json"], cli);
  return { code, report: JSON.parse(out.join("\n")) as CheckReport };
}

describe("poam check", () => {
  it("passes a clean POA&M with exit code 0 and gives the score and readiness", async () => {
    const name = await workbook("clean.xlsx", {
      findings: [aFinding({ id: "POAM-2026-0001", requirement: "3.1.8", discovered: "2026-11-01" })],
      controlStatuses: assessed(),
      settings: { asOf: TODAY },
    });
    const { cli, out } = io();
    expect(await main(["check", name], cli)).toBe(0);
    expect(out.join("\n")).toBe(
      [
        "clean.xlsx: 1 items as of 2026-11-23 — 0 errors, 0 warnings.",
        "Open 1, overdue 0, due soon 0.",
        "SPRS score 109 (110 once every planned item closes).",
        "CMMC conditional status: reachable.",
        "CMMC close-out: no clock yet (set the Conditional status date, or the Assessment date).",
      ].join("\n"),
    );
  });

  it("reports each broken rule with its item, row and column, and exits 1", async () => {
    const name = await workbook("broken.xlsx", {
      findings: [
        aFinding({ id: "POAM-2026-0001", owner: undefined }),
        aFinding({ id: "POAM-2026-0001", weakness: "Same ID again" }),
        aFinding({ id: "POAM-2026-0003", requirement: "3.1.1", discovered: "2026-11-01" }),
        aFinding({ id: "POAM-2026-0004", status: "Closed", completedOn: "2026-11-20" }),
        aFinding({ id: "POAM-2026-0005", status: "In Progress", extendedTo: "2026-12-31" }),
        aFinding({ id: "POAM-2026-0006", status: "Risk Accepted" }),
        aFinding({ id: "POAM-2026-0007", owner: "Someone Else" }),
      ],
      milestones: [aMilestone({ poamId: "POAM-2026-0099", milestone: "Orphan step" })],
      controlStatuses: assessed({ "3.1.5": "Partial" }),
    });
    const { code, report } = await checkJson(name);
    expect(code).toBe(1);
    const lines = report.issues.map((i) => `${i.severity} ${i.id ?? "-"} ${i.row ?? "-"} ${i.column ?? "-"}: ${i.message}`);
    expect(lines).toEqual([
      "error POAM-2026-0001 3 POA&M ID: POAM-2026-0001 is used on rows 2, 3; each item needs its own ID.",
      "error POAM-2026-0001 2 Owner: Owner is required.",
      "error POAM-2026-0003 4 Requirement: 3.1.1 (5 points) may not sit on a CMMC POA&M (32 CFR 170.21): it must be met for Conditional status.",
      "error POAM-2026-0004 5 Verified By: Verified By is required.",
      "error POAM-2026-0004 5 Evidence: Evidence is required.",
      "error POAM-2026-0005 6 Extension Reason: Give the reason for the extension.",
      "error POAM-2026-0005 6 Milestones: An item that is In Progress needs at least one milestone.",
      "error POAM-2026-0006 7 Approver: Risk acceptance needs the approver who accepted it.",
      "error POAM-2026-0006 7 Extended To: Risk acceptance needs an expiry date (Extended To).",
      "warning POAM-2026-0007 8 Owner: Someone Else is not in Settings > People.",
      'warning POAM-2026-0099 - Milestones: The milestone "Orphan step" belongs to POAM-2026-0099, which is not on the POA&M.',
      "warning - - Controls: 3.1.5 is marked Partial, but only 3.5.3 and 3.13.11 have partial credit; it costs all 3 points.",
    ]);
    expect(report.errors).toBe(9);
    expect(report.figures.readiness.reachable).toBe(false);
    expect(report.figures.readiness.blockingRequirements).toEqual([
      { id: "3.1.1", reason: "Not met and not allowed on a CMMC POA&M" },
      { id: "3.1.5", reason: "Not met and not allowed on a CMMC POA&M" },
    ]);
  });

  it("checks the demo workbook: its deliberate rule breaks, the score and the close-out clock", async () => {
    const { cli } = io();
    expect(await main(["new", "demo.xlsx", "--demo", "--today", TODAY], cli)).toBe(0);
    const { code, report } = await checkJson("demo.xlsx");
    expect(code).toBe(1);
    // A CMMC item on 3.5.3 (5 points, not allowed on a CMMC POA&M) and an extension without a reason.
    expect(report.issues.filter((i) => i.severity === "error").map((i) => `${i.id} ${i.column}`)).toEqual([
      "POAM-2026-0020 Requirement",
      "POAM-2026-0024 Extension Reason",
    ]);
    expect(report.items).toBe(40);
    expect(report.figures.readiness.closeoutDaysLeft).toBe(150);
    expect(report.figures.readiness.reachable).toBe(false);
  });

  it("says what is wrong with a file that is not a POA&M, and changes nothing", async () => {
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet("Budget").getCell("A1").value = "Not a POA&M";
    await plain.xlsx.writeFile(join(dir, "budget.xlsx"));
    writeFileSync(join(dir, "notes.xlsx"), "just some text");
    const before = readFileSync(join(dir, "budget.xlsx"));
    for (const [name, message] of [
      ["budget.xlsx", 'poam: budget.xlsx is not a POA&M workbook: it has no Poam and Controls tables. Create one with "poam new".'],
      ["notes.xlsx", "poam: notes.xlsx is not an Excel workbook (.xlsx) that can be read."],
      ["missing.xlsx", "poam: No such file: missing.xlsx"],
    ]) {
      const { cli, err } = io();
      expect(await main(["check", name], cli)).toBe(2);
      expect(err.join("\n")).toBe(message);
    }
    expect(readFileSync(join(dir, "budget.xlsx"))).toEqual(before);
  });
});

describe.each(COMPLIANCE_CASES)("poam check --json: $name", (c) => {
  it("reports the hand-worked score, verdicts, close-out offenders and exit code", async () => {
    const name = await workbook(`case-${COMPLIANCE_CASES.indexOf(c)}.xlsx`, caseData(c));
    const { code, report } = await checkJson(name);
    expect(code).toBe(c.exitCode);
    expect(readinessFigures(report.figures.readiness)).toEqual(expectedFigures(c));
  });
});
