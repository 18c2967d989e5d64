import { parseCorpusFile as parseFile, parseText, scanCounts } from "../../support/scanFiles";
import type { ParsedScan } from "../../../src/domain/scan/scanTypes";

/** The corpus summary, with the checklist's rule counts. */
const summary = (parsed: ParsedScan) => ({ ...scanCounts(parsed), results: parsed.checklist?.results });

const results = (counts: Partial<Record<"open" | "notAFinding" | "notApplicable" | "notReviewed" | "error", number>>) => ({
  open: 0,
  notAFinding: 0,
  notApplicable: 0,
  notReviewed: 0,
  error: 0,
  ...counts,
});

/**
 * Expected counts, established without the readers: Python's xml.etree and
 * json modules (STATUS / status per VULN or rule, the effective severity of
 * the Open ones after SEVERITY_OVERRIDE or overrides.severity, the distinct
 * Vuln_Num / group_id among them; result per rule-result, severity from
 * rule-result/@severity else the Rule's, distinct Group V-id or idref among
 * the fails), cross-checked with grep counts of <VULN>, <STATUS>Open</STATUS>,
 * "status": "open", rule-result and result>fail<, and with the corpus README.
 * "records" are the open rules read, "findings" the distinct (rule, host)
 * pairs; a checklist with an empty HOST_NAME is one "unnamed host".
 */
const EXPECTED: [string, ReturnType<typeof summary>][] = [
  ["stig-ckl/saf_converted-RHEL8V1R3.ckl", { format: "stig-ckl", records: 1, findings: 1, hosts: 1, bySeverity: { High: 1 }, results: results({ open: 1, notAFinding: 1, notApplicable: 1, notReviewed: 376 }) }],
  // One override, on the Not_Reviewed rule: the open ones keep their CAT I, I and III.
  ["stig-ckl/saf_converted-rhel7_overrides.ckl", { format: "stig-ckl", records: 3, findings: 3, hosts: 1, bySeverity: { High: 2, Low: 1 }, results: results({ open: 3, notReviewed: 1 }) }],
  ["stig-ckl/saf_red_hat_good.ckl", { format: "stig-ckl", records: 0, findings: 0, hosts: 0, bySeverity: {}, results: results({ notAFinding: 214, notApplicable: 24, notReviewed: 9 }) }],
  // Four open CAT II rules; overrides make one of them low and one high.
  ["stig-ckl/saf_small_ckl_overrides.ckl", { format: "stig-ckl", records: 4, findings: 4, hosts: 1, bySeverity: { High: 1, Medium: 2, Low: 1 }, results: results({ open: 4, notAFinding: 2, notApplicable: 1, notReviewed: 4 }) }],
  ["stig-ckl/saf_three_stig_checklist.ckl", { format: "stig-ckl", records: 0, findings: 0, hosts: 0, bySeverity: {}, results: results({ notReviewed: 438 }) }],
  ["stig-ckl/stigman_Asset_a-multi-stig.ckl", { format: "stig-ckl", records: 2, findings: 2, hosts: 1, bySeverity: { Medium: 2 }, results: results({ open: 2, notAFinding: 3, notApplicable: 1, notReviewed: 24 }) }],
  ["stig-ckl/stigman_html-decode.ckl", { format: "stig-ckl", records: 1, findings: 1, hosts: 1, bySeverity: { Medium: 1 }, results: results({ open: 1 }) }],
  ["stig-cklb/stigman_Asset_a-VPN_TRUNCATED-V2R5.cklb", { format: "stig-cklb", records: 2, findings: 2, hosts: 1, bySeverity: { Medium: 2 }, results: results({ open: 2, notAFinding: 3, notApplicable: 1, notReviewed: 4 }) }],
  ["stig-cklb/stigman_Asset_a-VPN_TRUNCATED-V2R5_compact.cklb", { format: "stig-cklb", records: 2, findings: 2, hosts: 1, bySeverity: { Medium: 2 }, results: results({ open: 2, notAFinding: 3, notApplicable: 1, notReviewed: 4 }) }],
  ["stig-cklb/stigman_Asset_a-multi-stig.cklb", { format: "stig-cklb", records: 2, findings: 2, hosts: 1, bySeverity: { Medium: 2 }, results: results({ open: 2, notAFinding: 3, notApplicable: 1, notReviewed: 24 }) }],
  ["stig-cklb/stigman_CA1294WK16078_Chrome_V2R8_Trimmed.cklb", { format: "stig-cklb", records: 0, findings: 0, hosts: 0, bySeverity: {}, results: results({ notAFinding: 2 }) }],
  // Eight rules all in group V-207184: the two open ones are one finding.
  ["stig-cklb/stigman_GoodStatistics.cklb", { format: "stig-cklb", records: 2, findings: 1, hosts: 1, bySeverity: { Medium: 1 }, results: results({ open: 2, notAFinding: 2, notApplicable: 2, notReviewed: 2 }) }],
  ["stig-cklb/stigman_RHEL_9_TRUNCATED-no-reviews.cklb", { format: "stig-cklb", records: 0, findings: 0, hosts: 0, bySeverity: {}, results: results({ notReviewed: 10 }) }],
  ["xccdf-results/dd_openscap_no_vuln_rhsa.xml", { format: "xccdf-results", records: 0, findings: 0, hosts: 0, bySeverity: {}, results: results({ notAFinding: 8 }) }],
  ["xccdf-results/dd_openscap_one_vuln_rhsa.xml", { format: "xccdf-results", records: 1, findings: 1, hosts: 1, bySeverity: { Low: 1 }, results: results({ open: 1, notAFinding: 7 }) }],
  ["xccdf-results/saf_xccdf-results-openscap-rhel7.xml", { format: "xccdf-results", records: 137, findings: 137, hosts: 1, bySeverity: { High: 6, Medium: 124, Low: 7 }, results: results({ open: 137, notAFinding: 43 }) }],
  ["xccdf-results/saf_xccdf-results-scc-rhel7.xml", { format: "xccdf-results", records: 6, findings: 6, hosts: 1, bySeverity: { Medium: 6 }, results: results({ open: 6, notAFinding: 172 }) }],
  ["xccdf-results/saf_xccdf-results-scc-rhel8.xml", { format: "xccdf-results", records: 175, findings: 175, hosts: 1, bySeverity: { High: 5, Medium: 156, Low: 14 }, results: results({ open: 175, notAFinding: 73 }) }],
  // One rule, one result of each kind: fail open; pass and fixed not findings; notapplicable and notselected not applicable;
  // notchecked not reviewed; error and unknown errors. The Rule says high; the results say nothing.
  ["xccdf-results/stigman_all-possible-results-xccdf.xml", { format: "xccdf-results", records: 1, findings: 1, hosts: 1, bySeverity: { High: 1 }, results: results({ open: 1, notAFinding: 2, notApplicable: 2, notReviewed: 1, error: 2 }) }],
];

