/**
 * Each compliance rule has one home that every path calls. These checks read
 * the source and fail when a rule is decided again somewhere else.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "..", "..", "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry) ? [path] : [];
  });
}

const FILES = sources(join(ROOT, "src")).map((path) => ({ path: relative(ROOT, path).replace(/\\/g, "/"), text: readFileSync(path, "utf8") }));

/** Lines of src/ matching `pattern`, outside the rule's home. */
function copiesOf(pattern: RegExp, home: readonly string[]): string[] {
  return FILES.filter((file) => !home.includes(file.path)).flatMap((file) =>
    file.text.split("\n").flatMap((line, i) => (pattern.test(line) ? [`${file.path}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe("one home per rule", () => {
  it.each<[string, RegExp, string[]]>([
    // Which statuses count as closed: the Statuses table, read by closedStatuses.ts only.
    ["closed statuses, from a set", /closedStatuses\.has\(|closed\.has\(/, []],
    ["closed statuses, from the defaults", /STATUSES\.filter\(|\(s\) => s\.closed/, ["src/domain/poam/closedStatuses.ts"]],
    ["closed statuses, in a formula", /"Statuses", "Closed"/, ["src/domain/poam/closedStatuses.ts"]],
    // POA&M IDs are compared in one way (poamIds.ts idKey / sameId).
    ["POA&M ID comparison", /\.trim\(\)\.toUpperCase\(\)|id\.toUpperCase\(\)|poamId\.trim\(\)/i, ["src/domain/poam/poamIds.ts"]],
    // Which items count in CMMC scoring, and the SPRS and eligibility rules (compliance/rules.ts).
    ["the CMMC item type test", /[=!]==\s*CMMC_ITEM|quoted\(CMMC_ITEM\)/, ["src/domain/compliance/rules.ts"]],
    ["POA&M eligibility", /poamEligible\s*===\s*"(Yes|Conditional)"|"POA&M Allowed"\)?}?="Yes"/, ["src/domain/compliance/rules.ts", "src/domain/poam/validateFinding.ts"]],
    ["the 88-point threshold", /\b88\b/, ["src/domain/compliance/rules.ts"]],
    ["the close-out deadline", /addDays\([^)]*closeoutDays|\+\s*\$\{NAME\.closeoutDays\}/, ["src/domain/compliance/rules.ts"]],
    ["partial credit", /partialPoints\s*\?\?\s*(requirement\.|r\.)?points/, ["src/domain/compliance/rules.ts"]],
  ])("%s is decided only in its home", (_, pattern, home) => {
    expect(copiesOf(pattern, home)).toEqual([]);
  });

  it("finds a copy when one is there", () => {
    expect(copiesOf(/export function isClosedStatus\(/, [])).toEqual([expect.stringContaining("src/domain/poam/closedStatuses.ts")]);
  });
});
