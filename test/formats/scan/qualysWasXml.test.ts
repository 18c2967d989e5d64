import { PoamError } from "../../../src/domain/core/errors";
import { itReadsTheCorpusFolder, parseCorpusFile, parseFailure, parseText, scanCounts, type ScanCounts } from "../../support/scanFiles";

/**
 * Expected counts, established with Python's xml.etree (not this reader):
 * records are the VULNERABILITY, INFORMATION_GATHERED and SENSITIVE_CONTENT
 * elements that hold a QID (the SUMMARY's elements of those names are
 * counts); findings are distinct (QID, web application), the one
 * APPENDIX/WEBAPP of each file; a VULNERABILITY is rated by its QID's
 * GLOSSARY/QID_LIST/QID/SEVERITY (level 1 Low), the rest are Info. They agree
 * with the corpus README (VULNERABILITY elements, distinct QIDs, glossary levels).
 */
const EXPECTED: [string, ScanCounts][] = [
  // QIDs 150004 (2), 150085 (3), 150246 (1) on two pages; 18 information gathered, two of one QID.
  ["qualys-was-xml/dd_qualys_webapp_many_vuln.xml", { format: "qualys-was-xml", records: 22, findings: 21, hosts: 1, bySeverity: { Low: 2, Medium: 1, Info: 18 } }],
  // SUMMARY says 3 vulnerabilities; the list is empty.
  ["qualys-was-xml/dd_qualys_webapp_no_vuln.xml", { format: "qualys-was-xml", records: 17, findings: 17, hosts: 1, bySeverity: { Info: 17 } }],
  ["qualys-was-xml/dd_qualys_webapp_one_vuln.xml", { format: "qualys-was-xml", records: 14, findings: 14, hosts: 1, bySeverity: { Medium: 1, Info: 13 } }],
  // Listed as a VULNERABILITY although its glossary category is Information Gathered, level 1.
  ["qualys-was-xml/dradis_qualys_simple_was.xml", { format: "qualys-was-xml", records: 1, findings: 1, hosts: 1, bySeverity: { Low: 1 } }],
];

describe("Qualys WAS XML on the corpus", () => {
  itReadsTheCorpusFolder("qualys-was-xml", EXPECTED);

  it("makes the web application the asset and lists the pages a vulnerability is on", async () => {
    const parsed = await parseCorpusFile("qualys-was-xml/dd_qualys_webapp_many_vuln.xml");
    const cookie = parsed.findings.find((f) => f.pluginId === "150246");
    expect(cookie).toMatchObject({ scanner: "Qualys", severity: "Low", host: "https://store.example.com", hostname: "example eStore Server 1", firstSeen: "2020-03-11" });
    expect(cookie?.output?.split("\n")).toHaveLength(2);
    const slowPost = parsed.findings.find((f) => f.pluginId === "150085");
    expect(slowPost).toMatchObject({ title: "Slow HTTP POST vulnerability", severity: "Medium", cvss: 6.1 });
    expect(slowPost?.solution).toContain("(https://github.com/shekyan/slowhttptest)");
  });
});

const glossary = `
  <GLOSSARY><QID_LIST>
    <QID><QID>150001</QID><CATEGORY>Confirmed Vulnerability</CATEGORY><SEVERITY>5</SEVERITY><TITLE>Reflected Cross-Site Scripting (XSS) Vulnerabilities</TITLE>
      <DESCRIPTION><![CDATA[<p>Input is echoed.</p>]]></DESCRIPTION><SOLUTION>Encode output.</SOLUTION><CVSS_V3><BASE>6.1</BASE></CVSS_V3><CVE>CVE-2020-0001</CVE></QID>
    <QID><QID>150002</QID><SEVERITY>4</SEVERITY><TITLE>SQL injection</TITLE></QID>
    <QID><QID>150021</QID><SEVERITY>1</SEVERITY><TITLE>Scan Diagnostics</TITLE><SOLUTION>N/A</SOLUTION></QID>
    <QID><QID>150022</QID><SEVERITY>3</SEVERITY><TITLE>Credit card numbers</TITLE></QID>
  </QID_LIST></GLOSSARY>`;

const vulnerability = (qid: string, url: string, extra = "") =>
  `<VULNERABILITY><QID>${qid}</QID><URL>${url}</URL>${extra}<PAYLOADS><PAYLOAD><REQUEST><BODY>${"x".repeat(500)}</BODY></REQUEST></PAYLOAD></PAYLOADS></VULNERABILITY>`;

