// End-to-end tests of `berth lsp` with a real LSP client library (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import protocol from 'vscode-languageserver-protocol/node.js';
import { startServer, applyEdits, positionOf, rangeOf, rawServer, fullCapabilities } from './harness.mjs';

const { CancellationTokenSource } = protocol;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-lsp-'));
const uriOf = (name) => 'file://' + path.join(tmp, name);
const codes = (params) => params.diagnostics.map((d) => d.code).sort();

const DOCKERFILE = 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl\nUSER root\n';

test('initialize negotiates utf-16 by default and utf-8 when offered', async () => {
  const a = await startServer();
  assert.equal(a.init.capabilities.positionEncoding, 'utf-16');
  assert.equal(a.init.capabilities.textDocumentSync.change, 2);
  assert.equal(a.init.capabilities.hoverProvider, true);
  assert.deepEqual(a.init.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.berth']);
  assert.equal(a.init.serverInfo.name, 'berth');
  assert.equal(await a.stop(), 0);

  const b = await startServer({
    capabilities: { ...fullCapabilities, general: { positionEncodings: ['utf-8', 'utf-16'] } },
  });
  assert.equal(b.init.capabilities.positionEncoding, 'utf-8');
  assert.equal(await b.stop(), 0);
});

test('Dockerfile diagnostics: exact range, code, href, source, severity, version, data', async () => {
  const s = await startServer();
  const uri = uriOf('Dockerfile');
  await s.open(uri, DOCKERFILE, 'dockerfile', 7);
  const published = await s.diagnostics(uri);
  assert.equal(published.version, 7);
  const root = published.diagnostics.find((d) => d.code === 'DF201');
  assert.ok(root, JSON.stringify(published));
  assert.deepEqual(root.range, rangeOf(DOCKERFILE, 'root'));
  assert.equal(root.source, 'berth');
  assert.equal(root.severity, 2);
  assert.match(root.codeDescription.href, /DF201/);
  // A rule with a fix names it in `data` (the edits come with the code action); others
  // carry no data.
  const withFix = published.diagnostics.find((d) => d.data && d.data.fix);
  assert.ok(withFix, 'some diagnostic carries a fix');
  assert.equal(typeof withFix.data.fix.title, 'string');
  assert.equal(typeof withFix.data.fix.safe, 'boolean');
  assert.equal(withFix.data.fix.edits, undefined);
  assert.ok(published.diagnostics.every((d) => !d.data || d.data.fix));
  assert.equal(await s.stop(), 0);
});

test('UTF-16 and UTF-8 columns after an emoji and a non-ASCII letter', async () => {
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {x: "ö😀"}}\nspec:\n' +
    '  containers: [{name: "😀ö", image: "nginx:latest"}]\n';
  const line = text.split('\n')[4];
  const utf16 = line.indexOf('nginx:latest');
  const utf8 = Buffer.byteLength(line.slice(0, utf16), 'utf8');
  assert.notEqual(utf16, utf8);
  for (const [encoding, column] of [['utf-16', utf16], ['utf-8', utf8]]) {
    const s = await startServer({
      capabilities: { ...fullCapabilities, general: { positionEncodings: [encoding] } },
    });
    const uri = uriOf(`pod-${encoding}.yaml`);
    await s.open(uri, text, 'yaml');
    const published = await s.diagnostics(uri);
    const tag = published.diagnostics.find((d) => d.code === 'K8S501');
    assert.ok(tag, JSON.stringify(published.diagnostics.map((d) => d.code)));
    assert.equal(tag.range.start.line, 4);
    // The span may include the quotes; it must start at or just before the image text.
    assert.ok([column, column - 1].includes(tag.range.start.character), `${encoding}: ${JSON.stringify(tag.range)} vs ${column}`);
    await s.stop();
  }
});