describe("STIG checklists and XCCDF results in the corpus", () => {
  it.each(EXPECTED)("reads %s", async (file, expected) => {
    expect(summary(await parseFile(file))).toEqual(expected);
  });

  it.each(EXPECTED.map(([file]) => [file]))("reads %s the same in 1 KB chunks", async (file) => {
    const whole = await parseFile(file);
    const chunked = await parseFile(file, 1024);
    expect(summary(chunked)).toEqual(summary(whole));
    expect(chunked.findings).toEqual(whole.findings);
  });

  it("reads a checklist rule's identifiers, text and host", async () => {
    const parsed = await parseFile("stig-ckl/saf_small_ckl_overrides.ckl");
    const raised = parsed.findings.find((f) => f.pluginId === "V-257779");
    expect(raised).toMatchObject({
      scanner: "STIG",
      severity: "High",
      host: "unnamed host",
      reference: expect.stringMatching(/^RHEL_9_STIG V1R3; Rule SV-257779r\d+_rule; STIG ID RHEL-09-\d+; CCI-\d+/),
    });
    expect(raised?.title.length).toBeGreaterThan(10);
    expect(raised?.solution).toBeDefined();
    expect(raised?.description).toMatch(/^Red Hat Enterprise Linux 9 Security Technical Implementation Guide V1R3\./);
    expect(parsed.checklist?.benchmarks).toEqual(["RHEL_9_STIG V1R3"]);
  });

  it("names each STIG of a multi-STIG checklist", async () => {
    const parsed = await parseFile("stig-ckl/saf_three_stig_checklist.ckl");
    expect(parsed.checklist?.benchmarks).toHaveLength(3);
    const multi = await parseFile("stig-cklb/stigman_Asset_a-multi-stig.cklb");
    expect(multi.checklist?.benchmarks).toEqual(["RHEL_8_TRUNCATED V1R12", "RHEL_9_TRUNCATED V1R1", "VPN_TRUNCATED V2R5"]);
    expect(multi.findings.every((f) => f.host === "Asset_aaaaaaaaaa")).toBe(true);
  });

  it("decodes the entities of checklist text once", async () => {
    const [finding] = (await parseFile("stig-ckl/stigman_html-decode.ckl")).findings;
    expect(finding.output).toBe(`& < > " ' & < & < > " ' A . % , ~`);
  });

  it("identifies a STIG rule in SCAP results by its Vuln ID, as a checklist does", async () => {
    const parsed = await parseFile("xccdf-results/saf_xccdf-results-scc-rhel7.xml");
    expect(parsed.findings.every((f) => f.scanner === "STIG" && /^V-\d+$/.test(f.pluginId))).toBe(true);
    expect(parsed.findings[0]).toMatchObject({ host: "LOCKDOWN", firstSeen: "2021-04-29", reference: expect.stringMatching(/^RHEL_7_STIG V3R2; Rule SV-\d+r\d+_rule; STIG ID RHEL-07-\d+; CCI-/) });
    expect(parsed.findings[0].description).not.toMatch(/<VulnDiscussion>/);
    const rhsa = (await parseFile("xccdf-results/dd_openscap_one_vuln_rhsa.xml")).findings[0];
    expect(rhsa).toMatchObject({ scanner: "XCCDF", pluginId: "oval-com.redhat.rhsa-def-20060117", host: "sample.system" });
    expect(rhsa.cves.length).toBeGreaterThan(0);
  });
});


