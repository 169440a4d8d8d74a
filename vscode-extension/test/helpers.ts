// Shared by the tests: where the extension and the berth binary are.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** vscode-extension/, whether the tests run from out/test or elsewhere. */
export const extensionRoot = path.resolve(__dirname, '..', '..');

/** The berth binary the end-to-end tests use: $BERTH_BINARY (ctest sets it), else ../build/berth. */
export const berthBinary = path.resolve(extensionRoot, process.env['BERTH_BINARY'] ?? '../build/berth');

/**
 * Why the real server cannot be used, or undefined when it can. With BERTH_REQUIRE_BINARY=1
 * (as ctest runs it) a missing binary fails instead of skipping.
 */
export function binaryUnavailable(): string | undefined {
  let reason: string | undefined;
  if (!fs.existsSync(berthBinary)) {
    reason = `${berthBinary} does not exist (build berth or set BERTH_BINARY)`;
  } else {
    const probe = spawnSync(berthBinary, ['lsp'], { input: '', encoding: 'utf8', timeout: 10000 });
    if (probe.error) reason = `${berthBinary} does not run: ${probe.error.message}`;
    else if (/not built into this binary/.test(probe.stderr)) reason = `${berthBinary} has no language server`;
  }
  if (reason && process.env['BERTH_REQUIRE_BINARY'] === '1') throw new Error(reason);
  return reason;
}
