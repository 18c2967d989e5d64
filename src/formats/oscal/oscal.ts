/**
 * The POA&M as an OSCAL 1.1.3 plan of action and milestones (JSON), for the
 * assessors and GRC tools that read OSCAL (README, "Exports for assessors"). Each Poam row becomes an
 * observation (what was found), a risk (what it exposes, by when it is fixed,
 * how, with its milestones as tasks) and a poam-item that ties the two
 * together. Identifiers are name-based UUIDs, so exporting the same workbook
 * twice gives the same document apart from its timestamp.
 */
import { DERIVED_COLUMNS } from "../../domain/workbook/schema";
import { isClosedStatus, type ClosedStatuses } from "../../domain/poam/closedStatuses";
import { isIsoDate, localToday, type IsoDate } from "../../domain/core/dates";
import type { PoamData, StoredItem } from "../../domain/poam/poamData";
import { idKey, milestonesById } from "../../domain/poam/poamIds";
import type { Finding, Milestone, Person } from "../../domain/poam/records";
import { findRequirement } from "../../domain/compliance/requirements";
import { uuidV5 } from "./uuid";
import { type ComputedItem, computeItem, reportDate } from "../../domain/poam/computeItem";

export const OSCAL_VERSION = "1.1.3";

/**
 * The namespace of the props and facets this export names itself. OSCAL
 * reserves names without a namespace for its own vocabulary, so others carry
 * one, as FedRAMP's carry https://fedramp.gov/ns/oscal. A namespace identifies
 * and need not resolve; the reserved `.example` domain marks it as this
 * project's own until the project has a domain of its own.
 */
export const POAM_NS = "https://poam-workbench.example/ns/oscal";

/** A random UUID fixed for this project: every UUID the export derives descends from it. */
const PROJECT_NAMESPACE = "07a2b5e7-b9bc-4ae3-b8ea-11d6a3e24986";

/** The facet system of CVE identifiers, as FedRAMP's template uses it. */
const CVE_SYSTEM = "http://cve.mitre.org";

export interface OscalOptions {
  /** The moment of export: the document's last-modified time. */
  readonly now: Date;
  /** The date to report on when Settings has no "As of" date; defaults to `now`'s local date. */
  readonly today?: IsoDate;
}

/** A JSON object of the OSCAL document. */
export type OscalObject = { readonly [field: string]: unknown };

export interface OscalDocument {
  readonly "plan-of-action-and-milestones": OscalObject;
}

export interface OscalCounts {
  /** Poam rows exported; a POA&M with none still holds one "no items" poam-item, which OSCAL requires. */
  readonly items: number;
  readonly observations: number;
  readonly risks: number;
  /** Milestones exported as tasks. */
  readonly milestones: number;
  /** Milestones whose POA&M ID matches no item, left out. */
  readonly unmatchedMilestones: number;
  /** Distinct assets, as inventory items. */
  readonly assets: number;
  readonly parties: number;
  /** The Poam columns the document does not carry, and why. */
  readonly unmappedColumns: readonly { readonly column: string; readonly reason: string }[];
}

export interface OscalExport {
  readonly document: OscalDocument;
  readonly counts: OscalCounts;
}

type Home = { readonly path: string } | { readonly none: string };

const COMPUTED = "Worked out from other columns as of the report date; a reader of the OSCAL derives it again.";

