import { STATUSES } from "../../../src/domain/poam/vocabulary";
import { assetsText, findingFromImport, importKey, planImport, type ExistingItem, type ImportOptions } from "../../../src/domain/scan/planImport";
import type { ParsedScan, ScanFinding } from "../../../src/domain/scan/scanTypes";
import { itReadsEach } from "../../support/readsEach";

const CLOSED = new Set(STATUSES.filter((s) => s.closed).map((s) => s.status));
const options: ImportOptions = { grouping: "vulnerability", threshold: "Low", requirement: "3.14.1", reopen: false, today: "2026-11-23", fileName: "scan.csv" };

const finding = (overrides: Partial<ScanFinding>): ScanFinding => ({
  scanner: "Tenable",
  pluginId: "42873",
  title: "SSL Medium Strength Cipher Suites Supported (SWEET32)",
  severity: "High",
  cvss: 7.5,
  cves: ["CVE-2016-2183"],
  host: "10.0.0.1",
  ...overrides,
});

const scan = (findings: ScanFinding[]): ParsedScan => ({ format: "nessus-csv", findings, findingRecords: findings.length, blankRows: 0, skippedRows: 0 });

const existing = (overrides: Partial<ExistingItem>): ExistingItem => ({
  row: 0,
  id: "POAM-2026-0001",
  sourceRef: "Tenable plugin 42873; CVE-2016-2183",
  status: "Open",
  assets: "10.0.0.1",
  comments: "",
  ...overrides,
});

describe("planImport", () => {
  it.each<[ScanFinding["severity"], number | undefined, string]>([
    ["High", 5.3, "High"],
    ["Low", 9.8, "Critical"],
    ["Medium", undefined, "Medium"],
    ["Info", 2.0, "Low"],
  ])("gives a %s finding with CVSS %p the higher of the two: %s", (severity, cvss, priority) => {
    const plan = planImport(scan([finding({ severity, cvss })]), [], CLOSED, { ...options, threshold: "Info" });
    expect(plan.newItems[0].priority).toBe(priority);
  });

  const findings = [
    finding({ host: "10.0.0.1", hostname: "web01", firstSeen: "2026-10-01" }),
    finding({ host: "10.0.0.2", port: "443", firstSeen: "2026-09-15" }),
    finding({ pluginId: "57608", title: "SMB Signing not required", severity: "Medium", cvss: 5.3, cves: [], host: "10.0.0.3" }),
    finding({ pluginId: "10107", title: "HTTP Server Type", severity: "Info", cvss: undefined, cves: [] }),
  ];

  it("groups findings into one item per vulnerability with its hosts, leaving informational ones out", () => {
    const plan = planImport(scan(findings), [], CLOSED, options);
    expect(plan.counts).toMatchObject({ findings: 4, belowThreshold: 1, items: 2, new: 2, tracked: 0, reappeared: 0, newByPriority: { Critical: 0, High: 1, Medium: 1, Low: 0 } });
    expect(plan.newItems[0]).toMatchObject({
      sourceRef: "Tenable plugin 42873; CVE-2016-2183",
      assets: ["10.0.0.1 (web01)", "10.0.0.2"],
      discovered: "2026-09-15",
      priority: "High",
    });
  });

  it("makes one item per host when asked", () => {
    const plan = planImport(scan(findings), [], CLOSED, { ...options, grouping: "host" });
    expect(plan.newItems.map((item) => item.sourceRef.split(";")[0])).toEqual(["Tenable plugin 42873 on 10.0.0.1", "Tenable plugin 42873 on 10.0.0.2", "Tenable plugin 57608 on 10.0.0.3"]);
  });

  it("imports informational findings when the threshold allows them", () => {
    expect(planImport(scan(findings), [], CLOSED, { ...options, threshold: "Info" }).counts.new).toBe(3);
  });

  it("adds nothing when the same scan is imported again", () => {
    const first = planImport(scan(findings), [], CLOSED, options);
    const already = first.newItems.map((item, row) => existing({ row, id: `POAM-2026-000${row + 1}`, sourceRef: item.sourceRef, assets: assetsText(item.assets) }));
    const again = planImport(scan(findings), already, CLOSED, options);
    expect(again.counts).toMatchObject({ new: 0, tracked: 2, trackedWithNewHosts: 0, reappeared: 0 });
    expect(again.assetUpdates).toEqual([]);
  });

  it("adds a newly affected host to the tracked item's assets", () => {
    const plan = planImport(scan(findings), [existing({ row: 4, assets: "10.0.0.1 (web01)" })], CLOSED, options);
    expect(plan.assetUpdates).toEqual([{ row: 4, id: "POAM-2026-0001", assets: "10.0.0.1 (web01), 10.0.0.2", added: ["10.0.0.2"] }]);
    expect(plan.counts).toMatchObject({ new: 1, tracked: 1, trackedWithNewHosts: 1 });
  });

  it("reports a closed item the scan finds again, and reopens it only when asked", () => {
    const closed = existing({ status: "Closed", assets: "10.0.0.1" });
    const plan = planImport(scan(findings), [closed], CLOSED, options);
    expect(plan.counts.reappeared).toBe(1);
    expect(plan.reappeared[0]).toMatchObject({ id: "POAM-2026-0001", status: "Closed" });
    expect(plan.assetUpdates).toEqual([]);
    expect(planImport(scan(findings), [closed], CLOSED, { ...options, reopen: true }).assetUpdates).toHaveLength(1);
  });

  it("prefers an open item over a closed one with the same Source Ref", () => {
    const plan = planImport(scan(findings), [existing({ row: 0, status: "Closed" }), existing({ row: 7, id: "POAM-2026-0009", assets: "10.0.0.1, 10.0.0.2" })], CLOSED, options);
    expect(plan.counts).toMatchObject({ tracked: 1, reappeared: 0 });
  });

  it("turns an item into a POA&M finding with text kept as text", () => {
    const plan = planImport(scan([finding({ title: "=CMD()", solution: "-rm" })]), [], CLOSED, { ...options, owner: "Lee Chen" });
    expect(findingFromImport(plan.newItems[0], "POAM-2026-0042", plan.options, "Nessus CSV")).toMatchObject({
      id: "POAM-2026-0042",
      itemType: "Vulnerability (scan finding)",
      requirement: "3.14.1",
      weakness: "=CMD()",
      source: "Vulnerability scan",
      plannedActions: "-rm",
      owner: "Lee Chen",
      status: "Open",
      discovered: "2026-11-23",
      comments: "Imported from scan.csv (Nessus CSV) on 2026-11-23.",
    });
  });
});

describe("import keys and assets", () => {
  itReadsEach("reads %p as %p", importKey, [
    ["Tenable plugin 42873; CVE-2016-2183", "tenable plugin 42873"],
    ["Qualys QID 38170 on 10.0.0.5", "qualys qid 38170 on 10.0.0.5"],
    ["Rapid7 vulnerability ssl-weak-ciphers on 10.1.1.1", "rapid7 vulnerability ssl-weak-ciphers on 10.1.1.1"],
    ["OpenVAS NVT 1.3.6.1.4.1.25623.1.0.100111", "openvas nvt 1.3.6.1.4.1.25623.1.0.100111"],
    ["Nessus 57608", undefined],
    ["", undefined],
  ]);

  it("keeps a long host list within the cell limit", () => {
    const hosts = Array.from({ length: 400 }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`);
    const text = assetsText(hosts);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).toMatch(/…and \d+ more$/);
  });
});
