/**
 * STIG Viewer 2 checklists (.ckl): <CHECKLIST> with the target in <ASSET> and
 * one <iSTIG> per STIG under <STIGS>, each with its <STIG_INFO> and a <VULN>
 * per rule. A VULN lists its attributes as STIG_DATA pairs (Vuln_Num,
 * Severity, Rule_ID, Rule_Ver, Rule_Title, Fix_Text, CCI_REF repeated…) then
 * STATUS, FINDING_DETAILS, COMMENTS and an optional SEVERITY_OVERRIDE. Only
 * Open rules become findings; every status is counted. Attributes a writer
 * leaves out are simply absent.
 */
import type { ChecklistResults, ScanFinding } from "../../domain/scan/scanTypes";
import { CheckTally, DEFAULT_CAT, UNNAMED_HOST, checklistResult, firstText, ruleDescription, ruleReference, severityFromCat, stigRevision } from "./stigValues";
import type { XmlFindingReader } from "./xmlFormats";
import { XmlRecordReader, childNamed, childText, childrenNamed, type XmlNode, type XmlRecord } from "./xmlRecords";

interface StigInfo {
  readonly id?: string;
  readonly title?: string;
  readonly revision?: string;
}

/** A VULN's STIG_DATA as attribute → values (CCI_REF repeats). */
function stigData(vuln: XmlNode): Map<string, string[]> {
  const data = new Map<string, string[]>();
  for (const pair of childrenNamed(vuln, "STIG_DATA")) {
    const name = childText(pair, "VULN_ATTRIBUTE");
    const value = childText(pair, "ATTRIBUTE_DATA");
    if (!name || value === undefined) continue;
    const values = data.get(name) ?? [];
    values.push(value);
    data.set(name, values);
  }
  return data;
}

function stigInfo(iStig: XmlNode | undefined): StigInfo {
  const info = new Map<string, string>();
  for (const pair of childrenNamed(childNamed(iStig, "STIG_INFO"), "SI_DATA")) {
    const name = childText(pair, "SID_NAME");
    const value = childText(pair, "SID_DATA");
    if (name && value !== undefined) info.set(name.toLowerCase(), value);
  }
  return { id: info.get("stigid"), title: info.get("title"), revision: stigRevision(info.get("version"), info.get("releaseinfo")) };
}

/** The checklist's host: its name, else its FQDN or address, else "unnamed host". */
function hostOf(checklist: XmlNode | undefined): string {
  const asset = childNamed(checklist, "ASSET");
  return firstText(childText(asset, "HOST_NAME"), childText(asset, "HOST_FQDN"), childText(asset, "HOST_IP")) ?? UNNAMED_HOST;
}

/** Reads a .ckl pushed in chunks; `checklist` holds the counts once `end()` has run. */
export function startCkl(): XmlFindingReader {
  const tally = new CheckTally();
  const infos = new WeakMap<XmlNode, StigInfo>();
  const reader = new XmlRecordReader((node) => node.name === "VULN");

  const finding = ({ node, ancestors }: XmlRecord): ScanFinding | null => {
    const result = checklistResult(childText(node, "STATUS"));
    tally.add(result);
    const iStig = ancestors.find((ancestor) => ancestor.name === "iSTIG");
    let stig = iStig ? infos.get(iStig) : undefined;
    if (!stig) {
      stig = stigInfo(iStig);
      if (iStig) infos.set(iStig, stig);
    }
    const data = stigData(node);
    const one = (name: string) => data.get(name)?.[0];
    // STIGRef ("… :: Version 1, Release: 3 Benchmark Date: …") names the STIG when STIG_INFO does not.
    const benchmark = stig.id ?? one("STIGRef")?.split("::")[0].trim();
    tally.benchmark([benchmark, stig.revision].filter(Boolean).join(" "));
    const vulnId = one("Vuln_Num");
    const ruleId = one("Rule_ID");
    const pluginId = vulnId ?? ruleId;
    if (!pluginId) return null;
    if (result === "notAFinding") tally.pass({ scanner: "STIG", pluginId, host: hostOf(ancestors[0]) });
    if (result !== "open") return null;
    return {
      scanner: "STIG",
      pluginId,
      title: firstText(one("Rule_Title"), one("Group_Title")) ?? pluginId,
      severity: severityFromCat(childText(node, "SEVERITY_OVERRIDE")) ?? severityFromCat(one("Severity")) ?? DEFAULT_CAT,
      cves: [],
      host: hostOf(ancestors[0]),
      description: ruleDescription(stig.title ?? benchmark, stig.revision, one("Vuln_Discuss"), childText(node, "FINDING_DETAILS")),
      solution: one("Fix_Text"),
      output: childText(node, "FINDING_DETAILS"),
      reference: ruleReference({ benchmark, revision: stig.revision, ruleId: vulnId ? ruleId : undefined, stigId: one("Rule_Ver"), ccis: data.get("CCI_REF") ?? [] }),
    };
  };
  const convert = (records: XmlRecord[]) => records.map(finding).filter((f): f is ScanFinding => f !== null);
  return {
    push: (chunk) => convert(reader.push(chunk)),
    end: () => convert(reader.end()),
    get root() {
      return reader.root;
    },
    get checklist(): ChecklistResults {
      return tally.results();
    },
  };
}
