import { readFileSync } from "node:fs";
import { buildDemoData } from "../../../src/domain/demo/demoData";
import { assetList, OSCAL_HOMES, OSCAL_VERSION, oscalPoam, POAM_NS, riskStatus } from "../../../src/formats/oscal/oscal";
import type { Finding } from "../../../src/domain/poam/records";
import { POAM_COLUMNS } from "../../../src/domain/workbook/schema";
import { aFinding, aMilestone, poamDataOf } from "../../support/builders";
import { oscalSchemaErrors } from "../../support/oscalSchema";
import { sharedFile } from "../../support/shared";
import { computeItem } from "../../../src/domain/poam/computeItem";

const TODAY = "2026-11-23";
const NOW = new Date("2026-11-23T15:30:45.123Z");


const SETTINGS = { organisation: "Northwind Precision Machining, Inc.", systemName: "CUI Enclave" };

const schemaErrors = oscalSchemaErrors;

const poamOf = (document: object): any => (document as any)["plan-of-action-and-milestones"];

/** Every value under `key` anywhere in `value`. */
function valuesOf(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOf(v, key));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesOf(v, key)]);
}

/** Every string anywhere in `value`. */
function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(stringsOf);
}

describe("the validator", () => {
  it("accepts NIST's example POA&M and rejects a broken copy", () => {
    const example = JSON.parse(readFileSync(sharedFile("corpus", "oscal", "nist_ifa_plan-of-action-and-milestones.json"), "utf8"));
    expect(schemaErrors(example)).toEqual([]);
    const broken = structuredClone(example);
    broken["plan-of-action-and-milestones"].risks[0].status = "";
    broken["plan-of-action-and-milestones"].metadata["last-modified"] = "2024-02-01";
    expect(schemaErrors(broken)).toEqual(expect.arrayContaining([
      expect.stringContaining("/risks/0/status"),
      expect.stringContaining("/metadata/last-modified"),
    ]));
  });
});

