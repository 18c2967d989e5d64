/** Reading the values scanners write: dates, scores, severities and CVE lists in their many forms. */
import { isIsoDate, type IsoDate } from "../../domain/core/dates";
import { SEVERITIES, type Severity } from "../../domain/scan/scanTypes";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const iso = (year: number, month: number, day: number): IsoDate | undefined => {
  const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isIsoDate(date) ? date : undefined;
};

/**
 * The calendar date in a scanner's date text: "2023-06-28T11:50:44.895Z",
 * "Mar 12, 2013 12:00:00 MDT", "05/13/2021 07:08:28" (US order),
 * "Feb 03, 2026 07:00 AM", "Mon Jul  1 11:33:11 2013", "04 Feb 2026 10:00AM",
 * or a Unix time in seconds. Undefined when there is no date.
 */
export function parseScanDate(text: string | undefined): IsoDate | undefined {
  const value = text?.trim() ?? "";
  if (value === "") return undefined;
  let match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (match) return iso(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(value);
  if (match) return iso(Number(match[3]), Number(match[1]), Number(match[2]));
  match = /^(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?(\d{4})/.exec(value);
  if (match && MONTHS.includes(match[1].toLowerCase())) return iso(Number(match[3]), MONTHS.indexOf(match[1].toLowerCase()) + 1, Number(match[2]));
  match = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(value);
  if (match && MONTHS.includes(match[2].toLowerCase())) return iso(Number(match[3]), MONTHS.indexOf(match[2].toLowerCase()) + 1, Number(match[1]));
  if (/^\d{9,10}$/.test(value)) return new Date(Number(value) * 1000).toISOString().slice(0, 10);
  return undefined;
}

/**
 * A CVSS base score from "7.5" or "8.1 (AV:N/AC:H/...)"; undefined when absent
 * or out of range. Some exports write scores in tenths without the point
 * ("75" for 7.5); a whole number from 11 to 100 is read that way.
 */
export function parseCvss(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /^\s*(\d{1,3}(?:\.\d+)?)/.exec(text ?? "");
  if (!match) return undefined;
  const score = Number(match[1]);
  if (score >= 0 && score <= 10) return score;
  return Number.isInteger(score) && score <= 100 ? score / 10 : undefined;
}

/** The first score present, in the order given (v3 before v2 before v4). */
export function bestCvss(...texts: (string | undefined)[]): number | undefined {
  for (const text of texts) {
    const score = parseCvss(text);
    if (score !== undefined) return score;
  }
  return undefined;
}

const SEVERITY_WORDS: ReadonlyMap<string, Severity> = new Map(Object.entries({
  critical: "Critical",
  urgent: "Critical",
  high: "High",
  serious: "High",
  medium: "Medium",
  moderate: "Medium",
  low: "Low",
  // Qualys's level 1, "minimal", is a vulnerability all the same: Low, as severityFromQualysLevel reads it.
  minimal: "Low",
  none: "Info",
  info: "Info",
  informational: "Info",
  log: "Info",
  "false positive": "Info",
  debug: "Info",
} satisfies Record<string, Severity>));

/** The words also as most exports spell them ("None", "NONE"), so a cell read as written needs no new lower-case copy. */
const SEVERITY_SPELLINGS: ReadonlyMap<string, Severity> = new Map(
  [...SEVERITY_WORDS].flatMap(([word, severity]) => [
    [word, severity],
    [word[0].toUpperCase() + word.slice(1), severity],
    [word.toUpperCase(), severity],
  ]),
);

/** A severity word as scanners write it ("High", "none", "Log"). */
export function severityFromWord(text: string | undefined): Severity | undefined {
  if (!text) return undefined;
  return SEVERITY_SPELLINGS.get(text) ?? SEVERITY_WORDS.get(text.trim().toLowerCase());
}

/** Nessus's 0–4 severity scale. */
export function severityFromNessusLevel(level: string | undefined): Severity | undefined {
  return (["Info", "Low", "Medium", "High", "Critical"] as const)[Number(level)];
}

/**
 * Qualys's 1–5 scale: 5 urgent, 4 critical, 3 serious, 2 medium, 1 minimal.
 * Level 1 on a confirmed or potential vulnerability is still a weakness to
 * fix, so it is Low, never Info (which an import leaves out by default);
 * Qualys's information-gathered records are Info by their kind, whatever
 * their level. Every Qualys format reads levels through this one mapping.
 */
export function severityFromQualysLevel(level: string | undefined): Severity | undefined {
  return ({ "5": "Critical", "4": "High", "3": "Medium", "2": "Low", "1": "Low" } as Record<string, Severity>)[(level ?? "").trim()];
}

/** The severity a CVSS base score falls in (CVSS v3 qualitative ratings; 0 is informational). */
export function severityFromCvss(score: number | undefined): Severity | undefined {
  if (score === undefined) return undefined;
  if (score >= 9) return "Critical";
  if (score >= 7) return "High";
  if (score >= 4) return "Medium";
  return score > 0 ? "Low" : "Info";
}

const CVE_ID = /CVE-\d{4}-\d{4,}/gi;
/** A quick test that a cell may hold a CVE ID at all: most cells of a large export hold none. */
const CVE_PREFIX = /CVE-/i;

/** The CVE IDs in a cell, however separated: "CVE-2013-2566,CVE-2015-2808", "CVE-1, CVE-2, ". */
export function parseCves(...texts: (string | undefined)[]): string[] {
  let found: Set<string> | undefined;
  for (const text of texts) {
    if (!text || !CVE_PREFIX.test(text)) continue;
    found ??= new Set();
    for (const match of text.matchAll(CVE_ID)) found.add(match[0].toUpperCase());
  }
  return found ? [...found] : [];
}

const APOSTROPHE = 39;

/** Text of a cell with a stray leading apostrophe (a spreadsheet's text marker) and surrounding space removed. */
export function cleanText(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const value = (text.charCodeAt(0) === APOSTROPHE ? text.slice(1) : text).trim();
  return value === "" ? undefined : value;
}


/** The highest of the severities given (a file may rate one finding more than one way); undefined when none is. */
export function highestSeverity(...severities: (Severity | undefined)[]): Severity | undefined {
  let highest: Severity | undefined;
  for (const severity of severities) {
    if (severity !== undefined && (highest === undefined || SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(highest))) highest = severity;
  }
  return highest;
}
