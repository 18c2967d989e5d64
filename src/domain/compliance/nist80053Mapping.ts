/**
 * NIST SP 800-53 controls to the NIST SP 800-171 rev2 requirements that
 * cite them, so that a POA&M whose Controls column names 800-53 controls
 * ("AC-2, AC-3", "SC-7(5)") can be migrated onto 800-171 requirements.
 *
 * Source: NIST SP 800-171 Revision 2 (February 2020), Appendix D, Tables
 * D-1 to D-14, "Mapping ... security requirements to the security controls in
 * NIST Special Publication 800-53" (the 800-53 Revision 4 column). Where the
 * table maps a family's basic requirements together (3.1.1 and 3.1.2 to
 * AC-2, AC-3 and AC-17), each of them lists those controls.
 */
import { findRequirement } from "./requirements";

/** Each 800-171 rev2 requirement with the 800-53 controls Appendix D gives for it. */
export const SP800_171_TO_800_53: Readonly<Record<string, readonly string[]>> = {
  "3.1.1": ["AC-2", "AC-3", "AC-17"],
  "3.1.2": ["AC-2", "AC-3", "AC-17"],
  "3.1.3": ["AC-4"],
  "3.1.4": ["AC-5"],
  "3.1.5": ["AC-6", "AC-6(1)", "AC-6(5)"],
  "3.1.6": ["AC-6(2)"],
  "3.1.7": ["AC-6(9)", "AC-6(10)"],
  "3.1.8": ["AC-7"],
  "3.1.9": ["AC-8"],
  "3.1.10": ["AC-11", "AC-11(1)"],
  "3.1.11": ["AC-12"],
  "3.1.12": ["AC-17(1)"],
  "3.1.13": ["AC-17(2)"],
  "3.1.14": ["AC-17(3)"],
  "3.1.15": ["AC-17(4)"],
  "3.1.16": ["AC-18"],
  "3.1.17": ["AC-18(1)"],
  "3.1.18": ["AC-19"],
  "3.1.19": ["AC-19(5)"],
  "3.1.20": ["AC-20", "AC-20(1)"],
  "3.1.21": ["AC-20(2)"],
  "3.1.22": ["AC-22"],
  "3.2.1": ["AT-2", "AT-3"],
  "3.2.2": ["AT-2", "AT-3"],
  "3.2.3": ["AT-2(2)"],
  "3.3.1": ["AU-2", "AU-3", "AU-3(1)", "AU-6", "AU-11", "AU-12"],
  "3.3.2": ["AU-2", "AU-3", "AU-3(1)", "AU-6", "AU-11", "AU-12"],
  "3.3.3": ["AU-2(3)"],
  "3.3.4": ["AU-5"],
  "3.3.5": ["AU-6(3)"],
  "3.3.6": ["AU-7"],
  "3.3.7": ["AU-8", "AU-8(1)"],
  "3.3.8": ["AU-9"],
  "3.3.9": ["AU-9(4)"],
  "3.4.1": ["CM-2", "CM-6", "CM-8"],
  "3.4.2": ["CM-2", "CM-6", "CM-8"],
  "3.4.3": ["CM-3"],
  "3.4.4": ["CM-4"],
  "3.4.5": ["CM-5"],
  "3.4.6": ["CM-7"],
  "3.4.7": ["CM-7(1)", "CM-7(2)"],
  "3.4.8": ["CM-7(4)", "CM-7(5)"],
  "3.4.9": ["CM-11"],
  "3.5.1": ["IA-2", "IA-3", "IA-5"],
  "3.5.2": ["IA-2", "IA-3", "IA-5"],
  "3.5.3": ["IA-2(1)", "IA-2(2)", "IA-2(3)"],
  "3.5.4": ["IA-2(8)", "IA-2(9)"],
  "3.5.5": ["IA-4"],
  "3.5.6": ["IA-4"],
  "3.5.7": ["IA-5(1)"],
  "3.5.8": ["IA-5(1)"],
  "3.5.9": ["IA-5(1)"],
  "3.5.10": ["IA-5(1)"],
  "3.5.11": ["IA-6"],
  "3.6.1": ["IR-2", "IR-4", "IR-5", "IR-6", "IR-7"],
  "3.6.2": ["IR-2", "IR-4", "IR-5", "IR-6", "IR-7"],
  "3.6.3": ["IR-3", "IR-3(2)"],
  "3.7.1": ["MA-2", "MA-3", "MA-3(1)", "MA-3(2)"],
  "3.7.2": ["MA-2", "MA-3", "MA-3(1)", "MA-3(2)"],
  "3.7.3": ["MA-2"],
  "3.7.4": ["MA-3(2)"],
  "3.7.5": ["MA-4"],
  "3.7.6": ["MA-5"],
  "3.8.1": ["MP-2", "MP-4", "MP-6"],
  "3.8.2": ["MP-2", "MP-4", "MP-6"],
  "3.8.3": ["MP-2", "MP-4", "MP-6"],
  "3.8.4": ["MP-3"],
  "3.8.5": ["MP-5"],
  "3.8.6": ["MP-5(4)"],
  "3.8.7": ["MP-7"],
  "3.8.8": ["MP-7(1)"],
  "3.8.9": ["CP-9"],
  "3.9.1": ["PS-3"],
  "3.9.2": ["PS-4", "PS-5"],
  "3.10.1": ["PE-2", "PE-5", "PE-6"],
  "3.10.2": ["PE-2", "PE-5", "PE-6"],
  "3.10.3": ["PE-3"],
  "3.10.4": ["PE-3"],
  "3.10.5": ["PE-3"],
  "3.10.6": ["PE-17"],
  "3.11.1": ["RA-3"],
  "3.11.2": ["RA-5", "RA-5(5)"],
  "3.11.3": ["RA-5"],
  "3.12.1": ["CA-2"],
  "3.12.2": ["CA-5"],
  "3.12.3": ["CA-7"],
  "3.12.4": ["PL-2"],
  "3.13.1": ["SC-7", "SA-8"],
  "3.13.2": ["SC-7", "SA-8"],
  "3.13.3": ["SC-2"],
  "3.13.4": ["SC-4"],
  "3.13.5": ["SC-7"],
  "3.13.6": ["SC-7(5)"],
  "3.13.7": ["SC-7(7)"],
  "3.13.8": ["SC-8", "SC-8(1)"],
  "3.13.9": ["SC-10"],
  "3.13.10": ["SC-12"],
  "3.13.11": ["SC-13"],
  "3.13.12": ["SC-15"],
  "3.13.13": ["SC-18"],
  "3.13.14": ["SC-19"],
  "3.13.15": ["SC-23"],
  "3.13.16": ["SC-28"],
  "3.14.1": ["SI-2"],
  "3.14.2": ["SI-3"],
  "3.14.3": ["SI-5"],
  "3.14.4": ["SI-3"],
  "3.14.5": ["SI-3"],
  "3.14.6": ["SI-4", "SI-4(4)"],
  "3.14.7": ["SI-4"],
};

