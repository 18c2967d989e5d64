/**
 * XCCDF 1.1 and 1.2 result files, as SCAP Compliance Checker, OpenSCAP,
 * Evaluate-STIG and STIG Manager write them: a <Benchmark> holding the rule
 * definitions (Group/Rule with severity, title, fixtext, ident) and one or
 * more <TestResult>, each with its <target> and a <rule-result idref> per
 * rule whose <result> is pass, fail, notapplicable, notchecked, notselected,
 * informational, error, unknown or fixed. A bare <TestResult> document and an
 * ARF report collection wrapping one are read the same way. Namespace
 * prefixes vary (cdf:, xccdf:, none), so elements are matched by local name.
 *
 * A failed rule is a finding. A DISA STIG rule (its Group is V-nnnnn) is
 * identified by that Vuln ID, as a checklist identifies it, so SCAP results
 * and checklists of the same STIG track the same items.
 */
import { PoamError } from "../../domain/core/errors";
import type { IsoDate } from "../../domain/core/dates";
import { parseCves, parseScanDate } from "./scanValues";
import type { ChecklistResults, ScanFinding, Severity } from "../../domain/scan/scanTypes";
import { CheckTally, DEFAULT_CAT, UNNAMED_HOST, firstText, ruleDescription, ruleReference, severityFromCat, stigRevision, xccdfResult } from "./stigValues";
import type { XmlFindingReader } from "./xmlFormats";
import { XmlRecordReader, type XmlNode, type XmlRecord } from "./xmlRecords";

const local = (name: string) => name.slice(name.indexOf(":") + 1);
const child = (node: XmlNode | undefined, name: string) => node?.children.find((c) => local(c.name) === name);
const children = (node: XmlNode | undefined, name: string) => node?.children.filter((c) => local(c.name) === name) ?? [];
const childValue = (node: XmlNode | undefined, name: string) => firstText(child(node, name)?.text);

/** Parts of a benchmark that hold nothing a finding needs and can be most of an ARF file. */
const SKIPPED = new Set(["Profile", "Value", "target-facts", "oval_definitions", "oval_results", "ocil", "cpe-list", "Signature", "signature"]);

const STIG_RULE = "xccdf_mil.disa.stig_rule_";
const STIG_BENCHMARK = "xccdf_mil.disa.stig_benchmark_";

interface RuleInfo {
  readonly title?: string;
  readonly severity?: string;
  readonly vulnId?: string;
  readonly stigId?: string;
  readonly fix?: string;
  readonly discussion?: string;
  readonly ccis: string[];
  readonly cves: string[];
}

interface Failure {
  readonly idref: string;
  readonly severity?: string;
  readonly stigId?: string;
  readonly host: string;
  readonly seen?: IsoDate;
  readonly ccis: string[];
}

/** Idents by kind: CCIs (cyber.mil / iase.disa.mil), and CVEs. */
function idents(node: XmlNode): { ccis: string[]; cves: string[] } {
  const all = children(node, "ident").map((ident) => ({ system: ident.attributes.system ?? "", value: ident.text.trim() }));
  return {
    ccis: all.filter((i) => /cci/i.test(i.system) || /^CCI-\d+$/.test(i.value)).map((i) => i.value),
    cves: parseCves(...all.filter((i) => /cve/i.test(i.system)).map((i) => i.value)),
  };
}

/**
 * A DISA rule's description is escaped markup, "<VulnDiscussion>…</VulnDiscussion><FalsePositives>…",
 * which the XML parser has already decoded once; its discussion is what a reader wants.
 */
function discussionOf(description: XmlNode | undefined): string | undefined {
  if (!description) return undefined;
  const whole = [description.text, ...description.children.map((c) => c.text)].join(" ");
  const vuln = /<VulnDiscussion>([\s\S]*?)<\/VulnDiscussion>/.exec(whole);
  return firstText(vuln ? vuln[1] : whole.replace(/<\/?[A-Za-z][^>]*>/g, " ").replace(/[ \t]+/g, " "));
}

function ruleInfo(rule: XmlNode, ancestors: readonly XmlNode[]): RuleInfo {
  const group = [...ancestors].reverse().find((a) => local(a.name) === "Group");
  const { ccis, cves } = idents(rule);
  return {
    title: childValue(rule, "title"),
    severity: rule.attributes.severity,
    vulnId: /(V-\d+)$/.exec(group?.attributes.id ?? "")?.[1],
    stigId: childValue(rule, "version"),
    fix: childValue(rule, "fixtext"),
    discussion: discussionOf(child(rule, "description")),
    ccis,
    cves,
  };
}

