/**
 * The Rapid7 Nexpose / InsightVM XML Export, 2.0 and 1.0: `<NexposeReport>`
 * with `scans/scan`, `nodes/node[@address]` whose tests sit on the node
 * (`node/tests/test`) or on a service of an endpoint
 * (`endpoints/endpoint[@port,@protocol]/services/service/tests/test`), and
 * `VulnerabilityDefinitions/vulnerability[@id,@title,@severity,@cvssScore]`
 * describing each test ID.
 *
 * A test whose status is vulnerable (exploited, by version, potential) is a
 * finding; any other result is not one. The definitions usually follow the
 * nodes (one export puts them inside a node), so the distinct findings are
 * held, with only the definitions they use, until the report ends.
 */
import { bestCvss, cleanText, highestSeverity, parseCves, parseScanDate, severityFromCvss } from "./scanValues";
import type { IsoDate } from "../../domain/core/dates";
import type { ScanFinding, Severity } from "../../domain/scan/scanTypes";
import { readerTaking } from "./readerTaking";
import type { XmlFindingReader } from "./xmlFormats";
import { XmlRecordReader, childNamed, childrenNamed, type XmlNode } from "./xmlRecords";

/** Parts of a report nothing here reads: fingerprints, installed software, a definition's exploits and malware kits. */
const UNREAD = new Set(["fingerprints", "software", "configuration", "exploits", "malware"]);

const isVulnerable = (status: string | undefined) => /^(vulnerable-[a-z-]+|potential)$/i.test((status ?? "").trim());

/**
 * Nexpose's 1–10 severity: 8–10 is its "critical" band (Critical here); below
 * that the level reads as a CVSS-like score (7 High, 4–6 Medium, 1–3 Low).
 */
export function severityFromNexposeLevel(level: string | undefined): Severity | undefined {
  const value = Number((level ?? "").trim());
  if (!Number.isFinite(value) || value < 1 || value > 10 || (level ?? "").trim() === "") return undefined;
  if (value >= 8) return "Critical";
  if (value >= 7) return "High";
  return value >= 4 ? "Medium" : "Low";
}

/** Nexpose's times, "20210211T164506081", or an ISO date. */
export function nexposeDate(text: string | undefined): IsoDate | undefined {
  const match = /^\s*(\d{4})(\d{2})(\d{2})(?:T|$)/.exec(text ?? "");
  return match ? parseScanDate(`${match[1]}-${match[2]}-${match[3]}`) : parseScanDate(text);
}

/** Nexpose's text markup (Paragraph, UnorderedList/ListItem, URLLink) as plain lines. */
function markupText(node: XmlNode | undefined): string | undefined {
  if (!node) return undefined;
  const lines: string[] = [];
  const walk = (current: XmlNode) => {
    const own = current.text.replace(/\s+/g, " ").trim();
    if (own !== "") lines.push(current.name === "ListItem" ? `- ${own}` : own);
    else if (current.name === "URLLink" && current.attributes.LinkURL) lines.push(current.attributes.LinkURL);
    for (const child of current.children) walk(child);
  };
  walk(node);
  const text = lines.join("\n").trim();
  return text === "" ? undefined : text;
}

interface Definition {
  readonly title?: string;
  readonly severity: Severity | undefined;
  readonly cvss?: number;
  readonly cves: string[];
  readonly solution?: string;
  readonly description?: string;
}

function definitionOf(node: XmlNode): Definition {
  const cvss = bestCvss(node.attributes.cvssV3Score, node.attributes.cvssScore);
  const references = childrenNamed(childNamed(node, "references"), "reference").filter((ref) => /^cve$/i.test(ref.attributes.source ?? ""));
  return {
    title: cleanText(node.attributes.title),
    severity: highestSeverity(severityFromNexposeLevel(node.attributes.severity), severityFromCvss(cvss)),
    cvss,
    cves: parseCves(...references.map((ref) => (/^\s*\d{4}-\d+/.test(ref.text) ? `CVE-${ref.text.trim()}` : ref.text)), node.attributes.title),
    solution: markupText(childNamed(node, "solution")),
    description: markupText(childNamed(node, "description")),
  };
}

type Pending = { -readonly [K in keyof ScanFinding]: ScanFinding[K] } & { records: number };

