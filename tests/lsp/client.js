// Drives `docker-doctor lsp` with vscode-languageserver-protocol, the client
// library VS Code's own extensions use, through a whole session: initialize,
// open a fixture Dockerfile, read its diagnostics, edit it incrementally,
// ask for code actions and a hover, survive garbage on the wire; then, in a
// scratch workspace, a configuration file reloaded on a watched-file change,
// compose diagnostics and a .dockerignore edit re-linting its Dockerfile;
// shut down.
// Usage: node client.js DOCKER_DOCTOR FIXTURE_DIR. Exits non-zero on failure.
'use strict';

const assert = require('node:assert/strict');
const cp = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const url = require('node:url');
const lsp = require('vscode-languageserver-protocol/node');

const [binary, fixtureDir] = process.argv.slice(2);
const dockerfilePath = path.resolve(fixtureDir, 'Dockerfile');
const uri = url.pathToFileURL(dockerfilePath).href;
const text = fs.readFileSync(dockerfilePath, 'utf8');

const server = cp.spawn(binary, ['lsp', '--debounce', '20'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = lsp.createProtocolConnection(
  new lsp.StreamMessageReader(server.stdout),
  new lsp.StreamMessageWriter(server.stdin),
);

// Every publishDiagnostics, and a way to wait for one that matches.
const published = [];
const waiters = [];
connection.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => {
  published.push(params);
  for (const w of waiters.splice(0)) if (!w(params)) waiters.push(w);
});
function diagnosticsWhere(predicate, what) {
  const found = published.find(predicate);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 20000);
    waiters.push((p) => {
      if (!predicate(p)) return false;
      clearTimeout(timer);
      resolve(p);
      return true;
    });
  });
}
// The server's client/registerCapability requests (file watchers).
const registrations = [];
connection.onRequest(lsp.RegistrationRequest.type, (params) => {
  registrations.push(...params.registrations);
  return null;
});
const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));

function lineOf(needle) {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  assert.notEqual(line, -1, `fixture has no line with ${needle}`);
  return line;
}

async function main() {
  connection.listen();
  const init = await connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid,
    rootUri: url.pathToFileURL(path.resolve(fixtureDir)).href,
    capabilities: {
      workspace: {
        workspaceEdit: { documentChanges: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
      },
    },
    workspaceFolders: null,
  });
  assert.equal(init.capabilities.positionEncoding, 'utf-16');
  assert.equal(init.capabilities.textDocumentSync.change, lsp.TextDocumentSyncKind.Incremental);
  assert.equal(init.capabilities.hoverProvider, true);
  await connection.sendNotification(lsp.InitializedNotification.type, {});

  await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'dockerfile', version: 1, text },
  });
  const first = await diagnosticsWhere((p) => p.uri === uri && p.version === 1, 'the first diagnostics');
  const codes = first.diagnostics.map((d) => d.code).sort();
  assert.deepEqual(codes, ['DD601', 'DD605'], JSON.stringify(first.diagnostics));
  const maintainer = first.diagnostics.find((d) => d.code === 'DD601');
  const workdir = first.diagnostics.find((d) => d.code === 'DD605');
  assert.equal(maintainer.source, 'docker-doctor');
  assert.equal(maintainer.severity, lsp.DiagnosticSeverity.Warning);
  assert.match(maintainer.codeDescription.href, /DD601\.md$/);
  assert.equal(maintainer.range.start.line, lineOf('MAINTAINER'));
  // The WORKDIR path, which holds a character outside the BMP: the end
  // counts UTF-16 units, as JavaScript strings do.
  const workdirLine = lineOf('WORKDIR');
  assert.deepEqual(workdir.range, {
    start: { line: workdirLine, character: 8 },
    end: { line: workdirLine, character: text.split('\n')[workdirLine].length },
  });

  // Hover on the MAINTAINER finding: the rule's summary and rationale.
  const hover = await connection.sendRequest(lsp.HoverRequest.type, {
    textDocument: { uri },
    position: { line: maintainer.range.start.line, character: 3 },
  });
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /\*\*DD601\*\*/);
  assert.match(hover.contents.value, /maintainer-deprecated/);

  // Code actions at the MAINTAINER line: its fix and both suppressions.
  const actions = await connection.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri },
    range: maintainer.range,
    context: { diagnostics: [maintainer] },
  });
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes('Ignore DD601 for this instruction'), titles.join(' | '));
  assert.ok(titles.includes('Ignore DD601 for this file'), titles.join(' | '));
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, `no preferred fix among ${titles.join(' | ')}`);
  const edit = fix.edit.documentChanges[0];
  assert.equal(edit.textDocument.uri, uri);
  assert.equal(edit.textDocument.version, 1);
  assert.match(edit.edits[0].newText, /LABEL/);
  const ignoreFile = actions.find((a) => a.title === 'Ignore DD601 for this file');
  assert.equal(ignoreFile.edit.documentChanges[0].edits[0].newText, '# docker-doctor ignore-file=DD601\n');
  assert.equal(ignoreFile.edit.documentChanges[0].edits[0].range.start.line, lineOf('# syntax') + 1);

  // Garbage on the wire between messages: the server answers with an error
  // and keeps going.
  server.stdin.write('this is not a header\r\n\r\n');

  // Apply the fix as an editor would, as one incremental change.
  await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: edit.edits.map((e) => ({ range: e.range, text: e.newText })),
  });
  const second = await diagnosticsWhere((p) => p.uri === uri && p.version === 2, 'diagnostics after the fix');
  assert.deepEqual(second.diagnostics.map((d) => d.code), ['DD605'], JSON.stringify(second.diagnostics));

  // An unknown request is refused with MethodNotFound, not ignored.
  await assert.rejects(connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 0 } }),
    (e) => e.code === lsp.ErrorCodes.MethodNotFound);

  await connection.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  await diagnosticsWhere((p) => p.uri === uri && p.diagnostics.length === 0 && p.version === undefined, 'cleared diagnostics');

  // The server asked to watch its configuration and ignore files.
  const watch = registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
  assert.ok(watch, `no file watcher registered: ${JSON.stringify(registrations)}`);
  const globs = watch.registerOptions.watchers.map((w) => w.globPattern);
  assert.ok(globs.some((g) => g.includes('.docker-doctor')), globs.join(' '));
  await workspace();

  await connection.sendRequest(lsp.ShutdownRequest.type);
  await connection.sendNotification(lsp.ExitNotification.type);
  const code = await exited;
  assert.equal(code, 0, 'exit after shutdown must be 0');
  console.log('lsp client: ok');
}

