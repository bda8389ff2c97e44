// The gateway's bundle: src/main.ts and everything it imports from src/, bundled by esbuild into one ES
// module with a linked source map, packages left as imports of node_modules. scripts/build.mjs (`npm start`'s
// prestart, the tests, the bench) and bin/llm-proxy.mjs build it with this.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The repository: the default root of a build. */
export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds `root/src/main.ts` into `root/outfile` (and its `.map`). Each output is written to a temporary
 * file and renamed over the old one, so a process starting meanwhile (another `llm-proxy`, a test) reads
 * either the old bundle or the new one, never half a file. A compile error throws esbuild's error.
 */
export async function buildBundle({ root = repositoryRoot, outfile = 'dist/main.mjs' } = {}) {
  const result = await build({
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
    write: false,
  });
  mkdirSync(dirname(resolve(root, outfile)), { recursive: true });
  for (const output of result.outputFiles) {
    const temporary = `${output.path}.${process.pid}.tmp`;
    writeFileSync(temporary, output.contents);
    renameSync(temporary, output.path);
  }
}