describe("oscalPoam on the demo POA&M", () => {
  const demo = buildDemoData(TODAY);
  const data = poamDataOf(demo);
  const { document, counts } = oscalPoam(data, { now: NOW, today: TODAY });
  const poam = poamOf(document);
  const itemById = (id: string) => poam["poam-items"].find((item: any) => item.props.some((p: any) => p.name === "poam-id" && p.value === id));
  const riskOf = (item: any) => poam.risks.find((risk: any) => risk.uuid === item["related-risks"][0]["risk-uuid"]);
  const partyNamed = (name: string) => poam.metadata.parties.find((party: any) => party.name === name);
  const findingWhere = (test: (f: Finding) => boolean) => demo.findings!.find(test)!;

  it("validates against the OSCAL 1.1.3 POA&M schema", () => {
    expect(schemaErrors(document)).toEqual([]);
  });

  it("has one poam-item, observation and risk per item and every milestone as a task", () => {
    expect(poam["poam-items"]).toHaveLength(demo.findings!.length);
    expect(poam.observations).toHaveLength(demo.findings!.length);
    expect(poam.risks).toHaveLength(demo.findings!.length);
    expect(valuesOf(poam.risks, "tasks").flat()).toHaveLength(demo.milestones!.length);
    expect(counts).toMatchObject({
      items: 40,
      observations: 40,
      risks: 40,
      milestones: 20,
      unmatchedMilestones: 0,
      parties: 6,
    });
  });

  it("describes the document and the organisation's people", () => {
    expect(poam.metadata).toMatchObject({
      title: "Northwind Precision Machining, Inc. – CUI Enclave POA&M",
      version: TODAY,
      "oscal-version": OSCAL_VERSION,
      "last-modified": "2026-11-23T15:30:45Z",
    });
    expect(poam.metadata.parties[0]).toMatchObject({ type: "organization", name: SETTINGS.organisation });
    expect(partyNamed("Dana Ortiz")).toMatchObject({
      type: "person",
      "email-addresses": ["dana.ortiz@example.com"],
      props: [{ name: "job-title", value: "IT Manager" }],
      "member-of-organizations": [poam.metadata.parties[0].uuid],
    });
    expect(poam["system-id"]).toMatchObject({ "identifier-type": "https://ietf.org/rfc/rfc4122" });
    expect(poam["import-ssp"]).toBeUndefined();
  });

  it("makes the due date the risk's deadline", () => {
    const extended = findingWhere((f) => f.weakness.startsWith("Adobe Acrobat Reader"));
    const stored = data.items.find((item) => item.finding.id === extended.id)!;
    const { dueDate, targetDate } = computeItem(stored, data, TODAY);
    const risk = riskOf(itemById(extended.id));
    expect(dueDate).toBe(extended.extendedTo);
    expect(risk.deadline).toBe(`${dueDate}T00:00:00Z`);
    expect(risk.props).toContainEqual({ name: "target-date", ns: POAM_NS, value: targetDate });
    expect(risk.remediations[0].remarks).toContain("Vendor plug-in for drawing review not yet certified");
  });

  it("turns the item's milestones into dated milestone tasks and logs the completed ones", () => {
    const finding = findingWhere((f) => f.weakness.startsWith("Backup NAS encrypts"));
    const risk = riskOf(itemById(finding.id));
    const tasks = risk.remediations[0].tasks;
    const milestones = demo.milestones!.filter((m) => m.poamId === finding.id);
    expect(tasks.map((t: any) => [t.type, t.title, t.timing["on-date"].date])).toEqual(
      milestones.map((m) => ["milestone", m.milestone, `${m.dueDate}T00:00:00Z`]),
    );
    const done = milestones.filter((m) => m.completedOn);
    expect(risk["risk-log"].entries.map((e: any) => [e.start, e["related-responses"][0]["related-tasks"][0]["task-uuid"]])).toEqual(
      done.map((m) => [`${m.completedOn}T00:00:00Z`, tasks[milestones.indexOf(m)].uuid]),
    );
  });

  it("carries the CVSS score, priority and CVEs as facets", () => {
    const finding = findingWhere((f) => f.weakness.startsWith("Microsoft Windows security update"));
    const risk = riskOf(itemById(finding.id));
    expect(risk.characterizations[0].facets).toEqual([
      { name: "priority", system: POAM_NS, value: "Critical" },
      { name: "cvss-base-score", system: POAM_NS, value: "9.8" },
      { name: "cve-id", system: "http://cve.mitre.org", value: "CVE-2023-36884" },
    ]);
    const log4j = riskOf(itemById(findingWhere((f) => f.weakness.includes("Log4Shell")).id));
    expect(log4j.characterizations[0].facets).toContainEqual({ name: "cvss-base-score", system: POAM_NS, value: "10.0" });
  });

  it("closes a closed item's risk, with who verified it and when", () => {
    const finding = findingWhere((f) => f.status === "Closed" && f.weakness.includes("Log4Shell"));
    const risk = riskOf(itemById(finding.id));
    expect(risk.status).toBe("closed");
    const closure = risk["risk-log"].entries.at(-1);
    expect(closure).toMatchObject({
      start: `${finding.completedOn}T00:00:00Z`,
      "status-change": "closed",
      "logged-by": [{ "party-uuid": partyNamed("Sam Patel").uuid, "role-id": "verifier" }],
    });
    expect(closure.description).toContain(finding.evidence);
    const accepted = riskOf(itemById(findingWhere((f) => f.status === "Risk Accepted").id));
    expect(accepted.status).toBe("deviation-approved");
    expect(accepted.remediations[0].props).toContainEqual({ name: "type", value: "accept" });
  });

  it("names the owner, implementer and approver behind the remediation", () => {
    const finding = findingWhere((f) => f.owner === "Jordan Blake");
    const remediation = riskOf(itemById(finding.id)).remediations[0];
    expect(remediation.origins[0].actors).toEqual([
      { type: "party", "actor-uuid": partyNamed("Jordan Blake").uuid, "role-id": "item-owner" },
      { type: "party", "actor-uuid": partyNamed("Dana Ortiz").uuid, "role-id": "implementer" },
      { type: "party", "actor-uuid": partyNamed("Morgan Reyes").uuid, "role-id": "approver" },
    ]);
    const owners = poam.metadata["responsible-parties"].find((r: any) => r["role-id"] === "item-owner");
    expect(owners["party-uuids"]).toContain(partyNamed("Jordan Blake").uuid);
    expect(owners["party-uuids"]).not.toContain(partyNamed("Morgan Reyes").uuid);
  });

  it("links each item to its requirement, observation and risk", () => {
    const finding = findingWhere((f) => f.weakness.startsWith("TLS 1.0 protocol"));
    const item = itemById(finding.id);
    expect(item.title).toBe(finding.weakness);
    expect(item.props).toEqual(expect.arrayContaining([
      { name: "requirement", ns: POAM_NS, class: "nist-sp-800-171-rev2", value: "3.13.8" },
      { name: "cmmc-practice", ns: POAM_NS, class: "cmmc-level-2", value: "SC.L2-3.13.8" },
      { name: "item-type", ns: POAM_NS, value: "Vulnerability (scan finding)" },
    ]));
    const observation = poam.observations.find((o: any) => o.uuid === item["related-observations"][0]["observation-uuid"]);
    expect(observation).toMatchObject({ methods: ["TEST"], types: ["finding"], collected: `${finding.discovered}T00:00:00Z` });
    expect(riskOf(item).statement).toMatch(/^Until this weakness is remediated, NIST SP 800-171 Rev\. 2 requirement 3\.13\.8 \(CMMC SC\.L2-3\.13\.8\)/);
    expect(riskOf(item)["related-observations"]).toEqual([{ "observation-uuid": observation.uuid }]);
  });

  it("lists each asset once and points the observations at them", () => {
    const inventory = poam["local-definitions"]["inventory-items"];
    const files01 = inventory.filter((a: any) => a.description === "files01.cui.local");
    expect(files01).toHaveLength(1);
    expect(counts.assets).toBe(inventory.length);
    const smb = itemById(findingWhere((f) => f.weakness === "SMB signing not required").id);
    const observation = poam.observations.find((o: any) => o.uuid === smb["related-observations"][0]["observation-uuid"]);
    expect(observation.subjects.map((s: any) => [s.type, s.title])).toEqual([
      ["inventory-item", "files01.cui.local"],
      ["inventory-item", "dc01.cui.local"],
    ]);
    expect(observation.subjects[0]["subject-uuid"]).toBe(files01[0].uuid);
  });

  it("gives the same UUIDs when exported again and different ones for different things", () => {
    const again = oscalPoam(poamDataOf(buildDemoData(TODAY)), { now: new Date("2027-01-02T08:00:00Z"), today: TODAY });
    const strip = (doc: object) => JSON.stringify(doc).replace(/"last-modified":"[^"]+"/, "");
    expect(strip(again.document)).toBe(strip(document));
    expect(poamOf(again.document).uuid).toBe(poam.uuid);

    const uuids = valuesOf(poam, "uuid") as string[];
    expect(uuids.length).toBeGreaterThan(200);
    expect(new Set(uuids).size).toBe(uuids.length);
  });

  it("gives another system's items other UUIDs", () => {
    const other = oscalPoam(poamDataOf({ ...demo, settings: { ...demo.settings, systemName: "Engineering LAN" } }), { now: NOW, today: TODAY });
    const first = (doc: object) => poamOf(doc)["poam-items"][0].uuid as string;
    expect(first(other.document)).not.toBe(first(document));
    expect(poamOf(other.document).uuid).not.toBe(poam.uuid);
  });
});