test('incremental edits give the same diagnostics as opening the final text', async () => {
  const s = await startServer();
  const uri = uriOf('inc/Dockerfile');
  let text = DOCKERFILE;
  await s.open(uri, text, 'dockerfile', 1);
  await s.diagnostics(uri, (p) => p.version === 1);
  const edits = [
    { range: rangeOf(text, 'root'), text: 'app' },
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'ARG TOKEN=x\n' },
    { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'EXPOSE 22\nRUN sudo ls 😀\n' },
  ];
  let version = 1;
  for (const change of edits) {
    text = applyEdits(text, [{ range: change.range, newText: change.text }]);
    version += 1;
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [change],
    });
  }
  const incremental = await s.diagnostics(uri, (p) => p.version === version);
  assert.ok(!codes(incremental).includes('DF201'));
  const fresh = uriOf('fresh/Dockerfile');
  await s.open(fresh, text, 'dockerfile');
  const scratch = await s.diagnostics(fresh);
  const strip = (p) => p.diagnostics.map(({ data, ...d }) => d);
  assert.deepEqual(strip(incremental), strip(scratch));
  assert.ok(codes(incremental).length > 0);
  assert.equal(await s.stop(), 0);
});

async function actionsFor(s, uri, diagnostic) {
  return s.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
}

async function applyAction(s, uri, text, version, action) {
  const edits = action.edit.documentChanges[0].edits;
  assert.equal(action.edit.documentChanges[0].textDocument.version, version);
  const next = applyEdits(text, edits);
  await s.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: version + 1 },
    contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })).sort(
      (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
    ),
  });
  return next;
}

test('code actions: quick fix applied and re-checked; suppress on line and in file', async () => {
  const s = await startServer();
  const uri = uriOf('fix/Dockerfile');
  let text = 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install curl\nUSER root\n';
  let version = 1;
  await s.open(uri, text, 'dockerfile', version);
  let published = await s.diagnostics(uri);

  // The rule's own fix (DF511: add -y).
  const noYes = published.diagnostics.find((d) => d.code === 'DF511');
  assert.ok(noYes, JSON.stringify(codes(published)));
  let actions = await actionsFor(s, uri, noYes);
  const fix = actions.find((a) => a.edit && a.isPreferred !== undefined && !a.title.startsWith('Suppress'));
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  text = await applyAction(s, uri, text, version, fix);
  version += 1;
  published = await s.diagnostics(uri, (p) => p.version === version);
  assert.ok(!codes(published).includes('DF511'), text);
  assert.match(text, /install -y curl|-y/);

  // Suppress on this line: a `# berth ignore=DF201` comment before USER root.
  const root = published.diagnostics.find((d) => d.code === 'DF201');
  actions = await actionsFor(s, uri, root);
  const line = actions.find((a) => a.title === 'Suppress DF201 on this line');
  assert.ok(line, JSON.stringify(actions.map((a) => a.title)));
  text = await applyAction(s, uri, text, version, line);
  version += 1;
  assert.match(text, /# berth ignore=DF201\nUSER root/);
  published = await s.diagnostics(uri, (p) => p.version === version);
  assert.ok(!codes(published).includes('DF201'), JSON.stringify(codes(published)));
  assert.ok(!codes(published).includes('BR001'), 'the suppression is used');

  // Suppress in this file: `# berth ignore-file=CODE` at the top.
  const other = published.diagnostics[0];
  assert.ok(other);
  actions = await actionsFor(s, uri, other);
  const file = actions.find((a) => a.title === `Suppress ${other.code} in this file`);
  assert.ok(file);
  text = await applyAction(s, uri, text, version, file);
  version += 1;
  assert.ok(text.startsWith(`# berth ignore-file=${other.code}\n`), text);
  published = await s.diagnostics(uri, (p) => p.version === version);
  assert.ok(!codes(published).includes(other.code));
  assert.equal(await s.stop(), 0);
});

test('code actions in YAML: the suppression comment keeps the indentation and works', async () => {
  const s = await startServer();
  const uri = uriOf('sup.yaml');
  let text =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n' +
    '    image: nginx:latest\n    securityContext:\n      privileged: true\n';
  let version = 1;
  await s.open(uri, text, 'yaml');
  let published = await s.diagnostics(uri);
  const privileged = published.diagnostics.find((d) => d.code === 'K8S101' || /privileged/.test(d.message));
  assert.ok(privileged, JSON.stringify(codes(published)));
  const code = privileged.code;
  const actions = await actionsFor(s, uri, privileged);
  const line = actions.find((a) => a.title === `Suppress ${code} on this line`);
  assert.ok(line);
  text = await applyAction(s, uri, text, version, line);
  version += 1;
  assert.match(text, new RegExp(`\\n( +)# berth ignore=${code}\\n\\1\\S`));
  published = await s.diagnostics(uri, (p) => p.version === version);
  assert.ok(!codes(published).includes(code), text + JSON.stringify(codes(published)));
  assert.ok(!codes(published).includes('BR001'));
  assert.equal(await s.stop(), 0);
});

test('hover: rule docs on a flagged span, on a suppression code, instruction docs on a keyword', async () => {
  const s = await startServer();
  const uri = uriOf('hover/Dockerfile');
  const text = '# berth ignore=DF505\nFROM ubuntu:22.04\n\nUSER root\n';
  await s.open(uri, text, 'dockerfile');
  await s.diagnostics(uri);
  let hover = await s.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(text, 'root', 1),
  });
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /DF201/);
  hover = await s.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(text, 'DF505', 2),
  });
  assert.match(hover.contents.value, /DF505/);
  hover = await s.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(text, 'FROM', 1),
  });
  assert.match(hover.contents.value, /\*\*FROM\*\*/);
  hover = await s.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 2, character: 0 },
  });
  assert.equal(hover, null);
  assert.equal(await s.stop(), 0);
});

