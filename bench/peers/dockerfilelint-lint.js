#!/usr/bin/env node
// dockerfilelint's own command line (bin/dockerfilelint) stops the whole run
// at the first file its checks throw on, which several corpus files do. This
// driver does what that command does for each file named (read it, run the
// checks with the file's directory as the configuration path, add it to the
// JSON reporter) but records a throwing file and goes on, as docker-doctor
// does, so that every tool of compare.py lints the same files.
'use strict';
const fs = require('fs');
const path = require('path');
const dockerfilelint = require('dockerfilelint/lib/index');
const JsonReporter = require('dockerfilelint/lib/reporter/json_reporter');

const reporter = new JsonReporter();
const errors = [];
for (const file of process.argv.slice(2)) {
  try {
    const content = fs.readFileSync(file, 'UTF-8');
    reporter.addFile(file, content, dockerfilelint.run(path.resolve(path.dirname(file)), content));
  } catch (e) {
    errors.push({ file, error: String(e) });
  }
}
const report = reporter.buildReport();
const out = JSON.parse(report.toString());
out.errors = errors;
process.stdout.write(JSON.stringify(out) + '\n');
process.exitCode = errors.length ? 2 : 0;
