#!/usr/bin/env node
/**
 * Makes sure the system programs the tests need are installed: LibreOffice
 * (recalculates workbooks in the formula tests), xmllint (validates the
 * manifest) and Chromium (the browser suite). As root on Debian it installs what is missing with apt-get;
 * otherwise it stops with the exact command to run. A suite never skips.
 */
"use strict";
const { spawnSync } = require("node:child_process");

const NEEDS = [
  { command: "soffice", pkg: "libreoffice-calc-nogui", why: "recalculates workbooks for the formula tests" },
  { command: "xmllint", pkg: "libxml2-utils", why: "validates manifest.xml against the add-in schemas" },
  { command: "chromium", pkg: "chromium", why: "runs the task pane in a real browser for the browser suite" },
];

const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
const missing = () => NEEDS.filter((need) => !has(need.command));

let lacking = missing();
if (lacking.length === 0) process.exit(0);

const packages = lacking.map((need) => need.pkg).join(" ");
const command = `apt-get update && apt-get install -y --no-install-recommends ${packages}`;
for (const need of lacking) console.error(`Missing ${need.command} (${need.pkg}): it ${need.why}.`);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isRoot && has("apt-get")) {
  console.error(`Installing: ${packages}`);
  const result = spawnSync("sh", ["-c", command], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  lacking = missing();
  if (result.status === 0 && lacking.length === 0) process.exit(0);
}
console.error(`\nInstall them, then run the tests again:\n  sudo sh -c '${command}'`);
process.exit(1);
