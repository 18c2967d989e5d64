/**
 * A POA&M kept as CSV in the FedRAMP template's columns (or in the eMASS
 * export's), read as a one-sheet workbook so that `readFedrampPoam` finds its
 * header row and columns as it does in a workbook's sheet. Quoted cells may
 * hold commas, quotes and line breaks; lines end in CRLF or LF. Every cell
 * stays text: "=1+1" is the text "=1+1", never a formula.
 */
import { cellAddress } from "../../domain/core/a1";
import { FEDRAMP_SHEETS } from "./fedramp";
import { PoamError } from "../../domain/core/errors";
import { CsvError, CsvReader } from "../scan/CsvReader";
import type { CellsWorkbook } from "../../domain/poam/migration";

/** How many records are looked at to tell the delimiter. */
const SAMPLE_RECORDS = 30;

function recordsOf(text: string, delimiter: string): string[][] {
  const reader = new CsvReader(delimiter);
  return [...reader.push(text), ...reader.end()];
}

/**
 * The records of `text`, split by whichever of comma, semicolon and tab gives
 * the widest rows. A delimiter the quoting does not fit (a quoted cell
 * followed by a comma, read as semicolon-separated) is passed over; when none
 * fits, the comma reading's fault, with its line, is the message.
 */
export function csvRecords(text: string): string[][] {
  let best: { records: string[][]; width: number } | undefined;
  let fault: CsvError | undefined;
  for (const delimiter of [",", ";", "\t"]) {
    let records: string[][];
    try {
      records = recordsOf(text, delimiter);
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      fault ??= error;
      continue;
    }
    const width = Math.max(0, ...records.slice(0, SAMPLE_RECORDS).map((r) => r.length));
    if (!best || width > best.width) best = { records, width };
  }
  if (!best && fault) throw new PoamError("invalidInput", `This CSV file cannot be read: ${fault.message}`);
  return best?.records ?? [];
}

/**
 * The CSV as a workbook of one sheet, named as the template's open sheet, or
 * its closed one when the file's name says "closed".
 */
export function csvWorkbook(text: string, fileName = ""): CellsWorkbook {
  const cells = new Map<string, { value: unknown }>();
  csvRecords(text).forEach((record, row) =>
    record.forEach((value, column) => {
      if (value !== "") cells.set(cellAddress({ row, column }), { value });
    }),
  );
  const name = /closed/i.test(fileName) ? FEDRAMP_SHEETS.closed : FEDRAMP_SHEETS.open;
  return { sheets: [{ name, cells }] };
}

/** Whether bytes are a ZIP package (an .xlsx), by its "PK" signature, rather than text. */
export function isZipPackage(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Text of a file's bytes: UTF-8, or UTF-16 with a byte-order mark; a UTF-8 byte-order mark is dropped. */
export function decodeText(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  return new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, "");
}
