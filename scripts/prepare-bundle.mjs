// What bin/llm-proxy.mjs runs: the bundle `npm start` runs (dist/main.mjs), built first when it is missing
// or older than a file of src/, so that `llm-proxy` after a `git pull` runs the code checked out.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBundle, repositoryRoot } from './build-bundle.mjs';

/** Errors of writing the bundle (an installation the user cannot write to), as opposed to compiling it. */
const unwritableCodes = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOENT']);

/**
 * The module to import to start the gateway. `compiled`: the bundle, up to date; otherwise `src/main.ts`,
 * for tsx's loader, when the bundle was stale or missing and could not be written (why is in `reason`).
 * A compile error is thrown, not worked around: tsx would fail on the same source.
 */
export async function prepareBundle({ root = repositoryRoot, outfile = 'dist/main.mjs' } = {}) {
  const bundlePath = resolve(root, outfile);
  const bundle = { url: pathToFileURL(bundlePath).href, compiled: true };
  if (isNewerThanSources(bundlePath, join(root, 'src'))) return bundle;
  try {
    await buildBundle({ root, outfile });
    return bundle;
  } catch (error) {
    if (!unwritableCodes.has(error?.code)) throw error;
    return { url: pathToFileURL(join(root, 'src/main.ts')).href, compiled: false, reason: `cannot write ${bundlePath}: ${error.message}` };
  }
}

/** Whether `path` exists and was modified after every file under `sourceDirectory` (~2 ms for src/). */
function isNewerThanSources(path, sourceDirectory) {
  let builtAt;
  try {
    builtAt = statSync(path).mtimeMs;
  } catch {
    return false;
  }
  for (const entry of readdirSync(sourceDirectory, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > builtAt) return false;
  }
  return true;
}
