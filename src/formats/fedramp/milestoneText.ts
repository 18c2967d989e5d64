/**
 * Dates and milestones as people type them into a migrated POA&M's text
 * cells: "2024-03-01", "03/01/2024", "1 March 2024", "Mar 1, 2024", a serial
 * number; milestones one per line, numbered "(1)", "1." or "1)", bulleted or
 * plain, with the date before, after or inside the text. What is not a date
 * stays in the milestone's text as it was written.
 */
import { fromSerial, isDateSerial, isIsoDate, type IsoDate } from "../../domain/core/dates";

/** A date found in text, where it stands, and how it was read when the text alone does not say. */
export interface DateInText {
  readonly date: IsoDate;
  readonly index: number;
  readonly length: number;
  /** Set when the reading is a guess, e.g. "03/01/2024 read as 2024-03-01 (month first)". */
  readonly guess?: string;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

/**
 * Serials accepted in text: 2000-01-01 (36526) to 2099-12-31 (73415), so that a
 * plugin ID or a count is not read as a date.
 */
const SERIAL_MIN = 36_526;
const SERIAL_MAX = 73_415;

const iso = (year: number, month: number, day: number): IsoDate | undefined => {
  const text = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isIsoDate(text) ? text : undefined;
};

interface Pattern {
  readonly regex: RegExp;
  readonly read: (m: RegExpExecArray) => { date?: IsoDate; guess?: string };
}

const MONTH_NAME = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

const PATTERNS: readonly Pattern[] = [
  // 2024-03-01, 2024/03/01, 2024.03.01
  { regex: /(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/g, read: (m) => ({ date: iso(+m[1], +m[2], +m[3]) }) },
  // 03/01/2024 or 03-01-2024: month first, as US forms write it, unless the first number cannot be a month.
  {
    regex: /(?<![\d./-])(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?![\d])/g,
    read: (m) => {
      const [a, b, year] = [+m[1], +m[3], +m[4]];
      if (a > 12) return { date: iso(year, b, a), guess: `${m[0]} read as day first` };
      const date = iso(year, a, b);
      return { date, ...(date && b <= 12 && a !== b && { guess: `${m[0]} read as ${date} (month first)` }) };
    },
  },
  // 01.03.2024: day first, as European forms write it.
  { regex: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d])/g, read: (m) => ({ date: iso(+m[3], +m[2], +m[1]), guess: `${m[0]} read as day first` }) },
  // 1 March 2024, 01-Mar-2024, 1st Mar. 2024
  {
    regex: new RegExp(String.raw`(?<![\w])(\d{1,2})(?:st|nd|rd|th)?[ -]${MONTH_NAME}\.?,?[ -](\d{4})(?![\d])`, "gi"),
    read: (m) => ({ date: iso(+m[3], MONTHS[m[2].toLowerCase()], +m[1]) }),
  },
  // March 1, 2024, Mar 1 2024
  {
    regex: new RegExp(String.raw`(?<![\w])${MONTH_NAME}\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})(?![\d])`, "gi"),
    read: (m) => ({ date: iso(+m[3], MONTHS[m[1].toLowerCase()], +m[2]) }),
  },
];

/** The first calendar date in `text`, in any of the forms people type; text that looks like a date but is none is passed over. */
export function findDate(text: string): DateInText | undefined {
  let best: DateInText | undefined;
  for (const { regex, read } of PATTERNS) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      const { date, guess } = read(m);
      if (date === undefined) continue;
      if (!best || m.index < best.index) best = { date, index: m.index, length: m[0].length, ...(guess && { guess }) };
      break;
    }
  }
  return best;
}

/** A cell that is one date: a serial number, or text that is a date and nothing else. */
export function parseDate(value: unknown): DateInText | undefined {
  if (typeof value === "number") {
    return isDateSerial(value) ? { date: fromSerial(value), index: 0, length: String(value).length } : undefined;
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^\d{5}$/.test(text) && +text >= SERIAL_MIN && +text <= SERIAL_MAX) {
    return { date: fromSerial(+text), index: 0, length: text.length, guess: `${text} read as an Excel date serial` };
  }
  // A date with a time after it ("2024-03-01 00:00:00", "03/01/2024 12:00 AM") is that date.
  const found = findDate(text);
  const rest = found && (text.slice(0, found.index) + text.slice(found.index + found.length)).trim();
  return found && rest !== undefined && found.index === 0 && (rest === "" || /^(?:T|\s)?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[AP]M|Z)?$/i.test(rest)) ? found : undefined;
}

// ---------------------------------------------------------------------------
// Milestones

/** A milestone read from a text cell, with its number there when it has one. */
export interface ParsedMilestone {
  number?: number;
  milestone: string;
  dueDate?: IsoDate;
  completedOn?: IsoDate;
  notes?: string;
}

export interface MilestoneLines {
  readonly milestones: ParsedMilestone[];
  /** Dates whose reading is a guess, as "03/01/2024 read as 2024-03-01 (month first)". */
  readonly guesses: readonly string[];
}

