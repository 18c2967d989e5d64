/**
 * What STIG checklists (.ckl, .cklb) and XCCDF results have in common: a
 * result per rule, DISA's CAT severities, benchmark versions, and the
 * identifiers a POA&M item's Source Ref carries.
 */
import { noChecks, type ChecklistResults, type CheckResult, type PassedRule, type ScanFormat, type Severity } from "../../domain/scan/scanTypes";

/** Counts rule results and names the benchmarks seen, as a reader goes. */
export class CheckTally {
  private readonly counts = noChecks();
  private readonly benchmarks = new Set<string>();
  private readonly passed = new Map<string, PassedRule>();

  add(result: CheckResult): void {
    this.counts[result]++;
  }

  pass(rule: PassedRule): void {
    this.passed.set(`${rule.scanner}|${rule.pluginId}|${rule.host}`, rule);
  }

  benchmark(label: string | undefined): void {
    if (label) this.benchmarks.add(label);
  }

  results(): ChecklistResults {
    return { results: { ...this.counts }, benchmarks: [...this.benchmarks], passed: [...this.passed.values()] };
  }
}

/** Assets when a checklist names no host, as many leave HOST_NAME empty. */
export const UNNAMED_HOST = "unnamed host";

/** The requirement STIG and SCAP findings sit on unless chosen otherwise: 3.4.2, security configuration settings. */
export const CONFIGURATION_REQUIREMENT = "3.4.2";

const CHECKLIST_FORMATS: ReadonlySet<ScanFormat> = new Set<ScanFormat>(["stig-ckl", "stig-cklb", "xccdf-results"]);

/** Whether `format` reports configuration rules (STIG checklists, XCCDF results) rather than vulnerabilities. */
export function isChecklistFormat(format: ScanFormat): boolean {
  return CHECKLIST_FORMATS.has(format);
}

/**
 * A checklist status as STIG Viewer 2 ("Open", "NotAFinding",
 * "Not_Applicable", "Not_Reviewed") or 3 ("not_a_finding"…) writes it. An
 * empty or unknown status is a rule nobody has reviewed.
 */
export function checklistResult(status: string | undefined): CheckResult {
  switch ((status ?? "").toLowerCase().replace(/[^a-z]/g, "")) {
    case "open":
      return "open";
    case "notafinding":
      return "notAFinding";
    case "notapplicable":
      return "notApplicable";
    default:
      return "notReviewed";
  }
}

/**
 * An XCCDF rule-result (XCCDF 1.2, section 6.6.4.2): fail is open; pass and
 * fixed (repaired during the run) are not findings; notapplicable and
 * notselected (outside the profile) are not applicable; notchecked and
 * informational need a person to look; error and unknown are errors.
 */
export function xccdfResult(result: string | undefined): CheckResult {
  switch ((result ?? "").trim().toLowerCase()) {
    case "fail":
      return "open";
    case "pass":
    case "fixed":
      return "notAFinding";
    case "notapplicable":
    case "notselected":
      return "notApplicable";
    case "error":
    case "unknown":
      return "error";
    default:
      return "notReviewed";
  }
}

/** DISA's categories: CAT I is high, CAT II medium, CAT III low. */
export function severityFromCat(text: string | undefined): Severity | undefined {
  switch ((text ?? "").trim().toLowerCase().replace(/^cat\s*/, "")) {
    case "high":
    case "i":
      return "High";
    case "medium":
    case "ii":
      return "Medium";
    case "low":
    case "iii":
      return "Low";
    case "info":
    case "informational":
      return "Info";
    default:
      return undefined;
  }
}

/** The severity of a rule that names none (or "unknown"): CAT II, DISA's middle category, so it is neither dropped nor overstated. */
export const DEFAULT_CAT: Severity = "Medium";

/**
 * A STIG's revision as "V1R3", from its version ("1", 1, or SCAP's
 * "003.002") and release information ("Release: 3 Benchmark Date: …").
 */
export function stigRevision(version: string | number | undefined, releaseInfo?: string): string | undefined {
  const text = String(version ?? "").trim();
  const scap = /^0*(\d+)\.0*(\d+)$/.exec(text);
  if (scap) return `V${scap[1]}R${scap[2]}`;
  const major = /^V?(\d+)$/i.exec(text)?.[1];
  const release = /Release:\s*(\d+)/i.exec(releaseInfo ?? "")?.[1];
  if (major && release) return `V${major}R${release}`;
  return major ? `V${major}` : undefined;
}

export interface RuleIdentity {
  /** STIG ID or benchmark ID, e.g. RHEL_9_STIG. */
  readonly benchmark?: string;
  readonly revision?: string;
  /** SV-257777r925318_rule */
  readonly ruleId?: string;
  /** The STIG ID of the rule (Rule_Ver), e.g. RHEL-09-211010. */
  readonly stigId?: string;
  readonly ccis: readonly string[];
}

/** "RHEL_9_STIG V1R3; Rule SV-257777r925318_rule; STIG ID RHEL-09-211010; CCI-000366", for Source Ref after the Vuln ID. */
export function ruleReference(rule: RuleIdentity): string | undefined {
  const parts = [
    [rule.benchmark, rule.revision].filter(Boolean).join(" "),
    rule.ruleId ? `Rule ${rule.ruleId}` : "",
    rule.stigId ? `STIG ID ${rule.stigId}` : "",
    [...new Set(rule.ccis)].join(", "),
  ].filter((part) => part !== "");
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** A Description: the STIG's name and revision, the rule's discussion, and what the reviewer found. */
export function ruleDescription(stig: string | undefined, revision: string | undefined, discussion: string | undefined, details: string | undefined): string | undefined {
  const parts = [
    stig ? `${stig}${revision ? ` ${revision}` : ""}.` : "",
    discussion?.trim() ?? "",
    details?.trim() ? `Finding details: ${details.trim()}` : "",
  ].filter((part) => part !== "");
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}

/** The first of `texts` that holds more than spaces, trimmed. */
export function firstText(...texts: (string | undefined)[]): string | undefined {
  for (const text of texts) {
    const value = text?.trim();
    if (value) return value;
  }
  return undefined;
}
