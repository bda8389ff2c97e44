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

// OUTFILE is absolute, or relative to the repository root.
await build({
  absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
  entryPoints: ['src/main.ts'],
  outfile: process.argv[2] ?? 'dist/main.mjs',
  bundle: true,
  // node_modules stay where npm put them: their own files (wasm, workers, package.json reads) keep working.
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
