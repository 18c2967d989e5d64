import { PoamError } from "../../../src/domain/core/errors";
import { itReadsTheCorpusFolder, parseCorpusFile, parseFailure, parseText, scanCounts, type ScanCounts } from "../../support/scanFiles";

/**
 * Expected counts, established with Python's xml.etree (not this reader): for
 * every IP, the items under INFOS/CAT/INFO, SERVICES/CAT/SERVICE, VULNS/CAT/VULN
 * and PRACTICES/CAT/PRACTICE are the records; distinct (QID, IP/@value,
 * CAT/@port, CAT/@protocol) are the findings; VULN and PRACTICE are rated by
 * @severity (5 Critical, 4 High, 3 Medium, 2 and 1 Low), INFO and SERVICE are
 * Info. They agree with the corpus README's counts (records, VULN+PRACTICE
 * findings and their levels).
 */
const EXPECTED: [string, ScanCounts][] = [
  // One host with an empty <VULNS>.
  ["qualys-scan-xml/dd_qualys_infrascan_webgui_0.xml", { format: "qualys-scan-xml", records: 0, findings: 0, hosts: 0, bySeverity: {} }],
  ["qualys-scan-xml/dd_qualys_infrascan_webgui_1.xml", { format: "qualys-scan-xml", records: 1, findings: 1, hosts: 1, bySeverity: { Critical: 1 } }],
  // 2 INFO and 2 SERVICE (Info), VULN levels 1, 2 and 3; HEADER TARGET names two IPs, the file lists one.
  ["qualys-scan-xml/dradis_qualys_simple.xml", { format: "qualys-scan-xml", records: 7, findings: 7, hosts: 1, bySeverity: { Info: 4, Low: 2, Medium: 1 } }],
  ["qualys-scan-xml/dradis_qualys_with_ciphers.xml", { format: "qualys-scan-xml", records: 1, findings: 1, hosts: 1, bySeverity: { Low: 1 } }],
];

describe("Qualys scan report XML on the corpus", () => {
  itReadsTheCorpusFolder("qualys-scan-xml", EXPECTED);

  it("reads a confirmed vulnerability's details, its HTML and CDATA as plain text", async () => {
    const [finding] = (await parseCorpusFile("qualys-scan-xml/dradis_qualys_with_ciphers.xml")).findings;
    expect(finding).toMatchObject({ scanner: "Qualys", pluginId: "38140", severity: "Low", cvss: 4.3, host: "10.0.155.160", port: "80", protocol: "tcp", firstSeen: "2011-12-20" });
    // RESULT holds "&quot;" inside CDATA: written by an HTML writer, read as a quote.
    expect(finding.output).toBe('"3bee-4f12-00794aef"');
    expect(finding.solution).toContain("SSLCipherSuite RC4-SHA:HIGH:!ADH");
    expect(finding.solution).not.toMatch(/<P>/i);
    // "No registered hostname" is Qualys saying there is none.
    expect(finding.hostname).toBeUndefined();
  });

  it("carries the CVE list and the host name", async () => {
    const [finding] = (await parseCorpusFile("qualys-scan-xml/dd_qualys_infrascan_webgui_1.xml")).findings;
    expect(finding).toMatchObject({ pluginId: "123168", severity: "Critical", hostname: "host1.example.com", solution: "some solution", lastSeen: "2019-04-02" });
    expect(finding.cves).toHaveLength(19);
    expect(finding.cves).toContain("CVE-2014-3566");
  });

  it("leaves information gathered as Info, below the default threshold", async () => {
    const parsed = await parseCorpusFile("qualys-scan-xml/dradis_qualys_simple.xml");
    const info = parsed.findings.filter((f) => f.severity === "Info").map((f) => f.pluginId);
    expect(info.sort()).toEqual(["45038", "6", "82023", "86000"]);
    expect(parsed.findings.find((f) => f.pluginId === "82054")).toMatchObject({ severity: "Low", cvss: 5, cves: ["CVE-2004-0230"], port: undefined });
  });
});

