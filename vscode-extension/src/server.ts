// The extension's own logic, free of the `vscode` module so that it runs (and is tested) in
// plain Node: where the berth binary is, how `berth lsp` is started, what the server is told
// about the settings, and when a crashed server is restarted.
import * as childProcess from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The settings under `berth.*` that the extension reads. */
export interface BerthSettings {
  /** `berth.path`: an explicit binary, or null for bundled-then-PATH. */
  path: string | null;
  /** `berth.configFile`: a `.berth.yaml` instead of discovery, or null. */
  configFile: string | null;
}

/** The filesystem questions the lookup asks; tests answer them without a disk. */
export interface LookupFs {
  isFile(file: string): boolean;
  isExecutable(file: string): boolean;
  /** Sets the run bit (a .vsix unpacked by a tool that drops modes); false if it could not. */
  makeExecutable(file: string): boolean;
}

export const realFs: LookupFs = {
  isFile(file) {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  isExecutable(file) {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  makeExecutable(file) {
    try {
      fs.chmodSync(file, 0o755);
      return true;
    } catch {
      return false;
    }
  },
};

export interface LookupEnvironment {
  /** Where the extension is installed (`context.extensionPath`). */
  extensionPath: string;
  /** The first workspace folder's path, for relative settings and `${workspaceFolder}`. */
  workspaceFolder?: string;
  platform: string;
  arch: string;
  /** The PATH variable of the extension host. */
  envPath: string | undefined;
  homeDir: string;
  fs: LookupFs;
}

export type BinarySource = 'setting' | 'bundled' | 'PATH';

export interface BinaryLocation {
  path: string;
  source: BinarySource;
}

/** No usable binary: `tried` lists what was looked at, for the message the user sees. */
export class BinaryNotFoundError extends Error {
  constructor(
    message: string,
    readonly tried: string[],
  ) {
    super(message);
    this.name = 'BinaryNotFoundError';
  }
}

export function executableName(platform: string): string {
  return platform === 'win32' ? 'berth.exe' : 'berth';
}

/** Where a platform-specific .vsix carries the binary: `bin/<platform>-<arch>/berth`. */
export function bundledBinaryPath(extensionPath: string, platform: string, arch: string): string {
  return path.join(extensionPath, 'bin', `${platform}-${arch}`, executableName(platform));
}

/** Expands `~`, `${workspaceFolder}` and `${userHome}`, and anchors a relative path. */
export function expandPath(value: string, workspaceFolder: string | undefined, homeDir: string): string {
  let result = value.trim();
  if (result === '~' || result.startsWith('~/')) result = path.join(homeDir, result.slice(1));
  result = result.replace(/\$\{userHome\}/g, homeDir);
  if (workspaceFolder !== undefined) {
    result = result.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
    if (!path.isAbsolute(result)) result = path.join(workspaceFolder, result);
  }
  return path.normalize(result);
}

/** The first executable `name` on a PATH-style variable, or undefined. */
export function findOnPath(name: string, envPath: string | undefined, platform: string, lookupFs: LookupFs): string | undefined {
  if (!envPath) return undefined;
  const separator = platform === 'win32' ? ';' : ':';
  for (const dir of envPath.split(separator)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (lookupFs.isFile(candidate) && lookupFs.isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isBareCommand(value: string): boolean {
  return !value.includes('/') && !value.includes('\\') && !value.startsWith('~') && !value.includes('${');
}

/**
 * Finds the binary: `berth.path` when set (a bare name is looked up on PATH; a set path that
 * does not work is an error, never a silent fallback), else the bundled binary, else PATH.
 */
export function resolveBinary(settings: Pick<BerthSettings, 'path'>, env: LookupEnvironment): BinaryLocation {
  const configured = settings.path?.trim();
  const name = executableName(env.platform);
  if (configured) {
    if (isBareCommand(configured)) {
      const found = findOnPath(configured, env.envPath, env.platform, env.fs);
      if (found) return { path: found, source: 'setting' };
      throw new BinaryNotFoundError(`berth.path is "${configured}", which is not an executable on PATH.`, [
        `${configured} on PATH`,
      ]);
    }
    const file = expandPath(configured, env.workspaceFolder, env.homeDir);
    if (!env.fs.isFile(file)) {
      throw new BinaryNotFoundError(`berth.path is "${configured}", but ${file} does not exist.`, [file]);
    }
    if (!env.fs.isExecutable(file)) {
      throw new BinaryNotFoundError(`berth.path is "${configured}", but ${file} is not executable.`, [file]);
    }
    return { path: file, source: 'setting' };
  }
  const bundled = bundledBinaryPath(env.extensionPath, env.platform, env.arch);
  if (env.fs.isFile(bundled)) {
    if (env.fs.isExecutable(bundled) || env.fs.makeExecutable(bundled)) return { path: bundled, source: 'bundled' };
  }
  const onPath = findOnPath(name, env.envPath, env.platform, env.fs);
  if (onPath) return { path: onPath, source: 'PATH' };
  throw new BinaryNotFoundError(
    `No berth binary for ${env.platform}-${env.arch} is bundled with this extension and none is on PATH. ` +
      'Install berth or set "berth.path".',
    [bundled, `${name} on PATH`],
  );
}

/** How `berth lsp` is started. */
export interface ServerCommand {
  command: string;
  args: string[];
  cwd?: string;
}

export function serverCommand(binary: BinaryLocation, workspaceFolder?: string): ServerCommand {
  const result: ServerCommand = { command: binary.path, args: ['lsp'] };
  if (workspaceFolder !== undefined) result.cwd = workspaceFolder;
  return result;
}

/** `berth.configFile` as the server needs it: an absolute path, or null for discovery. */
export function resolveConfigFile(configFile: string | null | undefined, workspaceFolder: string | undefined, homeDir: string): string | null {
  const value = configFile?.trim();
  if (!value) return null;
  return expandPath(value, workspaceFolder, homeDir);
}

/**
 * The settings object the server reads, both as `initializationOptions` and as the answer to
 * `workspace/configuration` for the section "berth": `{configFile, ...}` with the config
 * file made absolute. Keys the extension does not know (e.g. `rules`) pass through.
 */
export function serverSettings(raw: unknown, workspaceFolder: string | undefined, homeDir: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      // The client's own settings are not the server's business.
      if (key === 'path' || key === 'trace' || typeof value === 'function') continue;
      result[key] = value;
    }
  }
  const configFile = typeof result['configFile'] === 'string' ? (result['configFile'] as string) : null;
  result['configFile'] = resolveConfigFile(configFile, workspaceFolder, homeDir);
  return result;
}

/** A started server process, with how it ended once it has. */
export interface ServerProcess {
  process: childProcess.ChildProcessWithoutNullStreams;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<ProcessExit>;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** "exit code 3", "signal SIGSEGV". */
export function describeExit(exit: ProcessExit | undefined): string {
  if (!exit) return 'the connection closed';
  if (exit.signal) return `it was killed by signal ${exit.signal}`;
  return `it exited with code ${exit.code ?? 'unknown'}`;
}

/** Starts `berth lsp`, resolving once the process runs and rejecting when it cannot start. */
export function spawnServer(command: ServerCommand, env: NodeJS.ProcessEnv = process.env): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const options: childProcess.SpawnOptionsWithoutStdio = { env, stdio: 'pipe' };
    if (command.cwd !== undefined && fs.existsSync(command.cwd)) options.cwd = command.cwd;
    const child = childProcess.spawn(command.command, command.args, options);
    const exited = new Promise<ProcessExit>((done) => {
      child.once('exit', (code, signal) => done({ code, signal }));
    });
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new Error(`Could not start ${command.command}: ${error.code === 'EACCES' ? 'permission denied' : error.message}`));
    };
    child.once('error', onError);
    child.once('spawn', () => {
      child.off('error', onError);
      // Later errors (e.g. EPIPE on a dead server's stdin) end up as a closed connection.
      child.on('error', () => undefined);
      resolve({ process: child, exited });
    });
  });
}