/** Where each Poam column goes in the document, or why it goes nowhere. */
export const OSCAL_HOMES: Readonly<Record<string, Home>> = {
  "POA&M ID": { path: "poam-items[].props[poam-id]" },
  "Item Type": { path: "poam-items[].props[item-type]" },
  Requirement: { path: "poam-items[].props[requirement, cmmc-practice]; risks[].props[impacted-control-id]; risks[].statement" },
  Family: { none: "Follows from the requirement (its first part names the family)." },
  Weakness: { path: "poam-items[].title; observations[].title; risks[].title" },
  Description: { path: "poam-items[].description; observations[].description; risks[].description" },
  "Root Cause": { path: "observations[].remarks" },
  Source: { path: "observations[].methods; observations[].props[source]; poam-items[].origins (self-assessment: the organisation)" },
  "Source Ref": { path: "observations[].props[source-reference]; risks[].characterizations[].facets[cve-id]" },
  Assets: { path: "local-definitions.inventory-items; observations[].subjects" },
  Discovered: { path: "observations[].collected" },
  CVSS: { path: "risks[].characterizations[].facets[cvss-base-score]" },
  Priority: { path: "risks[].characterizations[].facets[priority]; poam-items[].props[priority]" },
  Owner: { path: "risks[].remediations[].origins[].actors[role-id=item-owner]; metadata.responsible-parties[item-owner]" },
  Implementer: { path: "risks[].remediations[].origins[].actors[role-id=implementer]; tasks[].responsible-roles; metadata.responsible-parties[implementer]" },
  Approver: { path: "risks[].remediations[].origins[].actors[role-id=approver]; metadata.responsible-parties[approver]" },
  "Planned Actions": { path: "risks[].remediations[].description" },
  "Acceptance Criteria": { path: "risks[].remediations[].remarks" },
  Resources: { path: "risks[].remediations[].required-assets[].description" },
  "Est. Cost": { path: "risks[].remediations[].props[estimated-cost]" },
  "Interim Mitigation": { path: "risks[].mitigating-factors[].description" },
  "Target Date": { path: "risks[].props[target-date] (when an extension moved the deadline)" },
  "Extended To": { path: "risks[].deadline" },
  "Extension Reason": { path: "risks[].remediations[].remarks" },
  "Due Date": { path: "risks[].deadline" },
  Status: { path: "risks[].status; poam-items[].props[status]" },
  "Completed On": { path: "risks[].risk-log.entries[status-change=closed].start" },
  "Verified By": { path: "risks[].risk-log.entries[status-change=closed].logged-by" },
  Evidence: { path: "risks[].risk-log.entries[status-change=closed].description" },
  Ticket: { path: "poam-items[].props[ticket]" },
  "Residual Risk": { path: "risks[].characterizations[].facets[residual-risk]" },
  ...Object.fromEntries(DERIVED_COLUMNS.map((column) => [column, { none: COMPUTED }])),
  Updated: { path: "poam-items[].props[updated]" },
  Comments: { path: "poam-items[].remarks" },
};

type RoleId = "prepared-for" | "item-owner" | "implementer" | "approver" | "verifier";

const ROLES: readonly { readonly id: RoleId; readonly title: string; readonly description: string }[] = [
  { id: "prepared-for", title: "Prepared For", description: "The organisation whose system this POA&M covers." },
  { id: "item-owner", title: "POA&M Item Owner", description: "Answers for remediating an item (the workbook's Owner)." },
  { id: "implementer", title: "Implementer", description: "Carries out an item's remediation (Implementer)." },
  { id: "approver", title: "Approver", description: "Approves an item's plan, extensions and risk acceptance (Approver)." },
  { id: "verifier", title: "Verifier", description: "Verified that a closed item was remediated (Verified By)." },
];

/** The people columns of an item and the role each stands for. */
const PERSON_ROLES: readonly { readonly field: "owner" | "implementer" | "approver"; readonly role: RoleId }[] = [
  { field: "owner", role: "item-owner" },
  { field: "implementer", role: "implementer" },
  { field: "approver", role: "approver" },
];

/** OSCAL observation methods by Source: scans and penetration tests exercise the system; assessments and audits examine it. */
const METHOD_BY_SOURCE: Readonly<Record<string, string>> = {
  "Vulnerability scan": "TEST",
  "Penetration test": "TEST",
  "Self-assessment": "EXAMINE",
  "Third-party assessment": "EXAMINE",
  Audit: "EXAMINE",
};

