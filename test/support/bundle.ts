/**
 * Bundles one TypeScript entry into a single script with webpack: the task
 * pane page the browser tests open, the Office stand-in the benchmark's
 * browser loads, and the parse its memory measurement runs in a process of
 * its own (bundled, so that process holds no TypeScript compiler).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import webpack from "webpack";

const ROOT = resolve(__dirname, "..", "..");

export interface BundleOptions {
  readonly filename?: string;
  /** Minified, as the add-in ships; off where the script is only run. */
  readonly minimize?: boolean;
}

/** Bundles `entry` (relative to the repository) for `target` into a new temporary folder; returns the script's path. */
export async function bundle(entry: string, target: "web" | "node", { filename = "bundle.js", minimize = false }: BundleOptions = {}): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "poam-bundle-"));
  const stats = await new Promise<webpack.Stats>((done, fail) =>
    webpack(
      {
        mode: "production",
        target,
        context: ROOT,
        entry: resolve(ROOT, entry),
        output: { path: out, filename },
        resolve: { extensions: [".ts", ".tsx", ".js"] },
        module: {
          rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } } }],
        },
        optimization: { minimize },
        performance: { hints: false },
      },
      (error, result) => (error || !result ? fail(error ?? new Error("webpack returned no result")) : done(result)),
    ),
  );
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  return join(out, filename);
}
