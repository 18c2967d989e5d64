/**
 * A realistic sample POA&M for a small machine shop: self-assessment gaps,
 * scanner findings and audit items across every priority, status and state,
 * with milestones and a near-complete self-assessment, so that every formula
 * and conditional format of the workbook has something to show.
 *
 * Dates are relative to `today`, so the sample looks current whenever it is
 * built; the company, people and hosts are invented.
 */
import { addDays, type IsoDate } from "../core/dates";
import type { Finding, InitialData, Milestone, Person } from "../poam/records";
import { REQUIREMENTS } from "../compliance/requirements";
import type { ControlStatus, ItemType, Priority } from "../poam/vocabulary";

const PEOPLE: readonly Person[] = [
  { name: "Dana Ortiz", role: "IT Manager", email: "dana.ortiz@example.com" },
  { name: "Sam Patel", role: "Security Lead", email: "sam.patel@example.com" },
  { name: "Lee Chen", role: "Systems Administrator", email: "lee.chen@example.com" },
  { name: "Morgan Reyes", role: "President (approver)", email: "morgan.reyes@example.com" },
  { name: "Jordan Blake", role: "Facilities Manager", email: "jordan.blake@example.com" },
];

const SCAN: ItemType = "Vulnerability (scan finding)";
const CMMC: ItemType = "CMMC POA&M item";
const OPERATIONAL: ItemType = "Operational plan of action (temporary deficiency)";
const EXCEPTION: ItemType = "Enduring exception";

/** A demo item: when it was found (days before today) and what it is. */
interface DemoItem {
  readonly found: number;
  readonly type: ItemType;
  readonly req: string;
  readonly weakness: string;
  readonly source: string;
  readonly priority: Priority;
  readonly status: string;
  readonly cvss?: number;
  readonly ref?: string;
  readonly assets?: string;
  readonly owner?: string;
  readonly plan?: string;
  /** Days before today the item was completed. */
  readonly completed?: number;
  /** Extension: days after today, and the reason (omitted to show the missing-reason flag). */
  readonly extendedBy?: number;
  readonly extensionReason?: string;
  /** Milestones: days relative to today, and days before today each was completed. */
  readonly milestones?: readonly { readonly step: string; readonly due: number; readonly done?: number }[];
}

