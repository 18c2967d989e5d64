/**
 * The import plan over the Qualys scan report, PCI and WAS exports and
 * Nexpose: grouping, the preview's counts, re-importing and a closed item
 * found again behave as for the other scanners.
 */
import { importKey, planImport, type ExistingItem, type ImportOptions } from "../../../src/domain/scan/planImport";
import { STATUSES } from "../../../src/domain/poam/vocabulary";
import { parseCorpusFile } from "../../support/scanFiles";

const CLOSED = new Set(STATUSES.filter((s) => s.closed).map((s) => s.status));
const options: ImportOptions = { grouping: "vulnerability", threshold: "Low", requirement: "3.14.1", reopen: false, today: "2026-11-23", fileName: "scan.xml" };

/** The POA&M rows a first import would have written, with a status. */
const tracked = (sourceRefs: readonly string[], assets: readonly (readonly string[])[], status = "Open"): ExistingItem[] =>
  sourceRefs.map((sourceRef, row) => ({ row, id: `POAM-2026-${String(row + 1).padStart(4, "0")}`, sourceRef, status, assets: assets[row].join(", "), comments: "" }));

describe("importing the newer formats", () => {
  // Items expected: distinct vulnerabilities at Low or above (per host: distinct vulnerability and host).
  it.each([
    ["qualys-scan-xml/dradis_qualys_simple.xml", 3, 4, 3],
    ["qualys-pci-csv/dd_qualys_hg_one_finding.csv", 1, 0, 1],
    ["nexpose/dd_nexpose_report_auth.xml", 4, 0, 14],
    ["nexpose/dd_nexpose_dns.xml", 3, 0, 3],
    ["qualys-was-xml/dd_qualys_webapp_many_vuln.xml", 3, 18, 3],
  ])("plans %s: items per vulnerability and host, informational left out, nothing new on a second import", async (file, items, belowThreshold, perHost) => {
    const parsed = await parseCorpusFile(file);
    const plan = planImport(parsed, [], CLOSED, options);
    expect(plan.counts).toMatchObject({ items, new: items, belowThreshold, tracked: 0, reappeared: 0 });
    expect(planImport(parsed, [], CLOSED, { ...options, grouping: "host" }).counts.items).toBe(perHost);
    for (const item of plan.newItems) expect(importKey(item.sourceRef)).toBeDefined();

    const again = planImport(parsed, tracked(plan.newItems.map((item) => item.sourceRef), plan.newItems.map((item) => item.assets)), CLOSED, options);
    expect(again.counts).toMatchObject({ new: 0, tracked: items, trackedWithNewHosts: 0, reappeared: 0 });
  });

  it("reports a closed Nexpose item found again, reopening it only when asked", async () => {
    const parsed = await parseCorpusFile("nexpose/dradis_nexpose_full.xml");
    const first = planImport(parsed, [], CLOSED, options);
    expect(first.newItems.map((item) => item.sourceRef.split(";")[0])).toEqual(["Rapid7 vulnerability ntp-clock-variables-disclosure", "Rapid7 vulnerability test-02"]);
    const closed = tracked([first.newItems[0].sourceRef], [first.newItems[0].assets], "Closed");
    expect(planImport(parsed, closed, CLOSED, options).counts).toMatchObject({ new: 1, reappeared: 1 });
  });
});