/** The requirements citing each 800-53 control, in the requirements' order. */
const BY_CONTROL = new Map<string, string[]>();
for (const [requirement, controls] of Object.entries(SP800_171_TO_800_53)) {
  for (const control of controls) BY_CONTROL.set(control, [...(BY_CONTROL.get(control) ?? []), requirement]);
}

/** An 800-53 control id as the table writes it: "AC-2", "SC-7(5)"; from "ac-02", "SC-7 (5)", "SC-7.5", "CM-6b". */
export function normalControl(text: string): string | undefined {
  const match = /^([A-Z]{2})-0*(\d{1,2})(?:\s*\(\s*0*(\d{1,2})\s*\)|\.0*(\d{1,2}))?(?:\s*\(?[a-z]\)?)?$/i.exec(text.trim());
  if (!match) return undefined;
  const enhancement = match[3] ?? match[4];
  return `${match[1].toUpperCase()}-${match[2]}${enhancement === undefined ? "" : `(${enhancement})`}`;
}

export interface ControlMapping {
  /** The 800-53 controls the text names, as the table writes them. */
  readonly controls: readonly string[];
  /** The 800-171 requirements that fit, the best first: cited by most of the controls, then in the requirements' order. */
  readonly candidates: readonly string[];
  /** Controls with no requirement of their own, mapped through their base control ("AC-2(4)" through "AC-2"). */
  readonly viaBase: readonly string[];
  /** Controls no requirement cites (the "-1" policy controls, for one). */
  readonly unmapped: readonly string[];
}

/**
 * The 800-171 requirements a Controls cell of 800-53 ids maps to, or
 * undefined when the cell is not a list of 800-53 ids.
 */
export function mapNist80053(text: string | undefined): ControlMapping | undefined {
  const parts = (text ?? "").split(/[,;\n]|\s+and\s+/).map((p) => p.trim()).filter((p) => p !== "");
  const controls = parts.map(normalControl);
  if (parts.length === 0 || controls.some((c) => c === undefined)) return undefined;
  const ids = [...new Set(controls as string[])];
  const votes = new Map<string, number>();
  const viaBase: string[] = [];
  const unmapped: string[] = [];
  for (const control of ids) {
    let fits = BY_CONTROL.get(control);
    if (!fits && control.includes("(")) {
      fits = BY_CONTROL.get(control.slice(0, control.indexOf("(")));
      if (fits) viaBase.push(control);
    }
    if (!fits) unmapped.push(control);
    for (const requirement of fits ?? []) votes.set(requirement, (votes.get(requirement) ?? 0) + 1);
  }
  const order = Object.keys(SP800_171_TO_800_53);
  const candidates = [...votes.keys()].sort((a, b) => (votes.get(b) ?? 0) - (votes.get(a) ?? 0) || order.indexOf(a) - order.indexOf(b));
  return { controls: ids, candidates: candidates.filter((id) => findRequirement(id) !== undefined), viaBase, unmapped };
}
