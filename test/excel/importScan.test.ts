import { readFileSync } from "node:fs";
import { decodeChunks } from "../../src/formats/scan/decodeText";
import { parseScan } from "../../src/formats/scan/parseScan";
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions } from "../../src/domain/scan/planImport";
import type { ParsedScan, ScanFinding } from "../../src/domain/scan/scanTypes";
import { REQUEST_BUDGET_BYTES } from "../../src/excel/applyPlan";
import { createExcelActions } from "../../src/excel/createExcelActions";
import { fakeExcel, FakeWorkbook } from "../support/fakeExcel";
import { sharedFile } from "../support/shared";

jest.setTimeout(60_000);

const NOW = new Date(2026, 10, 23, 9, 0);
const options: ImportOptions = { ...DEFAULT_IMPORT_OPTIONS, today: "2026-11-23", fileName: "scan.csv" };

async function poamWorkbook(): Promise<FakeWorkbook> {
  const model = new FakeWorkbook();
  await createExcelActions(fakeExcel(model).run).setUp();
  return model;
}

function actionsOn(model: FakeWorkbook) {
  const excel = fakeExcel(model);
  return { ...excel, actions: createExcelActions(excel.run, { clock: () => NOW }) };
}

const corpus = async (file: string) => parseScan(decodeChunks([readFileSync(sharedFile("corpus", file))]));

const synthetic = (count: number, overrides: (i: number) => Partial<ScanFinding> = () => ({})): ParsedScan => ({
  format: "nessus-csv",
  findings: Array.from({ length: count }, (_, i) => ({
    scanner: "Tenable",
    pluginId: String(100000 + i),
    title: `Outdated component ${i} with a description long enough to look like a real plugin name`,
    severity: (["Critical", "High", "Medium", "Low"] as const)[i % 4],
    cvss: [9.8, 7.5, 5.3, 2.1][i % 4],
    cves: [`CVE-2026-${String(10000 + i)}`],
    host: `10.${Math.floor(i / 65536) % 256}.${Math.floor(i / 256) % 256}.${i % 256}`,
    port: "443",
    protocol: "tcp",
    description: "The remote host runs a version of the component affected by several vulnerabilities. ".repeat(3),
    solution: "Upgrade to the latest version.",
    firstSeen: "2026-11-01",
    ...overrides(i),
  })),
  findingRecords: count,
  blankRows: 0,
  skippedRows: 0,
});

describe("previewing an import", () => {
  it("says what the scan would add, in one sync, changing nothing", async () => {
    const model = await poamWorkbook();
    const before = model.cellMap();
    const { actions, context } = actionsOn(model);
    const plan = await actions.previewImport(await corpus("nessus/dd_nessus-template.csv"), options);
    expect(plan.counts).toMatchObject({ findings: 5, items: 5, new: 5, tracked: 0, reappeared: 0, belowThreshold: 0, newByPriority: { Critical: 1, High: 1, Medium: 3, Low: 0 } });
    expect(context.syncs).toBe(1);
    expect(model.cellMap()).toEqual(before);
  });
});

