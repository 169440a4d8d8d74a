// The client path end to end: the real `berth lsp`, started by the extension's own lookup and
// spawn code, driven through vscode-languageserver-protocol (the protocol library inside
// vscode-languageclient, the same copy the bundle carries) the way VS Code's client drives it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { realFs, resolveBinary, serverCommand, serverSettings, spawnServer, type ServerProcess } from '../src/server';
import { berthBinary, binaryUnavailable } from './helpers';

const skip = binaryUnavailable();
if (skip) console.log(`# lsp-e2e skipped: ${skip}`);

const DOCKERFILE = [
  'FROM ubuntu:latest',
  'ENV DB_PASSWORD=hunter2',
  'EXPOSE 22',
  'RUN apt-get update && apt-get install -y curl',
  '',
].join('\n');

const POD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:', '    - name: c', '      image: nginx', ''].join('\n');

/** Roughly what vscode-languageclient 9 announces (the parts berth looks at). */
function capabilities(pull: boolean): ClientCapabilities {
  const result: ClientCapabilities = {
    general: { positionEncodings: ['utf-16'] },
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceFolders: true,
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, didSave: true },
      publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } },
        dataSupport: true,
      },
    },
  };
  if (pull) result.textDocument!.diagnostic = { dynamicRegistration: true, relatedDocumentSupport: false };
  return result;
}

/** Every started session, so that a failed assertion never leaves a server running. */
const sessions: Session[] = [];

/** A running server with a protocol connection, as the extension starts it. */
class Session {
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private waiters: Array<() => void> = [];
  configuration: unknown = {};
  configurationRequests = 0;

  private constructor(
    readonly server: ServerProcess,
    readonly connection: ProtocolConnection,
    readonly stderr: string[],
  ) {}

  static async start(workspace: string): Promise<Session> {
    // The extension's own lookup: berth.path set to the binary under test.
    const binary = resolveBinary({ path: berthBinary }, {
      extensionPath: '/nonexistent',
      workspaceFolder: workspace,
      platform: process.platform,
      arch: process.arch,
      envPath: process.env['PATH'],
      homeDir: os.homedir(),
      fs: realFs,
    });
    const server = await spawnServer(serverCommand(binary, workspace));
    const stderr: string[] = [];
    server.process.stderr.on('data', (data: Buffer) => stderr.push(data.toString()));
    const connection = createProtocolConnection(
      new StreamMessageReader(server.process.stdout),
      new StreamMessageWriter(server.process.stdin),
    );
    const session = new Session(server, connection, stderr);
    sessions.push(session);
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = session.published.get(params.uri) ?? [];
      list.push(params);
      session.published.set(params.uri, list);
      for (const wake of session.waiters.splice(0)) wake();
    });
    connection.onRequest(RegistrationRequest.type, () => null);
    // The extension's middleware answers `workspace/configuration` for "berth" this way.
    connection.onRequest(ConfigurationRequest.type, (params) => {
      session.configurationRequests++;
      return params.items.map((item) =>
        item.section === 'berth' ? serverSettings(session.configuration, workspace, os.homedir()) : null,
      );
    });
    connection.listen();
    return session;
  }

  async initialize(workspace: string, pull: boolean, initializationOptions: unknown = {}): Promise<void> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).href,
      workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: path.basename(workspace) }],
      capabilities: capabilities(pull),
      initializationOptions,
    });
    assert.equal(result.serverInfo?.name, 'berth');
    assert.equal(result.capabilities.positionEncoding ?? 'utf-16', 'utf-16');
    assert.ok(result.capabilities.hoverProvider);
    assert.ok(result.capabilities.codeActionProvider);
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** The diagnostics published for `uri` at document version `version` or later. */
  async diagnostics(uri: string, version = 1, timeoutMs = 10000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = this.published.get(uri) ?? [];
      const latest = list[list.length - 1];
      if (latest && (latest.version ?? version) >= version) return latest.diagnostics;
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}; server log:\n${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  kill(): void {
    this.connection.dispose();
    const child = this.server.process;
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const exit = await Promise.race([this.server.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000).unref())]);
    this.connection.dispose();
    if (!exit) {
      this.server.process.kill();
      throw new Error('the server did not exit after shutdown/exit');
    }
    return exit.code;
  }
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

/** The rule set grows; the tests name the findings they are about, not all of them. */
function assertCodes(diagnostics: Diagnostic[], present: string[], absent: string[] = []): void {
  const found = codes(diagnostics);
  for (const code of present) assert.ok(found.includes(code), `${code} in ${found.join(' ')}`);
  for (const code of absent) assert.ok(!found.includes(code), `${code} not in ${found.join(' ')}`);
}