test('multi-document YAML: diagnostics only for the Kubernetes documents', async () => {
  const s = await startServer();
  const uri = uriOf('multi.yaml');
  const text =
    'name: ci\non: push\njobs: {build: {runs-on: ubuntu-latest}}\n---\n' +
    'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - {name: c, image: "nginx:latest"}\n' +
    '---\nservices: {web: {image: "nginx:latest", privileged: true}}\n';
  await s.open(uri, text, 'yaml');
  const published = await s.diagnostics(uri);
  assert.ok(published.diagnostics.length > 0);
  for (const d of published.diagnostics) {
    assert.ok(d.range.start.line >= 4 && d.range.end.line <= 10, JSON.stringify(d));
  }
  const ci = uriOf('workflow.yaml');
  await s.open(ci, 'name: ci\non: push\n', 'yaml');
  assert.deepEqual((await s.diagnostics(ci)).diagnostics, []);
  assert.equal(await s.stop(), 0);
});

test('cross-resource rules see every open manifest', async () => {
  const s = await startServer();
  const service = uriOf('cross/service.yaml');
  const serviceText =
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';
  await s.open(service, serviceText, 'yaml');
  const alone = await s.diagnostics(service);
  assert.ok(codes(alone).includes('K8S003'), JSON.stringify(codes(alone)));
  const deployment = uriOf('cross/deployment.yaml');
  await s.open(
    deployment,
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n' +
      '  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: c, image: "nginx:1.25"}]\n',
    'yaml',
  );
  await s.diagnostics(service, (p) => !codes(p).includes('K8S003'));
  // Closing the Deployment brings the finding back.
  await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: deployment } });
  await s.diagnostics(service, (p) => codes(p).includes('K8S003'));
  assert.equal(await s.stop(), 0);
});

test('configuration: .berth.yaml, reloaded on didChangeWatchedFiles; settings', async () => {
  const dir = fs.mkdtempSync(path.join(tmp, 'cfg-'));
  fs.mkdirSync(path.join(dir, '.git'));
  fs.writeFileSync(path.join(dir, '.berth.yaml'), 'rules:\n  DF201: off\n');
  const s = await startServer();
  const uri = 'file://' + path.join(dir, 'Dockerfile');
  await s.open(uri, DOCKERFILE, 'dockerfile');
  let published = await s.diagnostics(uri);
  assert.ok(!codes(published).includes('DF201'));
  fs.writeFileSync(path.join(dir, '.berth.yaml'), 'rules:\n  DF201: error\n');
  await s.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: 'file://' + path.join(dir, '.berth.yaml'), type: 2 }],
  });
  published = await s.diagnostics(uri, (p) => codes(p).includes('DF201'));
  assert.equal(published.diagnostics.find((d) => d.code === 'DF201').severity, 1);
  await s.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { berth: { rules: { 'root-user': 'off' } } },
  });
  await s.diagnostics(uri, (p) => !codes(p).includes('DF201'));
  assert.equal(await s.stop(), 0);
});