/** A scan report built in the test, with what the corpus lacks. */
const report = (hosts: string, header = "<HEADER><KEY value='DATE'>2026-03-04T05:06:07Z</KEY></HEADER>") => `<?xml version="1.0"?>\n<SCAN value="scan/1">${header}${hosts}</SCAN>\n<!-- trailing comment -->\n`;

describe("Qualys scan report XML variants", () => {
  it("reads potential vulnerabilities, repeats and the higher of a changed and Qualys's own level", async () => {
    const text = report(`
      <IP name="web01.example.com" value="10.0.0.5">
        <NETBIOS_HOSTNAME>WEB01</NETBIOS_HOSTNAME>
        <PRACTICES><CAT protocol="TCP" port="443" value="Web server">
          <PRACTICE severity="4" number="11827"><TITLE>HTTP Security Header Not Detected</TITLE><CVSS3_BASE>5.3</CVSS3_BASE><CVSS_BASE>5</CVSS_BASE></PRACTICE>
        </CAT></PRACTICES>
        <VULNS>
          <CAT value="Windows" port="445" protocol="tcp">
            <VULN number="90043" severity="2" standard-severity="3" cveid="CVE-2017-0144"><TITLE>SMB Signing Disabled</TITLE></VULN>
            <VULN number="90043" severity="2" standard-severity="3"><TITLE>SMB Signing Disabled</TITLE><CVE_ID_LIST><CVE_ID><ID>CVE-2017-0145</ID></CVE_ID></CVE_ID_LIST></VULN>
          </CAT>
          <CAT value="General"><VULN number="38173" severity="9"><TITLE>Odd level</TITLE><CVSS_BASE>-</CVSS_BASE></VULN></CAT>
        </VULNS>
      </IP>
      <IP value="10.0.0.6"><VULNS><CAT value="x"><VULN number="1" severity="5"><TITLE>A</TITLE></VULN></CAT></VULNS></IP>
      <IP name="No registered hostname"><VULNS><CAT value="x"><VULN number="2" severity="5"/></CAT></VULNS></IP>`);
    for (const size of [64 * 1024, 7]) {
      const parsed = await parseText(text, size);
      expect(scanCounts(parsed)).toEqual({ format: "qualys-scan-xml", records: 5, findings: 4, hosts: 2, bySeverity: { Critical: 1, High: 1, Medium: 2 } });
      const [practice, smb, odd] = parsed.findings;
      expect(practice).toMatchObject({ pluginId: "11827", severity: "High", cvss: 5.3, port: "443", protocol: "tcp", hostname: "web01.example.com", firstSeen: "2026-03-04" });
      expect(smb).toMatchObject({ pluginId: "90043", severity: "Medium", cves: ["CVE-2017-0144", "CVE-2017-0145"] });
      // A level outside 1–5 with no score: unknown, so Medium rather than left out.
      expect(odd).toMatchObject({ pluginId: "38173", severity: "Medium", cvss: undefined, port: undefined });
    }
  });

  it("reads a report without a header, DOCTYPE or declaration", async () => {
    const parsed = await parseText("<SCAN><IP value='192.0.2.1'><VULNS><CAT value='a' port='22' protocol='tcp'><VULN number='38739' severity='3'/></CAT></VULNS></IP></SCAN>");
    expect(parsed.findings).toEqual([expect.objectContaining({ pluginId: "38739", title: "QID 38739", severity: "Medium", port: "22", firstSeen: undefined })]);
  });

  it.each([
    ["cut short", report("<IP value='10.0.0.1'><VULNS><CAT value='a'><VULN number='1' severity='3'><TITLE>T</TITLE></VULN></CAT></VULNS></IP>").split("<TITLE>")[0], /ends before it is complete/],
    ["not well-formed", report("<IP value='10.0.0.1'><VULNS><CAT value='a'></VULN></CAT></VULNS></IP>"), /not well-formed/],
  ])("explains a report %s", async (_, text, message) => {
    const error = await parseFailure(text);
    expect(error).toBeInstanceOf(PoamError);
    expect(error.message).toMatch(message);
  });
});
