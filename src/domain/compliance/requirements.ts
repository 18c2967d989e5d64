/**
 * The 110 security requirements of NIST SP 800-171 rev2 with their CMMC Level 2
 * identifiers, DoD Assessment Methodology (v1.2.1, Annex A) point values and
 * whether 32 CFR 170.21 allows them on a CMMC POA&M.
 *
 * 3.12.4 (system security plan) carries no points: without a plan there is no
 * assessment, so the Methodology scores it "NA". The other 109 requirements add
 * up to 313 points, which is why the lowest possible score is 110 - 313 = -203.
 */
export type PoamEligibility = "Yes" | "No" | "Conditional";

export interface Requirement {
  /** NIST identifier, e.g. "3.14.1". */
  readonly id: string;
  /** CMMC practice identifier, e.g. "SI.L2-3.14.1". */
  readonly cmmcId: string;
  readonly familyCode: string;
  readonly family: string;
  /** The lowest CMMC level that includes the requirement. */
  readonly level: "L1" | "L2";
  /** Points deducted from the SPRS score when the requirement is not met. */
  readonly points: number;
  /** Points deducted instead when the partial-credit condition holds. */
  readonly partialPoints?: number;
  readonly partialCondition?: string;
  readonly poamEligible: PoamEligibility;
  readonly statement: string;
}

export const FAMILIES: Readonly<Record<string, string>> = {
  AC: "Access Control",
  AT: "Awareness and Training",
  AU: "Audit and Accountability",
  CM: "Configuration Management",
  IA: "Identification and Authentication",
  IR: "Incident Response",
  MA: "Maintenance",
  MP: "Media Protection",
  PS: "Personnel Security",
  PE: "Physical Protection",
  RA: "Risk Assessment",
  CA: "Security Assessment",
  SC: "System and Communications Protection",
  SI: "System and Information Integrity",
};

type Row = readonly [id: string, family: string, level: 1 | 2, points: number, poam: PoamEligibility, statement: string];