test('pull diagnostics, and $/cancelRequest answered with -32800', async () => {
  const s = await startServer({
    capabilities: { ...fullCapabilities, textDocument: { ...fullCapabilities.textDocument, diagnostic: {} } },
    initializationOptions: { debounceMs: 400 },
  });
  const uri = uriOf('pull/Dockerfile');
  await s.open(uri, DOCKERFILE, 'dockerfile');
  const report = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  assert.ok(report.items.some((d) => d.code === 'DF201'));
  const again = await s.connection.sendRequest('textDocument/diagnostic', {
    textDocument: { uri },
    previousResultId: report.resultId,
  });
  assert.equal(again.kind, 'unchanged');
  // A change is throttled (400 ms after the last analysis): a pull now waits, and is cancelled.
  await s.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: 'FROM ubuntu:22.04\nUSER app\n' }],
  });
  const source = new CancellationTokenSource();
  const pending = s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
  setTimeout(() => source.cancel(), 20);
  await assert.rejects(pending, (error) => error.code === -32800);
  const fresh = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  assert.ok(!fresh.items.some((d) => d.code === 'DF201'));
  assert.equal(s.published.size, 0, 'no push diagnostics to a pull client');
  assert.equal(await s.stop(), 0);
});

test('malformed traffic gets JSON-RPC errors and the server carries on', async () => {
  const s = rawServer();
  s.send({ jsonrpc: '2.0', id: 0, method: 'textDocument/hover', params: {} });
  assert.equal((await s.next((m) => m.id === 0)).error.code, -32002);
  s.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { capabilities: {} } });
  await s.next((m) => m.id === 1 && m.result);
  s.write('Content-Length: abc\r\n\r\n');
  assert.equal((await s.next((m) => m.error && m.error.code === -32700 && /header/.test(m.error.message))).id, null);
  s.write('Content-Length: 9\r\n\r\n{"bad": }');
  assert.equal((await s.next((m) => m.error && m.error.code === -32700)).id, null);
  s.send([1, 2]);
  assert.equal((await s.next((m) => m.error && m.error.code === -32600)).id, null);
  s.send({ jsonrpc: '2.0', id: 2, method: 'no/such/method', params: {} });
  assert.equal((await s.next((m) => m.id === 2)).error.code, -32601);
  s.send({ jsonrpc: '2.0', id: 3, method: 'textDocument/hover', params: { textDocument: 5 } });
  assert.equal((await s.next((m) => m.id === 3)).error.code, -32602);
  s.send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { contentChanges: 'x' } });
  // Multi-byte body: Content-Length in bytes.
  s.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x/Dockerfile', languageId: 'dockerfile', version: 1, text: 'FROM a\n# ö😀\nUSER root\n' } } });
  const published = await s.next((m) => m.method === 'textDocument/publishDiagnostics');
  assert.ok(published.params.diagnostics.some((d) => d.code === 'DF201'));
  s.send({ jsonrpc: '2.0', id: 4, method: 'shutdown' });
  await s.next((m) => m.id === 4);
  s.send({ jsonrpc: '2.0', id: 5, method: 'textDocument/hover', params: {} });
  assert.equal((await s.next((m) => m.id === 5)).error.code, -32600);
  s.send({ jsonrpc: '2.0', method: 'exit' });
  assert.equal(await s.exited, 0);
});

test('exit without shutdown exits 1', async () => {
  const s = rawServer();
  s.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { capabilities: {} } });
  await s.next((m) => m.id === 1);
  s.send({ jsonrpc: '2.0', method: 'exit' });
  assert.equal(await s.exited, 1);
});