/** A line that starts an entry: "(1)", "1.", "1)", or a bullet. */
const ENTRY_START = /^\s*(?:\(\d+\)|\d+[.)](?!\d)|[-*•·▪‣◦–—](?=\s))/;
const MARKER = /^\s*(?:\((\d+)\)|(\d+)[.)](?!\d)|[-*•·▪‣◦–—](?=\s))\s*/;
/** A serial at the start of an entry, before a separator: "45352: Patch". */
const LEADING_SERIAL = /^(\d{5})\s*(?::|—|–|-)\s*/;
const DONE_WORDS = /(?:done|completed?|closed|finished)(?:\s+on)?\s*:?\s*$/i;
const DUE_WORDS = /(?:due(?:\s+(?:by|on))?|by|target(?:\s+date)?|planned(?:\s+for)?|scheduled(?:\s+for)?|until)\s*:?\s*$/i;
const EDGES = /^[\s:;,.—–-]+|[\s:;,—–-]+$/g;

/** Splits a cell into entries: at each numbered or bulleted line when there are any, else one per line. */
function entriesOf(text: string): string[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (!lines.some((line) => ENTRY_START.test(line))) return lines.map((line) => line.trim()).filter((line) => line !== "");
  const entries: string[][] = [];
  for (const line of lines) {
    if (ENTRY_START.test(line) || entries.length === 0) entries.push([line]);
    else entries[entries.length - 1].push(line);
  }
  return entries.map((lines) => lines.join("\n").trim()).filter((entry) => entry !== "");
}

/** Takes a date out of `text`, with the word that introduces it and the brackets around it. */
function takeDate(text: string, found: DateInText, words: RegExp): string {
  let before = text.slice(0, found.index);
  let after = text.slice(found.index + found.length);
  const word = words.exec(before);
  if (word) before = before.slice(0, word.index);
  const open = /[([]\s*$/.exec(before);
  const close = /^\s*[)\]]/.exec(after);
  if (open && close) {
    before = before.slice(0, open.index);
    after = after.slice(close[0].length);
  }
  return `${before.replace(/[\s:;,—–-]+$/, "")}${before.trim() !== "" && after.trim() !== "" ? " " : ""}${after.replace(/^[\s:;,—–-]+/, "")}`;
}

function entryOf(entry: string, guesses: string[]): ParsedMilestone {
  const marker = MARKER.exec(entry);
  const number = marker?.[1] ?? marker?.[2];
  let text = marker ? entry.slice(marker[0].length) : entry;
  let dueDate: IsoDate | undefined;
  let completedOn: IsoDate | undefined;
  const serial = LEADING_SERIAL.exec(text);
  if (serial && +serial[1] >= SERIAL_MIN && +serial[1] <= SERIAL_MAX) {
    dueDate = fromSerial(+serial[1]);
    guesses.push(`${serial[1]} read as the Excel date serial ${dueDate}`);
    text = text.slice(serial[0].length);
  }
  // In the template's "(1) date: text" form a date inside the text is part of it (an undated milestone's name
  // may hold one); elsewhere the first date in any position is the due date.
  const strict = marker?.[1] !== undefined;
  const dated = (found: DateInText) => {
    const before = text.slice(0, found.index);
    const after = text.slice(found.index + found.length);
    return !strict || before.trim() === "" || DUE_WORDS.test(before) || /[([]\s*$/.test(before) || /^[\s.)\]]*$/.test(after);
  };
  // Completion dates ("(done 2024-03-05)") and the due date: the first date left that is one.
  let from = 0;
  for (let next = findDate(text); next; next = findDate(text.slice(from))) {
    const found = { ...next, index: next.index + from };
    const done = DONE_WORDS.test(text.slice(0, found.index));
    if (!done && (dueDate !== undefined || !dated(found))) {
      from = found.index + found.length;
      continue;
    }
    from = 0;
    if (found.guess) guesses.push(found.guess);
    if (done) completedOn ??= found.date;
    else dueDate = found.date;
    text = takeDate(text, found, done ? DONE_WORDS : DUE_WORDS);
  }
  const taken = dueDate !== undefined || completedOn !== undefined;
  const milestone = (taken ? text.replace(EDGES, "") : text).trim();
  return {
    ...(number !== undefined && { number: Number(number) }),
    // An entry that is only a date keeps its words as they were.
    milestone: milestone === "" ? entry.replace(MARKER, "").trim() : milestone,
    ...(dueDate && { dueDate }),
    ...(completedOn && { completedOn }),
  };
}

/**
 * The milestones of a Planned Milestones cell: one per numbered or bulleted
 * entry (an entry may run over several lines), or one per line when nothing
 * is numbered; the first date in an entry is its due date, one after "done"
 * or "completed" its completion date. Anything else is the milestone's text.
 */
export function readMilestoneLines(text: string | undefined): MilestoneLines {
  const guesses: string[] = [];
  if (text === undefined) return { milestones: [], guesses };
  const milestones = entriesOf(text).map((entry) => entryOf(entry, guesses));
  return { milestones: milestones.filter((m) => m.milestone !== ""), guesses };
}