// ---------------------------------------------------------------------------
// Text and values as OSCAL accepts them

/**
 * Single-line text (titles, names, prop and facet values), or undefined when
 * blank: OSCAL's string type admits no line breaks and no outer spaces.
 */
function line(text: string | undefined): string | undefined {
  const value = text?.replace(/\s+/gu, " ").trim();
  return value ? value : undefined;
}

/** Multi-line text (descriptions, remarks) with its line breaks, or undefined when blank. */
function block(text: string | undefined): string | undefined {
  const value = text?.replace(/\r\n?/g, "\n").trim();
  return value ? value : undefined;
}

/** Paragraphs of remarks, skipping the blank ones. */
function paragraphs(...texts: (string | undefined)[]): string | undefined {
  return block(texts.filter((t) => t !== undefined && t.trim() !== "").join("\n\n"));
}

/**
 * A calendar date as an OSCAL date-time. The workbook's dates carry no time
 * or zone, so midnight UTC stands for the day, as FedRAMP's template does.
 * Dates outside the years 1900–2999 are left out: the schema's pattern allows
 * no others.
 */
function dateTime(date: IsoDate | undefined): string | undefined {
  if (date === undefined || !isIsoDate(date)) return undefined;
  const year = Number(date.slice(0, 4));
  return year >= 1900 && year <= 2999 ? `${date}T00:00:00Z` : undefined;
}

/**
 * The export moment in UTC: a local offset would read better, but the schema
 * lists only whole, half and some quarter hours, and Chatham's +13:45 is not
 * among them.
 */
const timestamp = (now: Date) => now.toISOString().replace(/\.\d{3}Z$/, "Z");

/** The address form ajv-formats checks `email` against; others stay in the party's remarks. */
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** `fields` without those that are undefined or empty lists: OSCAL forbids empty arrays, and absent reads better than blank. */
function compact(fields: Record<string, unknown>): OscalObject {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)));
}

function prop(name: string, value: string | undefined, extra: { ns?: string; class?: string } = { ns: POAM_NS }): OscalObject | undefined {
  const text = line(value);
  return text === undefined ? undefined : compact({ name, ns: extra.ns, value: text, class: extra.class });
}

const defined = <T>(values: readonly (T | undefined)[]): T[] => values.filter((v): v is T => v !== undefined);

/** A name as it is matched and hashed: case, spacing and Unicode form aside ("dana  ortiz" is Dana Ortiz). */
const nameKey = (name: string) => name.normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase();

// ---------------------------------------------------------------------------
// Assets

/** The "…and 12 more" an import appends when a cell cannot list every host. */
const MORE = /\s*(?:…|\.\.\.)\s*and\s+(\d+)\s+more\s*$/iu;

export interface AssetList {
  readonly entries: readonly string[];
  /** Assets counted by a "…and N more" tail but not named. */
  readonly unlisted: number;
}

/** The assets an Assets cell names: split on commas, semicolons and line breaks, without a "…and N more" tail. */
export function assetList(text: string | undefined): AssetList {
  const more = MORE.exec(text ?? "");
  const listed = (text ?? "").replace(MORE, "");
  return {
    entries: defined(listed.split(/[,;\r\n]+/).map(line)),
    unlisted: more ? Number(more[1]) : 0,
  };
}

