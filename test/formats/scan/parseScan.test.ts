import { readFileSync } from "node:fs";
import { PoamError } from "../../../src/domain/core/errors";
import { parseScan } from "../../../src/formats/scan/parseScan";
import { cleanText, parseScanDate, parseCvss, severityFromWord } from "../../../src/formats/scan/scanValues";
import { MAX_XML_DEPTH, XmlRecordReader } from "../../../src/formats/scan/xmlRecords";
import { parseBytes, parseCorpusFile, parseText, scanCounts } from "../../support/scanFiles";
import { sharedFile } from "../../support/shared";
import { itReadsEach } from "../../support/readsEach";

const parseFile = parseCorpusFile;
const summary = scanCounts;

/**
 * Expected counts, established by reading each file (Python's csv module for
 * the CSVs, element counts for the XML) and checked against the corpus README.
 * "records" are rows or elements holding a finding; "findings" merge repeats of
 * the same ID, host, port and protocol.
 */
const EXPECTED: [string, ReturnType<typeof summary> & { blankRows?: number; skippedRows?: number }][] = [
  // 30 rows, one (Plugin ID, Host, Port) twice; Risk: 29 None, 1 Medium.
  ["nessus/dd_nessus_many_vuln2-default.csv", { format: "nessus-csv", records: 30, findings: 29, hosts: 1, bySeverity: { Info: 28, Medium: 1 } }],
  ["nessus/dd_nessus-template.csv", { format: "nessus-csv", records: 5, findings: 5, hosts: 2, bySeverity: { Critical: 1, High: 1, Medium: 3 } }],
  // 533 records of which 529 are rows of commas or blank lines.
  ["nessus/dd_tenablesc_nessus_many_vuln.csv", { format: "tenable-sc-csv", records: 4, findings: 4, hosts: 2, bySeverity: { Medium: 4 }, blankRows: 529 }],
  ["nessus/dd_tenablevm_nessus_new.csv", { format: "tenable-vm-csv", records: 99, findings: 99, hosts: 99, bySeverity: { Low: 99 } }],
  // 49 ReportItems on one host; two share plugin and port.
  ["nessus/dd_nessus_with_cvssv3.nessus", { format: "nessus-xml", records: 49, findings: 48, hosts: 1, bySeverity: { Critical: 1, High: 10, Medium: 13, Low: 1, Info: 23 } }],
  ["nessus/dd_nessus_v_unknown.nessus.xml", { format: "nessus-xml", records: 296, findings: 296, hosts: 7, bySeverity: { Medium: 23, Low: 7, Info: 266 } }],
  ["openvas/dd_openvas_many_vuln.csv", { format: "openvas-csv", records: 4, findings: 4, hosts: 1, bySeverity: { High: 1, Medium: 2, Low: 1 } }],
  ["openvas/dd_openvas_report_using_CVE.csv", { format: "openvas-csv", records: 43, findings: 43, hosts: 1, bySeverity: { High: 21, Medium: 22 } }],
  // 44 results: threat High 19, Medium 23, and 2 empty whose severity scores are medium.
  ["openvas/dd_openvas_many_vuln.xml", { format: "openvas-xml", records: 44, findings: 44, hosts: 1, bySeverity: { High: 19, Medium: 25 } }],
  ["qualys/dd_qualys_Qualys_Sample_Report.csv", { format: "qualys-csv", records: 6, findings: 6, hosts: 4, bySeverity: { Critical: 6 } }],
  // VULN_INFO by TYPE and the QID's level: Ig 209 (Info), Vuln/Practice level 1: 8 and 2: 39 (Low), 3: 32, 4: 6, 5: 7.
  ["qualys/dd_qualys_Qualys_Sample_Report.xml", { format: "qualys-xml", records: 301, findings: 301, hosts: 7, bySeverity: { Critical: 7, High: 6, Medium: 32, Low: 47, Info: 209 } }],
  // Three preamble lines, five rows (Severity 1, 2, 3 FIXED, 4, 5); Qualys level 1 is Low.
  ["qualys/dd_qualys_vmdr_many_vulns_cve.csv", { format: "qualys-vmdr-csv", records: 4, findings: 4, hosts: 4, bySeverity: { Critical: 1, High: 1, Low: 2 }, skippedRows: 1 }],
];

