import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type CliIo, type ScanReport } from "../../src/cli/main";
import { SHARED } from "../support/shared";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: join(SHARED, "corpus"), today: () => "2026-11-23" };
  return { cli, out, err };
}

describe("poam scan", () => {
  it("prints the format, findings by severity and the items they make", async () => {
    const { cli, out } = io();
    expect(await main(["scan", "nessus/dd_nessus_many_vuln2-default.csv"], cli)).toBe(0);
    expect(out.join("\n")).toBe(
      [
        "nessus/dd_nessus_many_vuln2-default.csv: Nessus CSV",
        "Findings: 29 on 1 host (30 records) — Critical 0, High 0, Medium 1, Low 0, Info 28",
        "Below the Low threshold: 28",
        "POA&M items (one per vulnerability): 1 — Critical 0, High 0, Medium 1, Low 0",
      ].join("\n"),
    );
  });

  it("prints a stable JSON shape for automation", async () => {
    const { cli, out } = io();
    expect(await main(["scan", "qualys/dd_qualys_vmdr_many_vulns_cve.csv", "--json", "--threshold", "Info", "--per-host"], cli)).toBe(0);
    const report = JSON.parse(out.join("\n")) as ScanReport;
    expect(report).toEqual({
      file: "qualys/dd_qualys_vmdr_many_vulns_cve.csv",
      files: ["qualys/dd_qualys_vmdr_many_vulns_cve.csv"],
      format: "qualys-vmdr-csv",
      formatName: "Qualys VMDR CSV",
      records: 4,
      findings: 4,
      hosts: 4,
      bySeverity: { Critical: 1, High: 1, Medium: 0, Low: 2, Info: 0 },
      threshold: "Info",
      belowThreshold: 0,
      grouping: "host",
      items: 4,
      itemsByPriority: { Critical: 1, High: 1, Medium: 1, Low: 1 },
    });
  });

  it.each([
    ["qualys-scan-xml/dradis_qualys_simple.xml", "qualys-scan-xml", "Qualys scan report XML", { Critical: 0, High: 0, Medium: 1, Low: 2, Info: 4 }],
    ["qualys-pci-csv/dd_qualys_hg_one_finding.csv", "qualys-pci-csv", "Qualys PCI / HackerGuardian CSV", { Critical: 0, High: 0, Medium: 2, Low: 0, Info: 0 }],
    ["qualys-was-xml/dd_qualys_webapp_one_vuln.xml", "qualys-was-xml", "Qualys Web Application Scanning XML", { Critical: 0, High: 0, Medium: 1, Low: 0, Info: 13 }],
    ["nexpose/dd_nexpose_report_auth.xml", "nexpose-xml", "Rapid7 Nexpose / InsightVM XML", { Critical: 0, High: 4, Medium: 4, Low: 6, Info: 0 }],
  ])("names the format of %s in its JSON", async (file, format, formatName, bySeverity) => {
    const { cli, out } = io();
    expect(await main(["scan", file, "--json"], cli)).toBe(0);
    expect(JSON.parse(out.join("\n"))).toMatchObject({ file, format, formatName, bySeverity });
  });

  it.each([
    [["scan"], "poam scan needs at least one SCANFILE to read."],
    [["scan", "stig-ckl/stigman_html-decode.ckl", "nowhere.ckl"], "No such file: nowhere.ckl"],
    [["scan", "nowhere.csv"], "No such file: nowhere.csv"],
    [["scan", "nessus/dd_nessus-template.csv", "--threshold", "Severe"], "--threshold is one of Critical, High, Medium, Low, Info, not Severe."],
  ])("explains %j", async (args, message) => {
    const { cli, err } = io();
    expect(await main(args, cli)).toBe(2);
    expect(err[0]).toBe(`poam: ${message}`);
  });

  it("says what it expected when the file is not a scan export", async () => {
    const dir = mkdtempSync(join(tmpdir(), "poam-scan-"));
    writeFileSync(join(dir, "contacts.csv"), "Name,Email\nDana,dana@example.com\n");
    const { cli, err } = io();
    expect(await main(["scan", join(dir, "contacts.csv")], cli)).toBe(2);
    expect(err[0]).toMatch(/contacts\.csv: The file's columns are not those of a scan export POA&M Workbench reads\. Expected a scan export/);
  });

  it("reports a checklist's rules by result", async () => {
    const { cli, out } = io();
    expect(await main(["scan", "stig-ckl/saf_three_stig_checklist.ckl"], cli)).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/^stig-ckl\/saf_three_stig_checklist\.ckl: STIG Viewer checklist \(\.ckl\)\n/);
    expect(text).toContain("POA&M items (one per vulnerability): 0");
    expect(text).toContain("Rules: 438 — open 0, not a finding 0, not applicable 0, not reviewed 438, error 0");
    expect(text).toMatch(/STIGs \/ benchmarks: .*Tomcat_Application_Server_9_STIG/);
  });

  it("reads several checklists as one import, in JSON", async () => {
    const { cli, out } = io();
    const files = ["stig-cklb/stigman_Asset_a-VPN_TRUNCATED-V2R5.cklb", "stig-cklb/stigman_GoodStatistics.cklb", "stig-cklb/stigman_RHEL_9_TRUNCATED-no-reviews.cklb"];
    expect(await main(["scan", ...files, "--json"], cli)).toBe(0);
    const report = JSON.parse(out.join("\n")) as ScanReport;
    // Open rules (read with Python's json): V-207185 and V-207191 on Asset_aaaaaaaaaa, and two in V-207184 on Asset.
    expect(report).toMatchObject({
      files,
      format: "stig-cklb",
      records: 4,
      findings: 3,
      hosts: 2,
      bySeverity: { Critical: 0, High: 0, Medium: 3, Low: 0, Info: 0 },
      items: 3,
      rules: { open: 4, notAFinding: 5, notApplicable: 3, notReviewed: 16, error: 0 },
      benchmarks: ["VPN_TRUNCATED V2R5", "RHEL_9_TRUNCATED V1R1"],
    });
  });

  it("refuses files of different formats in one run", async () => {
    const { cli, err } = io();
    expect(await main(["scan", "stig-ckl/stigman_html-decode.ckl", "xccdf-results/dd_openscap_one_vuln_rhsa.xml"], cli)).toBe(2);
    expect(err[0]).toMatch(/^poam: The files are of different formats \(stig-ckl\/stigman_html-decode\.ckl: STIG Viewer checklist \(\.ckl\); xccdf-results\/dd_openscap_one_vuln_rhsa\.xml: XCCDF results\)/);
  });

  it("names the file that cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "poam-scan-"));
    writeFileSync(join(dir, "broken.cklb"), '{"stigs": [');
    const { cli, err } = io();
    expect(await main(["scan", "stig-cklb/stigman_GoodStatistics.cklb", join(dir, "broken.cklb")], cli)).toBe(2);
    expect(err[0]).toMatch(/broken\.cklb: This STIG Viewer 3 checklist \(\.cklb\) is not valid JSON/);
  });
});