/** The host of an asset entry: the address before any " (name)" a scan import adds. */
const hostOf = (entry: string) => entry.replace(/\s*\(.*$/u, "").trim() || entry;

/** The identity of an asset entry: its host, ignoring case, as the scan import matches them. */
const assetKey = (entry: string) => hostOf(entry).normalize("NFC").toLowerCase();

// ---------------------------------------------------------------------------
// The document

/** One Poam row with what the export derives from it. */
interface ExportItem {
  readonly finding: StoredItem["finding"];
  /** The name its UUIDs derive from: the POA&M ID, or the row when there is none. */
  readonly key: string;
  readonly computed: ComputedItem;
  readonly milestones: readonly Milestone[];
  readonly assets: AssetList;
}

interface Context {
  readonly data: PoamData;
  readonly now: Date;
  readonly asOf: IsoDate;
  /** The UUID of `name` within this POA&M. */
  readonly uuid: (name: string) => string;
  readonly organisationUuid: string;
  /** Party UUIDs by `nameKey`. */
  readonly people: ReadonlyMap<string, string>;
  /** Inventory-item UUIDs by `assetKey`. */
  readonly assets: ReadonlyMap<string, string>;
}

/**
 * The POA&M in `data` as an OSCAL 1.1.3 POA&M document, with a summary of
 * what went in. Figures such as due dates are computed on the report date:
 * Settings "As of", else `options.today`, else `options.now`'s date.
 */
export function oscalPoam(data: PoamData, options: OscalOptions): OscalExport {
  const asOf = reportDate(data, options.today ?? localToday(options.now));
  const { organisation, systemName } = data.settings;
  // Per subject, as OSCAL asks: the same organisation and system keep their UUIDs across revisions.
  const subject = `${nameKey(organisation)}|${nameKey(systemName)}`;
  const documentUuid = uuidV5(`poam:${subject}`, PROJECT_NAMESPACE);
  const uuid = (name: string) => uuidV5(name, documentUuid);

  const items = exportItems(data, asOf);
  const people = peopleOf(data, items, uuid);
  const inventory = inventoryOf(items, uuid);
  const context: Context = {
    data,
    now: options.now,
    asOf,
    uuid,
    organisationUuid: uuid("organisation"),
    people: new Map(people.map((p) => [p.key, p.uuid])),
    assets: new Map(inventory.map((a) => [a.key, a.uuid])),
  };

  const poam = compact({
    uuid: documentUuid,
    metadata: metadataOf(context, items, people),
    "system-id": { "identifier-type": "https://ietf.org/rfc/rfc4122", id: uuidV5(`system:${subject}`, PROJECT_NAMESPACE) },
    "local-definitions": inventory.length === 0 ? undefined : { "inventory-items": inventory.map((a) => a.item) },
    observations: items.map((item) => observationOf(context, item)),
    risks: items.map((item) => riskOf(context, item)),
    "poam-items": items.length === 0 ? [noItems(context)] : items.map((item) => poamItemOf(context, item)),
  });

  const exported = new Set(items.map((item) => item.milestones).flat());
  return {
    document: { "plan-of-action-and-milestones": poam },
    counts: {
      items: items.length,
      observations: items.length,
      risks: items.length,
      milestones: exported.size,
      unmatchedMilestones: data.milestones.filter((m) => !exported.has(m)).length,
      assets: inventory.length,
      parties: people.length + 1,
      unmappedColumns: Object.entries(OSCAL_HOMES).flatMap(([column, home]) => ("none" in home ? [{ column, reason: home.none }] : [])),
    },
  };
}

/** The Poam rows with their keys, figures, milestones and assets. A repeated POA&M ID gets "#2", "#3"… so UUIDs stay distinct. */
function exportItems(data: PoamData, asOf: IsoDate): ExportItem[] {
  const byItem = milestonesById(data.milestones);
  const seen = new Map<string, number>();
  return data.items.map((item) => {
    const id = idKey(item.finding.id);
    const base = id === "" ? `row ${item.row}` : id;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return {
      finding: item.finding,
      key: count === 1 ? base : `${base}#${count}`,
      computed: computeItem(withCalendarDates(item), data, asOf),
      // Milestones go to the first item with their ID; a repeated ID is a data error the checks report.
      milestones: id !== "" && count === 1 ? (byItem.get(id) ?? []) : [],
      assets: assetList(item.finding.assets),
    };
  });
}

/**
 * The item with dates typed as text (a cell Excel did not take as a date)
 * left out: the due-date maths needs calendar dates and would stop on text.
 */
function withCalendarDates(item: StoredItem): StoredItem {
  const date = (value: string | undefined) => (value !== undefined && isIsoDate(value) ? value : undefined);
  const { discovered, extendedTo, completedOn } = item.finding;
  return { ...item, finding: { ...item.finding, discovered: date(discovered), extendedTo: date(extendedTo), completedOn: date(completedOn) } };
}

interface PersonParty {
  readonly key: string;
  readonly uuid: string;
  readonly person: Person;
  /** Named on the POA&M but not in People. */
  readonly unlisted: boolean;
}

/** Everyone in People, then anyone the items name who is not there, once each. */
function peopleOf(data: PoamData, items: readonly ExportItem[], uuid: (name: string) => string): PersonParty[] {
  const people = new Map<string, PersonParty>();
  const add = (person: Person, unlisted: boolean) => {
    const name = line(person.name);
    if (name === undefined) return;
    const key = nameKey(name);
    if (!people.has(key)) people.set(key, { key, uuid: uuid(`party:${key}`), person: { ...person, name }, unlisted });
  };
  data.people.forEach((person) => add(person, false));
  for (const { finding } of items) {
    for (const name of [finding.owner, finding.implementer, finding.approver, finding.verifiedBy]) add({ name: name ?? "" }, true);
  }
  return [...people.values()];
}

/** Each asset the items name, once, as an inventory item. */
function inventoryOf(items: readonly ExportItem[], uuid: (name: string) => string) {
  const assets = new Map<string, { key: string; uuid: string; item: OscalObject }>();
  for (const entry of items.flatMap((item) => item.assets.entries)) {
    const key = assetKey(entry);
    if (assets.has(key)) continue;
    const id = uuid(`asset:${key}`);
    assets.set(key, {
      key,
      uuid: id,
      item: { uuid: id, description: entry, props: defined([prop("asset-id", hostOf(entry), {})]) },
    });
  }
  return [...assets.values()];
}

function metadataOf(context: Context, items: readonly ExportItem[], people: readonly PersonParty[]): OscalObject {
  const { organisation, systemName } = context.data.settings;
  const named = defined([line(organisation), line(systemName)]);
  const organisationParty = compact({
    uuid: context.organisationUuid,
    type: "organization",
    name: line(organisation),
    remarks: line(organisation) ? undefined : "The workbook's Settings name no organisation.",
  });
  const personParties = people.map(({ uuid, person, unlisted }) => {
    const email = line(person.email);
    const valid = email !== undefined && EMAIL.test(email);
    return compact({
      uuid,
      type: "person",
      name: person.name,
      props: defined([prop("job-title", person.role, {})]),
      "email-addresses": valid ? [email] : undefined,
      "member-of-organizations": [context.organisationUuid],
      remarks: paragraphs(unlisted ? "Named on the POA&M but not listed in People." : undefined, email && !valid ? `Email as recorded: ${email}` : undefined),
    });
  });
  const partiesIn = (field: "owner" | "implementer" | "approver" | "verifiedBy") =>
    [...new Set(defined(items.map(({ finding }) => partyOf(context, finding[field]))))];
  const responsible: [RoleId, string[]][] = [
    ["prepared-for", [context.organisationUuid]],
    ["item-owner", partiesIn("owner")],
    ["implementer", partiesIn("implementer")],
    ["approver", partiesIn("approver")],
    ["verifier", partiesIn("verifiedBy")],
  ];
  return compact({
    title: named.length === 0 ? "Plan of Action and Milestones" : `${named.join(" – ")} POA&M`,
    "last-modified": timestamp(context.now),
    version: context.asOf,
    "oscal-version": OSCAL_VERSION,
    roles: ROLES,
    parties: [organisationParty, ...personParties],
    "responsible-parties": responsible.filter(([, uuids]) => uuids.length > 0).map(([role, uuids]) => ({ "role-id": role, "party-uuids": uuids })),
  });
}

function partyOf(context: Context, name: string | undefined): string | undefined {
  const text = line(name);
  return text === undefined ? undefined : context.people.get(nameKey(text));
}

/** The organisation as the actor of what it did itself: its self-assessment, its own ratings. */
const organisationActor = (context: Context) => ({ type: "party", "actor-uuid": context.organisationUuid });

const titleOf = (finding: Partial<Finding>) => line(finding.weakness) ?? line(finding.id) ?? "Untitled weakness";
const descriptionOf = (finding: Partial<Finding>) => block(finding.description) ?? titleOf(finding);

function observationOf(context: Context, item: ExportItem): OscalObject {
  const { finding, assets } = item;
  const source = line(finding.source);
  return compact({
    uuid: context.uuid(`observation:${item.key}`),
    title: titleOf(finding),
    description: descriptionOf(finding),
    props: defined([prop("source", source), prop("source-reference", finding.sourceRef)]),
    methods: [METHOD_BY_SOURCE[source ?? ""] ?? "UNKNOWN"],
    types: ["finding"],
    origins: source === "Self-assessment" ? [{ actors: [organisationActor(context)] }] : undefined,
    subjects: assets.entries.map((entry) => ({ "subject-uuid": context.assets.get(assetKey(entry)), type: "inventory-item", title: entry })),
    // Collected is required; an item without a discovery date is dated on the report date.
    collected: dateTime(finding.discovered) ?? dateTime(context.asOf) ?? timestamp(context.now),
    remarks: paragraphs(
      block(finding.rootCause) && `Root cause: ${block(finding.rootCause)}`,
      assets.unlisted > 0 ? `The workbook counts ${assets.unlisted} further asset${assets.unlisted === 1 ? "" : "s"} without naming them.` : undefined,
    ),
  });
}

/** OSCAL's risk status for a workbook status: closed statuses close, accepted risks are approved deviations, work in progress is remediating. */
export function riskStatus(status: string | undefined, closedStatuses: ClosedStatuses): string {
  const value = status?.trim() ?? "";
  if (isClosedStatus(value, closedStatuses)) return "closed";
  if (value === "Risk Accepted") return "deviation-approved";
  if (value === "In Progress") return "remediating";
  return "open";
}

function riskStatement(finding: Partial<Finding>): string {
  const id = line(finding.requirement);
  if (id === undefined) return "The workbook names no NIST SP 800-171 requirement for this weakness.";
  const requirement = findRequirement(id);
  if (requirement === undefined) return `Until this weakness is remediated, requirement ${id} is not fully met.`;
  return `Until this weakness is remediated, NIST SP 800-171 Rev. 2 requirement ${requirement.id} (CMMC ${requirement.cmmcId}) is not fully met: ${requirement.statement}`;
}

const CVE = /\bCVE-\d{4}-\d{4,}\b/gi;

function characterizationOf(context: Context, finding: Partial<Finding>): OscalObject | undefined {
  const cves = new Set(((finding.sourceRef ?? "").match(CVE) ?? []).map((cve) => cve.toUpperCase()));
  const facets = defined([
    facet("priority", POAM_NS, finding.priority),
    // The CVSS column does not say which CVSS version scored it, so the score cannot claim a first.org system.
    facet("cvss-base-score", POAM_NS, finding.cvss === undefined ? undefined : finding.cvss.toFixed(1)),
    ...[...cves].map((cve) => facet("cve-id", CVE_SYSTEM, cve)),
    facet("residual-risk", POAM_NS, finding.residualRisk),
  ]);
  return facets.length === 0 ? undefined : { origin: { actors: [organisationActor(context)] }, facets };
}

function facet(name: string, system: string, value: string | undefined): OscalObject | undefined {
  const text = line(value);
  return text === undefined ? undefined : { name, system, value: text };
}

function riskOf(context: Context, item: ExportItem): OscalObject {
  const { finding, computed } = item;
  const extended = computed.targetDate !== undefined && computed.dueDate !== computed.targetDate;
  const remediation = remediationOf(context, item);
  return compact({
    uuid: context.uuid(`risk:${item.key}`),
    title: titleOf(finding),
    description: descriptionOf(finding),
    statement: riskStatement(finding),
    props: defined([prop("impacted-control-id", finding.requirement), extended ? prop("target-date", computed.targetDate) : undefined]),
    status: riskStatus(finding.status, context.data.closedStatuses),
    characterizations: defined([characterizationOf(context, finding)]),
    "mitigating-factors": finding.interimMitigation?.trim()
      ? [{ uuid: context.uuid(`mitigating-factor:${item.key}`), description: block(finding.interimMitigation) }]
      : undefined,
    deadline: dateTime(computed.dueDate),
    remediations: remediation ? [remediation.response] : undefined,
    "risk-log": riskLogOf(context, item, remediation),
    "related-observations": [{ "observation-uuid": context.uuid(`observation:${item.key}`) }],
  });
}

interface Remediation {
  readonly uuid: string;
  readonly response: OscalObject;
  /** Task UUIDs by milestone. */
  readonly tasks: ReadonlyMap<Milestone, string>;
}

/**
 * The item's planned response: its planned actions, the people behind it,
 * resources and cost, and the milestones as tasks. Undefined when the row
 * records none of these.
 */
function remediationOf(context: Context, item: ExportItem): Remediation | undefined {
  const { finding } = item;
  const accepted = finding.status?.trim() === "Risk Accepted";
  const actors = defined(
    PERSON_ROLES.map(({ field, role }) => {
      const party = partyOf(context, finding[field]);
      return party === undefined ? undefined : { type: "party", "actor-uuid": party, "role-id": role };
    }),
  );
  const planned = [finding.plannedActions, finding.resources, finding.acceptanceCriteria, finding.extensionReason].some((t) => line(t) !== undefined);
  if (!planned && actors.length === 0 && item.milestones.length === 0 && finding.estCost === undefined) return undefined;

  const uuid = context.uuid(`remediation:${item.key}`);
  const tasks = new Map<Milestone, string>();
  const seen = new Map<string, number>();
  for (const milestone of item.milestones) {
    const name = nameKey(milestone.milestone);
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    tasks.set(milestone, context.uuid(`task:${item.key}|${name}${count === 1 ? "" : `#${count}`}`));
  }
  const doer = partyOf(context, finding.implementer);
  const owner = partyOf(context, finding.owner);
  const responsibleRoles = doer ? [{ "role-id": "implementer", "party-uuids": [doer] }] : owner ? [{ "role-id": "item-owner", "party-uuids": [owner] }] : [];
  const { targetDate, dueDate } = item.computed;
  const extension =
    finding.extendedTo && dueDate !== targetDate
      ? `Deadline extended to ${finding.extendedTo}${targetDate ? ` from ${targetDate}` : ""}${line(finding.extensionReason) ? `: ${line(finding.extensionReason)}` : "."}`
      : line(finding.extensionReason) && `Extension reason: ${line(finding.extensionReason)}`;

  return {
    uuid,
    tasks,
    response: compact({
      uuid,
      lifecycle: "planned",
      title: accepted ? "Risk acceptance" : "Planned remediation",
      description: block(finding.plannedActions) ?? "The workbook records no planned actions for this item yet.",
      props: defined([
        // OSCAL's response types; an accepted risk is accepted, everything else is being mitigated.
        prop("type", accepted ? "accept" : "mitigate", {}),
        finding.estCost === undefined ? undefined : prop("estimated-cost", finding.estCost.toFixed(2)),
      ]),
      origins: actors.length === 0 ? undefined : [{ actors }],
      "required-assets": line(finding.resources) ? [{ uuid: context.uuid(`required-asset:${item.key}`), description: block(finding.resources) }] : undefined,
      tasks: item.milestones.map((milestone, index) =>
        compact({
          uuid: tasks.get(milestone),
          type: "milestone",
          title: line(milestone.milestone) ?? `Milestone ${index + 1}`,
          description: block(milestone.notes),
          timing: dateTime(milestone.dueDate) ? { "on-date": { date: dateTime(milestone.dueDate) } } : undefined,
          "responsible-roles": responsibleRoles,
        }),
      ),
      remarks: paragraphs(line(finding.acceptanceCriteria) && `Acceptance criteria: ${block(finding.acceptanceCriteria)}`, extension),
    }),
  };
}

/** Dated events: each completed milestone, and the closure with who verified it and the evidence. */
function riskLogOf(context: Context, item: ExportItem, remediation: Remediation | undefined): OscalObject | undefined {
  const { finding } = item;
  const entries: { start: string; entry: OscalObject }[] = [];
  for (const milestone of item.milestones) {
    const start = dateTime(milestone.completedOn);
    const task = remediation?.tasks.get(milestone);
    if (start === undefined || remediation === undefined || task === undefined) continue;
    entries.push({
      start,
      entry: {
        uuid: context.uuid(`risk-log:${task}`),
        title: `Milestone completed: ${line(milestone.milestone) ?? "(untitled)"}`,
        start,
        "related-responses": [{ "response-uuid": remediation.uuid, "related-tasks": [{ "task-uuid": task }] }],
      },
    });
  }
  const closedOn = dateTime(finding.completedOn);
  if (closedOn && riskStatus(finding.status, context.data.closedStatuses) === "closed") {
    const verifier = partyOf(context, finding.verifiedBy);
    entries.push({
      start: closedOn,
      entry: compact({
        uuid: context.uuid(`risk-log:${item.key}|closed`),
        title: line(finding.status) ?? "Closed",
        description: paragraphs(line(finding.verifiedBy) && `Verified by ${line(finding.verifiedBy)}.`, line(finding.evidence) && `Evidence: ${block(finding.evidence)}`),
        start: closedOn,
        "logged-by": verifier ? [{ "party-uuid": verifier, "role-id": "verifier" }] : undefined,
        "status-change": "closed",
      }),
    });
  }
  if (entries.length === 0) return undefined;
  return { entries: entries.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)).map((e) => e.entry) };
}

function poamItemOf(context: Context, item: ExportItem): OscalObject {
  const { finding } = item;
  const requirement = findRequirement(line(finding.requirement) ?? "");
  return compact({
    uuid: context.uuid(`poam-item:${item.key}`),
    title: titleOf(finding),
    description: descriptionOf(finding),
    props: defined([
      prop("poam-id", finding.id),
      prop("item-type", finding.itemType),
      prop("requirement", finding.requirement, { ns: POAM_NS, class: "nist-sp-800-171-rev2" }),
      requirement ? prop("cmmc-practice", requirement.cmmcId, { ns: POAM_NS, class: "cmmc-level-2" }) : undefined,
      prop("priority", finding.priority),
      prop("status", finding.status),
      prop("ticket", finding.ticket),
      prop("updated", finding.updated),
    ]),
    origins: line(finding.source) === "Self-assessment" ? [{ actors: [organisationActor(context)] }] : undefined,
    "related-observations": [{ "observation-uuid": context.uuid(`observation:${item.key}`) }],
    "related-risks": [{ "risk-uuid": context.uuid(`risk:${item.key}`) }],
    remarks: block(finding.comments),
  });
}

/** OSCAL requires at least one poam-item; a POA&M with no rows says so in one. */
function noItems(context: Context): OscalObject {
  return {
    uuid: context.uuid("poam-item:none"),
    title: "No POA&M items",
    description: `The workbook records no weaknesses as of ${context.asOf}.`,
  };
}
