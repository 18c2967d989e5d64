/**
 * What importing a scan would do to the POA&M: findings grouped into items
 * (one per vulnerability with its hosts listed, or one per host), checked
 * against the items already tracked by their Source Ref, so importing the same
 * scan twice adds nothing.
 */
import { isClosedStatus, type ClosedStatuses } from "../poam/closedStatuses";
import type { IsoDate } from "../core/dates";
import type { Finding } from "../poam/records";
import { MAX_TEXT_LENGTH } from "../workbook/schema";
import { PRIORITIES, priorityFromCvss, type Priority } from "../poam/vocabulary";
import { type ParsedScan, type ScanFinding, type Scanner, SEVERITIES, type Severity } from "./scanTypes";

export type Grouping = "vulnerability" | "host";

export interface ImportOptions {
  readonly grouping: Grouping;
  /** The lowest severity imported; "Low" leaves informational findings out. */
  readonly threshold: Severity;
  /** The requirement imported items sit on: 3.14.1 (flaw remediation) unless chosen otherwise. */
  readonly requirement: string;
  /** Owner of new items, if one is chosen. */
  readonly owner?: string;
  /** Whether closed items the scan finds again are reopened. */
  readonly reopen: boolean;
  readonly today: IsoDate;
  /** For the Comments of new items: which file they came from. */
  readonly fileName?: string;
}

export const DEFAULT_IMPORT_OPTIONS: Omit<ImportOptions, "today"> = {
  grouping: "vulnerability",
  threshold: "Low",
  requirement: "3.14.1",
  reopen: false,
};

/** An item already on the POA&M, as far as importing needs to know it. */
export interface ExistingItem {
  /** Zero-based data row in the Poam table. */
  readonly row: number;
  readonly id: string;
  readonly sourceRef: string;
  readonly status: string;
  readonly assets: string;
  readonly comments: string;
}

/** One POA&M item the scan yields. */
export interface ImportItem {
  readonly key: string;
  readonly sourceRef: string;
  readonly scanner: Scanner;
  readonly pluginId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly priority: Priority;
  readonly cvss?: number;
  readonly cves: readonly string[];
  /** Affected hosts as listed in Assets: "10.0.0.5 (web01)". */
  readonly assets: readonly string[];
  readonly discovered: IsoDate;
  readonly description?: string;
  readonly solution?: string;
}

export interface AssetUpdate {
  readonly row: number;
  readonly id: string;
  readonly assets: string;
  readonly added: readonly string[];
}

export interface Reappearance {
  readonly row: number;
  readonly id: string;
  readonly status: string;
  readonly item: ImportItem;
}

export interface ImportPlan {
  readonly format: ParsedScan["format"];
  readonly options: ImportOptions;
  readonly counts: {
    /** Distinct findings in the file, every severity. */
    readonly findings: number;
    readonly bySeverity: Readonly<Record<Severity, number>>;
    readonly belowThreshold: number;
    /** Items the findings at or above the threshold group into. */
    readonly items: number;
    readonly new: number;
    /** Items already tracked and open. */
    readonly tracked: number;
    /** Of those, items with hosts the POA&M did not list yet. */
    readonly trackedWithNewHosts: number;
    readonly reappeared: number;
    /** Open items whose rule the checklists mark not a finding and report open nowhere: ready to close, which importing never does. */
    readonly passing: number;
    readonly newByPriority: Readonly<Record<Priority, number>>;
  };
  readonly newItems: readonly ImportItem[];
  readonly assetUpdates: readonly AssetUpdate[];
  readonly reappeared: readonly Reappearance[];
  readonly passing: readonly { readonly row: number; readonly id: string }[];
}

const SCANNER_REF: Readonly<Record<Scanner, string>> = {
  Tenable: "Tenable plugin",
  OpenVAS: "OpenVAS NVT",
  Qualys: "Qualys QID",
  Rapid7: "Rapid7 vulnerability",
  STIG: "STIG",
  XCCDF: "XCCDF rule",
};
const REF = /^(Tenable plugin|OpenVAS NVT|Qualys QID|Rapid7 vulnerability|STIG|XCCDF rule) ([^\s;]+)(?: on ([^\s;]+))?/;

/** The identity of an imported item in its Source Ref: "Tenable plugin 42873", "Qualys QID 38170 on 10.0.0.5" or "STIG V-257777". */
export function importKey(sourceRef: string): string | undefined {
  const match = REF.exec(sourceRef.trim());
  return match ? `${match[1]} ${match[2]}${match[3] ? ` on ${match[3]}` : ""}`.toLowerCase() : undefined;
}

