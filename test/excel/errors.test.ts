/**
 * Every Office error code a user can meet turns into a short message of our
 * own. The codes are read from @types/office-js (Excel.ErrorCodes and
 * OfficeExtension.ErrorCodes) with the TypeScript compiler API, so a code
 * added there and not mapped here fails.
 */
import { readFileSync } from "node:fs";
import * as ts from "typescript";
import { PoamError } from "../../src/domain/core/errors";
import { ERROR_MESSAGES } from "../../src/domain/core/messages";
import { OFFICE_ERROR_CODES, toPoamError } from "../../src/excel/errors";
import { OfficeError } from "../support/fakeExcel";

const OFFICE_TYPES = require.resolve("@types/office-js/index.d.ts");

/** The string values of `Excel.ErrorCodes` and the static members of `OfficeExtension.ErrorCodes`, as declared. */
function declaredCodes(): { excel: string[]; common: string[] } {
  const source = ts.createSourceFile(OFFICE_TYPES, readFileSync(OFFICE_TYPES, "utf8"), ts.ScriptTarget.Latest, false);
  const excel: string[] = [];
  const common: string[] = [];
  const visit = (node: ts.Node, namespace: string) => {
    if (ts.isModuleDeclaration(node)) {
      const name = node.name.getText(source);
      if (node.body) ts.forEachChild(node.body, (child) => visit(child, name));
      return;
    }
    if (namespace === "Excel" && ts.isEnumDeclaration(node) && node.name.text === "ErrorCodes") {
      for (const member of node.members) if (member.initializer && ts.isStringLiteral(member.initializer)) excel.push(member.initializer.text);
    }
    if (namespace === "OfficeExtension" && ts.isClassDeclaration(node) && node.name?.text === "ErrorCodes") {
      for (const member of node.members) {
        const name = member.name?.getText(source);
        if (name) common.push(name.charAt(0).toUpperCase() + name.slice(1));
      }
    }
    ts.forEachChild(node, (child) => visit(child, namespace));
  };
  visit(source, "");
  return { excel, common };
}

const { excel, common } = declaredCodes();
const documented = new Set([...excel, ...common, "RequestPayloadSizeLimitExceeded"]);

describe("Office error codes", () => {
  it("are read from the type declarations", () => {
    expect(excel).toEqual(expect.arrayContaining(["InsertDeleteConflict", "MergedRangeConflict", "FilteredRangeConflict", "GeneralException", "ResponsePayloadSizeLimitExceeded"]));
    expect(common).toEqual(expect.arrayContaining(["AccessDenied", "GeneralException", "InvalidArgument", "ConnectionFailure"]));
  });

  it("are each mapped to a message of ours", () => {
    expect([...documented].filter((code) => !Object.prototype.hasOwnProperty.call(OFFICE_ERROR_CODES, code))).toEqual([]);
  });

  it("are the only codes mapped: NotAllowed and other inventions are not Office's", () => {
    expect(Object.keys(OFFICE_ERROR_CODES).filter((code) => !documented.has(code))).toEqual([]);
    expect(OFFICE_ERROR_CODES).not.toHaveProperty("NotAllowed");
  });

  it.each([...documented])("%s becomes a short message that does not show the code", (code) => {
    const error = toPoamError(new OfficeError(code, `Raw Office text for ${code}`));
    expect(error).toBeInstanceOf(PoamError);
    expect(error.message).toBe(ERROR_MESSAGES[error.code]);
    expect(error.message).not.toContain(code);
    expect(error.message.length).toBeLessThanOrEqual(160);
  });

  it.each([
    ["InsertDeleteConflict", "layoutConflict"],
    ["MergedRangeConflict", "layoutConflict"],
    ["FilteredRangeConflict", "filtered"],
    ["GeneralException", "unexpected"],
    ["ResponsePayloadSizeLimitExceeded", "responseTooLarge"],
  ])("%s means %s", (code, expected) => {
    expect(toPoamError(new OfficeError(code, "raw")).code).toBe(expected);
  });

  it("treats an unknown or inherited code as unexpected", () => {
    expect(toPoamError(new OfficeError("toString", "raw")).code).toBe("unexpected");
    expect(toPoamError(new OfficeError("SomethingNew", "raw")).code).toBe("unexpected");
  });
});
