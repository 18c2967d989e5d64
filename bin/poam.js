#!/usr/bin/env node
"use strict";
const { main } = require("../lib/cli/main.js");
const { version } = require("../package.json");

main(process.argv.slice(2), undefined, version).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`poam: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 1;
  },
);
