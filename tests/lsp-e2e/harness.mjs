// Drives `berth lsp` through vscode-languageserver-protocol, the JSON-RPC and framing code
// VS Code's own client uses, so the server is tested against a real client implementation.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// CommonJS package: import the namespace, as its re-exports are invisible to named imports.
import protocol from 'vscode-languageserver-protocol/node.js';

const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = protocol;

const here = path.dirname(fileURLToPath(import.meta.url));
export const berthBinary = process.env.BERTH_BINARY || path.resolve(here, '../../build/berth');

export const fullCapabilities = {
  general: { positionEncodings: ['utf-16'] },
  textDocument: {
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
      tagSupport: { valueSet: [1, 2] },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
  workspace: { workspaceEdit: { documentChanges: true } },
};

// Starts the server; `diagnostics(uri, predicate)` resolves with the latest publish for `uri`
// already received when it satisfies `predicate`, else with the first later one that does.
export async function startServer({
  capabilities = fullCapabilities,
  initializationOptions,
  cwd,
  binary = berthBinary,
} = {}) {
  const proc = spawn(binary, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'], cwd });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(
    new StreamMessageReader(proc.stdout),
    new StreamMessageWriter(proc.stdin),
  );
  // The latest publish per document, as an editor keeps it: holding every past one would
  // make the latency benchmark measure this process's garbage collector.
  const published = new Map();
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.set(params.uri, params);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.predicate(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  const serverRequests = [];
  connection.onRequest((method, params) => {
    serverRequests.push({ method, params });
    if (method === 'workspace/configuration') return [null];
    return null;
  });
  connection.listen();
  const init = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities,
    initializationOptions,
  });
  await connection.sendNotification('initialized', {});

  const diagnostics = (uri, predicate = () => true, timeoutMs = 5000) => {
    const last = published.get(uri);
    if (last && predicate(last)) return Promise.resolve(last);
    return new Promise((resolve, reject) => {
      // The timer must not outlive the wait, or node stays up until it fires.
      const waiter = { uri, predicate, resolve: (p) => { clearTimeout(timer); resolve(p); } };
      waiters.push(waiter);
      const timer = setTimeout(() => {
        if (waiters.includes(waiter)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching diagnostics for ${uri}; got ${JSON.stringify(published.get(uri))}`));
        }
      }, timeoutMs);
    });
  };
  const open = async (uri, text, languageId, version = 1) => {
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  };
  const stop = async () => {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const code = await exited;
    connection.dispose();
    return code;
  };
  return { proc, connection, init, diagnostics, open, stop, exited, published, serverRequests, stderr: () => stderr };
}

// Applies LSP TextEdits (UTF-16 positions, which are JS string indices) to a text.
export function applyEdits(text, edits) {
  const offset = (pos) => {
    const lines = text.split('\n');
    let at = 0;
    for (let i = 0; i < pos.line && i < lines.length; i++) at += lines[i].length + 1;
    const line = lines[pos.line] ?? '';
    return Math.min(at + Math.min(pos.character, line.length), text.length);
  };
  const sorted = edits
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}

export function positionOf(text, needle, shift = 0) {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`'${needle}' not in text`);
  const before = text.slice(0, index + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

export function rangeOf(text, needle) {
  return { start: positionOf(text, needle), end: positionOf(text, needle, needle.length) };
}

// Raw framing for malformed-traffic tests, where a well-behaved client library cannot go.
export function rawServer() {
  const proc = spawn(berthBinary, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = Buffer.alloc(0);
  const messages = [];
  const waiters = [];
  proc.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) break;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, end).toString())[1]);
      if (buffer.length < end + 4 + length) break;
      const message = JSON.parse(buffer.slice(end + 4, end + 4 + length).toString('utf8'));
      buffer = buffer.slice(end + 4 + length);
      messages.push(message);
      for (const w of [...waiters]) {
        if (w.predicate(message)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(message);
        }
      }
    }
  });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  const write = (bytes) => proc.stdin.write(bytes);
  const send = (object) => {
    const body = Buffer.from(JSON.stringify(object), 'utf8');
    write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  };
  const next = (predicate, timeoutMs = 5000) => {
    const found = messages.find(predicate);
    if (found) {
      messages.splice(messages.indexOf(found), 1);
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const w = { predicate, resolve: (m) => { messages.splice(messages.indexOf(m), 1); resolve(m); } };
      waiters.push(w);
      setTimeout(() => reject(new Error('timeout; got ' + JSON.stringify(messages))), timeoutMs);
    });
  };
  return { proc, write, send, next, exited, messages };
}