describe("parseScan on the corpus", () => {
  it.each(EXPECTED)("reads %s", async (file, expected) => {
    const parsed = await parseFile(file);
    const { blankRows, skippedRows, ...counts } = expected;
    expect(summary(parsed)).toEqual(counts);
    if (blankRows !== undefined) expect(parsed.blankRows).toBe(blankRows);
    if (skippedRows !== undefined) expect(parsed.skippedRows).toBe(skippedRows);
  });

  it.each(EXPECTED.map(([file]) => [file]))("reads %s the same in 1 KB chunks", async (file) => {
    expect(summary(await parseFile(file, 1024))).toEqual(summary(await parseFile(file)));
  });

  it("reads each finding's details", async () => {
    const [sweet32] = (await parseFile("nessus/dd_nessus-template.csv")).findings;
    expect(sweet32).toMatchObject({ scanner: "Tenable", pluginId: "42873", severity: "High", cvss: 7.5, cves: ["CVE-2016-2183"], host: "192.168.0.100", port: "3389", protocol: "tcp" });
    const sc = (await parseFile("nessus/dd_tenablesc_nessus_many_vuln.csv")).findings.find((f) => f.pluginId === "65821");
    expect(sc).toMatchObject({ cves: ["CVE-2013-2566", "CVE-2015-2808"], firstSeen: "2021-01-05", cvss: 5.9 });
    const vm = (await parseFile("nessus/dd_tenablevm_nessus_new.csv")).findings[0];
    expect(vm.output?.startsWith("'")).toBe(false);
    const qualys = (await parseFile("qualys/dd_qualys_Qualys_Sample_Report.csv")).findings.find((f) => f.pluginId === "91762");
    expect(qualys?.cves.length).toBeGreaterThan(5);
    expect(qualys).toMatchObject({ cvss: 9.9, firstSeen: "2021-05-13" });
    const openvas = (await parseFile("openvas/dd_openvas_many_vuln.xml")).findings[0];
    expect(openvas).toMatchObject({ pluginId: "1.3.6.1.4.1.25623.1.0.100111", title: "The rexec service is running", cves: ["CVE-1999-0618"], port: "512" });
  });

  it("reads the .nessus file's CVE lists", async () => {
    const parsed = await parseFile("nessus/dd_nessus_with_cvssv3.nessus");
    expect(new Set(parsed.findings.flatMap((f) => f.cves)).size).toBe(136);
  });
});

