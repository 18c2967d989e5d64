#!/usr/bin/env node
/**
 * Validates an add-in manifest. With the Office add-in XSDs at
 * ../shared/schemas/office-addin-manifest (as in this project's checkouts) it
 * validates offline with xmllint; otherwise it runs office-addin-manifest,
 * which needs the internet.
 */
"use strict";
const { existsSync } = require("node:fs");
const { join, resolve } = require("node:path");
const { spawnSync } = require("node:child_process");

const manifest = process.argv[2] || "manifest.xml";
const schema = resolve(__dirname, "..", "..", "shared", "schemas", "office-addin-manifest", "OfficeAppManifestV1_1.xsd");

const result = existsSync(schema)
  ? spawnSync("xmllint", ["--noout", "--nonet", "--schema", schema, manifest], { stdio: "inherit" })
  : spawnSync(join(__dirname, "..", "node_modules", ".bin", "office-addin-manifest"), ["validate", manifest], { stdio: "inherit" });
if (result.error) {
  console.error(`Could not run the validator: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
