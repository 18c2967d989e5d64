import { addDays, daysBetween, fromSerial, isIsoDate, localToday, toSerial } from "../../../src/domain/core/dates";

describe("dates", () => {
  it.each([
    ["1900-03-01", 61],
    ["2026-01-01", 46023],
    ["2026-11-23", 46349],
  ])("%s is Excel serial %i", (date, serial) => {
    expect(toSerial(date)).toBe(serial);
    expect(fromSerial(serial)).toBe(date);
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-20", 15)).toBe("2027-01-04");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(daysBetween("2026-11-23", "2027-05-22")).toBe(180);
  });

  it.each(["2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", ""])("rejects %p", (text) => {
    expect(isIsoDate(text)).toBe(false);
    expect(() => toSerial(text)).toThrow(/calendar date/);
  });

  it("gives the local calendar date", () => {
    expect(localToday(new Date(2026, 10, 23, 23, 59))).toBe("2026-11-23");
  });
});
