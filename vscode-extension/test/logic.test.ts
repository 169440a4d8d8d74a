// The extension's own logic with the VS Code API stubbed: settings → server options, the
// binary lookup, the restart policy and the messages the user sees.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import {
  BinaryNotFoundError,
  RestartPolicy,
  bundledBinaryPath,
  crashMessage,
  describeExit,
  expandPath,
  parseRuleList,
  realFs,
  resolveBinary,
  resolveConfigFile,
  ruleCodeOf,
  serverCommand,
  serverSettings,
  spawnServer,
  type LookupEnvironment,
  type LookupFs,
} from '../src/server';
import { readSettings, workspaceFolderPath, type WorkspaceApi } from '../src/settings';

// ---- Stubs ---------------------------------------------------------------------------------

/** A fake filesystem: path → executable?; chmod flips the bit unless `readOnly`. */
function fakeFs(files: Record<string, boolean>, readOnly = false): LookupFs & { chmodded: string[] } {
  const chmodded: string[] = [];
  return {
    chmodded,
    isFile: (file) => file in files,
    isExecutable: (file) => files[file] === true,
    makeExecutable: (file) => {
      chmodded.push(file);
      if (readOnly || !(file in files)) return false;
      files[file] = true;
      return true;
    },
  };
}

function env(files: Record<string, boolean>, overrides: Partial<LookupEnvironment> = {}): LookupEnvironment {
  return {
    extensionPath: '/ext',
    workspaceFolder: '/ws',
    platform: 'linux',
    arch: 'x64',
    envPath: '/usr/local/bin:/usr/bin',
    homeDir: '/home/dev',
    fs: fakeFs(files),
    ...overrides,
  };
}

/** A stub of `vscode.workspace` with the given `berth.*` values and folders. */
function workspace(values: Record<string, unknown>, folders: string[] = ['/ws']): WorkspaceApi {
  const configuration = {
    get: <T>(key: string, fallback?: T) => (key in values ? (values[key] as T) : fallback),
    has: (key: string) => key in values,
    inspect: () => undefined,
    update: async () => undefined,
    ...values,
  } as unknown as vscode.WorkspaceConfiguration;
  return {
    getConfiguration: ((section?: string) => {
      assert.equal(section, 'berth');
      return configuration;
    }) as WorkspaceApi['getConfiguration'],
    workspaceFolders: folders.map(
      (folder, index) =>
        ({ index, name: path.basename(folder), uri: { scheme: 'file', fsPath: folder } }) as unknown as vscode.WorkspaceFolder,
    ),
  };
}

const bundled = '/ext/bin/linux-x64/berth';

// ---- Settings ------------------------------------------------------------------------------

describe('settings', () => {
  it('reads berth.path and berth.configFile, treating empty strings as unset', () => {
    assert.deepEqual(readSettings(workspace({})), { path: null, configFile: null });
    assert.deepEqual(readSettings(workspace({ path: '  ', configFile: '' })), { path: null, configFile: null });
    assert.deepEqual(readSettings(workspace({ path: '/opt/berth', configFile: 'ci/.berth.yaml' })), {
      path: '/opt/berth',
      configFile: 'ci/.berth.yaml',
    });
    assert.deepEqual(readSettings(workspace({ path: 42 })), { path: null, configFile: null });
  });

  it('takes the first file workspace folder', () => {
    assert.equal(workspaceFolderPath(workspace({}, ['/a', '/b'])), '/a');
    assert.equal(workspaceFolderPath({ workspaceFolders: undefined }), undefined);
    const remote = {
      workspaceFolders: [
        { index: 0, name: 'r', uri: { scheme: 'vscode-remote', fsPath: '/r' } },
        { index: 1, name: 'l', uri: { scheme: 'file', fsPath: '/l' } },
      ],
    } as unknown as WorkspaceApi;
    assert.equal(workspaceFolderPath(remote), '/l');
  });

  it('turns the settings into the server settings: configFile absolute, client keys dropped', () => {
    const config = workspace({ path: '/opt/berth', configFile: 'ci/.berth.yaml', trace: { server: 'verbose' } });
    const settings = serverSettings(config.getConfiguration('berth'), '/ws', '/home/dev');
    assert.deepEqual(settings, { configFile: '/ws/ci/.berth.yaml' });
    assert.deepEqual(serverSettings({ configFile: null, rules: { DF201: 'off' } }, '/ws', '/h'), {
      configFile: null,
      rules: { DF201: 'off' },
    });
    assert.deepEqual(serverSettings(undefined, undefined, '/h'), { configFile: null });
    assert.deepEqual(serverSettings(['x'], undefined, '/h'), { configFile: null });
  });

  it('resolves berth.configFile: ~, ${workspaceFolder}, relative, absolute', () => {
    assert.equal(resolveConfigFile(null, '/ws', '/home/dev'), null);
    assert.equal(resolveConfigFile('  ', '/ws', '/home/dev'), null);
    assert.equal(resolveConfigFile('~/berth.yaml', '/ws', '/home/dev'), '/home/dev/berth.yaml');
    assert.equal(resolveConfigFile('${workspaceFolder}/x/.berth.yaml', '/ws', '/h'), '/ws/x/.berth.yaml');
    assert.equal(resolveConfigFile('x/../y/.berth.yaml', '/ws', '/h'), '/ws/y/.berth.yaml');
    assert.equal(resolveConfigFile('/etc/berth.yaml', '/ws', '/h'), '/etc/berth.yaml');
    assert.equal(expandPath('${userHome}/b', undefined, '/h'), '/h/b');
  });
});