/** A .ckl with one iSTIG; each VULN gives its STATUS, STIG_DATA pairs and any extra elements. */
function ckl(host: string, vulns: { status: string; data: Record<string, string>; extra?: string }[], stigInfo = "<SI_DATA><SID_NAME>stigid</SID_NAME><SID_DATA>Demo_STIG</SID_DATA></SI_DATA>") {
  const vuln = ({ status, data, extra }: (typeof vulns)[number]) =>
    `<VULN>${Object.entries(data)
      .map(([name, value]) => `<STIG_DATA><VULN_ATTRIBUTE>${name}</VULN_ATTRIBUTE><ATTRIBUTE_DATA>${value}</ATTRIBUTE_DATA></STIG_DATA>`)
      .join("")}<STATUS>${status}</STATUS>${extra ?? ""}</VULN>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\r\n<!--DISA STIG Viewer :: 2.17-->\r\n<CHECKLIST><ASSET><HOST_NAME>${host}</HOST_NAME></ASSET><STIGS><iSTIG><STIG_INFO>${stigInfo}</STIG_INFO>${vulns.map(vuln).join("\r\n")}</iSTIG></STIGS></CHECKLIST>`;
}

function cklb(host: unknown, rules: Record<string, unknown>[]) {
  return JSON.stringify({ title: "t", target_data: host === undefined ? undefined : { host_name: host }, stigs: [{ stig_id: "Demo_STIG", version: 2, release_info: "Release: 7 Benchmark Date: 1 Jan 2026", rules }] }, null, 2).replace(/\n/g, "\r\n");
}

function xccdf(namespace: string, prefix: string, results: [string, string][], rules = "") {
  const p = prefix === "" ? "" : `${prefix}:`;
  const xmlns = prefix === "" ? `xmlns="${namespace}"` : `xmlns:${prefix}="${namespace}"`;
  return `<?xml version="1.0"?><${p}Benchmark ${xmlns} id="xccdf_mil.disa.stig_benchmark_Demo_STIG"><${p}version>002.007</${p}version>${rules}<${p}TestResult id="t" end-time="2026-10-05T10:00:00"><${p}target>web01</${p}target>${results
    .map(([idref, result]) => `<${p}rule-result idref="${idref}" severity="low"><${p}result>${result}</${p}result></${p}rule-result>`)
    .join("")}</${p}TestResult></${p}Benchmark>`;
}

