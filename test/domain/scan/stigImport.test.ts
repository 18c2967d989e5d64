import { readFileSync } from "node:fs";
import { decodeChunks } from "../../../src/formats/scan/decodeText";
import { mergeScans } from "../../../src/formats/scan/mergeScans";
import { parseScan } from "../../../src/formats/scan/parseScan";
import { assetsText, findingFromImport, planImport, type ExistingItem, type ImportOptions } from "../../../src/domain/scan/planImport";
import { CONFIGURATION_REQUIREMENT } from "../../../src/formats/scan/stigValues";
import { STATUSES } from "../../../src/domain/poam/vocabulary";
import { sharedFile } from "../../support/shared";

const CLOSED = new Set(STATUSES.filter((s) => s.closed).map((s) => s.status));
const options: ImportOptions = { grouping: "vulnerability", threshold: "Low", requirement: CONFIGURATION_REQUIREMENT, reopen: false, today: "2026-11-23" };

const parseText = (text: string) => parseScan([text]);
const parseFile = (file: string) => parseScan(decodeChunks([readFileSync(sharedFile("corpus", file))]));

/** A one-STIG checklist for `host` with the given rule statuses. */
const checklist = (host: string, statuses: Record<string, string>) =>
  `<CHECKLIST><ASSET><HOST_NAME>${host}</HOST_NAME></ASSET><STIGS><iSTIG><STIG_INFO><SI_DATA><SID_NAME>stigid</SID_NAME><SID_DATA>Demo_STIG</SID_DATA></SI_DATA></STIG_INFO>${Object.entries(statuses)
    .map(([vuln, status]) => `<VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE><ATTRIBUTE_DATA>${vuln}</ATTRIBUTE_DATA></STIG_DATA><STIG_DATA><VULN_ATTRIBUTE>Severity</VULN_ATTRIBUTE><ATTRIBUTE_DATA>high</ATTRIBUTE_DATA></STIG_DATA><STATUS>${status}</STATUS></VULN>`)
    .join("")}</iSTIG></STIGS></CHECKLIST>`;

const tracked = (overrides: Partial<ExistingItem>): ExistingItem => ({ row: 0, id: "POAM-2026-0001", sourceRef: "STIG V-1; Demo_STIG", status: "Open", assets: "web01", comments: "", ...overrides });

describe("importing checklists", () => {
  it("makes one item per rule across the checklists of several hosts", async () => {
    const merged = mergeScans([
      { name: "web01.ckl", scan: await parseText(checklist("web01", { "V-1": "Open", "V-2": "NotAFinding" })) },
      { name: "web02.ckl", scan: await parseText(checklist("web02", { "V-1": "Open", "V-2": "Open", "V-3": "Not_Reviewed" })) },
    ]);
    expect(merged.checklist?.results).toEqual({ open: 3, notAFinding: 1, notApplicable: 0, notReviewed: 1, error: 0 });
    const plan = planImport(merged, [], CLOSED, options);
    expect(plan.newItems.map((item) => [item.sourceRef, item.assets, item.priority])).toEqual([
      ["STIG V-1; Demo_STIG", ["web01", "web02"], "High"],
      ["STIG V-2; Demo_STIG", ["web02"], "High"],
    ]);
    expect(findingFromImport(plan.newItems[0], "POAM-2026-0009", plan.options, "STIG Viewer checklist (.ckl)")).toMatchObject({
      requirement: "3.4.2",
      acceptanceCriteria: "The next checklist or SCAP scan shows STIG V-1 as not a finding.",
    });
  });

  it("tracks the same rule from a .ckl and a .cklb as one item", async () => {
    const ckl = planImport(await parseFile("stig-ckl/stigman_Asset_a-multi-stig.ckl"), [], CLOSED, options);
    const cklb = planImport(await parseFile("stig-cklb/stigman_Asset_a-multi-stig.cklb"), [], CLOSED, options);
    expect(cklb.newItems.map((i) => i.key)).toEqual(ckl.newItems.map((i) => i.key));
    const again = planImport(await parseFile("stig-cklb/stigman_Asset_a-multi-stig.cklb"), ckl.newItems.map((item, row) => tracked({ row, sourceRef: item.sourceRef, assets: assetsText(item.assets) })), CLOSED, options);
    expect(again.counts).toMatchObject({ new: 0, tracked: 2 });
  });

  it("closes nothing when next month's checklist passes a tracked rule, and says it passed", async () => {
    const plan = planImport(await parseText(checklist("web01", { "V-1": "NotAFinding" })), [tracked({})], CLOSED, options);
    expect(plan.counts).toMatchObject({ new: 0, tracked: 0, reappeared: 0, passing: 1 });
    expect(plan.passing).toEqual([{ row: 0, id: "POAM-2026-0001" }]);
    expect(plan.assetUpdates).toEqual([]);
    expect(plan.reappeared).toEqual([]);
  });

  it("does not call a rule passing while another host's checklist has it open", async () => {
    const merged = mergeScans([
      { name: "web01.ckl", scan: await parseText(checklist("web01", { "V-1": "NotAFinding" })) },
      { name: "web02.ckl", scan: await parseText(checklist("web02", { "V-1": "Open" })) },
    ]);
    expect(planImport(merged, [tracked({ assets: "web01, web02" })], CLOSED, options).counts).toMatchObject({ passing: 0, tracked: 1 });
    expect(planImport(merged, [tracked({ sourceRef: "STIG V-1 on web01" })], CLOSED, { ...options, grouping: "host" }).passing).toHaveLength(1);
  });

  it("says which tracked STIG rules SCAP results now pass", async () => {
    const parsed = await parseFile("xccdf-results/saf_xccdf-results-scc-rhel7.xml");
    const passed = parsed.checklist?.passed ?? [];
    expect(passed).toHaveLength(172);
    const plan = planImport(parsed, [tracked({ sourceRef: `STIG ${passed[0].pluginId}` })], CLOSED, options);
    expect(plan.counts.passing).toBe(1);
  });

  it("reports a rule closed after it passed that is open again", async () => {
    const plan = planImport(await parseText(checklist("web01", { "V-1": "Open" })), [tracked({ status: "Closed" })], CLOSED, options);
    expect(plan.reappeared).toEqual([expect.objectContaining({ id: "POAM-2026-0001", status: "Closed" })]);
    expect(plan.counts.new).toBe(0);
  });

  it("refuses files of different formats, naming them", async () => {
    const ckl = await parseText(checklist("web01", { "V-1": "Open" }));
    const cklb = await parseText(JSON.stringify({ stigs: [] }));
    expect(() => mergeScans([{ name: "a.ckl", scan: ckl }, { name: "b.cklb", scan: cklb }])).toThrow(
      /^The files are of different formats \(a\.ckl: STIG Viewer checklist \(\.ckl\); b\.cklb: STIG Viewer 3 checklist \(\.cklb\)\)\./,
    );
  });

  it("counts a finding two files share once", async () => {
    const one = await parseText(checklist("web01", { "V-1": "Open" }));
    const merged = mergeScans([{ name: "a.ckl", scan: one }, { name: "a copy.ckl", scan: one }]);
    expect(merged.findings).toHaveLength(1);
    expect(merged.findingRecords).toBe(2);
  });
});
