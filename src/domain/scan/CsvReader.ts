/**
 * An incremental CSV reader (RFC 4180, as scanners write it): text goes in
 * chunk by chunk, complete records come out. A record cut by a chunk's end is
 * kept until the rest arrives, so memory holds one chunk and one record, not
 * the file. Quoted fields may hold delimiters, doubled quotes and line breaks;
 * lines end in LF or CRLF; a byte-order mark is dropped.
 */
export class CsvReader {
  private pending = "";
  private started = false;
  /** Characters of the longest text held over between chunks (for the tests' memory checks). */
  longestCarry = 0;

  constructor(readonly delimiter: string = ",") {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
      throw new RangeError(`A CSV delimiter is one character other than a quote or line break, not ${JSON.stringify(delimiter)}`);
    }
  }

  /** The records completed by `chunk`. */
  push(chunk: string): string[][] {
    let text = this.pending + chunk;
    if (!this.started && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = true;
    }
    const records: string[][] = [];
    const consumed = parseRecords(text, this.delimiter, records, false);
    this.pending = text.slice(consumed);
    this.longestCarry = Math.max(this.longestCarry, this.pending.length);
    return records;
  }

  /** The last record, when the text did not end with a line break. */
  end(): string[][] {
    const records: string[][] = [];
    if (this.pending.length > 0) parseRecords(this.pending, this.delimiter, records, true);
    this.pending = "";
    return records;
  }
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/**
 * Parses whole records from `text` into `out` and returns how many characters
 * they took. Unless `final`, a record without its line break yet is left for
 * the next call.
 */
function parseRecords(text: string, delimiter: string, out: string[][], final: boolean): number {
  const length = text.length;
  const delimiterCode = delimiter.charCodeAt(0);
  let pos = 0;
  let nextLineBreak = text.indexOf("\n");
  let nextDelimiter = text.indexOf(delimiter);

  while (pos < length) {
    const recordStart = pos;
    const fields: string[] = [];
    let complete = false;
    while (true) {
      if (text.charCodeAt(pos) === QUOTE) {
        // Quoted field: up to the quote not followed by another quote.
        let value = "";
        let from = pos + 1;
        let close = text.indexOf('"', from);
        while (close !== -1 && text.charCodeAt(close + 1) === QUOTE) {
          value += text.slice(from, close + 1);
          from = close + 2;
          close = text.indexOf('"', from);
        }
        if (close === -1 || (close === length - 1 && !final)) {
          // The closing quote has not arrived (or may be the first of a doubled pair).
          if (!final) return recordStart;
          value += text.slice(from);
          fields.push(value);
          pos = length;
          complete = true;
          break;
        }
        value += text.slice(from, close);
        pos = close + 1;
        // Anything between the closing quote and the next delimiter or line break is kept (lenient).
        const code = text.charCodeAt(pos);
        if (pos < length && code !== delimiterCode && code !== LF && code !== CR) {
          if (nextDelimiter !== -1 && nextDelimiter < pos) nextDelimiter = text.indexOf(delimiter, pos);
          if (nextLineBreak !== -1 && nextLineBreak < pos) nextLineBreak = text.indexOf("\n", pos);
          const stop = Math.min(nextDelimiter === -1 ? length : nextDelimiter, nextLineBreak === -1 ? length : nextLineBreak);
          value += text.slice(pos, stop).replace(/\r$/, "");
          pos = stop;
        }
        fields.push(value);
      } else {
        if (nextDelimiter !== -1 && nextDelimiter < pos) nextDelimiter = text.indexOf(delimiter, pos);
        if (nextLineBreak !== -1 && nextLineBreak < pos) nextLineBreak = text.indexOf("\n", pos);
        if (nextLineBreak === -1 && !final) return recordStart;
        const lineEnd = nextLineBreak === -1 ? length : nextLineBreak;
        const stop = nextDelimiter !== -1 && nextDelimiter < lineEnd ? nextDelimiter : lineEnd;
        let end = stop;
        if (stop === lineEnd && end > pos && text.charCodeAt(end - 1) === CR) end--;
        fields.push(text.slice(pos, end));
        pos = stop;
      }
      // After a field: a delimiter (another field follows), a line break or the end (the record ends).
      if (pos >= length) {
        if (!final) return recordStart;
        complete = true;
        break;
      }
      const code = text.charCodeAt(pos);
      if (code === delimiterCode) {
        pos++;
        if (pos >= length && !final) return recordStart;
        continue;
      }
      if (code === CR) pos++;
      if (text.charCodeAt(pos) === LF) pos++;
      complete = true;
      break;
    }
    if (complete) out.push(fields);
  }
  return pos;
}

/** The delimiter of a header line: semicolon when it has more semicolons than commas outside quotes. */
export function guessDelimiter(headerLine: string): "," | ";" | "\t" {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted) {
      if (ch === ",") commas++;
      else if (ch === ";") semicolons++;
      else if (ch === "\t") tabs++;
    }
  }
  if (tabs > commas && tabs > semicolons) return "\t";
  return semicolons > commas ? ";" : ",";
}