describe("checklist variants", () => {
  it("applies a severity override to an open rule and leaves out rules that are not open", async () => {
    const parsed = await parseText(
      ckl("web01", [
        { status: "Open", data: { Vuln_Num: "V-1", Severity: "medium", Rule_ID: "SV-1r1_rule", Rule_Title: "Thing must be off" }, extra: "<SEVERITY_OVERRIDE>high</SEVERITY_OVERRIDE>" },
        { status: "Open", data: { Vuln_Num: "V-2", Severity: "low" }, extra: "<SEVERITY_OVERRIDE></SEVERITY_OVERRIDE>" },
        { status: "NotAFinding", data: { Vuln_Num: "V-3", Severity: "high" } },
        { status: "Not_Reviewed", data: { Vuln_Num: "V-4", Severity: "high" } },
        { status: "", data: { Vuln_Num: "V-5", Severity: "high" } },
      ]),
    );
    expect(parsed.findings.map((f) => [f.pluginId, f.severity, f.host])).toEqual([
      ["V-1", "High", "web01"],
      ["V-2", "Low", "web01"],
    ]);
    expect(parsed.findings[1].title).toBe("V-2");
    expect(parsed.checklist?.results).toEqual({ open: 2, notAFinding: 1, notApplicable: 0, notReviewed: 2, error: 0 });
  });

  it("tolerates an empty host, missing attributes and a missing STIG_INFO, with a BOM and CRLF", async () => {
    const parsed = await parseText(`\uFEFF${ckl("", [{ status: "Open", data: { Rule_ID: "SV-9r2_rule" } }], "")}`, 7);
    expect(parsed.findings).toEqual([expect.objectContaining({ scanner: "STIG", pluginId: "SV-9r2_rule", severity: "Medium", host: "unnamed host" })]);
    expect(parsed.format).toBe("stig-ckl");
  });

  it("reads a .cklb override, a null host and fields some writers leave out, in small chunks", async () => {
    const parsed = await parseText(
      `\uFEFF${cklb(null, [
        { group_id: "V-10", rule_id_src: "SV-10r1_rule", severity: "low", status: "open", overrides: { severity: { severity: "high", reason: "exposed" } }, ccis: ["CCI-000366"], rule_version: "DEMO-01" },
        { group_id: "V-11", status: "open", overrides: { severity: "low" } },
        { rule_id: "SV-12r1", status: "open" },
        { group_id: "V-13", status: "not_applicable" },
        { status: "open" },
      ])}`,
      5,
    );
    expect(parsed.findings.map((f) => [f.pluginId, f.severity, f.host])).toEqual([
      ["V-10", "High", "unnamed host"],
      ["V-11", "Low", "unnamed host"],
      ["SV-12r1", "Medium", "unnamed host"],
    ]);
    expect(parsed.findings[0].reference).toBe("Demo_STIG V2R7; Rule SV-10r1_rule; STIG ID DEMO-01; CCI-000366");
    expect(parsed.checklist?.results).toMatchObject({ open: 4, notApplicable: 1 });
  });

  it.each([
    ["XCCDF 1.2 with a prefix", "http://checklists.nist.gov/xccdf/1.2", "cdf"],
    ["XCCDF 1.2 without one", "http://checklists.nist.gov/xccdf/1.2", ""],
    ["XCCDF 1.1", "http://checklists.nist.gov/xccdf/1.1", "xccdf"],
  ])("reads %s results alike, counting error and notchecked results without making findings", async (_, namespace, prefix) => {
    const p = prefix === "" ? "" : `${prefix}:`;
    const rules = `<${p}Group id="xccdf_mil.disa.stig_group_V-20"><${p}Rule id="xccdf_mil.disa.stig_rule_SV-20r1_rule" severity="high"><${p}title>Demo rule</${p}title><${p}ident system="http://cyber.mil/cci">CCI-000001</${p}ident></${p}Rule></${p}Group>`;
    const parsed = await parseText(
      xccdf(namespace, prefix, [
        ["xccdf_mil.disa.stig_rule_SV-20r1_rule", "fail"],
        ["xccdf_org.example_rule_other", "fail"],
        ["xccdf_org.example_rule_a", "error"],
        ["xccdf_org.example_rule_b", "notchecked"],
        ["xccdf_org.example_rule_c", "informational"],
      ], rules),
      9,
    );
    expect(parsed.format).toBe("xccdf-results");
    expect(parsed.findings.map((f) => [f.scanner, f.pluginId, f.severity, f.host, f.firstSeen])).toEqual([
      ["STIG", "V-20", "Low", "web01", "2026-10-05"],
      ["XCCDF", "xccdf_org.example_rule_other", "Low", "web01", "2026-10-05"],
    ]);
    expect(parsed.findings[0]).toMatchObject({ title: "Demo rule", reference: "Demo_STIG V2R7; Rule SV-20r1_rule; CCI-000001" });
    expect(parsed.checklist?.results).toEqual({ open: 2, notAFinding: 0, notApplicable: 0, notReviewed: 2, error: 1 });
  });

  it("reads a bare TestResult document", async () => {
    const parsed = await parseText(
      '<TestResult xmlns="http://checklists.nist.gov/xccdf/1.2" id="t"><benchmark href="xccdf_mil.disa.stig_benchmark_Demo_STIG"/><target></target><target-address>127.0.0.1</target-address><target-address>10.1.1.5</target-address><rule-result idref="r1"><result>fail</result></rule-result></TestResult>',
    );
    expect(parsed.findings).toEqual([expect.objectContaining({ scanner: "XCCDF", pluginId: "r1", host: "10.1.1.5", severity: "Medium", reference: "Demo_STIG" })]);
  });

  it("reads results wrapped in an ARF report collection, with the benchmark in its data stream", async () => {
    const parsed = await parseText(
      '<arf:asset-report-collection xmlns:arf="http://scap.nist.gov/schema/asset-reporting-format/1.1" xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2" xmlns:x="http://checklists.nist.gov/xccdf/1.2">' +
        '<arf:report-requests><arf:report-request id="r"><arf:content><ds:data-stream-collection><ds:component id="c">' +
        '<x:Benchmark id="xccdf_mil.disa.stig_benchmark_Demo_STIG"><x:version>001.002</x:version><x:Group id="xccdf_mil.disa.stig_group_V-30"><x:Rule id="xccdf_mil.disa.stig_rule_SV-30r1_rule" severity="high"><x:title>Thirty</x:title></x:Rule></x:Group></x:Benchmark>' +
        '<oval_definitions><definitions><definition id="oval:1"/></definitions></oval_definitions>' +
        '</ds:component></ds:data-stream-collection></arf:content></arf:report-request></arf:report-requests>' +
        '<arf:reports><arf:report id="x"><arf:content><x:TestResult id="t"><x:target>db01</x:target><x:rule-result idref="xccdf_mil.disa.stig_rule_SV-30r1_rule"><x:result>fail</x:result></x:rule-result></x:TestResult></arf:content></arf:report></arf:reports></arf:asset-report-collection>',
      11,
    );
    expect(parsed.format).toBe("xccdf-results");
    expect(parsed.findings).toEqual([expect.objectContaining({ scanner: "STIG", pluginId: "V-30", severity: "High", host: "db01", title: "Thirty", reference: "Demo_STIG V1R2; Rule SV-30r1_rule" })]);
  });

  it("lists each TestResult's target as a host", async () => {
    const testResult = (target: string) => `<TestResult id="${target}"><target>${target}</target><rule-result idref="r1"><result>fail</result></rule-result></TestResult>`;
    const parsed = await parseText(`<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.1" id="b"><Rule id="r1" severity="medium"/>${testResult("a")}${testResult("b")}</Benchmark>`);
    expect(parsed.findings.map((f) => f.host)).toEqual(["a", "b"]);
  });

  it.each([
    ["a cut-off .cklb", '{"target_data": {"host_name": "h"}, "stigs": [{"rules": [', /^This STIG Viewer 3 checklist \(\.cklb\) is not valid JSON/],
    ["JSON that is not a checklist", '{"name": "x"}', /^This JSON file is not a STIG Viewer 3 checklist \(\.cklb\): it has no "stigs" list\./],
    ["a benchmark without results", '<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="b"><Rule id="r" severity="high"/></Benchmark>', /^This XCCDF file holds no results/],
    ["a cut-off checklist", "<CHECKLIST><ASSET><HOST_NAME>h</HOST_NAME></ASSET><STIGS><iSTIG><VULN><STATUS>Open", /ends before it is complete/],
  ])("explains %s", async (_, text, message) => {
    await expect(parseText(text)).rejects.toMatchObject({ code: "invalidInput", message: expect.stringMatching(message) });
  });
});
