/**
 * The hostile and broken files of the reliability limits, at benchmark
 * size, written to a temporary folder: a 100 MB Nessus CSV with a quote left
 * open on its 2nd row, a 100 MB .nessus of elements outside any record, and
 * a workbook whose sheet unpacks to 300 MB from about a megabyte. Each is
 * read in a process of its own (parseFile.ts) for its peak memory.
 */
import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { planSetup } from "../src/domain/workbook/planSetup";
import { EMPTY_WORKBOOK } from "../src/domain/workbook/snapshot";
import { writeWorkbookFile } from "../src/xlsx/writeWorkbookFile";
import { entryOf, repeated, zipOf, type ZipEntry } from "../test/support/zipOf";
import { MIB } from "./scanExport";

/**
 * A Nessus CSV of about `bytes` bytes in unquoted rows, with a quote opening
 * the name on its 2nd row that never closes: the reader holds that one
 * field to the end of the file, then refuses it naming line 2.
 */
export function writeOpenQuoteExport(bytes: number): string {
  const path = join(mkdtempSync(join(tmpdir(), "poam-bench-")), "open-quote.csv");
  const file = openSync(path, "w");
  try {
    let written = writeSync(file, 'Plugin ID,Host,Name,Risk\n1000,10.0.0.1,"Opened here,High\n');
    const rows = Buffer.from(Array.from({ length: 10_000 }, (_, i) => `${1001 + i},10.0.${i >> 8}.${i & 255},Finding ${i},High\n`).join(""));
    while (written < bytes) written += writeSync(file, rows);
  } finally {
    closeSync(file);
  }
  return path;
}

/** A .nessus file of about `bytes` bytes: one finding, then elements no record holds. */
export function writeJunkXml(bytes: number): string {
  const path = join(mkdtempSync(join(tmpdir(), "poam-bench-")), "junk.nessus");
  const file = openSync(path, "w");
  try {
    let written = writeSync(
      file,
      '<?xml version="1.0"?><NessusClientData_v2><Report name="r"><ReportHost name="10.0.0.1"><ReportItem pluginID="1" severity="2" pluginName="One" port="0"/>',
    );
    const junk = Buffer.from("<junk><deeper>text</deeper></junk>\n".repeat(30_000));
    while (written < bytes) written += writeSync(file, junk);
    writeSync(file, "</ReportHost></Report></NessusClientData_v2>\n");
  } finally {
    closeSync(file);
  }
  return path;
}

/** A POA&M workbook whose first sheet unpacks to 300 MB. */
export async function writeZipBomb(): Promise<string> {
  const zip = await JSZip.loadAsync(await writeWorkbookFile(planSetup(EMPTY_WORKBOOK)));
  const row = '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>';
  const sheet = repeated('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', row.repeat(Math.ceil(MIB / row.length)), 300, "</sheetData></worksheet>");
  const entries: ZipEntry[] = [];
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name].dir) continue;
    entries.push(name === "xl/worksheets/sheet1.xml" ? { name, ...sheet, crc: 0 } : entryOf(name, await zip.files[name].async("uint8array")));
  }
  const path = join(mkdtempSync(join(tmpdir(), "poam-bench-")), "bomb.xlsx");
  writeFileSync(path, zipOf(entries));
  return path;
}
