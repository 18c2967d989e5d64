import type { ScanFinding } from "../../domain/scan/scanTypes";
import type { XmlFindingReader } from "./xmlFormats";
import type { XmlRecord, XmlRecordReader } from "./xmlRecords";

/**
 * A finding reader over `reader`: `take` turns the records each chunk
 * completes into findings (or keeps what it needs and returns none), and
 * `finish` gives what is left once the document has ended.
 */
export function readerTaking(reader: XmlRecordReader, take: (records: XmlRecord[]) => ScanFinding[], finish: () => ScanFinding[] = () => []): XmlFindingReader {
  return {
    push: (chunk) => take(reader.push(chunk)),
    end: () => [...take(reader.end()), ...finish()],
    get root() {
      return reader.root;
    },
  };
}