const ITEMS: readonly DemoItem[] = [
  // Scanner findings (monthly Nessus scan of the CUI enclave)
  { found: 34, type: SCAN, req: "3.14.1", weakness: "Microsoft Windows security update missing (remote code execution)", source: "Vulnerability scan", priority: "Critical", status: "In Progress", cvss: 9.8, ref: "Nessus 186791; CVE-2023-36884", assets: "ENG-WS-04, ENG-WS-07", owner: "Lee Chen", plan: "Deploy the cumulative update through WSUS; reboot engineering workstations after second shift.", milestones: [{ step: "Approve update in WSUS", due: -28, done: 29 }, { step: "Deploy to engineering workstations", due: -20 }] },
  { found: 9, type: SCAN, req: "3.14.1", weakness: "OpenSSL 3.0.x < 3.0.14 multiple vulnerabilities", source: "Vulnerability scan", priority: "High", status: "Open", cvss: 7.5, ref: "Nessus 192974; CVE-2024-4741", assets: "files01.cui.local", owner: "Lee Chen", plan: "Upgrade OpenSSL packages on the file server." },
  { found: 12, type: SCAN, req: "3.13.8", weakness: "TLS 1.0 protocol enabled on the ERP web front end", source: "Vulnerability scan", priority: "Medium", status: "In Progress", cvss: 6.5, ref: "Nessus 104743", assets: "erp.cui.local", owner: "Dana Ortiz", plan: "Disable TLS 1.0/1.1 in IIS Crypto after testing CNC DNC clients.", milestones: [{ step: "Test DNC clients with TLS 1.2 only", due: 20 }, { step: "Change IIS protocol settings", due: 40 }] },
  { found: 40, type: SCAN, req: "3.13.8", weakness: "SSL certificate cannot be trusted", source: "Vulnerability scan", priority: "Medium", status: "Open", cvss: 6.5, ref: "Nessus 51192", assets: "printer-02.cui.local", owner: "Lee Chen" },
  { found: 70, type: SCAN, req: "3.13.1", weakness: "SMB signing not required", source: "Vulnerability scan", priority: "Medium", status: "Open", cvss: 5.3, ref: "Nessus 57608", assets: "files01.cui.local, dc01.cui.local", owner: "Lee Chen", plan: "Enable 'Digitally sign communications (always)' by GPO." },
  { found: 85, type: SCAN, req: "3.14.1", weakness: "Adobe Acrobat Reader out of date", source: "Vulnerability scan", priority: "High", status: "Open", cvss: 7.8, ref: "Nessus 201234", assets: "OFFICE-03", owner: "Lee Chen", extendedBy: 10, extensionReason: "Vendor plug-in for drawing review not yet certified on the new version." },
  { found: 200, type: SCAN, req: "3.14.1", weakness: "Apache Log4j remote code execution (Log4Shell) in label printing service", source: "Vulnerability scan", priority: "Critical", status: "Closed", cvss: 10, ref: "Nessus 156032; CVE-2021-44228", assets: "labels01", owner: "Lee Chen", completed: 190, milestones: [{ step: "Remove JndiLookup class", due: -195, done: 196 }, { step: "Upgrade to Log4j 2.17.1", due: -188, done: 190 }] },
  { found: 120, type: SCAN, req: "3.14.1", weakness: "7-Zip < 24.07 mark-of-the-web bypass", source: "Vulnerability scan", priority: "High", status: "Completed", cvss: 7.0, ref: "Nessus 213093; CVE-2025-0411", assets: "ENG-WS-01..ENG-WS-09", owner: "Lee Chen", completed: 100, milestones: [{ step: "Package 7-Zip 24.09 for deployment", due: -110, done: 108 }] },
  { found: 16, type: SCAN, req: "3.4.6", weakness: "Telnet service enabled on CNC network switch", source: "Vulnerability scan", priority: "Critical", status: "Open", cvss: 9.1, ref: "Nessus 42263", assets: "sw-shop-01", owner: "Dana Ortiz", plan: "Disable telnet; manage the switch over SSH from the admin VLAN only." },
  { found: 3, type: SCAN, req: "3.4.2", weakness: "Windows Defender real-time protection disabled", source: "Vulnerability scan", priority: "High", status: "Open", cvss: 7.2, ref: "Nessus 131023", assets: "CMM-PC-01", owner: "Lee Chen" },
  { found: 25, type: SCAN, req: "3.13.8", weakness: "SSH weak MAC algorithms enabled", source: "Vulnerability scan", priority: "Low", status: "Open", cvss: 2.6, ref: "Nessus 71049", assets: "backup-nas", owner: "Lee Chen" },
  { found: 60, type: SCAN, req: "3.1.8", weakness: "Default credentials on uninterruptible power supply web console", source: "Vulnerability scan", priority: "High", status: "Risk Accepted", cvss: 8.8, ref: "Nessus 11149", assets: "ups-01", owner: "Jordan Blake", extendedBy: 120, extensionReason: "Management card isolated on the facilities VLAN; replacement budgeted next fiscal year." },
  { found: 150, type: SCAN, req: "3.14.1", weakness: "Google Chrome < 126 multiple vulnerabilities", source: "Vulnerability scan", priority: "High", status: "Closed", cvss: 8.8, ref: "Nessus 200312", assets: "OFFICE-01..OFFICE-06", owner: "Lee Chen", completed: 140 },
  { found: 2, type: SCAN, req: "3.14.1", weakness: "PHP 8.1 end of life on intranet wiki", source: "Vulnerability scan", priority: "Medium", status: "Open", cvss: 5.9, ref: "Nessus 58987", assets: "wiki.cui.local", owner: "Dana Ortiz" },
  { found: 20, type: SCAN, req: "3.14.1", weakness: "VMware ESXi 7.0 update missing (heap overflow)", source: "Vulnerability scan", priority: "High", status: "Open", cvss: 8.1, ref: "Nessus 183900", assets: "esx01", owner: "Lee Chen" },
  { found: 1, type: SCAN, req: "3.13.6", weakness: "SNMP agent answers the default community name", source: "Vulnerability scan", priority: "Medium", status: "Open", cvss: 5.0, ref: "Nessus 41028", assets: "sw-core-01", owner: "Dana Ortiz" },
  // Self-assessment gaps (CMMC POA&M items on 1-point requirements, and some that may not sit on a POA&M)
  { found: 50, type: CMMC, req: "3.13.11", weakness: "Backup NAS encrypts with a module that is not FIPS-validated", source: "Self-assessment", priority: "High", status: "In Progress", owner: "Dana Ortiz", plan: "Replace backup NAS with a model using a FIPS 140-3 validated module.", milestones: [{ step: "Select replacement NAS (validated module)", due: -30, done: 32 }, { step: "Purchase order approved", due: -5 }, { step: "Migrate backups and retire old NAS", due: 45 }] },
  { found: 45, type: CMMC, req: "3.2.3", weakness: "Insider-threat awareness not covered in annual training", source: "Self-assessment", priority: "Medium", status: "In Progress", owner: "Sam Patel", plan: "Add an insider-threat module to the annual training and track completion.", milestones: [{ step: "Choose training module", due: -10, done: 12 }, { step: "All staff complete module", due: 30 }] },
  { found: 45, type: CMMC, req: "3.3.8", weakness: "Audit logs on the file server not protected from deletion by admins", source: "Self-assessment", priority: "Medium", status: "Open", owner: "Lee Chen", plan: "Forward logs to the write-once log collector." },
  { found: 45, type: CMMC, req: "3.5.3", weakness: "MFA not enforced for local logons to engineering workstations", source: "Self-assessment", priority: "High", status: "Open", owner: "Dana Ortiz", plan: "Roll out smart-card logon to engineering workstations." },
  { found: 45, type: CMMC, req: "3.8.9", weakness: "Backup media at the off-site location not encrypted", source: "Self-assessment", priority: "Medium", status: "Completed", owner: "Dana Ortiz", completed: 20, milestones: [{ step: "Enable encryption on backup job", due: -25, done: 24 }, { step: "Re-seed off-site copy", due: -20, done: 20 }] },
  { found: 45, type: CMMC, req: "3.10.6", weakness: "No written safeguards for CUI at alternate work sites", source: "Self-assessment", priority: "Low", status: "Open", owner: "Sam Patel", plan: "Publish the telework security standard and collect acknowledgements." },
  { found: 45, type: CMMC, req: "3.5.8", weakness: "Password reuse not prevented for four generations", source: "Self-assessment", priority: "Low", status: "Closed", owner: "Lee Chen", completed: 40 },
  { found: 45, type: CMMC, req: "3.13.9", weakness: "Remote-access sessions do not time out", source: "Self-assessment", priority: "Medium", status: "Open", owner: "Lee Chen", extendedBy: 60 },
  { found: 45, type: CMMC, req: "3.1.21", weakness: "Portable storage use on external systems not limited", source: "Self-assessment", priority: "Low", status: "Deferred", owner: "Sam Patel", extendedBy: 90, extensionReason: "Waiting for USB device-control licence renewal in the next quarter." },
  { found: 45, type: CMMC, req: "3.4.9", weakness: "User-installed software not controlled on shop-floor PCs", source: "Self-assessment", priority: "Medium", status: "Open", owner: "Dana Ortiz" },
  { found: 45, type: CMMC, req: "3.7.6", weakness: "Maintenance personnel without access authorization not supervised", source: "Self-assessment", priority: "Low", status: "Open", owner: "Jordan Blake" },
  // Third-party assessment and audit findings
  { found: 95, type: OPERATIONAL, req: "3.3.5", weakness: "Audit review, analysis and reporting not correlated across systems", source: "Third-party assessment", priority: "Medium", status: "In Progress", owner: "Sam Patel", plan: "Use the SIEM's correlation rules for file server, VPN and domain controller logs.", milestones: [{ step: "Onboard domain controllers to SIEM", due: -60, done: 58 }, { step: "Onboard VPN and file server", due: -14 }, { step: "Weekly correlated review in place", due: 10 }] },
  { found: 130, type: OPERATIONAL, req: "3.6.2", weakness: "Incident reports to DIBNet not rehearsed", source: "Audit", priority: "Low", status: "In Progress", owner: "Sam Patel", milestones: [{ step: "Tabletop exercise with DIBNet reporting", due: 20 }] },
  { found: 30, type: OPERATIONAL, req: "3.1.12", weakness: "Vendor remote-support sessions not recorded", source: "Third-party assessment", priority: "High", status: "Open", owner: "Dana Ortiz", plan: "Require vendors to use the session-recording jump host." },
  { found: 75, type: OPERATIONAL, req: "3.11.2", weakness: "Authenticated scans not run against the CNC network", source: "Audit", priority: "Medium", status: "Open", owner: "Lee Chen" },
  { found: 220, type: OPERATIONAL, req: "3.8.3", weakness: "Hard drives from retired CAD workstations not sanitized", source: "Audit", priority: "High", status: "Closed", owner: "Jordan Blake", completed: 180 },
  { found: 14, type: OPERATIONAL, req: "3.12.1", weakness: "Annual security control assessment overdue", source: "Audit", priority: "Medium", status: "Open", owner: "Sam Patel", plan: "Schedule the assessment with the external assessor." },
  { found: 5, type: OPERATIONAL, req: "3.6.1", weakness: "Incident-response plan lists a former employee as contact", source: "Incident", priority: "High", status: "In Progress", owner: "Sam Patel", milestones: [{ step: "Update contact list and redistribute plan", due: 7 }] },
  { found: 100, type: EXCEPTION, req: "3.1.16", weakness: "Wireless barcode scanners authenticate with WPA2-PSK", source: "Self-assessment", priority: "Low", status: "Risk Accepted", owner: "Dana Ortiz", extendedBy: 265, extensionReason: "Scanners cannot do 802.1X; isolated SSID with no route to CUI systems. Reviewed annually." },
  { found: 10, type: OPERATIONAL, req: "3.10.3", weakness: "Visitor log not kept at the shipping dock door", source: "Penetration test", priority: "Low", status: "Open", owner: "Jordan Blake" },
  { found: 21, type: OPERATIONAL, req: "3.5.10", weakness: "Service account password stored in a plain-text script", source: "Penetration test", priority: "Critical", status: "Open", cvss: 9.0, owner: "Lee Chen", plan: "Move the credential to the password vault and rotate it." },
  { found: 58, type: OPERATIONAL, req: "3.7.5", weakness: "CNC vendor maintenance over VPN uses a password only", source: "Penetration test", priority: "High", status: "Completed", owner: "Dana Ortiz", completed: 31, milestones: [{ step: "Enable MFA on vendor VPN profile", due: -35, done: 31 }] },
  { found: 26, type: OPERATIONAL, req: "3.14.6", weakness: "Outbound traffic from the shop network not monitored", source: "Penetration test", priority: "Medium", status: "Open", owner: "Dana Ortiz" },
  { found: 300, type: OPERATIONAL, req: "3.9.2", weakness: "Accounts of departed staff not disabled within one day", source: "Audit", priority: "Medium", status: "Closed", owner: "Sam Patel", completed: 250 },
];