// The server re-analyses only the `---` documents an edit touches and reuses the rest (and
// their serialized diagnostics). After every edit, what it publishes must be exactly what a
// fresh server publishes for the same text.
test('multi-document manifest: incremental edits publish what a fresh analysis publishes', async () => {
  const uri = uriOf('incremental/app.yaml');
  const deployment = (name, ns) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n` +
    `  labels: {app: ${name}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: ${name}}}\n` +
    `  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers:\n` +
    `      - name: main\n        image: "registry.example.com/${name}:1.0"\n` +
    `        env: [{name: MODE, value: "production"}]\n`;
  const service = (name, ns, selector) =>
    `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\n` +
    `spec:\n  selector: {app: ${selector}}\n  ports: [{port: 80}]\n`;
  let text =
    '# the app\n' + deployment('web', 'team') + '---\n' + service('web', 'team', 'web') + '---\n' +
    deployment('api', 'team') + '---\n' + service('api', 'team', 'api') + '---\n' +
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {mode: x}\n';
  const replace = (needle, newText) => ({ range: rangeOf(text, needle), text: newText });
  const insertAt = (needle, newText) => {
    const at = positionOf(text, needle);
    return { range: { start: at, end: at }, text: newText };
  };
  const steps = [
    ['edit inside one document', () => replace('"production"', '"productionx"')],
    ['a Service selector stops matching (K8S003)', () => replace('selector: {app: api}', 'selector: {app: apx}')],
    ['and matches again', () => replace('selector: {app: apx}', 'selector: {app: api}')],
    ['a new --- splits a document', () => insertAt('apiVersion: v1\nkind: ConfigMap', 'kind: Secret\n---\n')],
    ['an edit across two documents', () => ({
      range: { start: positionOf(text, 'ports: [{port: 80}]\n---\napiVersion: apps/v1'),
        end: positionOf(text, 'kind: Deployment\nmetadata:\n  name: api') },
      text: 'ports: [{port: 80}]\n---\napiVersion: apps/v1\n' })],
    ['a --- removed (two documents become one)', () => replace('kind: Secret\n---\n', '')],
    ['lines inserted above everything', () => insertAt('# the app', '# one\n# two\n')],
    ['a namespace removed (K8S605 judges the whole file)', () => replace('  namespace: team\n', '')],
    ['a file-wide suppression added', () => insertAt('# the app', '# berth ignore-file=K8S109\n')],
    ['and removed', () => replace('# berth ignore-file=K8S109\n', '')],
    ['a Helm action', () => replace('image: "registry.example.com/web:1.0"', 'image: {{ .Values.image }}')],
    ['and back', () => replace('image: {{ .Values.image }}', 'image: "registry.example.com/web:1.0"')],
    ['a duplicate object (K8S004)', () => insertAt('apiVersion: v1\nkind: ConfigMap', service('web', 'team', 'web') + '---\n')],
  ];
  const s = await startServer();
  await s.open(uri, text, 'yaml');
  await s.diagnostics(uri, (p) => p.version === 1);
  let version = 1;
  const seen = new Set();
  for (const [name, change] of steps) {
    const { range, text: newText } = change();
    text = applyEdits(text, [{ range, newText }]);
    version += 1;
    const v = version;
    const published = s.diagnostics(uri, (p) => p.version === v);
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range, text: newText }],
    });
    const incremental = await published;
    const fresh = await startServer();
    await fresh.open(uri, text, 'yaml', v);
    const expected = await fresh.diagnostics(uri, (p) => p.version === v);
    assert.equal(await fresh.stop(), 0);
    assert.deepEqual(incremental.diagnostics, expected.diagnostics, name);
    for (const code of codes(incremental)) seen.add(code);
  }
  // The steps did reach the cross-resource, whole-file and per-document paths.
  for (const code of ['K8S003', 'K8S004', 'K8S605', 'BR002', 'K8S109']) {
    assert.ok(seen.has(code), `${code} never published: ${[...seen]}`);
  }
  assert.equal(await s.stop(), 0);
});

test('source.fixAll.berth: every safe fix in one edit, only when asked for', async () => {
  const s = await startServer();
  const uri = uriOf('fixall/Dockerfile');
  let text =
    'FROM ubuntu:22.04\nRUN apt-get update && apt-get install curl\n' +
    'RUN apt-get install wget\nUSER root\n';
  await s.open(uri, text, 'dockerfile', 1);
  const published = await s.diagnostics(uri, (p) => p.version === 1);
  const safe = (p) => p.diagnostics.filter((d) => d.data && d.data.fix && d.data.fix.safe);
  assert.ok(safe(published).length >= 2, JSON.stringify(codes(published)));
  const request = (only) =>
    s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], ...(only ? { only } : {}) },
    });
  // Not a fix of one diagnostic: never offered unasked, nor for quick fixes.
  for (const only of [undefined, ['quickfix']]) {
    assert.ok(!(await request(only)).some((a) => a.kind === 'source.fixAll.berth'));
  }
  for (const only of [['source'], ['source.fixAll'], ['source.fixAll.berth']]) {
    const actions = await request(only);
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.berth'], JSON.stringify(only));
  }
  const [fixAll] = await request(['source.fixAll']);
  text = await applyAction(s, uri, text, 1, fixAll);
  const after = await s.diagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(safe(after), [], text);
  // Both RUN lines got their fixes (several rules' edits on one line, none overlapping).
  assert.match(text, /install -y .*curl/);
  assert.match(text, /install -y .*wget/);
  assert.equal(await s.stop(), 0);
});
