/**
 * Lets Node run the benchmark's TypeScript, and the src/ and test/support/
 * modules it measures, without a build step: each .ts or .tsx file is
 * transpiled as it is required, with the compiler options of tsconfig.json.
 * It does not type-check; `npx tsc --noEmit -p bench` does.
 *
 *   node -r ./bench/register.js bench/run.ts
 */
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const ts = require("typescript");

const ROOT = join(__dirname, "..");
const { config } = ts.readConfigFile(join(ROOT, "tsconfig.json"), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
const compilerOptions = { ...options, noEmit: false, sourceMap: false, inlineSourceMap: true, inlineSources: true };

for (const extension of [".ts", ".tsx"]) {
  require.extensions[extension] = (module, filename) => {
    const { outputText } = ts.transpileModule(readFileSync(filename, "utf8"), { compilerOptions, fileName: filename });
    module._compile(outputText, filename);
  };
}