// ---- Binary lookup -------------------------------------------------------------------------

describe('binary lookup', () => {
  it('puts the bundled binary under bin/<platform>-<arch>/', () => {
    assert.equal(bundledBinaryPath('/ext', 'linux', 'x64'), bundled);
    assert.equal(bundledBinaryPath('/ext', 'win32', 'arm64'), path.join('/ext', 'bin', 'win32-arm64', 'berth.exe'));
  });

  it('prefers the bundled binary to PATH', () => {
    const lookup = resolveBinary({ path: null }, env({ [bundled]: true, '/usr/bin/berth': true }));
    assert.deepEqual(lookup, { path: bundled, source: 'bundled' });
  });

  it('sets the run bit of a bundled binary that lost it', () => {
    const e = env({ [bundled]: false });
    assert.deepEqual(resolveBinary({ path: null }, e), { path: bundled, source: 'bundled' });
    assert.deepEqual((e.fs as ReturnType<typeof fakeFs>).chmodded, [bundled]);
  });

  it('falls back to PATH when nothing is bundled, or the bundled binary cannot be made executable', () => {
    assert.deepEqual(resolveBinary({ path: null }, env({ '/usr/bin/berth': true })), {
      path: '/usr/bin/berth',
      source: 'PATH',
    });
    const e = env({ [bundled]: false, '/usr/bin/berth': true }, { fs: fakeFs({ [bundled]: false, '/usr/bin/berth': true }, true) });
    assert.deepEqual(resolveBinary({ path: null }, e), { path: '/usr/bin/berth', source: 'PATH' });
  });

  it('takes the first executable on PATH, skipping non-executables and empty entries', () => {
    const lookup = resolveBinary(
      { path: null },
      env({ '/a/berth': false, '/b/berth': true, '/c/berth': true }, { envPath: '::/a:/b:/c' }),
    );
    assert.equal(lookup.path, '/b/berth');
  });

  it('reports what it looked at when there is no binary', () => {
    assert.throws(
      () => resolveBinary({ path: null }, env({}, { envPath: undefined })),
      (error: unknown) =>
        error instanceof BinaryNotFoundError &&
        /none is on PATH/.test(error.message) &&
        /berth\.path/.test(error.message) &&
        error.tried[0] === bundled,
    );
  });

  it('uses berth.path over everything, expanding ~ and ${workspaceFolder} and relative paths', () => {
    const files = { [bundled]: true, '/home/dev/bin/berth': true, '/ws/tools/berth': true, '/opt/berth': true };
    assert.deepEqual(resolveBinary({ path: '/opt/berth' }, env(files)), { path: '/opt/berth', source: 'setting' });
    assert.equal(resolveBinary({ path: '~/bin/berth' }, env(files)).path, '/home/dev/bin/berth');
    assert.equal(resolveBinary({ path: '${workspaceFolder}/tools/berth' }, env(files)).path, '/ws/tools/berth');
    assert.equal(resolveBinary({ path: './tools/berth' }, env(files)).path, '/ws/tools/berth');
  });

  it('looks a bare berth.path up on PATH', () => {
    const lookup = resolveBinary({ path: 'berth-nightly' }, env({ '/usr/bin/berth-nightly': true }));
    assert.deepEqual(lookup, { path: '/usr/bin/berth-nightly', source: 'setting' });
    assert.throws(() => resolveBinary({ path: 'berth-nightly' }, env({ [bundled]: true })), /not an executable on PATH/);
  });

  it('never falls back silently from a berth.path that does not work', () => {
    const files = { [bundled]: true, '/usr/bin/berth': true, '/opt/berth': false };
    assert.throws(() => resolveBinary({ path: '/nope/berth' }, env(files)), /\/nope\/berth does not exist/);
    assert.throws(() => resolveBinary({ path: '/opt/berth' }, env(files)), /is not executable/);
  });

  it('finds real files on disk (realFs), including the run bit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-lookup-'));
    try {
      const binDir = path.join(dir, 'bin', `${process.platform}-${process.arch}`);
      fs.mkdirSync(binDir, { recursive: true });
      const file = path.join(binDir, 'berth');
      fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o644 });
      const lookup = resolveBinary({ path: null }, { ...env({}), extensionPath: dir, fs: realFs });
      assert.deepEqual(lookup, { path: file, source: 'bundled' });
      assert.equal(fs.statSync(file).mode & 0o111, 0o111, 'the bundled binary was made executable');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- Server command and process ------------------------------------------------------------

