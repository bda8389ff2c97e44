import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { prepareBundle } from '../../scripts/prepare-bundle.mjs';
import { makeTempDir } from '../helpers/start-gateway-process.ts';

/**
 * bin/llm-proxy.mjs runs what `npm start` runs: the bundle, rebuilt when a source is newer
 * (scripts/prepare-bundle.mjs), tried here on a small project of its own; and the real command.
 */

const binPath = fileURLToPath(new URL('../../bin/llm-proxy.mjs', import.meta.url));

function writeProject(t: test.TestContext): string {
  const root = makeTempDir(t);
  mkdirSync(join(root, 'src/lib'), { recursive: true });
  writeFileSync(join(root, 'src/main.ts'), "import { answer } from './lib/answer.ts';\nexport const main: number = answer;\n");
  writeFileSync(join(root, 'src/lib/answer.ts'), 'export const answer: number = 41;\n');
  return root;
}

async function importFresh(url: string): Promise<{ main: number }> {
  return (await import(`${url}?at=${Date.now()}-${Math.random()}`)) as { main: number };
}

test('the bundle is built when missing, reused while no source is newer, and rebuilt when one is', async (t) => {
  const root = writeProject(t);
  const first = await prepareBundle({ root });
  assert.equal(first.compiled, true);
  assert.equal(first.url, `file://${join(root, 'dist/main.mjs')}`);
  assert.equal((await importFresh(first.url)).main, 41);
  assert.match(readFileSync(join(root, 'dist/main.mjs'), 'utf8'), /sourceMappingURL=main\.mjs\.map/);

  // Not rebuilt: the bundle keeps the time it was given.
  const marked = new Date(Date.now() + 60_000);
  const bundleTime = (): number => Math.round(statSync(join(root, 'dist/main.mjs')).mtimeMs);
  utimesSync(join(root, 'dist/main.mjs'), marked, marked);
  assert.equal((await prepareBundle({ root })).compiled, true);
  assert.equal(bundleTime(), marked.getTime());

  // A source in a subfolder changed after the bundle: rebuilt with the change.
  writeFileSync(join(root, 'src/lib/answer.ts'), 'export const answer: number = 42;\n');
  const later = new Date(marked.getTime() + 60_000);
  utimesSync(join(root, 'src/lib/answer.ts'), later, later);
  const rebuilt = await prepareBundle({ root });
  assert.equal(rebuilt.compiled, true);
  assert.notEqual(bundleTime(), marked.getTime());
  assert.equal((await importFresh(rebuilt.url)).main, 42);
});

test('a bundle that cannot be written falls back to the sources through tsx, saying why; a compile error is thrown', async (t) => {
  const root = writeProject(t);
  // `dist` is a file: the bundle's folder cannot be made.
  writeFileSync(join(root, 'dist'), 'not a folder');
  const entry = await prepareBundle({ root });
  assert.equal(entry.compiled, false);
  assert.equal(entry.url, `file://${join(root, 'src/main.ts')}`);
  assert.match(entry.reason ?? '', /cannot write .*dist\/main\.mjs/);

  const broken = writeProject(t);
  writeFileSync(join(broken, 'src/main.ts'), 'export const main = ;\n');
  await assert.rejects(prepareBundle({ root: broken }), /Unexpected ";"/);
});

test('llm-proxy --help runs through the bin and prints the usage', () => {
  const stdout = execFileSync(process.execPath, [binPath, '--help'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.match(stdout, /^llm-proxy: an LLM API gateway\n\nUsage: llm-proxy /);
});
