#!/usr/bin/env node
// Compiles the gateway for `npm start`: src/main.ts and everything it imports from src/, bundled by esbuild
// into dist/main.mjs (with a source map; scripts/build-bundle.mjs). `npm start` runs this first (prestart),
// so a fresh clone needs nothing else; tests and `npm run bench` use it too, and bin/llm-proxy.mjs builds
// the same bundle when it is missing or older than src/.
// Why not run src/ through tsx as before: tsx's loader costs a second V8 isolate (an off-thread module
// loader, ~20 MB), transforms every module at each start, and its keepNames wrapping names each function
// defined per request at run time (docs/performance.md#the-compiled-start). Usage:
//   node scripts/build.mjs [OUTFILE]     (default dist/main.mjs; relative to the repository root, or absolute)
import { buildBundle } from './build-bundle.mjs';

await buildBundle(process.argv[2] === undefined ? {} : { outfile: process.argv[2] });
