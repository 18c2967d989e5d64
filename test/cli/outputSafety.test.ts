/**
 * The command never changes an input file, whatever path leads to it, and
 * checks every output before writing any: a refused command leaves every
 * file as it was.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliRunner } from "../support/cli";

jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), "poam-safety-"));

const run = cliRunner(dir, "2026-11-23");

/** Every file under `dir` with its size and modification time, to show a refusal changed nothing. */
function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files[path] = `${statSync(path).size}:${statSync(path).mtimeMs}`;
    }
  };
  walk(dir);
  return files;
}

beforeAll(async () => {
  expect((await run("new", "poam.xlsx", "--demo", "--today", "2026-11-23")).code).toBe(0);
  expect((await run("export", "poam.xlsx", "--fedramp", "fedramp.xlsx")).code).toBe(0);
  symlinkSync(join(dir, "poam.xlsx"), join(dir, "link.xlsx"));
  linkSync(join(dir, "poam.xlsx"), join(dir, "hard.xlsx"));
  symlinkSync(dir, join(dir, "same-folder"));
  symlinkSync(join(dir, "fedramp.xlsx"), join(dir, "fedramp-link.xlsx"));
  mkdirSync(join(dir, "a-folder.json"));
});

describe("what poam refuses, changing nothing", () => {
  it.each([
    [["new", "fedramp.xlsx", "--from", "fedramp.xlsx", "--force"], "poam: fedramp.xlsx is the input file; poam never changes an input file. Choose another output name."],
    [
      ["new", "fedramp-link.xlsx", "--from", "fedramp.xlsx", "--force"],
      "poam: fedramp-link.xlsx is the same file as the input fedramp.xlsx, through a link; poam never changes an input file. Choose another output name.",
    ],
    [["export", "poam.xlsx", "--fedramp", "link.xlsx", "--force"], "poam: link.xlsx is the same file as the input poam.xlsx, through a link; poam never changes an input file. Choose another output name."],
    [["export", "poam.xlsx", "--fedramp", "hard.xlsx", "--force"], "poam: hard.xlsx is the same file as the input poam.xlsx, through a link; poam never changes an input file. Choose another output name."],
    [
      ["export", "poam.xlsx", "--fedramp", "same-folder/poam.xlsx", "--force"],
      "poam: same-folder/poam.xlsx is the same file as the input poam.xlsx, through a link; poam never changes an input file. Choose another output name.",
    ],
    [["export", "link.xlsx", "--oscal", "out.json", "--fedramp", "poam.xlsx", "--force"], "poam: poam.xlsx is the same file as the input link.xlsx, through a link; poam never changes an input file. Choose another output name."],
    [["export", "poam.xlsx", "--oscal", "ok.json", "--fedramp", "missing/f.xlsx"], "poam: The folder missing does not exist, so missing/f.xlsx cannot be written. Create it first."],
    [["export", "poam.xlsx", "--oscal", "ok.json", "--fedramp", "poam.xlsx/f.xlsx"], "poam: poam.xlsx is not a folder, so poam.xlsx/f.xlsx cannot be written."],
    [["export", "poam.xlsx", "--oscal", "a-folder.json", "--force"], "poam: a-folder.json is a folder, not a file. Give the name of the file to write."],
    [["export", "poam.xlsx", "--oscal", "same.xlsx", "--fedramp", "./same.xlsx"], "poam: same.xlsx and ./same.xlsx are the same file; give each output its own name."],
  ])("%j", async (args, message) => {
    const before = snapshot();
    const result = await run(...args);
    expect(result.err).toBe(message);
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(snapshot()).toEqual(before);
    expect(existsSync(join(dir, "ok.json"))).toBe(false);
  });
});

describe("how poam writes", () => {
  it("replaces an existing output with --force through a temporary file, leaving none behind", async () => {
    writeFileSync(join(dir, "old.json"), "old");
    const result = await run("export", "poam.xlsx", "--oscal", "old.json", "--force");
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "old.json"), "utf8"))).toHaveProperty("plan-of-action-and-milestones");
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("replaces a link at the output's name rather than writing through it", async () => {
    writeFileSync(join(dir, "target.json"), "someone else's file");
    symlinkSync(join(dir, "target.json"), join(dir, "points-elsewhere.json"));
    expect((await run("export", "poam.xlsx", "--oscal", "points-elsewhere.json", "--force")).code).toBe(0);
    expect(readFileSync(join(dir, "target.json"), "utf8")).toBe("someone else's file");
  });
});
