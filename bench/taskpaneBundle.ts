/**
 * The production build of the task pane (webpack.config.js in production
 * mode, written to a temporary folder so dist/ is left alone), and the
 * JavaScript it loads: what the page loads before its first render, and the
 * chunks each page fetches when it is first shown.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import webpack, { type Configuration, type StatsChunk } from "webpack";

const ROOT = resolve(__dirname, "..");

export interface Script {
  readonly file: string;
  readonly bytes: number;
  /** Its size gzipped at gzip's default level (6), as a web server sends it. */
  readonly gzipBytes: number;
}

export interface TaskpaneBuild {
  readonly dir: string;
  /** The scripts taskpane.html loads before the pane's first render. */
  readonly initial: readonly Script[];
  /** Every script the pane can load: the initial ones and all the chunks they fetch later. */
  readonly all: readonly Script[];
  /** The files of each chunk loaded on demand, by its webpackChunkName ("import-scan", …). */
  readonly pages: Readonly<Record<string, readonly string[]>>;
  /** The scripts taskpane.html names, in order (Office.js from Microsoft's CDN left out). */
  readonly htmlScripts: readonly string[];
}

/** The gzipped size of `scripts` together. */
export const gzipBytesOf = (scripts: readonly Script[]) => scripts.reduce((total, script) => total + script.gzipBytes, 0);

/** Builds the add-in for production into a temporary folder and lists the task pane's scripts. */
export async function buildTaskpane(): Promise<TaskpaneBuild> {
  const { default: makeConfig } = (await import(join(ROOT, "webpack.config.js"))) as {
    default: (env: object, options: { mode: string }) => Promise<Configuration>;
  };
  const config = await makeConfig({}, { mode: "production" });
  const dir = mkdtempSync(join(tmpdir(), "poam-taskpane-"));
  const stats = await new Promise<webpack.Stats>((done, fail) =>
    webpack({ ...config, mode: "production", context: ROOT, output: { ...config.output, path: dir } }, (error, result) =>
      error || !result ? fail(error ?? new Error("webpack returned no result")) : done(result),
    ),
  );
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  const json = stats.toJson({ all: false, chunks: true, chunkRelations: true, chunkGroups: true, entrypoints: true, ids: true });
  const chunks = new Map((json.chunks ?? []).map((chunk) => [chunk.id, chunk]));
  const scriptsOf = (list: readonly StatsChunk[]) => [...new Set(list.flatMap((chunk) => [...(chunk.files ?? [])]))].filter((file) => file.endsWith(".js"));
  const script = (file: string): Script => {
    const bytes = readFileSync(join(dir, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
  };

  const entryChunks = (json.entrypoints?.taskpane.chunks ?? []).map((id) => chunks.get(id) as StatsChunk);
  const reachable = new Map<string | number | undefined, StatsChunk>();
  const visit = (chunk: StatsChunk) => {
    if (reachable.has(chunk.id)) return;
    reachable.set(chunk.id, chunk);
    for (const child of chunk.children ?? []) visit(chunks.get(child) as StatsChunk);
  };
  entryChunks.forEach(visit);

  const pages = Object.fromEntries(
    Object.entries(json.namedChunkGroups ?? {})
      .filter(([name]) => !(name in (json.entrypoints ?? {})))
      .map(([name, group]) => [name, scriptsOf((group.chunks ?? []).map((id) => chunks.get(id) as StatsChunk))]),
  );
  const html = readFileSync(join(dir, "taskpane.html"), "utf8");
  const htmlScripts = [...html.matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)/g)].map((match) => match[1]).filter((src) => !/^https?:/.test(src));
  return { dir, initial: scriptsOf(entryChunks).map(script), all: scriptsOf([...reachable.values()]).map(script), pages, htmlScripts };
}
