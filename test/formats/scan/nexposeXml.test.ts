import { PoamError } from "../../../src/domain/core/errors";
import { nexposeDate, severityFromNexposeLevel } from "../../../src/formats/scan/nexposeXml";
import { itReadsTheCorpusFolder, parseCorpusFile, parseFailure, parseText, scanCounts, type ScanCounts } from "../../support/scanFiles";
import { itReadsEach } from "../../support/readsEach";

/**
 * Expected counts, established with Python's xml.etree (not this reader):
 * records are the `test` elements (node/tests/test and
 * node/endpoints/endpoint/services/service/tests/test) whose status is
 * vulnerable-exploited, vulnerable-version, vulnerable-potential or
 * potential; findings distinct (lower-cased test/@id, node/@address,
 * endpoint/@port, endpoint/@protocol); severity from the definition with that
 * id anywhere in the file: the higher of its @severity (8–10 Critical, 7 High,
 * 4–6 Medium, 1–3 Low) and its @cvssScore, Medium when there is none. They
 * agree with the corpus README (records, distinct vulns, hosts, severity bands).
 */
const EXPECTED: [string, ScanCounts][] = [
  // Two DNS endpoints (53/tcp, 53/udp), 5 tests of 3 vulnerabilities.
  ["nexpose/dd_nexpose_dns.xml", { format: "nexpose-xml", records: 5, findings: 5, hosts: 1, bySeverity: { Medium: 4, Low: 1 } }],
  // Version 1.0; the one test has no definition (the only one, unused, is misplaced inside the node).
  ["nexpose/dd_nexpose_no_vuln.xml", { format: "nexpose-xml", records: 1, findings: 1, hosts: 1, bySeverity: { Medium: 1 } }],
  // 26 node-level tests on 4 hosts, 14 distinct (host, vulnerability); unix-user-home-dir-mode repeats on each host.
  ["nexpose/dd_nexpose_report_auth.xml", { format: "nexpose-xml", records: 26, findings: 14, hosts: 4, bySeverity: { High: 4, Medium: 4, Low: 6 } }],
  ["nexpose/dradis_nexpose_full.xml", { format: "nexpose-xml", records: 2, findings: 2, hosts: 1, bySeverity: { Medium: 2 } }],
  // A node with no tests and a definition nothing uses.
  ["nexpose/dradis_nexpose_ssl.xml", { format: "nexpose-xml", records: 0, findings: 0, hosts: 0, bySeverity: {} }],
];

describe("Nexpose XML on the corpus", () => {
  itReadsTheCorpusFolder("nexpose", EXPECTED);

  it("resolves each test against a definition that comes after the nodes", async () => {
    const parsed = await parseCorpusFile("nexpose/dradis_nexpose_full.xml");
    expect(parsed.findings[0]).toMatchObject({
      scanner: "Rapid7",
      pluginId: "ntp-clock-variables-disclosure",
      title: "Apache HTTPD: error responses can expose cookies (CVE-2012-0053)",
      severity: "Medium",
      cvss: 4.3,
      cves: ["CVE-2012-0053"],
      host: "1.1.1.1",
      hostname: "localhost:5000",
      port: "123",
      protocol: "udp",
    });
    expect(parsed.findings[0].solution).toContain("http://archive.apache.org/dist/httpd/httpd-2.0.65.tar.gz");
    expect(parsed.findings[0].description).toContain('expose "httpOnly" cookies');
  });

  it("reads node-level tests without a port, with the evidence and dates", async () => {
    const parsed = await parseCorpusFile("nexpose/dd_nexpose_report_auth.xml");
    const redirect = parsed.findings.find((f) => f.pluginId === "linux-icmp-redirect");
    expect(redirect).toMatchObject({ severity: "High", cvss: 6.8, hostname: "host0", port: undefined, firstSeen: "2021-02-11" });
    expect(redirect?.output).toContain("net.ipv4.conf.all.accept_redirects");
  });
});

