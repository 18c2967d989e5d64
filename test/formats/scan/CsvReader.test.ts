import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { CsvError, CsvReader, guessDelimiter } from "../../../src/formats/scan/CsvReader";
import { sharedFile } from "../../support/shared";
import { itReadsEach } from "../../support/readsEach";

function readAll(text: string, chunkSize: number, delimiter = ","): string[][] {
  const reader = new CsvReader(delimiter);
  const records: string[][] = [];
  for (let i = 0; i < text.length; i += chunkSize) records.push(...reader.push(text.slice(i, i + chunkSize)));
  records.push(...reader.end());
  return records;
}

/** Reading `text` in chunks of `size` fails with a CsvError naming `line`, its message matching `message`. */
function expectCsvError(text: string, size: number, line: number, message: RegExp): void {
  let error: unknown;
  try {
    readAll(text, size);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(CsvError);
  expect((error as CsvError).line).toBe(line);
  expect((error as CsvError).message).toMatch(message);
}

describe("CsvReader", () => {
  it.each([
    ["plain", "a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]],
    ["CRLF and no final line break", "a,b\r\n1,2", [["a", "b"], ["1", "2"]]],
    ["quotes, doubled quotes, delimiters and line breaks inside", 'x,"say ""hi"", then\nleave",z\n', [["x", 'say "hi", then\nleave', "z"]]],
    ["empty fields and a blank line", ",,\n\n1,,3\n", [["", "", ""], [""], ["1", "", "3"]]],
    ["a byte-order mark", "\uFEFFPlugin ID,Host\n1,h\n", [["Plugin ID", "Host"], ["1", "h"]]],
    ["LF, CRLF and lone CR mixed", "a,b\n1,2\r\n3,4\r5,6\r\r\n7,8", [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"], [""], ["7", "8"]]],
    ["CR-only line ends", "a,b\r1,2\r", [["a", "b"], ["1", "2"]]],
    ["line breaks of every kind inside quotes, kept as they are", 'a,"x\ry\r\nz\n"\rb,c\r\n', [["a", "x\ry\r\nz\n"], ["b", "c"]]],
    ["a quoted field then spaces before the delimiter", '"a"  ,"b"\t\n', [["a", "b"]]],
    ["a trailing delimiter at the end", "a,", [["a", ""]]],
    ["text after a closing quote", '"5,879",x"y"\n', [["5,879", 'x"y"']]],
  ])("reads %s, whatever the chunk size", (_, text, expected) => {
    for (const size of [1, 2, 3, 5, 1000]) expect(readAll(text, size)).toEqual(expected);
  });

  it.each([
    ["at the end of the text", 'a,b\n1,2\n3,"open\nstill\n', 3, /^The quoted field that opens on line 3 never closes: the file ends inside it, so the rows from line 3 on cannot be read/],
    ["after CR-only lines", 'a,b\r1,2\r3,"open\rstill', 3, /opens on line 3 never closes/],
    ["in a row that began earlier", 'a,b\r\n1,2\r\n3,x,"multi\r\nline\r\n', 3, /opens on line 3 never closes: the file ends inside it, so the rows from line 3 on/],
  ])("names the line of a quote left open %s, whatever the chunk size", (_, text, line, message) => {
    for (const size of [1, 2, 3, 7, 1000]) expectCsvError(text, size, line, message);
  });

  it.each([
    ["a quote missing at the end of a field", '"1","a"\n"2","open\n"3","b"\n', 3, /^Line 3: a quoted field \(in the row starting on line 2\) is followed by other text before the next comma/],
    ["text after a closing quote", 'a,b\r1,"x"y,2\r', 2, /^Line 2: a quoted field \(in the row starting on line 2\)/],
  ])("refuses %s rather than merging rows, naming the line", (_, text, line, message) => {
    for (const size of [1, 2, 5, 1000]) expectCsvError(text, size, line, message);
  });

  it("reads a record left open across many chunks once, not again with every chunk", () => {
    // 20 MB after one open quote, in 64 KB chunks: rereading the open record per chunk would scan 3 GB.
    const reader = new CsvReader(",");
    const chunk = "x".repeat(64 * 1024 - 1) + "\n";
    let input = 0;
    const push = (text: string) => {
      input += text.length;
      return reader.push(text);
    };
    expect(push('a,b\n1,"open')).toEqual([["a", "b"]]);
    for (let i = 0; i < 320; i++) expect(push(chunk)).toEqual([]);
    expect(reader.charactersScanned).toBe(input);
    expect(() => reader.end()).toThrow(/opens on line 2 never closes/);
  });

  it("reads semicolon-separated text", () => {
    expect(readAll('a;"b;c"\n1;2\n', 3, ";")).toEqual([["a", "b;c"], ["1", "2"]]);
  });

  it.each([
    ["nessus/dd_nessus_many_vuln2-default.csv", ",", 31],
    ["nessus/dd_nessus-template.csv", ",", 6],
    ["nessus/dd_tenablesc_nessus_many_vuln.csv", ",", 534],
    ["nessus/dd_tenablevm_nessus_new.csv", ";", 100],
    ["openvas/dd_openvas_report_using_CVE.csv", ",", 44],
    ["openvas/dd_openvas_many_vuln.csv", ",", 5],
    ["qualys/dd_qualys_Qualys_Sample_Report.csv", ",", 7],
    ["qualys/dd_qualys_vmdr_many_vulns_cve.csv", ",", 9],
  ])("reads %s as papaparse does, in chunks of any size", (file, delimiter, records) => {
    const text = readFileSync(sharedFile("corpus", file), "utf8");
    const reference = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { delimiter }).data;
    for (const size of [17, 4096, text.length]) {
      const ours = readAll(text, size, delimiter);
      expect(ours).toHaveLength(records);
      expect(ours).toEqual(reference.slice(0, records));
    }
  });

  it("holds over no more than one record between chunks", () => {
    const row = `42873,"${"x".repeat(300)}\nmore",done\n`;
    const reader = new CsvReader(",");
    let count = 0;
    for (let i = 0; i < 2000; i++) count += reader.push(row).length;
    expect(count).toBe(2000);
    expect(reader.longestCarry).toBeLessThan(row.length);
  });

  it("refuses a delimiter it cannot use", () => {
    expect(() => new CsvReader('"')).toThrow(/delimiter/);
  });
});

describe("guessDelimiter", () => {
  itReadsEach("%s → %j", guessDelimiter, [
    ["Plugin ID,CVE,CVSS", ","],
    ["age_in_days;asset.display_fqdn;asset.tags", ";"],
    ['"a;b",c,d', ","],
    ["a\tb\tc", "\t"],
  ]);
});
