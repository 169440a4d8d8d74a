// The manifest and the packaged .vsix: `npm run package` (scripts/package.mjs) is run into a
// temporary file and its contents checked: the manifest, the bundled script (which must load
// with only `vscode` from outside), the binary with its run bit, and nothing else.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { berthBinary, binaryUnavailable, extensionRoot } from './helpers';
import { ZipArchive } from './zip';

interface Manifest {
  name: string;
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    configuration: { properties: Record<string, { default?: unknown; enum?: string[] }> };
    languages: Array<{ id: string; filenames?: string[]; filenamePatterns?: string[] }>;
  };
  dependencies: Record<string, string>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8')) as Manifest;

describe('manifest', () => {
  it('activates on Dockerfile and YAML documents only', () => {
    assert.deepEqual([...manifest.activationEvents].sort(), ['onLanguage:dockerfile', 'onLanguage:yaml']);
  });

  it('contributes the settings and commands the extension reads and registers', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), ['berth.configFile', 'berth.path', 'berth.trace.server']);
    assert.equal(properties['berth.path']!.default, null);
    assert.deepEqual(properties['berth.trace.server']!.enum, ['off', 'messages', 'verbose']);
    const source = fs.readFileSync(path.join(extensionRoot, 'src', 'extension.ts'), 'utf8');
    const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(registered, contributed);
    const titles = manifest.contributes.commands.map((c) => `${c.category}: ${c.title}`).sort();
    assert.deepEqual(titles, ['berth: Restart server', 'berth: Show rule documentation']);
    // The client id is "berth", which makes vscode-languageclient read berth.trace.server.
    assert.match(source, /new LanguageClient\('berth'/);
  });

  it('maps Containerfile and Dockerfile.* to the dockerfile language', () => {
    const dockerfile = manifest.contributes.languages.find((l) => l.id === 'dockerfile');
    assert.deepEqual(dockerfile?.filenames, ['Containerfile']);
    assert.ok(dockerfile?.filenamePatterns?.includes('Dockerfile.*'));
  });

  it('pins every dependency exactly, in the lock file too, from the npm registry', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; resolved?: string }>;
    };
    const all = { ...manifest.dependencies, ...(manifest as unknown as { devDependencies: Record<string, string> }).devDependencies };
    for (const [name, version] of Object.entries(all)) {
      assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned`);
      assert.equal(lock.packages[`node_modules/${name}`]?.version, version, `${name} in the lock file`);
    }
    for (const [name, entry] of Object.entries(lock.packages)) {
      if (entry.resolved) assert.match(entry.resolved, /^https:\/\/registry\.npmjs\.org\//, name);
    }
  });
});

const skip = binaryUnavailable();
if (skip) console.log(`# package tests skipped: ${skip}`);

describe('the linux-x64 .vsix', { skip }, () => {
  let dir: string;
  let vsix: ZipArchive;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-vsix-'));
    const out = path.join(dir, 'berth-linux-x64.vsix');
    const run = spawnSync(process.execPath, [path.join(extensionRoot, 'scripts', 'package.mjs'), '--out', out], {
      cwd: extensionRoot,
      env: { ...process.env, BERTH_BINARY: berthBinary },
      encoding: 'utf8',
      timeout: 120000,
    });
    assert.equal(run.status, 0, `npm run package failed:\n${run.stdout}\n${run.stderr}`);
    vsix = new ZipArchive(out);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds the manifest, the bundle, the binary, the icon, README and CHANGELOG, and nothing else', () => {
    const names = vsix.entries.map((e) => e.name).sort();
    assert.deepEqual(names, [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/bin/linux-x64/berth',
      'extension/changelog.md',
      'extension/dist/extension.js',
      'extension/images/icon.png',
      'extension/package.json',
      'extension/readme.md',
    ]);
  });

  it('targets linux-x64, with the icon and the engine in the VSIX manifest', () => {
    const xml = vsix.read('extension.vsixmanifest').toString('utf8');
    assert.match(xml, /TargetPlatform="linux-x64"/);
    assert.match(xml, /Id="berth"/);
    assert.match(xml, /extension\/images\/icon\.png/);
    assert.match(xml, /Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.82\.0"/);
    const packaged = JSON.parse(vsix.read('extension/package.json').toString('utf8')) as Manifest;
    assert.equal(packaged.main, './dist/extension.js');
    assert.deepEqual(packaged.contributes, manifest.contributes);
  });

  it('carries the berth binary with its run bit, byte for byte', () => {
    const entry = vsix.entry('extension/bin/linux-x64/berth')!;
    assert.equal(entry.mode & 0o777, 0o755, `mode ${(entry.mode & 0o777).toString(8)}`);
    assert.ok(vsix.read(entry.name).equals(fs.readFileSync(berthBinary)), 'the same bytes as the built binary');
  });

  it('has a PNG icon of 128x128', () => {
    const png = vsix.read('extension/images/icon.png');
    assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])));
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
  });

  it('bundles vscode-languageclient into one script that loads with only vscode from outside', () => {
    const script = vsix.read('extension/dist/extension.js').toString('utf8');
    const required = new Set([...script.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
    const builtins = new Set(Module.builtinModules);
    for (const name of required) {
      assert.ok(name === 'vscode' || builtins.has(name.replace(/^node:/, '')), `unbundled require("${name}")`);
    }
    assert.ok(required.has('vscode'));
    // Loaded with a stub `vscode` (the bundle touches it only when activated), it exports
    // activate and deactivate.
    const file = path.join(dir, 'extension.js');
    fs.writeFileSync(file, script);
    const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const original = loader._load;
    loader._load = function (request: string, ...rest: unknown[]) {
      if (request === 'vscode') return new Proxy({}, { get: () => class {} });
      return original.call(this, request, ...rest);
    };
    try {
      const loaded = require(file) as { activate?: unknown; deactivate?: unknown };
      assert.equal(typeof loaded.activate, 'function');
      assert.equal(typeof loaded.deactivate, 'function');
    } finally {
      loader._load = original;
    }
  });
});
