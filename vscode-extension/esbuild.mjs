// Bundles src/extension.ts and vscode-languageclient into one CommonJS file, dist/extension.js.
// `node esbuild.mjs` for a development build with a source map, `--production` to minify.
import * as esbuild from 'esbuild';

export async function bundle({ production = false, logLevel = 'warning' } = {}) {
  return esbuild.build({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    outfile: 'dist/extension.js',
    external: ['vscode'],
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    metafile: true,
    logLevel,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const production = process.argv.includes('--production');
  await bundle({ production, logLevel: 'info' });
}