describe("Qualys WAS XML variants", () => {
  it("reads two web applications, the glossary after the results, repeats and fixed detections", async () => {
    const text = `<?xml version='1.0' encoding='UTF-8'?><WAS_SCAN_REPORT><SUMMARY><GLOBAL_SUMMARY><VULNERABILITY>99</VULNERABILITY></GLOBAL_SUMMARY></SUMMARY><RESULTS>
      <VULNERABILITY_LIST>
        ${vulnerability("150001", "https://shop.example.com/search?q=1", "<FIRST_TIME_DETECTED>05 Jan 2026 10:00AM GMT-0500</FIRST_TIME_DETECTED><LAST_TIME_DETECTED>04 Feb 2026 10:00AM GMT-0500</LAST_TIME_DETECTED>")}
        ${vulnerability("150001", "https://shop.example.com/item?id=2", "<DETECTION_DATE>01 Jan 2026 09:00AM GMT-0500</DETECTION_DATE>")}
        ${vulnerability("150002", "https://portal.example.com/login", "<POTENTIAL>true</POTENTIAL>")}
        ${vulnerability("150002", "https://portal.example.com/old", "<STATUS>FIXED</STATUS>")}
        ${vulnerability("150009", "https://portal.example.com/x")}
      </VULNERABILITY_LIST>
      <SENSITIVE_CONTENT_LIST><SENSITIVE_CONTENT><QID>150022</QID><URL>https://shop.example.com/orders</URL></SENSITIVE_CONTENT></SENSITIVE_CONTENT_LIST>
      <INFORMATION_GATHERED_LIST><INFORMATION_GATHERED><QID>150021</QID><DATA base64="true">AAAA</DATA></INFORMATION_GATHERED></INFORMATION_GATHERED_LIST>
    </RESULTS>${glossary}<APPENDIX>
      <WEBAPP><ID>1</ID><NAME>Shop</NAME><URL>https://shop.example.com/</URL></WEBAPP>
      <WEBAPP><NAME>Portal</NAME><URL>https://portal.example.com</URL></WEBAPP>
    </APPENDIX></WAS_SCAN_REPORT>`;
    for (const size of [64 * 1024, 1024, 7]) {
      const parsed = await parseText(text, size);
      expect(scanCounts(parsed)).toEqual({ format: "qualys-was-xml", records: 6, findings: 5, hosts: 2, bySeverity: { Critical: 1, High: 1, Medium: 1, Info: 2 } });
      const [xss, sqli, unknown, sensitive, diagnostics] = parsed.findings;
      expect(xss).toMatchObject({ pluginId: "150001", host: "https://shop.example.com", hostname: "Shop", severity: "Critical", cvss: 6.1, cves: ["CVE-2020-0001"], description: "Input is echoed.", firstSeen: "2026-01-01", lastSeen: "2026-02-04" });
      expect(xss.output).toBe("https://shop.example.com/search?q=1\nhttps://shop.example.com/item?id=2");
      expect(sqli).toMatchObject({ pluginId: "150002", host: "https://portal.example.com", hostname: "Portal", severity: "High" });
      // A QID the glossary does not describe: unknown, so Medium.
      expect(unknown).toMatchObject({ pluginId: "150009", title: "QID 150009", severity: "Medium" });
      expect(sensitive).toMatchObject({ pluginId: "150022", severity: "Info", host: "https://shop.example.com" });
      expect(diagnostics).toMatchObject({ pluginId: "150021", severity: "Info", solution: undefined });
    }
  });

  it("reads a web application report, whose results are grouped by application", async () => {
    const list = [vulnerability("150002", "https://intranet.example.com/a"), vulnerability("150777", "https://intranet.example.com/b", "<TITLE>Not in the glossary</TITLE><SEVERITY>2</SEVERITY>")].join("");
    const text = `<WAS_WEBAPP_REPORT><RESULTS><WEB_APPLICATION><NAME>Intranet</NAME><URL>https://intranet.example.com/</URL><VULNERABILITY_LIST>${list}</VULNERABILITY_LIST></WEB_APPLICATION></RESULTS>${glossary}</WAS_WEBAPP_REPORT>`;
    const parsed = await parseText(text, 16);
    expect(parsed.format).toBe("qualys-was-xml");
    expect(parsed.findings).toEqual([
      expect.objectContaining({ pluginId: "150002", host: "https://intranet.example.com", hostname: "Intranet", severity: "High" }),
      // A detection that carries its own level and title, for a QID the glossary leaves out.
      expect.objectContaining({ pluginId: "150777", title: "Not in the glossary", severity: "Low" }),
    ]);
  });

  it("lists at most 20 of a finding's pages and counts the rest", async () => {
    const pages = Array.from({ length: 25 }, (_, i) => vulnerability("150002", `https://a.example.com/p${i}`)).join("");
    const text = `<WAS_SCAN_REPORT><RESULTS><VULNERABILITY_LIST>${pages}</VULNERABILITY_LIST></RESULTS>${glossary}<APPENDIX><WEBAPP><NAME>A</NAME><URL>https://a.example.com</URL></WEBAPP></APPENDIX></WAS_SCAN_REPORT>`;
    const parsed = await parseText(text);
    expect(parsed.findingRecords).toBe(25);
    const lines = parsed.findings[0].output?.split("\n") ?? [];
    expect(lines).toHaveLength(21);
    expect(lines.at(-1)).toBe("…and 5 more");
  });

  it("explains a report cut short", async () => {
    const error = await parseFailure(`<WAS_SCAN_REPORT><RESULTS><VULNERABILITY_LIST>${vulnerability("150001", "https://a.example.com/")}`);
    expect(error).toBeInstanceOf(PoamError);
    expect(error.message).toMatch(/ends before it is complete/);
  });
});