// prettier-ignore
const ROWS: readonly Row[] = [
  ["3.1.1", "AC", 1, 5, "No", "Limit system access to authorized users, processes acting on behalf of authorized users, and devices (including other systems)."],
  ["3.1.2", "AC", 1, 5, "No", "Limit system access to the types of transactions and functions that authorized users are permitted to execute."],
  ["3.1.3", "AC", 2, 1, "Yes", "Control the flow of CUI in accordance with approved authorizations."],
  ["3.1.4", "AC", 2, 1, "Yes", "Separate the duties of individuals to reduce the risk of malevolent activity without collusion."],
  ["3.1.5", "AC", 2, 3, "No", "Employ the principle of least privilege, including for specific security functions and privileged accounts."],
  ["3.1.6", "AC", 2, 1, "Yes", "Use non-privileged accounts or roles when accessing non-security functions."],
  ["3.1.7", "AC", 2, 1, "Yes", "Prevent non-privileged users from executing privileged functions and capture the execution of such functions in audit logs."],
  ["3.1.8", "AC", 2, 1, "Yes", "Limit unsuccessful logon attempts."],
  ["3.1.9", "AC", 2, 1, "Yes", "Provide privacy and security notices consistent with applicable CUI rules."],
  ["3.1.10", "AC", 2, 1, "Yes", "Use session lock with pattern-hiding displays to prevent access and viewing of data after a period of inactivity."],
  ["3.1.11", "AC", 2, 1, "Yes", "Terminate (automatically) a user session after a defined condition."],
  ["3.1.12", "AC", 2, 5, "No", "Monitor and control remote access sessions."],
  ["3.1.13", "AC", 2, 5, "No", "Employ cryptographic mechanisms to protect the confidentiality of remote access sessions."],
  ["3.1.14", "AC", 2, 1, "Yes", "Route remote access via managed access control points."],
  ["3.1.15", "AC", 2, 1, "Yes", "Authorize remote execution of privileged commands and remote access to security- relevant information."],
  ["3.1.16", "AC", 2, 5, "No", "Authorize wireless access prior to allowing such connections."],
  ["3.1.17", "AC", 2, 5, "No", "Protect wireless access using authentication and encryption."],
  ["3.1.18", "AC", 2, 5, "No", "Control connection of mobile devices."],
  ["3.1.19", "AC", 2, 3, "No", "Encrypt CUI on mobile devices and mobile computing platforms"],
  ["3.1.20", "AC", 1, 1, "No", "Verify and control/limit connections to and use of external systems."],
  ["3.1.21", "AC", 2, 1, "Yes", "Limit use of portable storage devices on external systems."],
  ["3.1.22", "AC", 1, 1, "No", "Control CUI posted or processed on publicly accessible systems."],
  ["3.2.1", "AT", 2, 5, "No", "Ensure that managers, systems administrators, and users of organizational systems are made aware of the security risks associated with their activities and of the applicable policies, standards, and procedures related to the security of those systems."],
  ["3.2.2", "AT", 2, 5, "No", "Ensure that personnel are trained to carry out their assigned information security- related duties and responsibilities."],
  ["3.2.3", "AT", 2, 1, "Yes", "Provide security awareness training on recognizing and reporting potential indicators of insider threat."],
  ["3.3.1", "AU", 2, 5, "No", "Create and retain system audit logs and records to the extent needed to enable the monitoring, analysis, investigation, and reporting of unlawful or unauthorized system activity."],
  ["3.3.2", "AU", 2, 3, "No", "Ensure that the actions of individual system users can be uniquely traced to those users so they can be held accountable for their actions."],
  ["3.3.3", "AU", 2, 1, "Yes", "Review and update logged events."],
  ["3.3.4", "AU", 2, 1, "Yes", "Alert in the event of an audit logging process failure."],
  ["3.3.5", "AU", 2, 5, "No", "Correlate audit record review, analysis, and reporting processes for investigation and response to indications of unlawful, unauthorized, suspicious, or unusual activity."],
  ["3.3.6", "AU", 2, 1, "Yes", "Provide audit record reduction and report generation to support on-demand analysis and reporting."],
  ["3.3.7", "AU", 2, 1, "Yes", "Provide a system capability that compares and synchronizes internal system clocks with an authoritative source to generate time stamps for audit records."],
  ["3.3.8", "AU", 2, 1, "Yes", "Protect audit information and audit logging tools from unauthorized access, modification, and deletion."],
  ["3.3.9", "AU", 2, 1, "Yes", "Limit management of audit logging functionality to a subset of privileged users."],
  ["3.4.1", "CM", 2, 5, "No", "Establish and maintain baseline configurations and inventories of organizational systems (including hardware, software, firmware, and documentation) throughout the respective system development life cycles."],
  ["3.4.2", "CM", 2, 5, "No", "Establish and enforce security configuration settings for information technology products employed in organizational systems."],
  ["3.4.3", "CM", 2, 1, "Yes", "Track, review, approve or disapprove, and log changes to organizational systems."],
  ["3.4.4", "CM", 2, 1, "Yes", "Analyze the security impact of changes prior to implementation."],
  ["3.4.5", "CM", 2, 5, "No", "Define, document, approve, and enforce physical and logical access restrictions associated with changes to organizational systems."],
  ["3.4.6", "CM", 2, 5, "No", "Employ the principle of least functionality by configuring organizational systems to provide only essential capabilities."],
  ["3.4.7", "CM", 2, 5, "No", "Restrict, disable, or prevent the use of nonessential programs, functions, ports, protocols, and services."],
  ["3.4.8", "CM", 2, 5, "No", "Apply deny-by-exception (blacklisting) policy to prevent the use of unauthorized software or deny-all, permit-by-exception (whitelisting) policy to allow the execution of authorized software."],
  ["3.4.9", "CM", 2, 1, "Yes", "Control and monitor user-installed software."],
  ["3.5.1", "IA", 1, 5, "No", "Identify system users, processes acting on behalf of users, and devices."],
  ["3.5.2", "IA", 1, 5, "No", "Authenticate (or verify) the identities of users, processes, or devices, as a prerequisite to allowing access to organizational systems."],
  ["3.5.3", "IA", 2, 5, "No", "Use multifactor authentication (MFA) for local and network access to privileged accounts and for network access to non- privileged accounts."],
  ["3.5.4", "IA", 2, 1, "Yes", "Employ replay-resistant authentication mechanisms for network access to privileged and non-privileged accounts."],
  ["3.5.5", "IA", 2, 1, "Yes", "Prevent reuse of identifiers for a defined period."],
  ["3.5.6", "IA", 2, 1, "Yes", "Disable identifiers after a defined period of inactivity."],
  ["3.5.7", "IA", 2, 1, "Yes", "Enforce a minimum password complexity and change of characters when new passwords are created."],
  ["3.5.8", "IA", 2, 1, "Yes", "Prohibit password reuse for a specified number of generations."],
  ["3.5.9", "IA", 2, 1, "Yes", "Allow temporary password use for system logons with an immediate change to a permanent password."],
  ["3.5.10", "IA", 2, 5, "No", "Store and transmit only cryptographically- protected passwords."],
  ["3.5.11", "IA", 2, 1, "Yes", "Obscure feedback of authentication information."],
  ["3.6.1", "IR", 2, 5, "No", "Establish an operational incident-handling capability for organizational systems that includes preparation, detection, analysis, containment, recovery, and user response activities."],
  ["3.6.2", "IR", 2, 5, "No", "Track, document, and report incidents to designated officials and/or authorities both internal and external to the organization."],
  ["3.6.3", "IR", 2, 1, "Yes", "Test the organizational incident response capability."],
  ["3.7.1", "MA", 2, 3, "No", "Perform maintenance on organizational systems."],
  ["3.7.2", "MA", 2, 5, "No", "Provide controls on the tools, techniques, mechanisms, and personnel used to conduct system maintenance."],
  ["3.7.3", "MA", 2, 1, "Yes", "Ensure equipment removed for off-site maintenance is sanitized of any CUI."],
  ["3.7.4", "MA", 2, 3, "No", "Check media containing diagnostic and test programs for malicious code before the media are used in organizational systems."],
  ["3.7.5", "MA", 2, 5, "No", "Require multifactor authentication to establish nonlocal maintenance sessions via external network connections and terminate such connections when nonlocal maintenance is complete."],
  ["3.7.6", "MA", 2, 1, "Yes", "Supervise the maintenance activities of maintenance personnel without required access authorization."],
  ["3.8.1", "MP", 2, 3, "No", "Protect (i.e., physically control and securely store) system media containing CUI, both paper and digital."],
  ["3.8.2", "MP", 2, 3, "No", "Limit access to CUI on system media to authorized users."],
  ["3.8.3", "MP", 1, 5, "No", "Sanitize or destroy system media containing CUI before disposal or release for reuse."],
  ["3.8.4", "MP", 2, 1, "Yes", "Mark media with necessary CUI markings and distribution limitations."],
  ["3.8.5", "MP", 2, 1, "Yes", "Control access to media containing CUI and maintain accountability for media during transport outside of controlled areas."],
  ["3.8.6", "MP", 2, 1, "Yes", "Implement cryptographic mechanisms to protect the confidentiality of CUI stored on digital media during transport unless otherwise protected by alternative physical safeguards."],
  ["3.8.7", "MP", 2, 5, "No", "Control the use of removable media on system components."],
  ["3.8.8", "MP", 2, 3, "No", "Prohibit the use of portable storage devices when such devices have no identifiable owner."],
  ["3.8.9", "MP", 2, 1, "Yes", "Protect the confidentiality of backup CUI at storage locations."],
  ["3.9.1", "PS", 2, 3, "No", "Screen individuals prior to authorizing access to organizational systems containing CUI."],
  ["3.9.2", "PS", 2, 5, "No", "Ensure that organizational systems containing CUI are protected during and after personnel actions such as terminations and transfers."],
  ["3.10.1", "PE", 1, 5, "No", "Limit physical access to organizational systems, equipment, and the respective operating environments to authorized individuals."],
  ["3.10.2", "PE", 2, 5, "No", "Protect and monitor the physical facility and support infrastructure for organizational systems."],
  ["3.10.3", "PE", 1, 1, "No", "Escort visitors and monitor visitor activity."],
  ["3.10.4", "PE", 1, 1, "No", "Maintain audit logs of physical access."],
  ["3.10.5", "PE", 1, 1, "No", "Control and manage physical access devices."],
  ["3.10.6", "PE", 2, 1, "Yes", "Enforce safeguarding measures for CUI at alternate work sites."],
  ["3.11.1", "RA", 2, 3, "No", "Periodically assess the risk to organizational operations (including mission, functions, image, or reputation), organizational assets, and individuals, resulting from the operation of organizational systems and the associated processing, storage, or transmission of CUI."],
  ["3.11.2", "RA", 2, 5, "No", "Scan for vulnerabilities in organizational systems and applications periodically and when new vulnerabilities affecting those systems and applications are identified."],
  ["3.11.3", "RA", 2, 1, "Yes", "Remediate vulnerabilities in accordance with risk assessments."],
  ["3.12.1", "CA", 2, 5, "No", "Periodically assess the security controls in organizational systems to determine if the controls are effective in their application."],
  ["3.12.2", "CA", 2, 3, "No", "Develop and implement plans of action designed to correct deficiencies and reduce or eliminate vulnerabilities in organizational systems."],
  ["3.12.3", "CA", 2, 5, "No", "Monitor security controls on an ongoing basis to ensure the continued effectiveness of the controls."],
  ["3.12.4", "CA", 2, 0, "No", "Develop, document, and periodically update system security plans that describe system boundaries, system environments of operation, how security requirements are implemented, and the relationships with or connections to other systems."],
  ["3.13.1", "SC", 1, 5, "No", "Monitor, control, and protect communications (i.e., information transmitted or received by organizational systems) at the external boundaries and key internal boundaries of organizational systems."],
  ["3.13.2", "SC", 2, 5, "No", "Employ architectural designs, software development techniques, and systems engineering principles that promote effective information security within organizational systems."],
  ["3.13.3", "SC", 2, 1, "Yes", "Separate user functionality from system management functionality."],
  ["3.13.4", "SC", 2, 1, "Yes", "Prevent unauthorized and unintended information transfer via shared system resources."],
  ["3.13.5", "SC", 1, 5, "No", "Implement subnetworks for publicly accessible system components that are physically or logically separated from internal networks."],
  ["3.13.6", "SC", 2, 5, "No", "Deny network communications traffic by default and allow network communications traffic by exception (i.e., deny all, permit by exception)."],
  ["3.13.7", "SC", 2, 1, "Yes", "Prevent remote devices from simultaneously establishing non-remote connections with organizational systems and communicating via some other connection to resources in external networks (i.e., split tunneling)."],
  ["3.13.8", "SC", 2, 3, "No", "Implement cryptographic mechanisms to prevent unauthorized disclosure of CUI during transmission unless otherwise protected by alternative physical safeguards."],
  ["3.13.9", "SC", 2, 1, "Yes", "Terminate network connections associated with communications sessions at the end of the sessions or after a defined period of inactivity."],
  ["3.13.10", "SC", 2, 1, "Yes", "Establish and manage cryptographic keys for cryptography employed in organizational systems."],
  ["3.13.11", "SC", 2, 5, "Conditional", "Employ FIPS-validated cryptography when used to protect the confidentiality of CUI."],
  ["3.13.12", "SC", 2, 1, "Yes", "Prohibit remote activation of collaborative computing devices and provide indication of devices in use to users present at the device."],
  ["3.13.13", "SC", 2, 1, "Yes", "Control and monitor the use of mobile code."],
  ["3.13.14", "SC", 2, 1, "Yes", "Control and monitor the use of Voice over Internet Protocol (VoIP) technologies."],
  ["3.13.15", "SC", 2, 5, "No", "Protect the authenticity of communications sessions."],
  ["3.13.16", "SC", 2, 1, "Yes", "Protect the confidentiality of CUI at rest."],
  ["3.14.1", "SI", 1, 5, "No", "Identify, report, and correct system flaws in a timely manner."],
  ["3.14.2", "SI", 1, 5, "No", "Provide protection from malicious code at designated locations within organizational systems."],
  ["3.14.3", "SI", 2, 5, "No", "Monitor system security alerts and advisories and take action in response."],
  ["3.14.4", "SI", 1, 5, "No", "Update malicious code protection mechanisms when new releases are available."],
  ["3.14.5", "SI", 1, 3, "No", "Perform periodic scans of organizational systems and real-time scans of files from external sources as files are downloaded, opened, or executed."],
  ["3.14.6", "SI", 2, 5, "No", "Monitor organizational systems, including inbound and outbound communications traffic, to detect attacks and indicators of potential attacks."],
  ["3.14.7", "SI", 2, 3, "No", "Identify unauthorized use of organizational systems"],
];

/** Partial credit allowed by the Methodology (3 points instead of 5). */
const PARTIAL_CREDIT: Readonly<Record<string, { points: number; condition: string }>> = {
  "3.5.3": { points: 3, condition: "MFA is implemented only for remote and privileged users." },
  "3.13.11": { points: 3, condition: "Encryption is employed, but it is not FIPS-validated." },
};

export const REQUIREMENTS: readonly Requirement[] = ROWS.map(([id, familyCode, level, points, poamEligible, statement]) => {
  const partial = PARTIAL_CREDIT[id];
  return {
    id,
    cmmcId: `${familyCode}.L2-${id}`,
    familyCode,
    family: FAMILIES[familyCode],
    level: level === 1 ? "L1" : "L2",
    points,
    ...(partial && { partialPoints: partial.points, partialCondition: partial.condition }),
    poamEligible,
    statement,
  };
});

const BY_ID = new Map(REQUIREMENTS.map((requirement) => [requirement.id, requirement]));

/** The requirement with this NIST identifier, if there is one. */
export function findRequirement(id: string): Requirement | undefined {
  return BY_ID.get(id.trim());
}
