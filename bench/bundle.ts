/**
 * Bundles one TypeScript entry into a single script with webpack: the Office
 * stand-in the browser loads, and the parse the memory measurement runs in a
 * process of its own (bundled, so that process holds no TypeScript compiler).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import webpack from "webpack";

const ROOT = resolve(__dirname, "..");

/** Bundles `entry` (relative to the repository) for `target`; returns the script's path. */
export async function bundle(entry: string, target: "web" | "node"): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "poam-bench-bundle-"));
  const stats = await new Promise<webpack.Stats>((done, fail) =>
    webpack(
      {
        mode: "production",
        target,
        context: ROOT,
        entry: resolve(ROOT, entry),
        output: { path: out, filename: "bundle.js" },
        resolve: { extensions: [".ts", ".tsx", ".js"] },
        module: {
          rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } } }],
        },
        optimization: { minimize: false },
        performance: { hints: false },
      },
      (error, result) => (error || !result ? fail(error ?? new Error("webpack returned no result")) : done(result)),
    ),
  );
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  return join(out, "bundle.js");
}
