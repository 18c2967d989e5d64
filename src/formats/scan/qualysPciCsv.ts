/**
 * The Qualys PCI / HackerGuardian CSV: a row per host, QID and port under an
 * upper-case header (IP, HOSTNAME, LAST SCAN, QID, VULN TITLE, TYPE,
 * SEVERITY, PORT, PROTOCOL, …, CVSS_BASE, Q_SEVERITY, THREAT, IMPACT,
 * SOLUTION, …, RESULT, BUGTRAQID, CVEID), quoted or not.
 *
 * SEVERITY is the PCI rating (L/M/H, or the words) and Q_SEVERITY Qualys's
 * 1–5 level; the higher of the two counts. Text cells may hold HTML.
 */
import type { CsvFormat } from "./csvFormats";
import { bestCvss, cleanText, highestSeverity, parseCves, parseScanDate, severityFromCvss, severityFromQualysLevel, severityFromWord } from "./scanValues";
import type { IsoDate } from "../../domain/core/dates";
import type { Severity } from "../../domain/scan/scanTypes";
import { htmlToText } from "./htmlToText";

const PCI_LETTERS: Readonly<Record<string, Severity>> = { L: "Low", M: "Medium", H: "High", C: "Critical", U: "Critical", I: "Info" };

/** The PCI rating: a letter (L, M, H) or a word (Low, Medium, High). */
function pciSeverity(text: string): Severity | undefined {
  const value = text.trim();
  return Object.prototype.hasOwnProperty.call(PCI_LETTERS, value.toUpperCase()) ? PCI_LETTERS[value.toUpperCase()] : severityFromWord(value);
}

/** Rows the export marks as information gathered rather than a vulnerability (TYPE "VULN" or "POTENTIAL" otherwise). */
const INFORMATIONAL_TYPE = /^(ig|info|information( gathered)?)$/i;

/**
 * LAST SCAN as ISO ("2024-09-16 04:00:30") or day first ("16/09/2024 04:00"),
 * the order these exports use outside the US; a date whose second number
 * cannot be a month is read month first.
 */
export function pciScanDate(text: string): IsoDate | undefined {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (!match) return parseScanDate(text);
  const [first, second] = [Number(match[1]), Number(match[2])];
  const [day, month] = second > 12 && first <= 12 ? [second, first] : [first, second];
  return parseScanDate(`${match[3]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
}

const dash = (text: string) => {
  const value = cleanText(text);
  return value && value !== "-" ? value : undefined;
};

export const QUALYS_PCI_CSV: CsvFormat = {
  format: "qualys-pci-csv",
  scanner: "Qualys",
  requires: ["IP", "QID", "VULN TITLE", "SEVERITY"],
  read: (cell) => {
    const qid = cell("QID").trim();
    const host = cleanText(cell("IP")) ?? cleanText(cell("HOSTNAME")) ?? "";
    if (qid === "" || host === "") return null;
    const cvss = bestCvss(cell("CVSS3_BASE"), cell("CVSS_BASE"));
    const seen = pciScanDate(cell("LAST SCAN"));
    const severity: Severity = INFORMATIONAL_TYPE.test(cell("TYPE").trim())
      ? "Info"
      : (highestSeverity(pciSeverity(cell("SEVERITY")), severityFromQualysLevel(cell("Q_SEVERITY"))) ?? severityFromCvss(cvss) ?? "Medium");
    return {
      scanner: "Qualys",
      pluginId: qid,
      title: htmlToText(cell("VULN TITLE")) ?? `QID ${qid}`,
      severity,
      cvss,
      cves: parseCves(cell("CVEID")),
      host,
      hostname: cleanText(cell("HOSTNAME")),
      port: dash(cell("PORT")),
      protocol: dash(cell("PROTOCOL"))?.toLowerCase(),
      solution: htmlToText(dash(cell("SOLUTION"))),
      description: htmlToText(dash(cell("THREAT"))) ?? htmlToText(dash(cell("IMPACT"))),
      firstSeen: seen,
      lastSeen: seen,
      output: htmlToText(dash(cell("RESULT"))),
    };
  },
};
