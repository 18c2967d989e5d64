/**
 * An incremental CSV reader (RFC 4180, as scanners write it): text goes in
 * chunk by chunk, complete records come out. A record cut by a chunk's end is
 * carried as the fields it has so far and the part of the field it is in,
 * and reading resumes where it stopped: nothing is read twice, so memory holds
 * one chunk and one record and time grows with the text, however long a
 * record. Quoted fields may hold delimiters, doubled quotes and line breaks;
 * lines end in LF, CRLF or a lone CR; a byte-order mark is dropped.
 *
 * Malformed quoting is an error naming the line, never rows silently merged:
 * a quoted field still open when the text ends, or a closing quote followed
 * by text other than spaces before the next delimiter or line break.
 */

/** Why a CSV text cannot be read, and the line (1-based) where the trouble starts. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvError";
  }
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Where the reader is between chunks (plain numbers: the hot loop compares them for every field). */
const At = {
  /** Before the first field of a record. */
  RecordStart: 0,
  /** After a delimiter: another field follows. */
  FieldStart: 1,
  /** Inside an unquoted field. */
  Unquoted: 2,
  /** Inside a quoted field. */
  Quoted: 3,
  /** A quote ended the last chunk inside a quoted field: it closes the field, or doubles with a quote to come. */
  QuoteAtEnd: 4,
  /** After a quoted field's closing quote (and any spaces). */
  AfterQuote: 5,
} as const;
type At = (typeof At)[keyof typeof At];

/** Line breaks in text[from, to): LF, CRLF and a lone CR count one each. */
function countBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  for (let i = text.indexOf("\r", from); i !== -1 && i < to; i = text.indexOf("\r", i + 1)) if (text.charCodeAt(i + 1) !== LF) count++;
  return count;
}

export class CsvReader {
  private started = false;
  /** The malformed quoting found, thrown from the next call. */
  private failure?: CsvError;
  private at: At = At.RecordStart;
  /** The fields of the record being read. */
  private fields: string[] = [];
  /** The field being read, so far. */
  private value = "";
  /** A CR ended the last chunk: an LF starting the next one belongs to it. */
  private crAtEnd = false;
  /** Line breaks in the text before the current chunk. */
  private lines = 0;
  /** The line the open record starts on, once a chunk has ended inside it. */
  private recordLine = 1;
  /** The line the open quoted field starts on, likewise. */
  private quoteLine = 1;
  /** Characters of the longest text held over between chunks (for the tests' memory checks). */
  longestCarry = 0;
  /** Characters scanned so far: each character of the input once, however records fall across chunks (for the tests). */
  charactersScanned = 0;

