import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { createLogDestination } from './create-log-destination.ts';

function openTempFile(t: test.TestContext): { fd: number; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'log-destination-')), 'out.log');
  const fd = openSync(path, 'w');
  t.after(() => closeSync(fd));
  return { fd, path };
}

test('lines are written in order, batched at the end of the event-loop turn', async (t) => {
  const { fd, path } = openTempFile(t);
  const destination = createLogDestination({ fd });
  destination.write('one\n');
  destination.write('two ✓\n');
  assert.equal(readFileSync(path, 'utf8'), '', 'nothing is written synchronously');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(readFileSync(path, 'utf8'), 'one\ntwo ✓\n');
});

test('a full batch is written at once, and lines written meanwhile follow it', async (t) => {
  const { fd, path } = openTempFile(t);
  const destination = createLogDestination({ fd, flushAtChars: 10 });
  for (let index = 0; index < 100; index += 1) destination.write(`line ${index}\n`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 100);
  assert.equal(lines[99], 'line 99');
});

test('flushSync writes what is pending at once (for exit)', (t) => {
  const { fd, path } = openTempFile(t);
  const destination = createLogDestination({ fd });
  destination.write('last words\n');
  destination.flushSync();
  assert.equal(readFileSync(path, 'utf8'), 'last words\n');
});

test('the buffer is bounded: past maxPendingChars lines are dropped and counted', (t) => {
  const { fd } = openTempFile(t);
  const destination = createLogDestination({ fd, flushAtChars: 1_000_000, maxPendingChars: 20 });
  assert.equal(destination.write('0123456789\n'), true);
  assert.equal(destination.write('0123456789\n'), true);
  assert.equal(destination.write('dropped\n'), false);
  assert.equal(destination.droppedLines, 1);
});
