import { toSerial } from "../../../src/domain/core/dates";
import { poamDataFromTables, type TableValues } from "../../../src/domain/poam/poamData";
import { CONTROL_COLUMNS, POAM_COLUMNS, SETTINGS_COLUMNS } from "../../../src/domain/workbook/schema";
import { REQUIREMENTS } from "../../../src/domain/compliance/requirements";
import { summarise } from "../../../src/domain/summary/summarise";

const table = (name: string, headers: readonly string[], rows: unknown[][]): TableValues => ({ name, sheet: name, headerRow: 0, column: 0, headers, rows });
const poamHeaders = POAM_COLUMNS.map((c) => c.header);
const item = (fields: Record<string, unknown>) => poamHeaders.map((header) => fields[header] ?? null);

function data(items: Record<string, unknown>[], settings: Record<string, unknown> = {}, statuses: Record<string, string> = {}) {
  return poamDataFromTables([
    table("Poam", poamHeaders, items.map(item)),
    table(
      "Controls",
      CONTROL_COLUMNS.map((c) => c.header),
      REQUIREMENTS.map((r) => [r.id, r.cmmcId, r.familyCode, r.family, r.level, r.points, r.partialPoints ?? null, null, r.poamEligible, r.statement, statuses[r.id] ?? "Met"]),
    ),
    table("Settings", SETTINGS_COLUMNS.map((c) => c.header), Object.entries({ "As of": toSerial("2026-11-23"), ...settings }).map(([k, v]) => [k, v, null])),
  ]);
}

const open = (fields: Record<string, unknown> = {}) => ({
  "POA&M ID": "POAM-2026-0001",
  "Item Type": "CMMC POA&M item",
  Requirement: "3.1.8",
  Weakness: "w",
  Discovered: toSerial("2026-11-01"),
  Priority: "Medium",
  Status: "Open",
  ...fields,
});

describe("the summary maths", () => {
  it("reads a date cell holding text as empty, as the formulas do, rather than failing", () => {
    const { figures, items } = summarise(data([open({ Discovered: "last Tuesday", "Completed On": "soon" })]));
    expect(items[0]).toMatchObject({ targetDate: undefined, state: undefined, open: true });
    expect(figures.open).toBe(1);
  });

  it("stops, naming the cell, on a settings date outside Excel's dates, whichever path read the tables", () => {
    for (const serial of [1e300, -1e10]) {
      expect(() => data([open()], { "Conditional status date": serial })).toThrow(/\(Conditional status date\) holds .*which is not a date/);
    }
  });

  it("blocks conditional status once the close-out period has ended with CMMC items open", () => {
    const { figures } = summarise(data([open()], { "Conditional status date": toSerial("2026-05-01") }));
    expect(figures.readiness.closeoutDeadline).toBe("2026-10-28");
    expect(figures.readiness.closeoutDaysLeft).toBe(-26);
    expect(figures.readiness.reachable).toBe(false);
    expect(figures.readiness.reasons).toEqual(["The 180-day close-out ended on 2026-10-28 with 1 CMMC item open."]);
  });

  it("counts an item due after the close-out deadline", () => {
    const extended = open({ "Extended To": toSerial("2027-04-15"), "Extension Reason": "Vendor delay" });
    const { figures } = summarise(data([extended], { "Conditional status date": toSerial("2026-10-01") }));
    // Extended to 2027-04-15, after the deadline 2027-03-30.
    expect(figures.readiness.dueAfterCloseout).toBe(1);
  });

  it("allows 3.13.11 on a POA&M only with partial credit", () => {
    const partial = summarise(data([open({ Requirement: "3.13.11" })], {}, { "3.13.11": "Partial" })).figures.readiness;
    const notMet = summarise(data([open({ Requirement: "3.13.11" })], {}, { "3.13.11": "Not Met" })).figures.readiness;
    expect(partial.blockingRequirements).toEqual([]);
    expect(partial.score).toBe(110 - 3);
    expect(notMet.blockingRequirements).toEqual([{ id: "3.13.11", reason: "Not met and not allowed on a CMMC POA&M" }]);
    expect(notMet.score).toBe(110 - 5);
  });
});