/** Requirements the sample self-assessment leaves at other than Met. */
const CONTROL_EXCEPTIONS: Readonly<Record<string, ControlStatus | null>> = {
  "3.5.3": "Not Met",
  "3.13.11": "Partial",
  "3.1.16": "N/A",
  "3.1.17": "N/A",
  "3.3.5": "Not Met",
  "3.12.1": "Not Met",
  "3.10.3": "Not Met",
  "3.8.8": null,
  "3.13.16": null,
};

/**
 * Earlier monthly snapshots, so the Summary's trend charts have a history:
 * days ago, open, critical, high, medium, low, overdue, due soon, SPRS score, closed since the last.
 */
const HISTORY: readonly (readonly number[])[] = [
  [150, 44, 4, 12, 18, 10, 11, 9, 58, 0],
  [120, 41, 3, 11, 17, 10, 10, 8, 63, 5],
  [90, 39, 3, 10, 16, 10, 9, 8, 68, 4],
  [60, 36, 2, 9, 15, 10, 8, 7, 73, 5],
  [30, 34, 2, 8, 14, 10, 7, 8, 78, 3],
];

function findingOf(item: DemoItem, index: number, today: IsoDate): Finding {
  const discovered = addDays(today, -item.found);
  const closed = item.status === "Closed" || item.status === "Completed";
  return {
    id: `POAM-${discovered.slice(0, 4)}-${String(index + 1).padStart(4, "0")}`,
    itemType: item.type,
    requirement: item.req,
    weakness: item.weakness,
    description: `${item.weakness}. Found by ${item.source.toLowerCase()}${item.assets ? ` on ${item.assets}` : ""}.`,
    source: item.source,
    sourceRef: item.ref,
    assets: item.assets,
    discovered,
    cvss: item.cvss,
    priority: item.priority,
    owner: item.owner,
    implementer: item.owner === "Lee Chen" ? "Lee Chen" : "Dana Ortiz",
    approver: "Morgan Reyes",
    plannedActions: item.plan,
    acceptanceCriteria: item.type === SCAN ? `Rescan shows ${item.ref?.split(";")[0] ?? "the finding"} fixed.` : "Assessor re-tests the requirement.",
    resources: item.type === SCAN ? "IT staff time" : "IT staff time; vendor quote",
    estCost: item.type === CMMC ? 2500 : undefined,
    interimMitigation: closed ? undefined : "Access restricted to the CUI enclave; monitored by the SIEM.",
    extendedTo: item.extendedBy === undefined ? undefined : addDays(today, item.extendedBy),
    extensionReason: item.extensionReason,
    status: item.status,
    completedOn: item.completed === undefined ? undefined : addDays(today, -item.completed),
    verifiedBy: closed ? "Sam Patel" : undefined,
    evidence: closed ? `Evidence/POAM-${index + 1}/verification.pdf` : undefined,
    ticket: item.type === SCAN ? `IT-${4100 + index}` : undefined,
    updated: addDays(today, -Math.min(item.found, 3)),
  };
}