export type RestartDecision = { restart: true; attempt: number } | { restart: false; crashes: number };

/**
 * Restarts a crashed server unless it crashed more than `maxRestarts` times within
 * `windowMs` (the same budget vscode-languageclient's default handler uses: 4 in 3 minutes).
 */
export class RestartPolicy {
  private crashes: number[] = [];

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60 * 1000,
  ) {}

  onCrash(now: number): RestartDecision {
    this.crashes = this.crashes.filter((time) => now - time < this.windowMs);
    this.crashes.push(now);
    if (this.crashes.length <= this.maxRestarts) return { restart: true, attempt: this.crashes.length };
    return { restart: false, crashes: this.crashes.length };
  }

  /** A restart the user asked for starts the count afresh. */
  reset(): void {
    this.crashes = [];
  }
}

/** The message shown when the server stopped, and whether it is restarted. */
export function crashMessage(decision: RestartDecision, exit: ProcessExit | undefined, policy: RestartPolicy): string {
  const why = describeExit(exit);
  if (decision.restart) {
    return `The berth language server stopped unexpectedly (${why}). Restarting it (attempt ${decision.attempt} of ${policy.maxRestarts}).`;
  }
  const minutes = Math.round(policy.windowMs / 60000);
  return (
    `The berth language server stopped unexpectedly (${why}) ${decision.crashes} times in ${minutes} minutes ` +
    'and will not be restarted. See the "berth" output for details, then run "berth: Restart server".'
  );
}

export function defaultLookupEnvironment(extensionPath: string, workspaceFolder: string | undefined): LookupEnvironment {
  const env: LookupEnvironment = {
    extensionPath,
    platform: process.platform,
    arch: process.arch,
    envPath: process.env['PATH'],
    homeDir: os.homedir(),
    fs: realFs,
  };
  if (workspaceFolder !== undefined) env.workspaceFolder = workspaceFolder;
  return env;
}

/** A rule of `berth rules --format json`, as the documentation picker lists it. */
export interface RuleSummary {
  code: string;
  name: string;
  summary: string;
  severity: string;
}

export function parseRuleList(json: string): RuleSummary[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error('berth rules --format json did not print a list');
  return parsed
    .filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object')
    .filter((item) => typeof item['code'] === 'string')
    .map((item) => ({
      code: String(item['code']),
      name: typeof item['name'] === 'string' ? item['name'] : '',
      summary: typeof item['summary'] === 'string' ? item['summary'] : '',
      severity: typeof item['severity'] === 'string' ? item['severity'] : '',
    }));
}

/** A rule code from a diagnostic's `code` (string, number or `{value, target}`), if berth's. */
export function ruleCodeOf(code: unknown): string | undefined {
  const value = code !== null && typeof code === 'object' && 'value' in code ? (code as { value: unknown }).value : code;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value);
  return /^[A-Z][A-Z0-9]*[0-9]$/.test(text) ? text : undefined;
}

/** Runs the binary with arguments and returns its standard output (`berth explain`, `berth rules`). */
export function runBerth(binary: string, args: string[], timeoutMs = 10000): Promise<string> {
  return new Promise((resolve, reject) => {
    childProcess.execFile(binary, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = String(stderr).trim() || error.message;
        reject(new Error(`${path.basename(binary)} ${args.join(' ')} failed: ${detail}`));
      } else {
        resolve(String(stdout));
      }
    });
  });
}
