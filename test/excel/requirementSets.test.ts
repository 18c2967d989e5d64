/**
 * The manifest asks for ExcelApi 1.9; every Office.js member the add-in's
 * Excel code uses must be in it, or be used only where
 * `Office.context.requirements.isSetSupported` said the host has its set.
 * Checked from the `[Api set: …]` remarks of @types/office-js (see
 * test/support/requirementSets.ts), not from comments in our code.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { manifestExcelApi, tooNewMembers } from "../support/requirementSets";

jest.setTimeout(120_000);

const ROOT = join(__dirname, "../..");
const sources = (folder: string) =>
  readdirSync(join(ROOT, folder))
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => `${folder}/${file}`);

/** A snippet in src/excel's place, importing nothing, run through the same check. */
const snippet = (body: string) => ({
  "src/excel/__snippet__.ts": `export async function probe(context: Excel.RequestContext): Promise<void> {\n${body}\n  await context.sync();\n}\n`,
});

describe("requirement sets", () => {
  it("the manifest asks for ExcelApi 1.9", () => {
    expect(manifestExcelApi()).toEqual([1, 9]);
  });

  it("every Office.js member used in src/excel and src/commands is in ExcelApi 1.9 or behind isSetSupported", () => {
    expect(tooNewMembers([...sources("src/excel"), ...sources("src/commands")])).toEqual([]);
  });

  it("catches a member from a newer set, such as getMergedAreasOrNullObject (ExcelApi 1.13)", () => {
    const found = tooNewMembers([], snippet(`  context.workbook.worksheets.getItem("POA&M").getRange("A1:B2").getMergedAreasOrNullObject();`));
    expect(found).toEqual([{ at: "src/excel/__snippet__.ts:2", member: "getMergedAreasOrNullObject", needs: "ExcelApi 1.13" }]);
  });

  it("catches a newer property set through an object literal, such as a sheet's showDataTypeIcons (ExcelApi 1.19)", () => {
    const found = tooNewMembers([], snippet(`  context.workbook.worksheets.getItem("POA&M").set({ showGridlines: false, showDataTypeIcons: false });`));
    expect(found.map((f) => [f.member, f.needs])).toEqual([["showDataTypeIcons", "ExcelApi 1.19"]]);
  });

  it("allows a newer member behind isSetSupported for its set, and not behind an older set", () => {
    const guarded = (version: string) =>
      snippet(`  if (Office.context.requirements.isSetSupported("ExcelApi", "${version}")) context.workbook.worksheets.getItem("A").getRange("A1").getMergedAreasOrNullObject();`);
    expect(tooNewMembers([], guarded("1.13"))).toEqual([]);
    expect(tooNewMembers([], guarded("1.10"))).toHaveLength(1);
  });

  it("lets ExcelApi 1.9 members through: Range.autoFill and worksheets.onSelectionChanged", () => {
    const found = tooNewMembers([], snippet(`  const r = context.workbook.worksheets.getItem("A").getRange("A1");\n  r.autoFill("A1:A9", "FillCopy");\n  context.workbook.worksheets.onSelectionChanged.add(async () => undefined);`));
    expect(found).toEqual([]);
  });
});
