// The berth VS Code extension: a thin client that starts `berth lsp` over stdio.
import * as os from 'os';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  type CloseHandlerResult,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  BinaryNotFoundError,
  RestartPolicy,
  crashMessage,
  defaultLookupEnvironment,
  parseRuleList,
  resolveBinary,
  ruleCodeOf,
  runBerth,
  serverCommand,
  serverSettings,
  spawnServer,
  type BinaryLocation,
  type ServerProcess,
} from './server';
import { readSettings, workspaceFolderPath } from './settings';

const RULE_DOC_SCHEME = 'berth-rule';

let state: ExtensionState | undefined;

class ExtensionState implements vscode.Disposable {
  client: LanguageClient | undefined;
  binary: BinaryLocation | undefined;
  server: ServerProcess | undefined;
  readonly policy = new RestartPolicy();
  readonly output: vscode.OutputChannel;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('berth');
    this.disposables.push(this.output);
  }

  private lookup(): BinaryLocation {
    const folder = workspaceFolderPath(vscode.workspace);
    return resolveBinary(readSettings(vscode.workspace), defaultLookupEnvironment(this.context.extensionPath, folder));
  }

  /** Starts the client; a missing binary or a server that cannot start is shown, not thrown. */
  async start(): Promise<void> {
    let binary: BinaryLocation;
    try {
      binary = this.lookup();
    } catch (error) {
      this.binary = undefined;
      if (error instanceof BinaryNotFoundError) {
        this.output.appendLine(`${error.message} Looked at: ${error.tried.join(', ')}`);
        void this.offerSettings(`berth: ${error.message}`);
        return;
      }
      throw error;
    }
    this.binary = binary;
    this.output.appendLine(`Starting ${binary.path} lsp (${binary.source})`);
    const folder = workspaceFolderPath(vscode.workspace);
    const command = serverCommand(binary, folder);
    const serverOptions: ServerOptions = async () => {
      this.server = await spawnServer(command);
      return this.server.process;
    };
    const client = new LanguageClient('berth', 'berth', serverOptions, this.clientOptions());
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.output.appendLine(`The berth language server did not start: ${message}`);
      void this.offerSettings(`berth: the language server (${binary.path}) did not start: ${message}`);
    }
  }

  private clientOptions(): LanguageClientOptions {
    const folder = () => workspaceFolderPath(vscode.workspace);
    const home = os.homedir();
    return {
      documentSelector: [
        { scheme: 'file', language: 'dockerfile' },
        { scheme: 'file', language: 'yaml' },
        { scheme: 'untitled', language: 'dockerfile' },
        { scheme: 'untitled', language: 'yaml' },
      ],
      outputChannel: this.output,
      initializationOptions: serverSettings(vscode.workspace.getConfiguration('berth'), folder(), home),
      errorHandler: {
        error: (_error, _message, count): ErrorHandlerResult =>
          count !== undefined && count <= 3 ? { action: ErrorAction.Continue } : { action: ErrorAction.Shutdown },
        closed: async (): Promise<CloseHandlerResult> => {
          const exit = this.server ? await Promise.race([this.server.exited, delay(1000)]) : undefined;
          const decision = this.policy.onCrash(Date.now());
          const message = crashMessage(decision, exit ?? undefined, this.policy);
          this.output.appendLine(message);
          if (decision.restart) {
            void vscode.window.showWarningMessage(message, 'Show Output').then((choice) => {
              if (choice) this.output.show(true);
            });
            return { action: CloseAction.Restart, handled: true };
          }
          void vscode.window.showErrorMessage(message, 'Show Output', 'Restart Server').then((choice) => {
            if (choice === 'Show Output') this.output.show(true);
            if (choice === 'Restart Server') void vscode.commands.executeCommand('berth.restartServer');
          });
          return { action: CloseAction.DoNotRestart, handled: true };
        },
      },
      middleware: {
        workspace: {
          // The server pulls the "berth" section; hand it the config file as an absolute path.
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return result.map((value: unknown, index: number) =>
              params.items[index]?.section === 'berth' ? serverSettings(value, folder(), home) : value,
            );
          },
        },
      },
    };
  }

  private async offerSettings(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
    if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'berth.path');
    if (choice === 'Show Output') this.output.show(true);
  }

  async stop(): Promise<void> {
    const client = this.client;
    const server = this.server;
    this.client = undefined;
    this.server = undefined;
    if (client) {
      try {
        await client.stop(2000);
      } catch {
        // A server that is already gone cannot be stopped.
      }
      await client.dispose().catch(() => undefined);
    }
    if (server && server.process.exitCode === null && server.process.signalCode === null) server.process.kill();
  }

  async restart(): Promise<void> {
    this.policy.reset();
    await this.stop();
    await this.start();
  }

  register(disposable: vscode.Disposable): void {
    this.disposables.push(disposable);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

/** `berth explain CODE` as a read-only markdown document. */
class RuleDocumentationProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly binary: () => BinaryLocation | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const code = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const binary = this.binary();
    if (!binary) return `# ${code}\n\nThe berth binary was not found; set \`berth.path\`.\n`;
    try {
      return await runBerth(binary.path, ['explain', code]);
    } catch (error) {
      return `# ${code}\n\n${error instanceof Error ? error.message : String(error)}\n`;
    }
  }
}

/** The rule under the cursor (a berth diagnostic), else one the user picks. */
async function chooseRule(binary: BinaryLocation): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const position = editor.selection.active;
    for (const diagnostic of vscode.languages.getDiagnostics(editor.document.uri)) {
      if (diagnostic.source === 'berth' && diagnostic.range.contains(position)) {
        const code = ruleCodeOf(diagnostic.code);
        if (code) return code;
      }
    }
  }
  const rules = parseRuleList(await runBerth(binary.path, ['rules', '--format', 'json']));
  const picked = await vscode.window.showQuickPick(
    rules.map((rule) => ({ label: rule.code, description: rule.name, detail: rule.summary })),
    { placeHolder: 'Rule to show the documentation of', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.label;
}

async function showRuleDocumentation(arg: unknown): Promise<void> {
  const current = state;
  if (!current) return;
  const binary = current.binary;
  if (!binary) {
    void vscode.window.showErrorMessage('berth: the berth binary was not found; set "berth.path".');
    return;
  }
  let code = ruleCodeOf(arg);
  try {
    code ??= await chooseRule(binary);
  } catch (error) {
    void vscode.window.showErrorMessage(`berth: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (!code) return;
  const uri = vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${code}.md` });
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const current = new ExtensionState(context);
  state = current;
  context.subscriptions.push(current);
  current.register(
    vscode.workspace.registerTextDocumentContentProvider(
      RULE_DOC_SCHEME,
      new RuleDocumentationProvider(() => current.binary),
    ),
  );
  current.register(vscode.commands.registerCommand('berth.restartServer', () => current.restart()));
  current.register(vscode.commands.registerCommand('berth.showRuleDocumentation', showRuleDocumentation));
  current.register(
    vscode.workspace.onDidChangeConfiguration((event) => {
      // The server itself follows berth.configFile (it pulls the settings again); a new binary
      // needs a new process.
      if (event.affectsConfiguration('berth.path')) void current.restart();
    }),
  );
  await current.start();
}

export async function deactivate(): Promise<void> {
  const current = state;
  state = undefined;
  if (current) await current.stop();
}
