// LSP latency benchmark: one-character edits in a 5,000-line multi-document manifest, timed
// from sending didChange to receiving the publishDiagnostics of that version.
//
//   node bench/lsp/lsp_latency.mjs [--binary build/berth] [--edits 200] [--interval-ms 60]
//
// Edits are spaced like typing (60 ms, above the server's default 50 ms throttle window, so
// each edit is analysed at once, with default settings). Uses the client library installed
// for tests/lsp-e2e (scripts/install-deps.sh). Prints median, p90, p99 and max, and where the
// time goes: the client's share (from the last byte of the publish read to its handler: the
// client library decoding the JSON) and, as the server reports it (it is started with
// BERTH_LSP_TIMING=1), the server's phases from the start of the analysis to the publish written.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startServer } from '../../tests/lsp-e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
// Passed to startServer: the harness reads BERTH_BINARY when it is imported, before this runs.
const binary = path.resolve(option('--binary', process.env.BERTH_BINARY || path.join(here, '../../build/berth')));
const edits = Number(option('--edits', 200));
const interval = Number(option('--interval-ms', 60));
const targetLines = Number(option('--lines', 5000));

// Deployments and Services, each with a few findings, until the file has `targetLines` lines.
function manifest() {
  const docs = [];
  let lines = 0;
  for (let i = 0; lines < targetLines; i++) {
    const doc =
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: team-${i % 7}\n` +
      `  labels:\n    app: app-${i}\n    tier: backend\nspec:\n  replicas: ${1 + (i % 3)}\n` +
      `  selector:\n    matchLabels:\n      app: app-${i}\n  template:\n    metadata:\n` +
      `      labels:\n        app: app-${i}\n        tier: backend\n    spec:\n` +
      `      serviceAccountName: app-${i}\n      containers:\n      - name: main\n` +
      `        image: registry.example.com/app-${i}:1.${i}.0\n        ports:\n` +
      `        - containerPort: 8080\n        env:\n        - name: MODE\n          value: "production"\n` +
      `        resources:\n          requests: {cpu: 100m, memory: 128Mi}\n          limits: {memory: 256Mi}\n` +
      `        securityContext:\n          runAsNonRoot: true\n          readOnlyRootFilesystem: ${i % 2 === 0}\n` +
      `        readinessProbe:\n          httpGet: {path: /healthz, port: 8080}\n---\n` +
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\n  namespace: team-${i % 7}\n` +
      `spec:\n  selector:\n    app: app-${i}\n  ports:\n  - port: 80\n    targetPort: 8080\n---\n`;
    docs.push(doc);
    lines += doc.split('\n').length - 1;
  }
  return docs.join('');
}

const text = manifest();
const lineCount = text.split('\n').length - 1;
process.env.BERTH_LSP_TIMING = '1';  // the server's per-edit phases on its stderr
const server = await startServer({ binary });
// When the bytes of the server's messages arrive (a second listener; the client reads them too).
let lastChunk = 0;
server.proc.stdout.on('data', () => {
  lastChunk = performance.now();
});
const uri = 'file:///bench/manifest.yaml';
let t = performance.now();
await server.open(uri, text, 'yaml', 1);
const first = await server.diagnostics(uri, (p) => p.version === 1, 60000);
const openMs = performance.now() - t;

// Edit sites: inside `value: "production"` strings spread over the file; insert a character,
// then delete it again, so the text (and the findings) stay comparable across edits.
const lines = text.split('\n');
const sites = [];
lines.forEach((line, i) => {
  const col = line.indexOf('"production"');
  if (col >= 0) sites.push({ line: i, character: col + 5 });
});
const samples = [];
const decoding = [];  // last byte read -> publish handled, per edit
let publishBytes = 0;
let version = 1;
for (let k = 0; k < edits; k++) {
  // Each site twice in a row: the character inserted, then deleted again.
  const site = sites[(Math.floor(k / 2) * 7919) % sites.length];
  const insert = k % 2 === 0;
  const change = insert
    ? { range: { start: site, end: site }, text: 'x' }
    : { range: { start: site, end: { line: site.line, character: site.character + 1 } }, text: '' };
  version += 1;
  const v = version;
  const published = server.diagnostics(uri, (p) => p.version === v, 60000);
  t = performance.now();
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: v },
    contentChanges: [change],
  });
  const publish = await published;
  const now = performance.now();
  samples.push(now - t);
  decoding.push(now - lastChunk);
  if (k === 0) publishBytes = JSON.stringify(publish).length;
  await new Promise((resolve) => setTimeout(resolve, interval));
}
await server.stop();

// The server's phases per analysis (lsp/server.cpp report_time): the first is the open.
const phases = {};
for (const line of server.stderr().split('\n').filter((l) => l.startsWith('timing ')).slice(1)) {
  const words = line.split(' ').slice(1);
  for (let i = 0; i + 1 < words.length; i += 2) (phases[words[i]] ||= []).push(Number(words[i + 1]));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)];
const fmt = (x) => x.toFixed(2);
console.log(`manifest: ${lineCount} lines, ${text.split('\n---\n').length} documents, ${first.diagnostics.length} diagnostics`);
console.log(`open (full parse + analysis + publish): ${fmt(openMs)} ms`);
console.log(`one-character edits: ${samples.length}, spaced ${interval} ms`);
console.log(`didChange -> publishDiagnostics: median ${fmt(pct(50))} ms, p90 ${fmt(pct(90))} ms, ` +
  `p99 ${fmt(pct(99))} ms, max ${fmt(samples[samples.length - 1])} ms`);
console.log(`  client: median ${fmt(median(decoding))} ms from the last byte read to the handler ` +
  `(decoding a ${Math.round(publishBytes / 1024)} KB publish)`);
if (phases.analysis) {
  console.log(`  server medians: ` +
    Object.entries(phases).map(([name, xs]) => `${name} ${fmt(median(xs))} ms`).join(', ') +
    ` (analysis: the file's documents brought up to date; cross: the cross-resource pass; ` +
    `push: the publish rendered and written)`);
}
console.log(`targets: median < 5 ms ${pct(50) < 5 ? 'MET' : 'MISSED'}, p99 < 20 ms ${pct(99) < 20 ? 'MET' : 'MISSED'}`);