describe("importing a scan", () => {
  it("adds one item per vulnerability with the Change Log, and adds nothing the second time", async () => {
    const model = await poamWorkbook();
    const scan = await corpus("nessus/dd_nessus-template.csv");
    const first = await actionsOn(model).actions.importScan(scan, options, "Lee Chen");
    expect(first.added).toEqual(["POAM-2026-0001", "POAM-2026-0002", "POAM-2026-0003", "POAM-2026-0004", "POAM-2026-0005"]);
    const rows = model.table("Poam").rows();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({
      "Item Type": "Vulnerability (scan finding)",
      Requirement: "3.14.1",
      Weakness: "SSL Medium Strength Cipher Suites Supported (SWEET32)",
      Source: "Vulnerability scan",
      "Source Ref": "Tenable plugin 42873; CVE-2016-2183",
      Assets: "192.168.0.100",
      CVSS: 7.5,
      Priority: "High",
      Status: "Open",
      Updated: 46349,
    });
    expect(model.table("Poam").columnFormula("State").every((f) => f?.startsWith("=IF("))).toBe(true);
    expect(model.table("ChangeLog").rows().filter((r) => r.Field === "Item")).toHaveLength(5);

    const again = await actionsOn(model).actions.importScan(scan, options, "Lee Chen");
    expect(again.added).toEqual([]);
    expect(model.table("Poam").rows()).toHaveLength(5);
  });

  it("adds a newly affected host to the tracked item, and logs it", async () => {
    const model = await poamWorkbook();
    const { actions } = actionsOn(model);
    await actions.importScan(synthetic(2), options, "Lee Chen");
    const wider = synthetic(2, (i) => (i === 0 ? { host: "10.9.9.9" } : {}));
    const result = await actions.importScan({ ...wider, findings: [...synthetic(2).findings, ...wider.findings] }, options, "Lee Chen");
    expect(result).toMatchObject({ added: [], assetsUpdated: 1 });
    expect(model.table("Poam").rows()[0].Assets).toBe("10.0.0.0, 10.9.9.9");
    expect(model.table("ChangeLog").rows().at(-1)).toMatchObject({ Field: "Assets", "Old Value": "10.0.0.0", "New Value": "10.0.0.0, 10.9.9.9" });
  });

  it("reopens a closed item the scan finds again only when asked", async () => {
    const model = await poamWorkbook();
    const { actions } = actionsOn(model);
    await actions.importScan(synthetic(1), options, "Lee Chen");
    const poam = model.table("Poam");
    const status = poam.headers().indexOf("Status");
    poam.sheet.cell(1, status).value = "Closed";

    const preview = await actions.previewImport(synthetic(1), options);
    expect(preview.counts.reappeared).toBe(1);
    expect((await actions.importScan(synthetic(1), options, "Lee Chen")).reopened).toBe(0);
    expect(poam.rows()[0].Status).toBe("Closed");

    expect((await actions.importScan(synthetic(1), { ...options, reopen: true }, "Lee Chen")).reopened).toBe(1);
    expect(poam.rows()[0]).toMatchObject({ Status: "Open", Comments: expect.stringContaining("Reopened 2026-11-23") });
  });

  it("writes 20,000 findings in payload-sized requests, each under 4 MB", async () => {
    const model = await poamWorkbook();
    const { actions, context } = actionsOn(model);
    const scan = synthetic(20_000, (i) => (i === 7 ? { title: "=HYPERLINK(\"http://x\")" } : {}));
    const progress: number[] = [];
    const result = await actions.importScan(scan, options, "Lee Chen", { onProgress: ({ written }) => progress.push(written) });
    expect(result.added).toHaveLength(20_000);
    expect(model.table("Poam").rows()).toHaveLength(20_000);
    expect(model.table("Poam").rows()[7].Weakness).toBe('=HYPERLINK("http://x")');
    expect(model.table("Poam").columnFormula("Weakness")[7]).toBeUndefined();
    expect(context.maxRequestBytes).toBeLessThan(REQUEST_BUDGET_BYTES);
    expect(context.syncs).toBe(result.syncs);
    // One read, the first row, the blocks of items and of Change Log rows, and the recalculation.
    expect(context.syncs).toBeLessThanOrEqual(30);
    expect(progress.at(-1)).toBe(20_000);
    expect(context.calculation.suspended).toBeGreaterThanOrEqual(context.syncs - 2);
    expect(context.calculation.recalculated).toBe(1);
  });

  it("writes the calculated columns of every imported row when Excel's option to fill table formulas is off", async () => {
    const model = await poamWorkbook();
    model.fillFormulasInTables = false;
    await actionsOn(model).actions.importScan(synthetic(3000), options, "Lee Chen");
    const poam = model.table("Poam");
    expect(poam.rows()).toHaveLength(3000);
    for (const header of ["Family", "Target Date", "Due Date", "State", "CMMC POA&M OK"]) {
      expect(poam.columnFormula(header).filter((formula) => formula?.startsWith("="))).toHaveLength(3000);
    }
  });

  it("clears a filter on the POA&M before importing into it", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.importScan(synthetic(2), options, "Lee Chen");
    model.table("Poam").filtered = true;
    const result = await actionsOn(model).actions.importScan(synthetic(5), options, "Lee Chen");
    expect(result.added).toHaveLength(3);
    expect(model.table("Poam").rows()).toHaveLength(5);
  });

  it("leaves no rows behind when cancelled part way", async () => {
    const model = await poamWorkbook();
    const before = model.cellMap();
    const { actions } = actionsOn(model);
    const controller = new AbortController();
    const failure = await actions
      .importScan(synthetic(6000), options, "Lee Chen", {
        signal: controller.signal,
        onProgress: ({ written }) => {
          if (written > 1) controller.abort();
        },
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "cancelled", message: "Cancelled; nothing was written." });
    expect(model.table("Poam").range.rowCount).toBe(2);
    expect(model.cellMap()).toEqual(before);
  });

  it("leaves no rows behind when Excel refuses a block", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.importScan(synthetic(3), options, "Lee Chen");
    const before = model.cellMap();
    const { actions, context } = actionsOn(model);
    context.failWhen({ when: (command) => command.op === "range.values" && context.syncs === 3, code: "GeneralException" });
    await expect(actions.importScan(synthetic(6000, (i) => ({ pluginId: String(500000 + i) })), options, "Lee Chen")).rejects.toMatchObject({ code: "unexpected" });
    expect(model.cellMap()).toEqual(before);
    expect(model.table("Poam").rows()).toHaveLength(3);
  });
});

describe("undoing an import that changed tracked items", () => {
  it("puts back the Assets and Updated of tracked items when Excel refuses the Change Log", async () => {
    const model = await poamWorkbook();
    await actionsOn(model).actions.importScan(synthetic(2), options, "Lee Chen");
    const before = model.cellMap();
    // A week later the scan finds a new host; Excel then refuses the Change Log rows.
    const excel = fakeExcel(model);
    const actions = createExcelActions(excel.run, { clock: () => new Date(2026, 10, 30, 9, 0) });
    excel.context.failWhen({ when: (command) => command.op === "table.rows.add" && String(command.target).includes("ChangeLog"), code: "GeneralException" });
    const wider = { ...synthetic(2), findings: [...synthetic(2).findings, ...synthetic(2, () => ({ host: "10.9.9.9" })).findings] };
    await expect(actions.importScan(wider, options, "Lee Chen")).rejects.toMatchObject({ code: "unexpected" });
    expect(model.cellMap()).toEqual(before);
  });
});
