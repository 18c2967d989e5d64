import { findDate, parseDate, readMilestoneLines } from "../../../src/formats/fedramp/milestoneText";

describe("dates as people type them", () => {
  it.each([
    ["2024-03-01", "2024-03-01"],
    ["2024/3/1", "2024-03-01"],
    ["03/01/2024", "2024-03-01"],
    ["3-1-2024", "2024-03-01"],
    ["25/03/2024", "2024-03-25"],
    ["01.03.2024", "2024-03-01"],
    ["1 March 2024", "2024-03-01"],
    ["01-Mar-2024", "2024-03-01"],
    ["1st Mar. 2024", "2024-03-01"],
    ["March 1, 2024", "2024-03-01"],
    ["Sept 30 2024", "2024-09-30"],
    ["45352", "2024-03-01"],
    [45352, "2024-03-01"],
    ["2024-03-01 00:00:00", "2024-03-01"],
    ["3/1/2024 12:00 AM", "2024-03-01"],
  ])("%j is %s", (value, date) => {
    expect(parseDate(value)?.date).toBe(date);
  });

  it.each([["13/45/2026"], ["2024-02-30"], ["March 2024"], ["12345"], ["Plugin 45352"], ["2024-03-01 and more"], [""]])("%j is no date", (value) => {
    expect(parseDate(value)).toBeUndefined();
  });

  it("says which readings are guesses", () => {
    expect(parseDate("03/01/2024")?.guess).toBe("03/01/2024 read as 2024-03-01 (month first)");
    expect(parseDate("12/15/2026")?.guess).toBeUndefined();
    expect(parseDate("2024-03-01")?.guess).toBeUndefined();
    expect(parseDate("45352")?.guess).toContain("serial");
  });

  it("finds the first real date anywhere in text", () => {
    expect(findDate("Patch by 13/45/2026 or 1 April 2025, then 2025-05-01")).toMatchObject({ date: "2025-04-01", index: 23 });
    expect(findDate("No date here, plugin 12345")).toBeUndefined();
  });
});

describe("milestones as people type them", () => {
  const read = (text: string) => readMilestoneLines(text).milestones;

  it("reads one milestone per line when nothing is numbered", () => {
    expect(read("Buy licences by 2024-03-01\nRoll out to all hosts")).toEqual([
      { milestone: "Buy licences", dueDate: "2024-03-01" },
      { milestone: "Roll out to all hosts" },
    ]);
  });

  it.each([
    ["2024-03-01: Patch servers", { milestone: "Patch servers", dueDate: "2024-03-01" }],
    ["Patch servers - 03/01/2024", { milestone: "Patch servers", dueDate: "2024-03-01" }],
    ["Patch servers (due 1 March 2024)", { milestone: "Patch servers", dueDate: "2024-03-01" }],
    ["Patch the servers on March 1, 2024 after hours", { milestone: "Patch the servers on after hours", dueDate: "2024-03-01" }],
    ["45352 - Patch servers", { milestone: "Patch servers", dueDate: "2024-03-01" }],
    ["Patch servers, due 2024-03-01 (done 2024-02-27)", { milestone: "Patch servers", dueDate: "2024-03-01", completedOn: "2024-02-27" }],
    ["Patch servers by 13/45/2026", { milestone: "Patch servers by 13/45/2026" }],
    ["-rescan with =credentials", { milestone: "-rescan with =credentials" }],
  ])("reads %j", (text, milestone) => {
    expect(read(text)).toEqual([milestone]);
  });

  it("reads numbered and bulleted entries, each possibly over several lines", () => {
    expect(read("1. Patch 2024-03-01\n2) Rescan\nall hosts\n(3) 2024-04-01: Verify")).toEqual([
      { number: 1, milestone: "Patch", dueDate: "2024-03-01" },
      { number: 2, milestone: "Rescan\nall hosts" },
      { number: 3, milestone: "Verify", dueDate: "2024-04-01" },
    ]);
    expect(read("• Patch – 03/15/2024\n- Rescan\n* Close out 4/30/2024")).toEqual([
      { milestone: "Patch", dueDate: "2024-03-15" },
      { milestone: "Rescan" },
      { milestone: "Close out", dueDate: "2024-04-30" },
    ]);
  });

  it("in the template's \"(1) date: text\" form, leaves a date inside an undated milestone's text alone", () => {
    expect(read("(1) Review the 2026-11-15 meeting notes\n\n(2) Patch servers by 2026-12-01\n\n(3) Rescan 2026-12-15\n\n(4) Sign-off (2027-01-10)")).toEqual([
      { number: 1, milestone: "Review the 2026-11-15 meeting notes" },
      { number: 2, milestone: "Patch servers", dueDate: "2026-12-01" },
      { number: 3, milestone: "Rescan", dueDate: "2026-12-15" },
      { number: 4, milestone: "Sign-off", dueDate: "2027-01-10" },
    ]);
    expect(read("(1) Review the 2026-11-15 notes (done 2026-11-20)")).toEqual([{ number: 1, milestone: "Review the 2026-11-15 notes", completedOn: "2026-11-20" }]);
    // Other forms take a date in any position.
    expect(read("Review the 2026-11-15 meeting notes")).toEqual([{ milestone: "Review the meeting notes", dueDate: "2026-11-15" }]);
  });

  it("keeps an entry that is only a date as it was written, and lists the guessed dates", () => {
    const result = readMilestoneLines("03/01/2024\n1 May 2024: Rescan");
    expect(result.milestones).toEqual([
      { milestone: "03/01/2024", dueDate: "2024-03-01" },
      { milestone: "Rescan", dueDate: "2024-05-01" },
    ]);
    expect(result.guesses).toEqual(["03/01/2024 read as 2024-03-01 (month first)"]);
  });
});
