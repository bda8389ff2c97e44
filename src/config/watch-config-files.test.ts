import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { watchConfigFiles } from './watch-config-files.ts';

async function waitFor(check: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a burst of writes and a rename over the file give one call; other files in the directory none', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'llm-proxy-watch-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'config.yaml');
  writeFileSync(path, 'a: 1\n');
  let calls = 0;
  const watcher = watchConfigFiles([path], () => (calls += 1), { debounceMs: 50 });
  t.after(() => watcher.close());

  writeFileSync(join(dir, 'unrelated.txt'), 'x');
  for (let index = 0; index < 5; index += 1) writeFileSync(path, `a: ${index}\n`);
  writeFileSync(`${path}.tmp`, 'a: 9\n');
  renameSync(`${path}.tmp`, path);
  await waitFor(() => calls > 0, 'the change to be reported');
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(calls, 1, 'one call for the whole burst');

  writeFileSync(join(dir, 'unrelated.txt'), 'y');
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(calls, 1, 'another file of the directory is not a change');

  writeFileSync(path, 'a: 10\n');
  await waitFor(() => calls === 2, 'the watch to survive the rename');
});
