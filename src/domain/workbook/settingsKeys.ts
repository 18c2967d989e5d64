/**
 * The rows of the `Settings` table (Setting | Value | Notes). Formulas find a
 * setting by its label, so users may sort the table or move it; the labels
 * themselves are part of the workbook's contract.
 */
export const SETTING = {
  organisation: "Organisation",
  systemName: "System name",
  asOf: "As of",
  dueSoonDays: "Due soon (days)",
  assessmentDate: "Assessment date",
  conditionalStatusDate: "Conditional status date",
  closeoutDays: "CMMC close-out (days)",
  nextReview: "Next review",
} as const;

export type SettingKey = keyof typeof SETTING;

export interface SettingDefinition {
  readonly key: SettingKey;
  readonly kind: "text" | "date" | "days";
  readonly initial: string | number | null;
  readonly note: string;
}

export const SETTINGS: readonly SettingDefinition[] = [
  { key: "organisation", kind: "text", initial: null, note: "Shown on the Summary and in exports." },
  { key: "systemName", kind: "text", initial: null, note: "The system or enclave this POA&M covers." },
  {
    key: "asOf",
    kind: "date",
    initial: null,
    note: "Leave empty to use today. Enter a date to see the POA&M as it will stand on that day (for example the next review).",
  },
  { key: "dueSoonDays", kind: "days", initial: 30, note: "Open items due within this many days show as Due Soon." },
  {
    key: "assessmentDate",
    kind: "date",
    initial: null,
    note: "Date of the CMMC assessment. Starts the close-out clock while the Conditional status date is empty.",
  },
  {
    key: "conditionalStatusDate",
    kind: "date",
    initial: null,
    note: "Date of CMMC Conditional Level 2 status. Starts the close-out clock: every CMMC POA&M item must close within 180 days of it (32 CFR 170.21).",
  },
  {
    key: "closeoutDays",
    kind: "days",
    initial: 180,
    note: "Your own target for closing CMMC POA&M items, counted from the close-out clock's start; caps their due dates. The legal limit is 180 days: a larger value counts as 180.",
  },
  {
    key: "nextReview",
    kind: "date",
    initial: null,
    note: "Date of the next leadership review; the Summary lists the items due before it. Empty: 30 days after the As of date.",
  },
];