  constructor(readonly delimiter: string = ",") {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
      throw new RangeError(`A CSV delimiter is one character other than a quote or line break, not ${JSON.stringify(delimiter)}`);
    }
  }

  /**
   * The records completed by `chunk`. Malformed quoting is thrown as a
   * CsvError by the next `push` or `end`, after the records before it are
   * returned (so a caller can still see the header above the fault).
   */
  push(chunk: string): string[][] {
    if (this.failure) throw this.failure;
    let text = chunk;
    if (!this.started && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = true;
    }
    const records: string[][] = [];
    if (text.length === 0) return records;
    try {
      this.read(text, records);
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      this.failure = error;
    }
    return records;
  }

  /** The last record, when the text did not end with a line break. Throws CsvError when a quoted field is still open. */
  end(): string[][] {
    if (this.failure) throw this.failure;
    const records: string[][] = [];
    switch (this.at) {
      case At.Quoted:
        throw new CsvError(
          `The quoted field that opens on line ${this.quoteLine} never closes: the file ends inside it, so the rows from line ${this.recordLine} on cannot be read (a closing quote is missing, or the file was cut short).`,
          this.quoteLine,
        );
      case At.RecordStart:
        break;
      default:
        this.fields.push(this.value);
        records.push(this.fields);
    }
    this.fields = [];
    this.value = "";
    this.at = At.RecordStart;
    return records;
  }

  /** The line (1-based) of position `pos` in the current chunk `text`. */
  private lineAt(text: string, pos: number): number {
    return this.lines + 1 + countBreaks(text, this.crAtEnd && text.charCodeAt(0) === LF ? 1 : 0, pos);
  }

  private read(text: string, out: string[][]): void {
    const length = text.length;
    this.charactersScanned += length;
    const delimiterCode = this.delimiter.charCodeAt(0);
    const delimiter = this.delimiter;
    let pos = 0;
    if (this.crAtEnd && this.at === At.RecordStart && text.charCodeAt(0) === LF) pos = 1;
    let fields = this.fields;
    let at: At = this.at;
    let value = this.value;
    // Where the open record and quoted field started in this chunk (-1: in an earlier one).
    let recordStart = at === At.RecordStart ? pos : -1;
    let quoteStart = -1;
    let nextLf = text.indexOf("\n", pos);
    let nextCr = text.indexOf("\r", pos);
    let nextDelimiter = text.indexOf(delimiter, pos);

    const fail = (message: (recordLine: number, line: number) => string, where: number): never => {
      const line = this.lineAt(text, where);
      const recordLine = recordStart >= 0 ? this.lineAt(text, recordStart) : this.recordLine;
      throw new CsvError(message(recordLine, line), line);
    };

    outer: while (true) {
      // Where a quoted field's text resumes or starts in this chunk (-1: not in one).
      let quotedFrom = -1;
      if (at === At.Quoted) {
        quotedFrom = pos;
      } else if (at === At.QuoteAtEnd) {
        if (text.charCodeAt(pos) === QUOTE) {
          // The quote was the first of a doubled pair.
          value += '"';
          quotedFrom = pos + 1;
        } else {
          at = At.AfterQuote;
        }
      } else if (at === At.Unquoted) {
        // Continue an unquoted field cut by the last chunk's end.
        if (nextDelimiter !== -1 && nextDelimiter < pos) nextDelimiter = text.indexOf(delimiter, pos);
        if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf("\n", pos);
        if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf("\r", pos);
        let stop = nextLf === -1 ? length : nextLf;
        if (nextCr !== -1 && nextCr < stop) stop = nextCr;
        if (nextDelimiter !== -1 && nextDelimiter < stop) stop = nextDelimiter;
        if (stop === length) {
          value += text.slice(pos);
          break outer;
        }
        fields.push(value + text.slice(pos, stop));
        value = "";
        pos = stop;
      } else if (at !== At.AfterQuote) {
        // At a field's start.
        if (pos >= length) break outer;
        if (at === At.RecordStart) recordStart = pos;
        if (text.charCodeAt(pos) === QUOTE) {
          quoteStart = pos;
          value = "";
          quotedFrom = pos + 1;
        } else {
          if (nextDelimiter !== -1 && nextDelimiter < pos) nextDelimiter = text.indexOf(delimiter, pos);
          if (nextLf !== -1 && nextLf < pos) nextLf = text.indexOf("\n", pos);
          if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf("\r", pos);
          let stop = nextLf === -1 ? length : nextLf;
          if (nextCr !== -1 && nextCr < stop) stop = nextCr;
          if (nextDelimiter !== -1 && nextDelimiter < stop) stop = nextDelimiter;
          if (stop === length) {
            value = text.slice(pos);
            at = At.Unquoted;
            break outer;
          }
          fields.push(text.slice(pos, stop));
          pos = stop;
        }
      }

      if (quotedFrom >= 0) {
        // Inside quotes: up to the quote not followed by another quote.
        let from = quotedFrom;
        let close = text.indexOf('"', from);
        while (close !== -1 && close < length - 1 && text.charCodeAt(close + 1) === QUOTE) {
          value += text.slice(from, close + 1);
          from = close + 2;
          close = text.indexOf('"', from);
        }
        if (close === -1) {
          value += text.slice(from);
          at = At.Quoted;
          break outer;
        }
        value += text.slice(from, close);
        if (close === length - 1) {
          // The closing quote, or the first of a doubled pair: the next chunk says which.
          at = At.QuoteAtEnd;
          break outer;
        }
        pos = close + 1;
        at = At.AfterQuote;
      }

      if (at === At.AfterQuote) {
        // A closing quote: spaces may follow it, then a delimiter, a line break or the end.
        let code = text.charCodeAt(pos);
        while (code === SPACE || code === TAB) code = text.charCodeAt(++pos);
        if (pos >= length) break outer;
        if (code !== delimiterCode && code !== LF && code !== CR) {
          fail(
            (recordLine, line) =>
              `Line ${line}: a quoted field (in the row starting on line ${recordLine}) is followed by other text before the next ${this.delimiterName()}, so a quote is missing or extra there or just before; the rows cannot be told apart safely.`,
            pos,
          );
        }
        fields.push(value);
        value = "";
      }

      // After a field: a delimiter (another field follows) or a line break (the record ends).
      const code = text.charCodeAt(pos);
      if (code === delimiterCode) {
        pos++;
        at = At.FieldStart;
        continue;
      }
      pos++;
      if (code === CR) {
        if (pos >= length) {
          this.crAtEnd = true;
        } else if (text.charCodeAt(pos) === LF) {
          pos++;
        }
      }
      out.push(fields);
      fields = [];
      at = At.RecordStart;
      recordStart = -1;
    }

    // The chunk has ended, possibly inside a record: remember the lines where it and its open quote started,
    // counting the chunk's line breaks once, in order (recordStart <= quoteStart when both are here).
    let counted = this.crAtEnd && text.charCodeAt(0) === LF ? 1 : 0;
    let breaks = 0;
    if (at !== At.RecordStart) {
      if (recordStart >= 0) {
        breaks += countBreaks(text, counted, recordStart);
        counted = recordStart;
        this.recordLine = this.lines + 1 + breaks;
      }
      if (quoteStart >= 0 && (at === At.Quoted || at === At.QuoteAtEnd)) {
        breaks += countBreaks(text, counted, quoteStart);
        counted = quoteStart;
        this.quoteLine = this.lines + 1 + breaks;
      }
      let carried = value.length;
      for (const field of fields) carried += field.length;
      if (carried > this.longestCarry) this.longestCarry = carried;
    }
    this.lines += breaks + countBreaks(text, counted, length);
    this.crAtEnd = text.charCodeAt(length - 1) === CR;
    this.fields = fields;
    this.value = value;
    this.at = at;
  }

  private delimiterName(): string {
    return this.delimiter === "," ? "comma" : this.delimiter === ";" ? "semicolon" : this.delimiter === "\t" ? "tab" : `"${this.delimiter}"`;
  }
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