describe("parseScan on bad input", () => {
  const failure = async (text: string | Uint8Array) =>
    (await (typeof text === "string" ? parseText(text) : parseBytes(text)).catch((error: unknown) => error)) as PoamError;

  it.each<[string, string | Uint8Array, RegExp]>([
    ["an empty file", "", /^The file is empty\. Expected a scan export/],
    ["spaces only", "  \n\n", /^The file is empty/],
    ["an unknown CSV", "Name,Email\nDana,d@example.com\n", /^The file's columns are not those of a scan export POA&M Workbench reads\. Expected a scan export: a Nessus/],
    ["unknown XML", "<?xml version='1.0'?><invoice><total>5</total></invoice>", /document element is <invoice>/],
    ["an Excel workbook", new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 6, 0]), /ZIP package/],
    ["a PDF", "%PDF-1.7\n%âãÏÓ\n", /is a PDF/],
    ["binary data", new Uint8Array([1, 0, 2, 0, 3, 0, 255, 0]), /not text/],
    ["a cut-off XML report", "<NessusClientData_v2><Report><ReportHost name='h'><ReportItem pluginID='1' severity='2'>", /ends before it is complete/],
    [
      "a billion-laughs XML",
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><NessusClientData_v2><Report><ReportHost name="h"><ReportItem pluginID="1" severity="3" pluginName="&lol2;"></ReportItem></ReportHost></Report></NessusClientData_v2>',
      /entities the add-in does not expand/,
    ],
    [
      "an external entity",
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><NessusClientData_v2><Report><ReportHost name="h"><ReportItem pluginID="1" severity="3"><plugin_output>&xxe;</plugin_output></ReportItem></ReportHost></Report></NessusClientData_v2>',
      /entities the add-in does not expand/,
    ],
  ])("explains %s", async (_, input, message) => {
    const error = await failure(input);
    expect(error).toBeInstanceOf(PoamError);
    expect(error.message).toMatch(message);
  });

  it("reads a header-only file as a scan with no findings", async () => {
    const parsed = await parseText("Plugin ID,CVE,CVSS,Risk,Host,Protocol,Port,Name\n");
    expect(parsed).toMatchObject({ format: "nessus-csv", findings: [] });
  });

  it("reads a file cut off in the middle of an unquoted row, keeping the rows before it", async () => {
    const parsed = await parseText("Plugin ID,Host,Name,Risk\n1,10.0.0.1,One,High\n2,10.0.0.2,Tw");
    expect(parsed.findings.map((f) => f.title)).toEqual(["One", "Tw"]);
  });

  it("refuses a file cut off inside a quoted field, naming the line where it opened", async () => {
    const text = readFileSync(sharedFile("corpus", "nessus/dd_nessus-template.csv"), "utf8");
    const cut = text.slice(0, Math.floor(text.length * 0.7));
    const error = await failure(cut);
    expect(error).toBeInstanceOf(PoamError);
    expect(error.message).toMatch(/^The quoted field that opens on line \d+ never closes: the file ends inside it/);
  });

  /** A Nessus CSV of `rows` findings, each on its own host, with line ends `eol`. */
  const nessusRows = (rows: number, eol = "\n") =>
    ["Plugin ID,Host,Name,Risk", ...Array.from({ length: rows }, (_, i) => `${1000 + i},10.0.${i >> 8}.${i & 255},Finding ${i},High`)].join(eol) + eol;

  it("refuses a quote left open mid-file instead of swallowing the rows after it", async () => {
    const lines = nessusRows(1000).split("\n");
    lines[500] = lines[500].replace("Finding", '"Finding');
    const error = await failure(lines.join("\n"));
    expect(error).toBeInstanceOf(PoamError);
    expect(error.message).toMatch(/^The quoted field that opens on line 501 never closes/);
  });

  it("refuses a closing quote missing in a fully quoted file instead of merging two rows", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `"${1000 + i}","10.0.0.${i % 250}","Finding ${i}","High"`);
    rows[300] = rows[300].replace('High"', "High");
    const error = await failure(['"Plugin ID","Host","Name","Risk"', ...rows].join("\r\n") + "\r\n");
    expect(error.message).toMatch(/^Line 303: a quoted field \(in the row starting on line 302\) is followed by other text/);
  });

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("reads every row of a file whose lines end in %s", async (_, eol) => {
    expect((await parseText(nessusRows(1000, eol))).findings).toHaveLength(1000);
  });

  it("reads every row of a file mixing LF, CRLF and lone CR", async () => {
    const lines = nessusRows(999).split("\n");
    const mixed = lines.map((line, i) => line + ["\n", "\r\n", "\r"][i % 3]).join("");
    expect((await parseText(mixed)).findings).toHaveLength(999);
  });

  it.each([
    ["without a final line break", "Plugin ID,CVE,CVSS,Risk,Host,Protocol,Port,Name"],
    ["ending in a lone CR", "Plugin ID,CVE,CVSS,Risk,Host,Protocol,Port,Name\r"],
  ])("reads a header-only file %s as a scan with no findings", async (_, text) => {
    expect(await parseText(text)).toMatchObject({ format: "nessus-csv", findings: [] });
  });

  it("reads a header longer than the first detection window", async () => {
    const header = ["Plugin ID", "Host", "Name", "Risk", ...Array.from({ length: 30_000 }, (_, i) => `Custom column ${i}`)].join(",");
    expect(header.length).toBeGreaterThan(256 * 1024);
    const parsed = await parseText(`${header}\n1,10.0.0.1,One,High\n`);
    expect(parsed).toMatchObject({ format: "nessus-csv", findings: [{ pluginId: "1", title: "One" }] });
    expect(await parseText(header)).toMatchObject({ format: "nessus-csv", findings: [] });
  });

  const nessusXml = (hostBody: string, head = '<?xml version="1.0"?>') =>
    `${head}<NessusClientData_v2><Report name="r"><ReportHost name="10.0.0.1"><HostProperties><tag name="host-ip">10.0.0.1</tag></HostProperties>${hostBody}</ReportHost></Report></NessusClientData_v2>`;
  const item = (id: number, name = `Finding ${id}`) => `<ReportItem port="443" protocol="tcp" severity="2" pluginID="${id}" pluginName="${name}"><solution>Patch</solution></ReportItem>`;

  it("refuses XML nested past the depth limit, naming the line", async () => {
    const depth = 100_000;
    const deep = nessusXml(`${item(1)}\n${"<x>".repeat(depth)}${"</x>".repeat(depth)}`);
    const error = await failure(deep);
    expect(error).toBeInstanceOf(PoamError);
    expect(error.message).toBe(`Line 2: the XML is nested more than ${MAX_XML_DEPTH} elements deep, which no scan report is; it is not read.`);
    // Just within the limit reads.
    const within = nessusXml(`${"<x>".repeat(MAX_XML_DEPTH - 10)}${"</x>".repeat(MAX_XML_DEPTH - 10)}${item(2)}`);
    expect((await parseText(within)).findings).toHaveLength(1);
  });

  it("keeps no element outside a record: 200,000 of them leave nothing behind in the records' ancestors", () => {
    const reader = new XmlRecordReader(
      (node) => node.name === "ReportItem",
      undefined,
      (_node, ancestors) => ancestors.some((a) => a.name === "ReportItem"),
    );
    reader.push('<NessusClientData_v2><Report name="r"><ReportHost name="h">');
    const junk = "<junk><deeper>text</deeper></junk>".repeat(5_000);
    for (let i = 0; i < 20; i++) expect(reader.push(junk)).toEqual([]);
    const [record] = reader.push(item(7));
    expect(record.node.children.map((c) => c.name)).toEqual(["solution"]);
    // The open elements hold only each other: the junk went as each element closed, and the record left its parent.
    expect(record.ancestors.map((a) => `${a.name}:${a.children.length}`)).toEqual(["NessusClientData_v2:1", "Report:1", "ReportHost:0"]);
    reader.push("</ReportHost></Report></NessusClientData_v2>");
    reader.end();
  });

  it("still reads a host's properties, and every finding, when junk surrounds them", async () => {
    const parsed = await parseText(nessusXml(`<junk/>${item(1)}<junk><a/></junk>${item(2)}`));
    expect(parsed.findings.map((f) => `${f.pluginId}@${f.host}`)).toEqual(["1@10.0.0.1", "2@10.0.0.1"]);
  });

  it("honours the encoding an XML declaration names", async () => {
    const text = nessusXml(item(1, "Caf\u00e9 \u00fcber \u00a9"), '<?xml version="1.0" encoding="ISO-8859-1"?>');
    const latin1 = new Uint8Array(Array.from(text).map((ch) => ch.charCodeAt(0)));
    for (const size of [1, 7, 4096]) expect((await parseBytes(latin1, size)).findings[0].title).toBe("Caf\u00e9 \u00fcber \u00a9");
    const windows1252 = new Uint8Array([...new TextEncoder().encode(nessusXml(item(1, "X"), "<?xml version='1.0' encoding='windows-1252'?>"))].map((b) => (b === 0x58 ? 0x80 : b)));
    expect((await parseBytes(windows1252)).findings[0].title).toBe("\u20ac");
  });

  it("says when the declared encoding cannot be read", async () => {
    const error = await failure(nessusXml(item(1), '<?xml version="1.0" encoding="x-no-such-charset"?>'));
    expect(error.message).toBe('The file\'s XML declaration names the encoding "x-no-such-charset", which cannot be read here. Save the report as UTF-8 and try again.');
  });

  it.each([
    ["an entity's text", '<?xml version="1.0"?><!DOCTYPE invoice [<!ENTITY x "<NessusClientData_v2>">]><invoice><total>5</total></invoice>'],
    ["a comment", "<!-- <NessusClientData_v2> --><invoice/>"],
    ["a processing instruction", '<?xml-stylesheet href="<NessusClientData_v2>"?><invoice/>'],
  ])("takes the document element from the parser, not a name in %s", async (_, text) => {
    expect((await failure(text)).message).toMatch(/^This XML file's document element is <invoice>/);
  });

  it("keeps formula-looking text as plain strings", async () => {
    const parsed = await parseText('Plugin ID,Host,Name,Risk,Solution\n1,10.0.0.1,"=HYPERLINK(""http://x"")",High,"@SUM(A1)"\n');
    expect(parsed.findings[0]).toMatchObject({ title: '=HYPERLINK("http://x")', solution: "@SUM(A1)" });
  });

  it("reads UTF-16 exports and survives Latin-1 ones", async () => {
    const text = "Plugin ID,Host,Name,Risk\n1,10.0.0.1,Caf\u00e9 server,High\n";
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from(text).flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])]);
    expect((await parseBytes(utf16, 7)).findings[0].title).toBe("Caf\u00e9 server");
    const latin1 = new Uint8Array(Array.from(text).map((ch) => ch.charCodeAt(0)));
    expect((await parseBytes(latin1)).findings[0].title).toBe("Caf\ufffd server");
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(parseScan(["Plugin ID,Host,Name\n"], { signal: controller.signal })).rejects.toMatchObject({ code: "cancelled" });
  });
});