describe('server process', () => {
  it('starts `berth lsp` in the workspace folder', () => {
    assert.deepEqual(serverCommand({ path: '/b/berth', source: 'PATH' }, '/ws'), {
      command: '/b/berth',
      args: ['lsp'],
      cwd: '/ws',
    });
    assert.deepEqual(serverCommand({ path: '/b/berth', source: 'bundled' }), { command: '/b/berth', args: ['lsp'] });
  });

  it('rejects with a clear message when the binary cannot start', async () => {
    await assert.rejects(spawnServer({ command: '/nonexistent/berth', args: ['lsp'] }), /Could not start \/nonexistent\/berth: .*ENOENT/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-spawn-'));
    try {
      const file = path.join(dir, 'berth');
      fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o644 });
      if (process.getuid?.() !== 0) {
        await assert.rejects(spawnServer({ command: file, args: ['lsp'] }), /permission denied/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports how the process ended', async () => {
    const server = await spawnServer({ command: '/bin/sh', args: ['-c', 'exit 3'] });
    assert.deepEqual(await server.exited, { code: 3, signal: null });
    const killed = await spawnServer({ command: '/bin/sh', args: ['-c', 'kill -SEGV $$'] });
    assert.equal(describeExit(await killed.exited), 'it was killed by signal SIGSEGV');
    assert.equal(describeExit(undefined), 'the connection closed');
  });
});

// ---- Restarts ------------------------------------------------------------------------------

describe('restart policy', () => {
  it('restarts 4 times within 3 minutes, then stops', () => {
    const policy = new RestartPolicy();
    const decisions = [0, 1000, 2000, 3000, 4000].map((t) => policy.onCrash(t));
    assert.deepEqual(decisions.slice(0, 4), [1, 2, 3, 4].map((attempt) => ({ restart: true, attempt })));
    assert.deepEqual(decisions[4], { restart: false, crashes: 5 });
  });

  it('forgets crashes older than the window, and after a manual restart', () => {
    const policy = new RestartPolicy(2, 1000);
    assert.equal(policy.onCrash(0).restart, true);
    assert.equal(policy.onCrash(10).restart, true);
    assert.equal(policy.onCrash(2000).restart, true, 'the first two are outside the window');
    assert.equal(policy.onCrash(2001).restart, true);
    assert.equal(policy.onCrash(2002).restart, false);
    policy.reset();
    assert.deepEqual(policy.onCrash(2003), { restart: true, attempt: 1 });
  });

  it('says why the server stopped and what happens next', () => {
    const policy = new RestartPolicy();
    const restarting = crashMessage({ restart: true, attempt: 2 }, { code: null, signal: 'SIGSEGV' }, policy);
    assert.match(restarting, /stopped unexpectedly \(it was killed by signal SIGSEGV\)\. Restarting it \(attempt 2 of 4\)/);
    const giving_up = crashMessage({ restart: false, crashes: 5 }, { code: 1, signal: null }, policy);
    assert.match(giving_up, /exited with code 1\) 5 times in 3 minutes and will not be restarted/);
    assert.match(giving_up, /berth: Restart server/);
  });
});

// ---- Rule documentation --------------------------------------------------------------------

describe('rule documentation', () => {
  it('parses `berth rules --format json`', () => {
    const rules = parseRuleList(
      JSON.stringify([
        { code: 'DF201', name: 'root-user', summary: 'Runs as root', severity: 'warning', tags: [] },
        { name: 'no code' },
        null,
      ]),
    );
    assert.deepEqual(rules, [{ code: 'DF201', name: 'root-user', summary: 'Runs as root', severity: 'warning' }]);
    assert.throws(() => parseRuleList('{}'), /did not print a list/);
  });

  it('takes a rule code from a diagnostic code or a command argument', () => {
    assert.equal(ruleCodeOf('DF201'), 'DF201');
    assert.equal(ruleCodeOf({ value: 'K8S101', target: {} }), 'K8S101');
    assert.equal(ruleCodeOf('not a code'), undefined);
    assert.equal(ruleCodeOf(undefined), undefined);
    assert.equal(ruleCodeOf({ uri: 'x' }), undefined);
  });
});