/** A reader of one Nexpose report. */
export function nexposeXmlReader(): XmlFindingReader {
  const findings = new Map<string, Pending>();
  const wanted = new Set<string>();
  const definitions = new Map<string, Definition>();
  const scanEnds = new Map<string, IsoDate | undefined>();
  let nodesRead = false;

  const addTest = (test: XmlNode, ancestors: readonly XmlNode[]) => {
    if (!isVulnerable(test.attributes.status)) return;
    const node = ancestors.filter((a) => a.name === "node").pop();
    const id = cleanText(test.attributes.id)?.toLowerCase() ?? "";
    const host = cleanText(node?.attributes.address) ?? cleanText(childNamed(childNamed(node, "names"), "name")?.text) ?? "";
    if (id === "" || host === "") return;
    if (scanEnds.size === 0) {
      for (const scan of childrenNamed(childNamed(ancestors[0], "scans"), "scan")) scanEnds.set(scan.attributes.id ?? "", nexposeDate(scan.attributes.endTime ?? scan.attributes.startTime));
      if (scanEnds.size === 0) scanEnds.set("", undefined);
    }
    const endpoint = ancestors.find((a) => a.name === "endpoint");
    const port = cleanText(endpoint?.attributes.port);
    const protocol = cleanText(endpoint?.attributes.protocol)?.toLowerCase();
    const since = nexposeDate(test.attributes["vulnerable-since"]);
    const scanned = scanEnds.get(test.attributes["scan-id"] ?? "") ?? [...scanEnds.values()].find(Boolean);
    const key = `${id}|${host}|${port ?? ""}|${protocol ?? ""}`;
    const known = findings.get(key);
    const firstSeen = since ?? scanned;
    if (known) {
      known.records++;
      if (firstSeen && (!known.firstSeen || firstSeen < known.firstSeen)) known.firstSeen = firstSeen;
      if (scanned && (!known.lastSeen || scanned > known.lastSeen)) known.lastSeen = scanned;
      return;
    }
    wanted.add(id);
    findings.set(key, {
      records: 1,
      scanner: "Rapid7",
      pluginId: id,
      title: id,
      severity: "Medium",
      cves: [],
      host,
      hostname: cleanText(childNamed(childNamed(node, "names"), "name")?.text),
      port: port && port !== "0" ? port : undefined,
      protocol,
      firstSeen,
      lastSeen: scanned ?? firstSeen,
      output: markupText(test),
    });
  };

  const reader = new XmlRecordReader(
    (node, ancestors) =>
      (node.name === "test" && ancestors.some((a) => a.name === "node")) ||
      (node.name === "vulnerability" && ancestors.some((a) => a.name === "VulnerabilityDefinitions")) ||
      // A node or the node list, once read, is let go: what it held is in the findings.
      (node.name === "node" && ancestors.at(-1)?.name === "nodes") ||
      (node.name === "nodes" && ancestors.length === 1),
    (name) => UNREAD.has(name),
  );

  const take = (records: ReturnType<XmlRecordReader["push"]>) => {
    for (const { node, ancestors } of records) {
      if (node.name === "test") addTest(node, ancestors);
      else if (node.name === "nodes") nodesRead = true;
      else if (node.name === "vulnerability") {
        const id = cleanText(node.attributes.id)?.toLowerCase() ?? "";
        // Before the nodes end, a later test may still need any definition; after, only those tests named.
        if (id !== "" && (!nodesRead || wanted.has(id))) definitions.set(id, definitionOf(node));
      }
    }
    return [];
  };

  const finish = (): ScanFinding[] => {
    const done: ScanFinding[] = [];
    for (const pending of findings.values()) {
      const definition = definitions.get(pending.pluginId);
      const { records, ...finding } = pending;
      if (definition) {
        finding.title = definition.title ?? finding.title;
        // A vulnerable result whose definition gives no severity is unknown, so Medium rather than left out.
        finding.severity = definition.severity ?? "Medium";
        finding.cvss = definition.cvss;
        finding.cves = [...definition.cves];
        finding.solution = definition.solution;
        finding.description = definition.description;
      }
      // One finding per test read, so the record count is the report's; the same object merges into itself.
      for (let i = 0; i < records; i++) done.push(finding);
    }
    return done;
  };

  return readerTaking(reader, take, finish);
}
