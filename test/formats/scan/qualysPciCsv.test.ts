import { pciScanDate } from "../../../src/formats/scan/qualysPciCsv";
import { itReadsTheCorpusFolder, parseCorpusFile, parseText, scanCounts, type ScanCounts } from "../../support/scanFiles";
import { itReadsEach } from "../../support/readsEach";

/**
 * Expected counts, established with Python's csv.DictReader (not this
 * reader): records are data rows, findings distinct (QID, IP, PORT,
 * PROTOCOL); severity the higher of SEVERITY (L/M/H) and Q_SEVERITY (1–5,
 * level 1 Low). They agree with the corpus README.
 */
const EXPECTED: [string, ScanCounts][] = [
  // QID 150059 on ports 80 and 443 of one host: SEVERITY M, Q_SEVERITY 1.
  ["qualys-pci-csv/dd_qualys_hg_one_finding.csv", { format: "qualys-pci-csv", records: 2, findings: 2, hosts: 1, bySeverity: { Medium: 2 } }],
  // The quoted header alone.
  ["qualys-pci-csv/dd_qualys_hg_zero_finding.csv", { format: "qualys-pci-csv", records: 0, findings: 0, hosts: 0, bySeverity: {} }],
];

const HEADER = "IP,HOSTNAME,LAST SCAN,QID,VULN TITLE,TYPE,SEVERITY,PORT,PROTOCOL,OPERATING SYSTEM,IS_PCI,FALSE POSITIVE STATUS,CVSS_BASE,Q_SEVERITY,THREAT,IMPACT,SOLUTION,CVSS_TEMPORAL,CATEGORY,RESULT,BUGTRAQID,CVEID";

describe("Qualys PCI / HackerGuardian CSV on the corpus", () => {
  itReadsTheCorpusFolder("qualys-pci-csv", EXPECTED);

  it("reads the row's details", async () => {
    const [finding] = (await parseCorpusFile("qualys-pci-csv/dd_qualys_hg_one_finding.csv")).findings;
    expect(finding).toMatchObject({
      scanner: "Qualys",
      pluginId: "150059",
      title: "Reference to Windows file path is present in HTML",
      severity: "Medium",
      cvss: 5.3,
      cves: [],
      host: "18.238.109.17",
      hostname: "help.example.co",
      port: "80",
      protocol: "tcp",
      firstSeen: "2024-09-16",
      solution: "The content should be reviewed to determine whether it could be masked or removed.",
    });
  });
});

describe("Qualys PCI CSV variants", () => {
  it("reads an unquoted file with words for severity, day-first dates, HTML and CVE lists", async () => {
    const text = [
      HEADER,
      "10.0.0.7,db01,16/09/2024 04:00,38657,Birthday attacks against TLS ciphers,VULN,High,443,TCP,Linux,Y,-,7.5,3,<P>Short block ciphers</P>,,Disable <B>3DES</B>&amp;RC4,,General,Cipher list,-,\"CVE-2016-2183, CVE-2016-6329\"",
      "10.0.0.7,db01,16/09/2024 04:00,38657,Birthday attacks against TLS ciphers,VULN,High,443,TCP,Linux,Y,-,7.5,3,,,,,,,-,CVE-2016-2183",
      "10.0.0.8,,2024-09-17T10:00:00Z,11827,HTTP Security Header Not Detected,POTENTIAL,Low,-,-,,N,-,,4,,,,,,,-,",
      "10.0.0.9,,13/09/2024,6,DNS Host Name,IG,,,,,N,-,,1,,,,,,,-,",
      "",
    ].join("\r\n");
    for (const size of [64 * 1024, 5]) {
      const parsed = await parseText(text, size);
      expect(scanCounts(parsed)).toEqual({ format: "qualys-pci-csv", records: 4, findings: 3, hosts: 3, bySeverity: { High: 2, Info: 1 } });
      const [ciphers, header, info] = parsed.findings;
      expect(ciphers).toMatchObject({ severity: "High", cvss: 7.5, port: "443", protocol: "tcp", firstSeen: "2024-09-16", description: "Short block ciphers", solution: "Disable 3DES &RC4", cves: ["CVE-2016-2183", "CVE-2016-6329"] });
      // PCI says Low, Qualys's level 4 says High: the higher counts. "-" is no port.
      expect(header).toMatchObject({ pluginId: "11827", severity: "High", port: undefined, protocol: undefined, firstSeen: "2024-09-17" });
      expect(info).toMatchObject({ pluginId: "6", severity: "Info", firstSeen: "2024-09-13" });
    }
  });

  it("reads a quoted file with letters for severity", async () => {
    const quote = (cells: string[]) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(",");
    const row = ["192.0.2.10", "www", "2024-09-16 04:00:30", "150004", 'Path "Disclosure", found', "VULN", "L", "80", "tcp", "", "Y", "-", "", "2", "", "", "", "", "", "", "-", ""];
    const parsed = await parseText([quote(HEADER.split(",")), quote(row), quote([...row.slice(0, 6), "H", "443", ...row.slice(8)])].join("\n"));
    expect(parsed.findings).toEqual([
      expect.objectContaining({ title: 'Path "Disclosure", found', severity: "Low", port: "80" }),
      expect.objectContaining({ severity: "High", port: "443" }),
    ]);
  });

  it("rates a row repeated at a higher severity at the higher one", async () => {
    const row = (severity: string) => `192.0.2.10,www,2024-09-16,150004,Path Disclosure,VULN,${severity},80,tcp,,Y,-,,1,,,,,,,-,`;
    const parsed = await parseText([HEADER, row("L"), row("H"), row("M")].join("\n"));
    expect(parsed.findings).toEqual([expect.objectContaining({ pluginId: "150004", severity: "High" })]);
    expect(parsed.findingRecords).toBe(3);
  });

  itReadsEach("reads the scan date %p", pciScanDate, [
    ["2024-09-16 04:00:30", "2024-09-16"],
    ["16/09/2024 04:00:30", "2024-09-16"],
    ["01/02/2024", "2024-02-01"],
    ["09/16/2024", "2024-09-16"],
    ["31/02/2024", undefined],
    ["", undefined],
  ]);
});