describe("scanner values", () => {
  itReadsEach("reads the date in %p", parseScanDate, [
    ["2023-06-28T11:50:44.895Z", "2023-06-28"],
    ["Mar 12, 2013 12:00:00 MDT", "2013-03-12"],
    ["05/13/2021 07:08:28", "2021-05-13"],
    ["Feb 03, 2026 07:00 AM", "2026-02-03"],
    ["Mon Jul  1 11:33:11 2013", "2013-07-01"],
    ["04 Feb 2026 10:00AM GMT-0500", "2026-02-04"],
    ["", undefined],
    ["soon", undefined],
  ]);

  itReadsEach("reads the CVSS score in %p", parseCvss, [
    ["7.5", 7.5],
    ["8.1 (AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H)", 8.1],
    ["75", 7.5],
    ["100", 10],
    ["10", 10],
    ["", undefined],
    ["n/a", undefined],
  ]);

  itReadsEach("reads the severity word %p", severityFromWord, [
    [" High ", "High"],
    ["none", "Info"],
    ["Log", "Info"],
    ["", undefined],
    ["constructor", undefined],
    ["toString", undefined],
  ]);

  itReadsEach("cleans the cell text %p", cleanText, [
    ["'00123", "00123"],
    ["  text  ", "text"],
    ["'", undefined],
    ["", undefined],
  ]);
});
