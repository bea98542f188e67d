#!/usr/bin/env node
// The command-line driver for dockerfile-utils, which is a library (the
// validator behind the Docker language server): lints each Dockerfile named
// on the command line and prints one JSON report, like the other tools of
// compare.py. A file it cannot read or that makes the validator throw is
// recorded and the run goes on, as docker-doctor's does.
'use strict';
const fs = require('fs');
const { validate } = require('dockerfile-utils');

const report = { files: [], errors: [] };
for (const path of process.argv.slice(2)) {
  try {
    const diagnostics = validate(fs.readFileSync(path, 'utf8'));
    report.files.push({
      file: path,
      problems: diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        code: d.code,
        message: d.message,
      })),
    });
  } catch (e) {
    report.errors.push({ file: path, error: String(e) });
  }
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exitCode = report.errors.length ? 2 : 0;
