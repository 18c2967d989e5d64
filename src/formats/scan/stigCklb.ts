/**
 * STIG Viewer 3 checklists (.cklb): one JSON object with the target in
 * `target_data` and `stigs[]`, each with its `rules[]` (group_id is the Vuln
 * ID, rule_id_src the full Rule ID, rule_version the STIG ID, severity
 * high / medium / low, status open / not_a_finding / not_applicable /
 * not_reviewed, an optional severity override in `overrides.severity`, ccis).
 * JSON cannot be read element by element as the XML reports are, so the
 * chunks are kept and parsed at the end; a checklist is a few megabytes at
 * most. Fields some writers leave out, or write as null or numbers, are
 * tolerated.
 */
import { PoamError } from "../../domain/core/errors";
import type { ChecklistResults, ScanFinding } from "../../domain/scan/scanTypes";
import { CheckTally, DEFAULT_CAT, UNNAMED_HOST, checklistResult, firstText, ruleDescription, ruleReference, severityFromCat, stigRevision } from "./stigValues";
import type { XmlFindingReader } from "./xmlFormats";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** A field as text: strings and numbers only ("null" as Evaluate-STIG writes it counts as empty). */
function text(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" || trimmed === "null" ? undefined : trimmed;
}

/** A severity override, as `{ severity: { severity: "high", reason } }` or, from some tools, `{ severity: "high" }`. */
function overriddenSeverity(overrides: unknown): string | undefined {
  if (!isObject(overrides)) return undefined;
  const severity = overrides.severity;
  return isObject(severity) ? text(severity.severity) : text(severity);
}

const NOT_A_CHECKLIST = 'This JSON file is not a STIG Viewer 3 checklist (.cklb): it has no "stigs" list.';

/** Reads a .cklb pushed in chunks; the findings and counts come at `end()`. */
export function startCklb(): XmlFindingReader {
  const chunks: string[] = [];
  let results: ChecklistResults | undefined;

  const end = (): ScanFinding[] => {
    let document: unknown;
    try {
      document = JSON.parse(chunks.join("").replace(/^\uFEFF/, ""));
    } catch (error) {
      throw new PoamError("invalidInput", "This STIG Viewer 3 checklist (.cklb) is not valid JSON, so it cannot be read; the file may be cut short or damaged.", error);
    }
    chunks.length = 0;
    if (!isObject(document) || !Array.isArray(document.stigs)) throw new PoamError("invalidInput", NOT_A_CHECKLIST);
    const target = isObject(document.target_data) ? document.target_data : {};
    const host = firstText(text(target.host_name), text(target.fqdn), text(target.ip_address)) ?? UNNAMED_HOST;
    const tally = new CheckTally();
    const findings: ScanFinding[] = [];
    for (const stig of objects(document.stigs)) {
      const benchmark = firstText(text(stig.stig_id), text(stig.display_name), text(stig.stig_name));
      const revision = stigRevision(text(stig.version), text(stig.release_info));
      tally.benchmark([benchmark, revision].filter(Boolean).join(" "));
      for (const rule of objects(stig.rules)) {
        const result = checklistResult(text(rule.status));
        tally.add(result);
        const vulnId = text(rule.group_id);
        const ruleId = firstText(text(rule.rule_id_src), text(rule.rule_id));
        const pluginId = vulnId ?? ruleId;
        if (pluginId && result === "notAFinding") tally.pass({ scanner: "STIG", pluginId, host });
        if (result !== "open" || !pluginId) continue;
        const ccis = Array.isArray(rule.ccis) ? rule.ccis.map(text).filter((cci): cci is string => cci !== undefined) : [];
        findings.push({
          scanner: "STIG",
          pluginId,
          title: firstText(text(rule.rule_title), text(rule.group_title)) ?? pluginId,
          severity: severityFromCat(overriddenSeverity(rule.overrides)) ?? severityFromCat(text(rule.severity)) ?? DEFAULT_CAT,
          cves: [],
          host,
          description: ruleDescription(firstText(text(stig.stig_name), benchmark), revision, text(rule.discussion), text(rule.finding_details)),
          solution: text(rule.fix_text),
          output: text(rule.finding_details),
          reference: ruleReference({ benchmark, revision, ruleId: vulnId ? ruleId : undefined, stigId: text(rule.rule_version), ccis }),
        });
      }
    }
    results = tally.results();
    return findings;
  };

  return {
    push: (chunk) => {
      chunks.push(chunk);
      return [];
    },
    end,
    root: undefined,
    get checklist() {
      return results;
    },
  };
}
