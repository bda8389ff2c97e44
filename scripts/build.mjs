#!/usr/bin/env node
// Compiles the gateway for `npm start`: src/main.ts and everything it imports from src/, bundled by esbuild
// into dist/main.mjs (with a source map), packages left as imports of node_modules. `npm start` runs this
// first (prestart), so a fresh clone needs nothing else; tests and `npm run bench` use it too.
// Why not run src/ through tsx as before: tsx's loader costs a second V8 isolate (an off-thread module
// loader, ~20 MB), transforms every module at each start, and its keepNames wrapping names each function
// defined per request at run time (docs/performance.md#the-compiled-start). Usage:
//   node scripts/build.mjs [OUTFILE]     (default dist/main.mjs)
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundles src/main.ts into `outfile` (absolute, or relative to the repository root). */
export async function buildGateway(outfile = 'dist/main.mjs') {
  await build({
    absWorkingDir: root,
    entryPoints: ['src/main.ts'],
    outfile,
    bundle: true,
    // node_modules stay where npm put them: their own files (wasm, workers, package.json reads) keep working.
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildGateway(process.argv[2]);
}