// A scratch repository: configuration, compose and .dockerignore documents.
async function workspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-lsp-client-'));
  try {
    fs.mkdirSync(path.join(dir, '.git'));  // config discovery stops at the repository root
    const write = (rel, body) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), body);
    };
    const uriOf = (rel) => url.pathToFileURL(path.join(dir, rel)).href;
    const open = (rel, languageId, body) => connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(rel), languageId, version: 1, text: body },
    });
    const codes = (p) => p.diagnostics.map((d) => d.code);

    // Configuration: DD601 off, then an error after the file changes on disk.
    const legacy = 'FROM alpine:3.20\nMAINTAINER me\n';
    write('.docker-doctor.yaml', 'rules:\n  DD601: off\n');
    write('Dockerfile', legacy);
    await open('Dockerfile', 'dockerfile', legacy);
    const quiet = await diagnosticsWhere((p) => p.uri === uriOf('Dockerfile'), 'diagnostics under the configuration');
    assert.ok(!codes(quiet).includes('DD601'), JSON.stringify(quiet.diagnostics));
    write('.docker-doctor.yaml', 'rules:\n  DD601: error\n');
    await connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf('.docker-doctor.yaml'), type: lsp.FileChangeType.Changed }],
    });
    const loud = await diagnosticsWhere((p) => p.uri === uriOf('Dockerfile') && codes(p).includes('DD601'),
      'DD601 after the configuration reload');
    assert.equal(loud.diagnostics.find((d) => d.code === 'DD601').severity, lsp.DiagnosticSeverity.Error);

    // A compose file: the compose rules' findings.
    const compose = 'version: "3"\nservices:\n  web:\n    image: nginx:1.27\n';
    write('compose.yaml', compose);
    await open('compose.yaml', 'dockercompose', compose);
    const composed = await diagnosticsWhere((p) => p.uri === uriOf('compose.yaml') && codes(p).includes('DD315'),
      'compose diagnostics');
    assert.equal(composed.diagnostics.find((d) => d.code === 'DD315').range.start.line, 0);

    // A .dockerignore edited (not saved) re-lints the Dockerfile of its context.
    const app = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "a.js"]\n';
    write('app/Dockerfile', app);
    write('app/a.js', '1\n');
    write('app/node_modules/left-pad/index.js', 'module.exports = 1;\n');
    write('app/.dockerignore', '*.log\n');
    await open('app/Dockerfile', 'dockerfile', app);
    await diagnosticsWhere((p) => p.uri === uriOf('app/Dockerfile') && codes(p).includes('DD401'), 'DD401');
    await open('app/.dockerignore', 'ignore', '*.log\n');
    await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf('app/.dockerignore'), version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'node_modules\n' }],
    });
    await diagnosticsWhere((p) => p.uri === uriOf('app/Dockerfile') && !codes(p).includes('DD401'),
      'the Dockerfile re-linted after the .dockerignore edit');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error('lsp client: FAILED:', e && e.stack ? e.stack : e);
    server.kill();
    process.exit(1);
  },
);
