import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { CsvReader, guessDelimiter } from "../../../src/domain/scan/CsvReader";
import { sharedFile } from "../../support/shared";

function readAll(text: string, chunkSize: number, delimiter = ","): string[][] {
  const reader = new CsvReader(delimiter);
  const records: string[][] = [];
  for (let i = 0; i < text.length; i += chunkSize) records.push(...reader.push(text.slice(i, i + chunkSize)));
  records.push(...reader.end());
  return records;
}

describe("CsvReader", () => {
  it.each([
    ["plain", "a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]],
    ["CRLF and no final line break", "a,b\r\n1,2", [["a", "b"], ["1", "2"]]],
    ["quotes, doubled quotes, delimiters and line breaks inside", 'x,"say ""hi"", then\nleave",z\n', [["x", 'say "hi", then\nleave', "z"]]],
    ["empty fields and a blank line", ",,\n\n1,,3\n", [["", "", ""], [""], ["1", "", "3"]]],
    ["a byte-order mark", "\uFEFFPlugin ID,Host\n1,h\n", [["Plugin ID", "Host"], ["1", "h"]]],
    ["an unterminated quote at the end", 'a,"open\nstill', [["a", "open\nstill"]]],
    ["text after a closing quote", '"5,879",x"y"\n', [["5,879", 'x"y"']]],
  ])("reads %s, whatever the chunk size", (_, text, expected) => {
    for (const size of [1, 2, 3, 5, 1000]) expect(readAll(text, size)).toEqual(expected);
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
  it.each([
    ["Plugin ID,CVE,CVSS", ","],
    ["age_in_days;asset.display_fqdn;asset.tags", ";"],
    ['"a;b",c,d', ","],
    ["a\tb\tc", "\t"],
  ])("%s → %j", (line, delimiter) => {
    expect(guessDelimiter(line)).toBe(delimiter);
  });
});