describe('berth lsp through vscode-languageserver-protocol', { skip }, () => {
  let workspace: string;
  before(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-'));
    fs.writeFileSync(path.join(workspace, 'Dockerfile'), DOCKERFILE);
    fs.mkdirSync(path.join(workspace, 'ci'));
    fs.writeFileSync(path.join(workspace, 'ci', 'strict.berth.yaml'), 'rules:\n  DF201: off\n  DF402: error\n');
  });
  after(() => {
    for (const session of sessions) session.kill();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('pushes diagnostics for a Dockerfile, follows edits, hovers, offers fixes, shuts down cleanly', async () => {
    const session = await Session.start(workspace);
    await session.initialize(workspace, false);
    const uri = pathToFileURL(path.join(workspace, 'Dockerfile')).href;
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE },
    });
    const first = await session.diagnostics(uri);
    assertCodes(first, ['DF201', 'DF301', 'DF402', 'DF505']);
    for (const diagnostic of first) {
      assert.equal(diagnostic.source, 'berth');
      assert.ok(diagnostic.codeDescription?.href, 'a link to the rule documentation');
    }
    const secret = first.find((d) => d.code === 'DF301')!;
    assert.deepEqual(secret.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 15 } });
    assert.equal(secret.severity, 1);

    // An incremental edit: EXPOSE 22 → EXPOSE 8080 removes the sensitive-port finding.
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 7 }, end: { line: 2, character: 9 } }, text: '8080' }],
    });
    const second = await session.diagnostics(uri, 2);
    assertCodes(second, ['DF201', 'DF301', 'DF505'], ['DF402']);

    const hover = await session.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 6 },
    });
    assert.ok(hover, 'hover on a flagged span');
    assert.match(JSON.stringify(hover.contents), /DF301|secret/);

    const aptFinding = second.find((d) => d.code === 'DF505')!;
    const actions = await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: aptFinding.range,
      context: { diagnostics: [aptFinding], only: ['quickfix'] },
    });
    const titles = (actions ?? []).map((action) => action.title);
    assert.ok(titles.some((title) => /no-install-recommends/.test(title)), `the rule's fix among ${titles.join(' | ')}`);
    assert.ok(titles.some((title) => /[Ss]uppress/.test(title)), `a suppression among ${titles.join(' | ')}`);

    assert.equal(await session.shutdown(), 0);
  });

  it('diagnoses Kubernetes documents in YAML and stays quiet on other YAML', async () => {
    const session = await Session.start(workspace);
    await session.initialize(workspace, false);
    const pod = pathToFileURL(path.join(workspace, 'pod.yaml')).href;
    const workflow = pathToFileURL(path.join(workspace, 'ci.yaml')).href;
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: pod, languageId: 'yaml', version: 1, text: POD },
    });
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: workflow, languageId: 'yaml', version: 1, text: 'on: push\njobs: {}\n' },
    });
    const podDiagnostics = await session.diagnostics(pod);
    assert.ok(codes(podDiagnostics).includes('K8S501'), codes(podDiagnostics).join(' '));
    assert.deepEqual(await session.diagnostics(workflow), []);
    assert.equal(await session.shutdown(), 0);
  });

  it('pulls diagnostics, and follows berth.configFile through workspace/configuration', async () => {
    const session = await Session.start(workspace);
    // As the extension does: the settings go out as initializationOptions and as the answer
    // to the server's configuration pull, with the config file made absolute.
    session.configuration = { configFile: 'ci/strict.berth.yaml' };
    await session.initialize(workspace, true, serverSettings(session.configuration, workspace, os.homedir()));
    const uri = pathToFileURL(path.join(workspace, 'Dockerfile')).href;
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE },
    });
    const pull = async () => {
      const report: DocumentDiagnosticReport = await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri },
      });
      assert.equal(report.kind, 'full');
      return report.kind === 'full' ? report.items : [];
    };
    const strict = await pull();
    assertCodes(strict, ['DF301', 'DF402', 'DF505'], ['DF201']); // DF201 is off in the config file
    assert.equal(strict.find((d) => d.code === 'DF402')!.severity, 1, 'DF402 raised to error');
    assert.ok(session.configurationRequests >= 1, 'the server asked for the "berth" section');

    // berth.configFile cleared: VS Code's client sends `settings: null`, the server pulls again.
    session.configuration = { configFile: null };
    const before = session.configurationRequests;
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const deadline = Date.now() + 10000;
    let items = await pull();
    while ((session.configurationRequests === before || !codes(items).includes('DF201')) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      items = await pull();
    }
    assertCodes(items, ['DF201', 'DF301', 'DF402', 'DF505']);
    assert.equal(items.find((d) => d.code === 'DF402')!.severity, 2, 'DF402 back to a warning');
    assert.equal(await session.shutdown(), 0);
  });
});
