// `npm run package`: the linux-x64 .vsix with the berth binary inside.
//   BERTH_BINARY   the binary to ship (default: ../build/berth, what `make` builds)
//   --out FILE     where the .vsix goes (default: berth-linux-x64.vsix here)
// vsce runs `vscode:prepublish` (the production esbuild bundle) itself.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = 'linux-x64';
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? args[outIndex + 1] : join(root, `berth-${target}.vsix`));
const binary = resolve(root, process.env.BERTH_BINARY ?? '../build/berth');

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

if (!existsSync(binary)) fail(`${binary} does not exist: build berth first (make build) or set BERTH_BINARY`);
// A binary built without the language server says so and exits 2 on `berth lsp`.
const probe = spawnSync(binary, ['lsp'], { input: '', encoding: 'utf8', timeout: 10000 });
if (probe.error) fail(`${binary} does not run: ${probe.error.message}`);
if (/not built into this binary/.test(probe.stderr)) fail(`${binary} has no language server (berth lsp): ${probe.stderr.trim()}`);

const binDir = join(root, 'bin');
rmSync(binDir, { recursive: true, force: true });
mkdirSync(join(binDir, target), { recursive: true });
const shipped = join(binDir, target, 'berth');
copyFileSync(binary, shipped);
chmodSync(shipped, 0o755);

mkdirSync(dirname(out), { recursive: true });
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const result = spawnSync(
  process.execPath,
  [vsce, 'package', '--target', target, '--out', out, '--no-dependencies', '--skip-license', '--allow-missing-repository'],
  { cwd: root, stdio: 'inherit' },
);
if (result.status !== 0) fail(`vsce package failed (exit ${result.status ?? result.signal})`);
console.log(`package: ${out}`);