describe("oscalPoam on small workbooks", () => {
  it("exports a POA&M with no items as one valid 'no items' entry", () => {
    const { document, counts } = oscalPoam(poamDataOf({}), { now: NOW, today: TODAY });
    const poam = poamOf(document);
    expect(schemaErrors(document)).toEqual([]);
    expect(poam["poam-items"]).toEqual([expect.objectContaining({ title: "No POA&M items", description: `The workbook records no weaknesses as of ${TODAY}.` })]);
    expect(poam.observations).toBeUndefined();
    expect(poam.risks).toBeUndefined();
    expect(poam["local-definitions"]).toBeUndefined();
    expect(poam.metadata.title).toBe("Plan of Action and Milestones");
    expect(counts).toMatchObject({ items: 0, observations: 0, risks: 0, milestones: 0, parties: 1 });
  });

  it("exports items without milestones, leaving out what the rows leave blank", () => {
    const findings = [
      aFinding({ id: "POAM-2026-0101", owner: undefined, description: "   ", rootCause: " \n ", ticket: "  ", status: "Open" }),
      aFinding({
        id: "POAM-2026-0102",
        cvss: 5.3,
        assets: "  ",
        sourceRef: "Nessus 57608\r\n  (rescan)",
        rootCause: "GPO not linked",
        plannedActions: "Set the lockout threshold by GPO.",
      }),
    ];
    const { document, counts } = oscalPoam(poamDataOf({ findings, settings: SETTINGS }), { now: NOW, today: TODAY });
    const poam = poamOf(document);
    expect(schemaErrors(document)).toEqual([]);
    expect(valuesOf(poam, "tasks")).toEqual([]);
    expect(stringsOf(poam).filter((s) => s.trim() === "")).toEqual([]);
    expect(poam["local-definitions"]).toBeUndefined();
    expect(poam.observations[0].subjects).toBeUndefined();
    expect(poam.observations[0].description).toBe("Account lockout not configured");
    expect(poam.observations[0].remarks).toBeUndefined();
    expect(poam["poam-items"][0].props.map((p: any) => p.name)).not.toContain("ticket");
    expect(poam.observations[1].props).toContainEqual({ name: "source-reference", ns: POAM_NS, value: "Nessus 57608 (rescan)" });
    expect(poam.observations[1].remarks).toBe("Root cause: GPO not linked");
    expect(poam.risks[0].remediations).toBeUndefined();
    expect(poam.risks[1].remediations[0].description).toBe("Set the lockout threshold by GPO.");
    expect(counts.milestones).toBe(0);
  });

  it("keeps non-ASCII text intact", () => {
    const text = "Überprüfung – 測試 ✓";
    const findings = [
      aFinding({
        id: "POAM-2026-0201",
        weakness: text,
        description: `${text}\nZweite Zeile: Prüfbericht «Entwurf»`,
        assets: "Ärzte-PC-01; 測試機",
        owner: "Zoë Ångström",
        comments: "Kommentar 😀",
      }),
    ];
    const data = poamDataOf({
      findings,
      milestones: [aMilestone({ poamId: "POAM-2026-0201", milestone: "Schritt 1 – Überprüfung" })],
      people: [{ name: "Zoë Ångström", role: "Leiterin IT", email: "zoe@example.de" }],
      settings: { organisation: "Müller & Söhne GmbH", systemName: "Fertigung – CUI" },
    });
    const { document } = oscalPoam(data, { now: NOW, today: TODAY });
    expect(schemaErrors(document)).toEqual([]);
    const poam = poamOf(JSON.parse(JSON.stringify(document)));
    expect(poam.metadata.title).toBe("Müller & Söhne GmbH – Fertigung – CUI POA&M");
    expect(poam["poam-items"][0]).toMatchObject({ title: text, description: `${text}\nZweite Zeile: Prüfbericht «Entwurf»`, remarks: "Kommentar 😀" });
    expect(poam["local-definitions"]["inventory-items"].map((a: any) => a.description)).toEqual(["Ärzte-PC-01", "測試機"]);
    expect(poam.risks[0].remediations[0].tasks[0].title).toBe("Schritt 1 – Überprüfung");
    expect(poam.metadata.parties.map((p: any) => p.name)).toEqual(["Müller & Söhne GmbH", "Zoë Ångström"]);
  });

  it("keeps an address the schema would reject out of email-addresses, and names people the items mention", () => {
    const findings = [aFinding({ id: "POAM-2026-0301", owner: "dana  ortiz", implementer: "Pat Unlisted" })];
    const data = poamDataOf({ findings, people: [{ name: "Dana Ortiz", email: "dana at example" }], settings: SETTINGS });
    const { document } = oscalPoam(data, { now: NOW, today: TODAY });
    const poam = poamOf(document);
    expect(schemaErrors(document)).toEqual([]);
    const [dana, pat] = poam.metadata.parties.slice(1);
    expect(dana).toMatchObject({ name: "Dana Ortiz", remarks: "Email as recorded: dana at example" });
    expect(dana["email-addresses"]).toBeUndefined();
    expect(pat).toMatchObject({ name: "Pat Unlisted", remarks: "Named on the POA&M but not listed in People." });
    expect(poam.risks[0].remediations[0].origins[0].actors.map((a: any) => a["actor-uuid"])).toEqual([dana.uuid, pat.uuid]);
  });

  it("keeps repeated POA&M IDs apart and counts milestones that match no item", () => {
    const findings = [aFinding({ id: "POAM-2026-0401" }), aFinding({ id: "poam-2026-0401 " }), aFinding({ id: "", weakness: "No ID yet" })];
    const data = poamDataOf({ findings, milestones: [aMilestone({ poamId: "POAM-2026-0401" }), aMilestone({ poamId: "POAM-2026-9999" })] });
    const { document, counts } = oscalPoam(data, { now: NOW, today: TODAY });
    const poam = poamOf(document);
    expect(schemaErrors(document)).toEqual([]);
    const uuids = poam["poam-items"].map((item: any) => item.uuid);
    expect(new Set(uuids).size).toBe(3);
    expect(counts).toMatchObject({ items: 3, milestones: 1, unmatchedMilestones: 1 });
  });

  it("does not stop at a date typed as text", () => {
    const data = poamDataOf({ findings: [aFinding({ id: "POAM-2026-0501" })] });
    const finding = { ...data.items[0].finding, discovered: "last week", extendedTo: "soon", completedOn: "n/a" };
    const { document } = oscalPoam({ ...data, items: [{ ...data.items[0], finding }] }, { now: NOW, today: TODAY });
    const poam = poamOf(document);
    expect(schemaErrors(document)).toEqual([]);
    expect(poam.observations[0].collected).toBe(`${TODAY}T00:00:00Z`);
    expect(poam.risks[0].deadline).toBeUndefined();
  });
});