const definitions = `
  <VulnerabilityDefinitions>
    <vulnerability id="SSL-Weak-Ciphers" title="Weak ciphers" severity="3" cvssScore="7.5"><references><reference source="CVE">2016-2183</reference><reference source="BID">1</reference></references>
      <solution><ContainerBlockElement><Paragraph>Disable them.</Paragraph></ContainerBlockElement></solution></vulnerability>
    <vulnerability id="apache-old" title="Old Apache" severity="9"/>
    <vulnerability id="unused" title="Unused" severity="10"/>
  </VulnerabilityDefinitions>`;

const nodes = `
  <nodes>
    <node address="10.1.1.1" status="alive">
      <names><name>web.example.com</name></names>
      <fingerprints><os vendor="Linux"/></fingerprints>
      <tests><test id="ssl-weak-ciphers" status="vulnerable-version"/><test id="tcp-timestamps" status="not-vulnerable"/></tests>
      <endpoints><endpoint protocol="TCP" port="443" status="open"><services><service name="HTTPS"><tests>
        <test status="vulnerable-potential" id="apache-old" vulnerable-since="20250102T030405000"><Paragraph>Banner Apache/2.2</Paragraph></test>
        <test id="apache-old" status="vulnerable-exploited"/>
        <test id="skipped-check" status="skipped-disabled"/>
      </tests></service></services></endpoint></endpoints>
    </node>
    <node address="10.1.1.2"><tests><test id="SSL-WEAK-CIPHERS" status="potential"/></tests></node>
  </nodes>`;

const expectations = {
  summary: { format: "nexpose-xml", records: 4, findings: 3, hosts: 2, bySeverity: { High: 2, Critical: 1 } },
};

describe("Nexpose XML variants", () => {
  it.each([
    ["2.0, definitions after the nodes", `<?xml version="1.0"?><NexposeReport version="2.0"><scans><scan id="1" endTime="20250110T000000000"/></scans>${nodes}${definitions}</NexposeReport>`],
    ["1.0, definitions before the nodes", `<NexposeReport version="1.0">${definitions}<scans><scan id="1" endTime="20250110T000000000"/></scans>${nodes}</NexposeReport>`],
  ])("reads version %s, leaving out results that are not vulnerable", async (_, text) => {
    for (const size of [64 * 1024, 1024, 7]) {
      const parsed = await parseText(text, size);
      expect(scanCounts(parsed)).toEqual(expectations.summary);
      const [weak, old, otherHost] = parsed.findings;
      // Level 3 alone would be Low; the CVSS score 7.5 says High, and the higher counts.
      expect(weak).toMatchObject({ pluginId: "ssl-weak-ciphers", severity: "High", cves: ["CVE-2016-2183"], solution: "Disable them.", hostname: "web.example.com", port: undefined, lastSeen: "2025-01-10" });
      expect(old).toMatchObject({ pluginId: "apache-old", severity: "Critical", port: "443", protocol: "tcp", firstSeen: "2025-01-02", output: "Banner Apache/2.2" });
      expect(otherHost).toMatchObject({ pluginId: "ssl-weak-ciphers", host: "10.1.1.2", severity: "High" });
    }
  });

  itReadsEach("maps Nexpose severity %p", severityFromNexposeLevel, [
    ["1", "Low"],
    ["3", "Low"],
    ["4", "Medium"],
    ["6", "Medium"],
    ["7", "High"],
    ["8", "Critical"],
    ["10", "Critical"],
    ["0", undefined],
    ["", undefined],
    ["high", undefined],
  ]);

  itReadsEach("reads the time %p", nexposeDate, [
    ["20210211T164506081", "2021-02-11"],
    ["20210211", "2021-02-11"],
    ["2021-02-11T16:45:06Z", "2021-02-11"],
    ["", undefined],
  ]);

  it("explains a report cut short", async () => {
    const error = await parseFailure(`<NexposeReport version="2.0">${nodes}`.slice(0, 200));
    expect(error).toBeInstanceOf(PoamError);
    expect(error.message).toMatch(/ends before it is complete/);
  });
});
