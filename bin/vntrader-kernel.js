#!/usr/bin/env node
// CLI entry: runs the built kernel (dist/); from a source checkout without a build, runs the TypeScript via tsx.
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const built = join(__dirname, "..", "dist", "kernel", "cli.js");
let cli;
if (existsSync(built)) {
  cli = require(built);
} else {
  require("tsx/cjs");
  cli = require(join(__dirname, "..", "kernel", "cli.ts"));
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`vntrader-kernel: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  },
);
