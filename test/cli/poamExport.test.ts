/**
 * `poam export` and `poam new --from`: the demo workbook's OSCAL export
 * validates against NIST's schema, its FedRAMP-layout file has the template's
 * header row, and a round trip through the FedRAMP layout keeps every mapped
 * field.
 */
import { isClosedStatus } from "../../src/domain/poam/closedStatuses";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cellAddress } from "../../src/domain/core/a1";
import { main, type CliIo } from "../../src/cli/main";
import type { PoamData } from "../../src/domain/poam/poamData";
import { readPoamFile } from "../../src/formats/xlsx-read/readPoamFile";
import { readXlsx, type StoredSheet } from "../../src/formats/xlsx-read/readXlsx";
import { oscalSchemaErrors } from "../support/oscalSchema";
import { sharedFile } from "../support/shared";

jest.setTimeout(120_000);

const TODAY = "2026-11-23";
const dir = mkdtempSync(join(tmpdir(), "poam-export-"));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir, today: () => TODAY };
  return { cli, out, err };
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { cli, out, err } = io();
  const code = await main(args, cli);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The header row (row 5) of a sheet, as far as it goes. */
function headerRow(sheet: StoredSheet): string[] {
  const headers: string[] = [];
  for (let c = 0; sheet.cells.has(cellAddress({ row: 4, column: c })); c++) headers.push(String(sheet.cells.get(cellAddress({ row: 4, column: c }))?.value));
  return headers;
}

const uuids = (json: string) => [...json.matchAll(/"uuid": "([0-9a-f-]{36})"/g)].map((m) => m[1]);

beforeAll(async () => {
  expect((await run("new", "demo.xlsx", "--demo", "--today", TODAY)).code).toBe(0);
});

describe("poam export --oscal", () => {
  it("writes the demo POA&M as OSCAL that validates against NIST's 1.1.3 schema, listing the rule breaks", async () => {
    const result = await run("export", "demo.xlsx", "--oscal", "demo.json");
    expect(result.code).toBe(0);
    expect(result.out).toContain("Wrote demo.json: OSCAL POA&M with 40 items, 40 risks, 20 milestones");
    expect(result.out).toContain("Exported with 2 errors and 0 warnings in the POA&M:");
    expect(result.out).toContain("Error: POAM-2026-0020, Requirement: 3.5.3 (5 points) may not sit on a CMMC POA&M");
    expect(result.out).toContain("Error: POAM-2026-0024, Extension Reason: Give the reason for the extension.");
    const document = JSON.parse(readFileSync(join(dir, "demo.json"), "utf8")) as { "plan-of-action-and-milestones": { "poam-items": unknown[] } };
    expect(oscalSchemaErrors(document)).toEqual([]);
    expect(document["plan-of-action-and-milestones"]["poam-items"]).toHaveLength(40);
  });

  it("gives the same UUIDs when the same workbook is exported again", async () => {
    const first = readFileSync(join(dir, "demo.json"), "utf8");
    expect((await run("export", "demo.xlsx", "--oscal", "demo.json", "--force")).code).toBe(0);
    const second = readFileSync(join(dir, "demo.json"), "utf8");
    expect(uuids(second)).toEqual(uuids(first));
    expect(new Set(uuids(first)).size).toBe(uuids(first).length);
  });
});

describe("poam export --fedramp and poam new --from", () => {
  let template: Awaited<ReturnType<typeof readXlsx>>;
  let exported: Awaited<ReturnType<typeof readXlsx>>;

  beforeAll(async () => {
    const result = await run("export", "demo.xlsx", "--fedramp", "fedramp.xlsx");
    expect(result.code).toBe(0);
    expect(result.out).toContain("Wrote fedramp.xlsx: 32 open and 8 closed items in the FedRAMP template layout.");
    template = await readXlsx(readFileSync(sharedFile("corpus", "poam", "FedRAMP-POAM-Template.xlsx")));
    exported = await readXlsx(readFileSync(join(dir, "fedramp.xlsx")));
  });

  it.each(["Open POA&M Items", "Closed POA&M Items"])("%s has the template's header row, column by column", (name) => {
    const theirs = headerRow(template.sheet(name));
    expect(theirs).toHaveLength(31);
    expect(headerRow(exported.sheet(name)).slice(0, theirs.length)).toEqual(theirs);
  });

  it("round-trips: our workbook → FedRAMP layout → a new POA&M keeps every mapped field and milestone", async () => {
    const result = await run("new", "migrated.xlsx", "--from", "fedramp.xlsx");
    expect(result.code).toBe(0);
    expect(result.out).toContain("Wrote migrated.xlsx: 7 sheets, 10 tables, 40 items and 20 milestones from fedramp.xlsx.");
    expect(result.out).toContain("Column not mapped: Vendor Dependency");
    const before: PoamData = await readPoamFile(readFileSync(join(dir, "demo.xlsx")));
    const after: PoamData = await readPoamFile(readFileSync(join(dir, "migrated.xlsx")));
    const byId = new Map(after.items.map((item) => [item.finding.id, item.finding]));
    expect(after.items).toHaveLength(before.items.length);
    for (const { finding } of before.items) {
      const closed = isClosedStatus(finding.status, before.closedStatuses);
      // A closed item's status date is its completion date in the template, so its Updated date does not come back.
      const { updated, ...mapped } = finding;
      expect(byId.get(finding.id)).toMatchObject(closed ? mapped : { ...mapped, updated });
    }
    const key = (m: { poamId: string; milestone: string; dueDate?: string; completedOn?: string }) => `${m.poamId}|${m.milestone}|${m.dueDate}|${m.completedOn}`;
    expect(after.milestones.map(key).sort()).toEqual(before.milestones.map(key).sort());
    expect(after.people.map((p) => p.name).sort()).toEqual(["Dana Ortiz", "Jordan Blake", "Lee Chen", "Morgan Reyes", "Sam Patel"]);
  });

  it("reads the FedRAMP template itself as a POA&M with no items", async () => {
    writeFileSync(join(dir, "template.xlsx"), readFileSync(sharedFile("corpus", "poam", "FedRAMP-POAM-Template.xlsx")));
    const result = await run("new", "from-template.xlsx", "--from", "template.xlsx");
    expect(result.code).toBe(0);
    expect(result.out).toContain("0 items and 0 milestones from template.xlsx");
    expect(result.out).toContain("Row skipped: Open POA&M Items row 8");
  });
});

describe("what poam export refuses", () => {
  it.each([
    [["export", "demo.xlsx"], "poam: poam export needs --oscal OUT.json, --fedramp OUT.xlsx, or both."],
    [["export", "demo.xlsx", "--fedramp", "demo.xlsx"], "poam: demo.xlsx is the input file; poam never changes an input file. Choose another output name."],
    [["export", "demo.xlsx", "--oscal", "demo.json"], "poam: demo.json already exists. Use --force to overwrite it."],
    [["export", "demo.xlsx", "--fedramp", "out.csv"], "poam: The FedRAMP file name must end in .xlsx: out.csv"],
    [["export", "missing.xlsx", "--oscal", "x.json"], "poam: No such file: missing.xlsx"],
    [["new", "x.xlsx", "--from", "demo.xlsx"], 'poam: demo.xlsx is not in the FedRAMP POA&M layout: it has no "Open POA&M Items" or "Closed POA&M Items" sheet.'],
  ])("%j", async (args, message) => {
    const before = statSync(join(dir, "demo.xlsx")).mtimeMs;
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.err).toBe(message);
    expect(statSync(join(dir, "demo.xlsx")).mtimeMs).toBe(before);
  });
});
