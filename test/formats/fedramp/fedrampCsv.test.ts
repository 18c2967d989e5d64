import { FEDRAMP_HEADERS, FEDRAMP_SHEETS } from "../../../src/formats/fedramp/fedramp";
import { readFedrampPoam } from "../../../src/formats/fedramp/fedrampImport";
import { csvRecords, csvWorkbook, decodeText, isZipPackage } from "../../../src/formats/fedramp/fedrampCsv";

describe("a POA&M kept as CSV", () => {
  it("splits quoted cells with delimiters, quotes and line breaks, over CRLF lines, by whichever delimiter fits", () => {
    expect(csvRecords('a,"b, c","say ""hi""\r\nthere"\r\n1,2,3\r\n')).toEqual([["a", "b, c", 'say "hi"\r\nthere'], ["1", "2", "3"]]);
    expect(csvRecords("a;b;c\n1;2,5;3\n")).toEqual([["a", "b", "c"], ["1", "2,5", "3"]]);
    expect(csvRecords("a\tb\n1\t2\n")).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("reads as the template's open sheet, or its closed one when the file's name says so", () => {
    const text = [[...FEDRAMP_HEADERS].join(","), "V-1,3.1.1,=cmd|' /C calc'!A0,,,,,,,,2026-01-05"].join("\r\n");
    const open = readFedrampPoam(csvWorkbook(text, "poam.csv"), { today: "2026-11-23" });
    expect(open.findings).toEqual([expect.objectContaining({ id: "V-1", weakness: "=cmd|' /C calc'!A0", status: "Open", discovered: "2026-01-05" })]);
    expect(csvWorkbook(text, "POAM-closed-items.csv").sheets[0].name).toBe(FEDRAMP_SHEETS.closed);
    expect(readFedrampPoam(csvWorkbook(text, "POAM-closed-items.csv"), { today: "2026-11-23" }).findings[0].status).toBe("Closed");
  });

  it("tells text from a workbook package and decodes UTF-8 and UTF-16 with their byte-order marks", () => {
    expect(isZipPackage(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe(true);
    expect(isZipPackage(new TextEncoder().encode("POAM ID,Controls"))).toBe(false);
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Größe")]))).toBe("Größe");
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00]))).toBe("AB");
  });
});