/** The host a TestResult is about: its target, else an address that is not loopback. */
function targetOf(testResult: XmlNode | undefined): string {
  const addresses = children(testResult, "target-address").map((a) => a.text.trim());
  return firstText(childValue(testResult, "target"), addresses.find((a) => a !== "" && !/^(127\.|::1$)/.test(a))) ?? UNNAMED_HOST;
}

/** Reads XCCDF results pushed in chunks; findings come at `end()`, once every rule definition has been seen. */
export function startXccdf(): XmlFindingReader {
  const tally = new CheckTally();
  const rules = new Map<string, RuleInfo>();
  const failures: Failure[] = [];
  const passes: { readonly idref: string; readonly host: string }[] = [];
  let benchmarkNode: XmlNode | undefined;
  let benchmarkRef: XmlNode | undefined;
  let testResults = 0;
  let results: ChecklistResults | undefined;
  const reader = new XmlRecordReader(
    (node) => ["Rule", "rule-result", "TestResult"].includes(local(node.name)),
    (name) => SKIPPED.has(local(name)),
  );

  const take = (records: XmlRecord[]): ScanFinding[] => {
    for (const { node, ancestors } of records) {
      const name = local(node.name);
      benchmarkNode ??= [...ancestors].reverse().find((a) => local(a.name) === "Benchmark");
      if (name === "TestResult") {
        testResults++;
        benchmarkRef ??= child(node, "benchmark");
        continue;
      }
      const idref = name === "Rule" ? node.attributes.id : node.attributes.idref;
      if (!idref) continue;
      if (name === "Rule") {
        rules.set(idref, ruleInfo(node, ancestors));
        continue;
      }
      const result = xccdfResult(childValue(node, "result"));
      tally.add(result);
      const testResult = [...ancestors].reverse().find((a) => local(a.name) === "TestResult");
      if (result === "notAFinding") passes.push({ idref, host: targetOf(testResult) });
      if (result !== "open") continue;
      failures.push({
        idref,
        severity: node.attributes.severity,
        stigId: node.attributes.version,
        host: targetOf(testResult),
        seen: parseScanDate(node.attributes.time) ?? parseScanDate(testResult?.attributes["end-time"]) ?? parseScanDate(testResult?.attributes["start-time"]),
        ccis: idents(node).ccis,
      });
    }
    return [];
  };

  const end = (): ScanFinding[] => {
    take(reader.end());
    if (testResults === 0) {
      throw new PoamError("invalidInput", "This XCCDF file holds no results (no TestResult): it is a benchmark, not the output of a scan. Import the results file SCC, OpenSCAP or Evaluate-STIG wrote.");
    }
    // A Benchmark's id and version name the STIG; a bare TestResult names it in <benchmark>.
    const benchmark = firstText(benchmarkNode?.attributes.id, benchmarkRef?.attributes.id, benchmarkRef?.attributes.href)?.replace(STIG_BENCHMARK, "");
    const revision = stigRevision(childValue(benchmarkNode, "version"));
    const title = childValue(benchmarkNode, "title");
    tally.benchmark([benchmark, revision].filter(Boolean).join(" "));
    for (const { idref, host } of passes) {
      const vulnId = rules.get(idref)?.vulnId;
      tally.pass({ scanner: vulnId ? "STIG" : "XCCDF", pluginId: vulnId ?? idref, host });
    }
    results = tally.results();
    return failures.map((failure): ScanFinding => {
      const rule = rules.get(failure.idref);
      const ruleId = failure.idref.replace(STIG_RULE, "");
      const severity: Severity = severityFromCat(failure.severity) ?? severityFromCat(rule?.severity) ?? DEFAULT_CAT;
      return {
        scanner: rule?.vulnId ? "STIG" : "XCCDF",
        pluginId: rule?.vulnId ?? failure.idref,
        title: rule?.title ?? ruleId,
        severity,
        cves: rule?.cves ?? [],
        host: failure.host,
        description: ruleDescription(title ?? benchmark, revision, rule?.discussion, undefined),
        solution: rule?.fix,
        firstSeen: failure.seen,
        lastSeen: failure.seen,
        reference: ruleReference({
          benchmark,
          revision,
          ruleId: rule?.vulnId ? ruleId : undefined,
          stigId: failure.stigId ?? rule?.stigId,
          ccis: [...(rule?.ccis ?? []), ...failure.ccis],
        }),
      };
    });
  };

  return {
    push: (chunk) => take(reader.push(chunk)),
    end,
    get root() {
      return reader.root;
    },
    get checklist() {
      return results;
    },
  };
}