/** The sample POA&M, with dates relative to `today`. */
export function buildDemoData(today: IsoDate): InitialData {
  const findings = ITEMS.map((item, index) => findingOf(item, index, today));
  const milestones: Milestone[] = ITEMS.flatMap((item, index) =>
    (item.milestones ?? []).map((milestone) => ({
      poamId: findings[index].id,
      milestone: milestone.step,
      dueDate: addDays(today, milestone.due),
      completedOn: milestone.done === undefined ? undefined : addDays(today, -milestone.done),
    })),
  );
  const controlStatuses: Record<string, ControlStatus> = {};
  for (const requirement of REQUIREMENTS) {
    const exception = CONTROL_EXCEPTIONS[requirement.id];
    if (exception === null) continue;
    controlStatuses[requirement.id] = exception ?? "Met";
  }
  return {
    findings,
    milestones,
    people: PEOPLE,
    history: HISTORY.map(([daysAgo, open, critical, high, medium, low, overdue, dueSoon, score, closed]) => ({
      "Snapshot Date": addDays(today, -daysAgo),
      Open: open,
      Critical: critical,
      High: high,
      Medium: medium,
      Low: low,
      Overdue: overdue,
      "Due Soon": dueSoon,
      "SPRS Score": score,
      "Closed Since Last": closed,
      "Refreshed By": "Morgan Reyes",
    })),
    controlStatuses,
    settings: {
      organisation: "Northwind Precision Machining, Inc.",
      systemName: "CUI Enclave",
      assessmentDate: addDays(today, -45),
      conditionalStatusDate: addDays(today, -30),
    },
  };
}