const rank = (severity: Severity) => SEVERITIES.indexOf(severity);

function clip(text: string | undefined, limit = MAX_TEXT_LENGTH): string | undefined {
  if (text === undefined) return undefined;
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** Host entries as Assets lists them; the address before any " (name)" identifies the host. */
const hostOf = (entry: string) => entry.replace(/\s*\(.*$/, "").trim().toLowerCase();
const assetEntry = (finding: ScanFinding) => (finding.hostname && finding.hostname !== finding.host ? `${finding.host} (${finding.hostname})` : finding.host);

/** An Assets cell for `entries`, kept within the cell limit ("…and 12 more"). */
export function assetsText(entries: readonly string[]): string {
  const full = entries.join(", ");
  if (full.length <= MAX_TEXT_LENGTH) return full;
  const shown: string[] = [];
  let length = 0;
  for (const entry of entries) {
    const suffix = ` …and ${entries.length - shown.length - 1} more`;
    if (length + entry.length + 2 + suffix.length > MAX_TEXT_LENGTH) break;
    shown.push(entry);
    length += entry.length + 2;
  }
  return `${shown.join(", ")} …and ${entries.length - shown.length} more`;
}

/**
 * The item's priority: the higher of what the CVSS score suggests and the
 * scanner's own severity (Info as Low), so an item never ranks below what the
 * scanner reported.
 */
function priorityOf(severity: Severity, cvss: number | undefined): Priority {
  const fromSeverity: Priority = severity === "Info" ? "Low" : severity;
  if (cvss === undefined) return fromSeverity;
  const fromCvss = priorityFromCvss(cvss);
  return PRIORITIES.indexOf(fromCvss) < PRIORITIES.indexOf(fromSeverity) ? fromCvss : fromSeverity;
}

/** The findings under each item's Source Ref, in the order the refs first appear. */
function groupByRef(findings: readonly ScanFinding[], grouping: Grouping): Map<string, ScanFinding[]> {
  const groups = new Map<string, ScanFinding[]>();
  // Each scanner and plugin ID's ref is made once, not once per finding: a large scan lists a plugin on many hosts.
  const pluginRefs = new Map<Scanner, Map<string, string>>();
  for (const finding of findings) {
    let refs = pluginRefs.get(finding.scanner);
    if (!refs) {
      refs = new Map();
      pluginRefs.set(finding.scanner, refs);
    }
    let pluginRef = refs.get(finding.pluginId);
    if (pluginRef === undefined) {
      pluginRef = `${SCANNER_REF[finding.scanner]} ${finding.pluginId}`;
      refs.set(finding.pluginId, pluginRef);
    }
    const ref = grouping === "host" ? `${pluginRef} on ${finding.host}` : pluginRef;
    const list = groups.get(ref);
    if (list) list.push(finding);
    else groups.set(ref, [finding]);
  }
  return groups;
}

function group(findings: readonly ScanFinding[], grouping: Grouping, today: IsoDate): ImportItem[] {
  return [...groupByRef(findings, grouping).entries()].map(([ref, members]) => {
    const first = members[0];
    const severity = members.reduce((worst, m) => (rank(m.severity) < rank(worst) ? m.severity : worst), first.severity);
    const scores = members.map((m) => m.cvss).filter((score): score is number => score !== undefined);
    const cvss = scores.length > 0 ? Math.max(...scores) : undefined;
    const cves = [...new Set(members.flatMap((m) => m.cves))].sort();
    const seen = members.map((m) => m.firstSeen).filter((date): date is IsoDate => date !== undefined);
    // A scanner clock ahead of ours must not make the discovery date lie in the future.
    const earliest = seen.length > 0 ? seen.reduce((a, b) => (a < b ? a : b)) : today;
    const assets = [...new Map(members.map((m) => [m.host.toLowerCase(), assetEntry(m)])).values()];
    const cveText = cves.length > 0 ? `; ${cves.join(", ")}` : "";
    const referenceText = first.reference ? `; ${first.reference}` : "";
    return {
      key: importKey(ref) as string,
      sourceRef: clip(`${ref}${referenceText}${cveText}`) as string,
      scanner: first.scanner,
      pluginId: first.pluginId,
      title: first.title,
      severity,
      priority: priorityOf(severity, cvss),
      cvss,
      cves,
      assets,
      discovered: earliest > today ? today : earliest,
      description: clip(first.description),
      solution: clip(first.solution),
    };
  });
}

/** Plans the import of `parsed` into a POA&M holding `existing` items; `closedStatuses` are the statuses that count as closed. */
export function planImport(parsed: ParsedScan, existing: readonly ExistingItem[], closedStatuses: ClosedStatuses, options: ImportOptions): ImportPlan {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of parsed.findings) bySeverity[finding.severity]++;
  const lowestKept = rank(options.threshold);
  const kept = parsed.findings.filter((finding) => rank(finding.severity) <= lowestKept);
  const items = group(kept, options.grouping, options.today);

  // The items already on the POA&M, by import key; an open one is preferred over a closed one.
  const tracked = new Map<string, ExistingItem>();
  for (const item of existing) {
    const key = importKey(item.sourceRef);
    if (!key) continue;
    const known = tracked.get(key);
    if (!known || (isClosedStatus(known.status, closedStatuses) && !isClosedStatus(item.status, closedStatuses))) tracked.set(key, item);
  }

  const newItems: ImportItem[] = [];
  const assetUpdates: AssetUpdate[] = [];
  const reappeared: Reappearance[] = [];
  let open = 0;
  for (const item of items) {
    const known = tracked.get(item.key);
    if (!known) {
      newItems.push(item);
      continue;
    }
    const listed = new Set(known.assets.split(",").map(hostOf).filter(Boolean));
    const added = item.assets.filter((entry) => !listed.has(hostOf(entry)));
    if (isClosedStatus(known.status, closedStatuses)) {
      reappeared.push({ row: known.row, id: known.id, status: known.status, item });
    } else {
      open++;
    }
    if (added.length > 0 && (!isClosedStatus(known.status, closedStatuses) || options.reopen)) {
      const current = known.assets.trim() === "" ? [] : known.assets.split(/\s*,\s*/);
      assetUpdates.push({ row: known.row, id: known.id, assets: assetsText([...current, ...added]), added });
    }
  }
  const newByPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  for (const item of newItems) newByPriority[item.priority]++;
  const keyOf = (scanner: Scanner, pluginId: string, host: string) => importKey(`${SCANNER_REF[scanner]} ${pluginId}${options.grouping === "host" ? ` on ${host}` : ""}`);
  // Only checklists report rules that pass; a scan has none, and its findings need not be keyed again.
  const passedKeys = new Set((parsed.checklist?.passed ?? []).map((rule) => keyOf(rule.scanner, rule.pluginId, rule.host)));
  const stillOpen = passedKeys.size === 0 ? new Set<string | undefined>() : new Set(parsed.findings.map((f) => keyOf(f.scanner, f.pluginId, f.host)));
  const passing = [...tracked.entries()]
    .filter(([key, item]) => passedKeys.has(key) && !stillOpen.has(key) && !isClosedStatus(item.status, closedStatuses))
    .map(([, item]) => ({ row: item.row, id: item.id }));
  return {
    format: parsed.format,
    options,
    counts: {
      findings: parsed.findings.length,
      bySeverity,
      belowThreshold: parsed.findings.length - kept.length,
      items: items.length,
      new: newItems.length,
      tracked: open,
      trackedWithNewHosts: assetUpdates.filter((update) => !reappeared.some((r) => r.row === update.row)).length,
      reappeared: reappeared.length,
      passing: passing.length,
      newByPriority,
    },
    newItems,
    assetUpdates,
    reappeared,
    passing,
  };
}

/** The POA&M item a new import item becomes. */
export function findingFromImport(item: ImportItem, id: string, options: ImportOptions, formatName: string): Finding {
  const from = options.fileName ? `${options.fileName} (${formatName})` : formatName;
  return {
    id,
    itemType: "Vulnerability (scan finding)",
    requirement: options.requirement,
    weakness: clip(item.title) as string,
    description: item.description,
    source: "Vulnerability scan",
    sourceRef: item.sourceRef,
    assets: assetsText(item.assets),
    discovered: item.discovered,
    cvss: item.cvss,
    priority: item.priority,
    owner: options.owner,
    plannedActions: item.solution,
    acceptanceCriteria:
      item.scanner === "STIG" || item.scanner === "XCCDF"
        ? `The next checklist or SCAP scan shows ${item.sourceRef.split(";")[0]} as not a finding.`
        : `A rescan no longer reports ${item.sourceRef.split(";")[0]}.`,
    status: "Open",
    updated: options.today,
    comments: clip(`Imported from ${from} on ${options.today}.`),
  };
}

/** The comment added to a closed item the scan found again, when it is reopened. */
export function reopenComment(existingComments: string, options: ImportOptions): string {
  const note = `Reopened ${options.today}: the scan${options.fileName ? ` ${options.fileName}` : ""} found it again.`;
  return clip(existingComments.trim() === "" ? note : `${existingComments.trim()}\n${note}`) as string;
}
