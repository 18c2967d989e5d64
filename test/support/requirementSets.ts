/**
 * Which Office.js members a piece of the add-in uses that need a newer
 * ExcelApi requirement set than the manifest asks for. Read with the
 * TypeScript compiler API: every property access, call and object-literal
 * property is resolved to its declaration, and the declaration's
 * `[Api set: ExcelApi 1.x]` remark in @types/office-js says what it needs.
 * A use is allowed when it sits in the true branch of a test of
 * `isSetSupported("ExcelApi", "1.y")` with y at least what it needs.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import * as ts from "typescript";

export interface TooNew {
  /** File and line, e.g. "src/excel/tables.ts:42". */
  readonly at: string;
  /** The member as written, e.g. "getMergedAreasOrNullObject". */
  readonly member: string;
  /** The requirement set it needs, e.g. "ExcelApi 1.13" or "ExcelApiOnline 1.1". */
  readonly needs: string;
}

const ROOT = resolve(__dirname, "../..");
const OFFICE_TYPES = resolve(require.resolve("@types/office-js/index.d.ts"));

/** The ExcelApi version the manifest requires, e.g. [1, 9]. */
export function manifestExcelApi(manifest = join(ROOT, "manifest.xml")): [number, number] {
  const match = /<Set\s+Name="ExcelApi"\s+MinVersion="(\d+)\.(\d+)"/.exec(readFileSync(manifest, "utf8"));
  if (!match) throw new Error("The manifest names no ExcelApi requirement set");
  return [Number(match[1]), Number(match[2])];
}

type Version = [number, number];
const newer = (a: Version, b: Version) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/** What a declaration needs, from its JSDoc: `[Api set: ExcelApi 1.13]`; ExcelApiOnline and preview sets count as newer than any ExcelApi. */
function needsOf(declaration: ts.Declaration): { set: string; version: Version } | undefined {
  const file = declaration.getSourceFile();
  const comments = ts.getLeadingCommentRanges(file.text, declaration.getFullStart()) ?? [];
  const text = comments.map((range) => file.text.slice(range.pos, range.end)).join("\n");
  const match = /\[Api set: (ExcelApi(?:Online)?) (\d+)\.(\d+)/.exec(text) ?? (/\[Api set: ExcelApi BETA/.exec(text) ? ["", "ExcelApi BETA", "99", "0"] : null);
  if (!match) return undefined;
  const version: Version = match[1] === "ExcelApi" ? [Number(match[2]), Number(match[3])] : [99, 0];
  return { set: `${match[1]} ${match[2]}.${match[3]}`, version };
}

/** The ExcelApi version an `isSetSupported("ExcelApi", "1.x")` call in `condition` proves, if any. */
function provenBy(condition: ts.Expression): Version | undefined {
  const match = /isSetSupported\(\s*["']ExcelApi["']\s*,\s*["'](\d+)\.(\d+)["']\s*\)/.exec(condition.getText());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Whether `node` runs only when the host was shown to support `version`. */
function guarded(node: ts.Node, version: Version): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    let condition: ts.Expression | undefined;
    if (ts.isIfStatement(parent) && parent.thenStatement === child) condition = parent.expression;
    else if (ts.isConditionalExpression(parent) && parent.whenTrue === child) condition = parent.condition;
    else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.right === child) condition = parent.left;
    const proven = condition && provenBy(condition);
    if (proven && !newer(version, proven)) return true;
  }
  return false;
}

/**
 * Office.js members used in `files` (paths relative to the repository, or
 * given in `inMemory` as path → source) that need more than `manifest`.
 */
export function tooNewMembers(files: readonly string[], inMemory: Readonly<Record<string, string>> = {}, manifest: Version = manifestExcelApi()): TooNew[] {
  const configFile = join(ROOT, "tsconfig.json");
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configFile, (path) => ts.sys.readFile(path)).config, ts.sys, dirname(configFile));
  const memory = new Map(Object.entries(inMemory).map(([path, text]) => [resolve(ROOT, path), text]));
  const host = ts.createCompilerHost(config.options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (path) => memory.has(resolve(path)) || fileExists.call(host, path);
  host.readFile = (path) => memory.get(resolve(path)) ?? readFile.call(host, path);
  host.getSourceFile = (path, language, onError, create) => {
    const text = memory.get(resolve(path));
    return text === undefined ? getSourceFile.call(host, path, language, onError, create) : ts.createSourceFile(path, text, language, true);
  };
  const roots = [...files, ...Object.keys(inMemory)].map((file) => resolve(ROOT, file));
  const program = ts.createProgram({ rootNames: roots, options: { ...config.options, noEmit: true }, host });
  const checker = program.getTypeChecker();
  const found: TooNew[] = [];

  const check = (node: ts.Node, member: string, declarations: readonly ts.Declaration[] | undefined) => {
    const office = (declarations ?? []).filter((declaration) => resolve(declaration.getSourceFile().fileName) === OFFICE_TYPES);
    const needs = office.map(needsOf).filter((need): need is NonNullable<typeof need> => need !== undefined);
    if (needs.length === 0) return;
    // Of several declarations (an overload, an interface and its class), the least demanding decides.
    const least = needs.reduce((a, b) => (newer(a.version, b.version) ? b : a));
    if (!newer(least.version, manifest) || guarded(node, least.version)) return;
    const file = node.getSourceFile();
    const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ at: `${file.fileName.slice(ROOT.length + 1)}:${line}`, member, needs: least.set });
  };

  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const call = ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent : undefined;
      const signature = call && checker.getResolvedSignature(call)?.declaration;
      const symbol = checker.getSymbolAtLocation(node.name);
      check(node.name, node.name.text, signature && !ts.isJSDocSignature(signature) ? [signature] : symbol?.declarations);
    } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      const literal = node.parent;
      const type = ts.isObjectLiteralExpression(literal) ? checker.getContextualType(literal) : undefined;
      const name = node.name.getText();
      check(node.name, name, type?.getProperty(name)?.declarations);
    }
    ts.forEachChild(node, visit);
  };
  for (const root of roots) {
    const source = program.getSourceFile(root);
    if (source) visit(source);
  }
  return found;
}
