/**
 * 100 MB reports of each XML family added with the Qualys scan report, WAS
 * and Nexpose readers, generated from corpus files (never written to disk),
 * read in 1 MB slices with a pause after each, as the pane reads a file.
 */
import { parseScan } from "../../../src/formats/scan/parseScan";
import { largeScanXml, type XmlFamily } from "../../support/largeScanXml";

jest.setTimeout(180_000);

const SLICE = 1 << 20;
const TARGET = 100 * 1024 * 1024;

it.each<XmlFamily>(["qualys-scan-xml", "nexpose-xml", "qualys-was-xml"])("reads a 100 MB %s report in slices, pausing after each", async (family) => {
  const large = largeScanXml(family, TARGET, SLICE);
  let pauses = 0;
  let characters = 0;
  const parsed = await parseScan(large.slices, {
    pause: () => {
      pauses++;
      return Promise.resolve();
    },
    onProgress: (read) => (characters = read),
  });
  expect(parsed.format).toBe(family);
  expect(characters).toBeGreaterThanOrEqual(TARGET);
  // One pause per slice: the UI gets control back at least every 1 MB.
  expect(pauses).toBe(Math.ceil(characters / SLICE));
  const expected = large.expected();
  expect(expected.copies).toBeGreaterThan(1000);
  expect({ records: parsed.findingRecords, findings: parsed.findings.length }).toEqual({ records: expected.records, findings: expected.findings });
  // Nexpose's definitions come after every node: each finding was still resolved against its own.
  if (family === "nexpose-xml") expect(parsed.findings.every((finding) => finding.title !== finding.pluginId && finding.solution !== undefined)).toBe(true);
});