describe("assetList", () => {
  it.each([
    ["ENG-WS-04, ENG-WS-07", ["ENG-WS-04", "ENG-WS-07"], 0],
    ["a;b\nc,, d ", ["a", "b", "c", "d"], 0],
    ["10.0.0.5 (web01), 10.0.0.6 …and 12 more", ["10.0.0.5 (web01)", "10.0.0.6"], 12],
    ["…and 3 more", [], 3],
    ["ENG-WS-01..ENG-WS-09", ["ENG-WS-01..ENG-WS-09"], 0],
    ["", [], 0],
  ])("reads %j", (text, entries, unlisted) => {
    expect(assetList(text)).toEqual({ entries, unlisted });
  });

  it("counts a host once whether or not its name is given", () => {
    const findings = [aFinding({ assets: "10.0.0.5 (web01)" }), aFinding({ assets: "10.0.0.5, 10.0.0.7 …and 2 more" })];
    const { document } = oscalPoam(poamDataOf({ findings }), { now: NOW, today: TODAY });
    const poam = poamOf(document);
    expect(poam["local-definitions"]["inventory-items"].map((a: any) => a.description)).toEqual(["10.0.0.5 (web01)", "10.0.0.7"]);
    expect(poam.observations[1].remarks).toBe("The workbook counts 2 further assets without naming them.");
  });
});

describe("riskStatus", () => {
  const closed = new Set(["Completed", "Closed"]);
  it.each([
    ["Open", "open"],
    ["In Progress", "remediating"],
    ["Risk Accepted", "deviation-approved"],
    ["Deferred", "open"],
    ["Completed", "closed"],
    ["Closed", "closed"],
    [undefined, "open"],
  ])("maps %s to %s", (status, expected) => {
    expect(riskStatus(status, closed)).toBe(expected);
  });
});

describe("OSCAL_HOMES", () => {
  it("says where every Poam column goes, or why it goes nowhere", () => {
    expect(Object.keys(OSCAL_HOMES).sort()).toEqual(POAM_COLUMNS.map((c) => c.header).sort());
    const { counts } = oscalPoam(poamDataOf({}), { now: NOW, today: TODAY });
    expect(counts.unmappedColumns.map((c) => c.column)).toEqual(["Family", "Days Open", "Days Left", "State", "SPRS Points", "CMMC POA&M OK"]);
  });
});
