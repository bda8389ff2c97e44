import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { createLogDestination } from './create-log-destination.ts';

function openTempFile(t: test.TestContext): { fd: number; path: string } {
  const directory = mkdtempSync(join(tmpdir(), 'log-destination-'));
  const path = join(directory, 'out.log');
  const fd = openSync(path, 'w');
  t.after(() => {
    closeSync(fd);
    rmSync(directory, { recursive: true, force: true });
  });
  return { fd, path };
}

test('lines are written in order, in one batch within flushIntervalMs', async (t) => {
  const { fd, path } = openTempFile(t);
  const destination = createLogDestination({ fd, flushIntervalMs: 20 });
  destination.write('one\n');
  destination.write('two ✓\n');
  assert.equal(readFileSync(path, 'utf8'), '', 'nothing is written synchronously');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(readFileSync(path, 'utf8'), 'one\ntwo ✓\n');
});

test('a full batch is written at once, and lines written meanwhile follow it', async (t) => {
  const { fd, path } = openTempFile(t);
  const destination = createLogDestination({ fd, flushAtBytes: 10, flushIntervalMs: 60_000 });
  for (let index = 0; index < 100; index += 1) destination.write(`line ${index}\n`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 99, 'all but the last line, whose batch is not full, without waiting for the interval');
  assert.equal(lines[98], 'line 98');
  destination.flushSync();
  assert.equal(readFileSync(path, 'utf8').trimEnd().split('\n')[99], 'line 99');
});

test('a line longer than a batch is written whole', async (t) => {
  const { fd, path } = openTempFile(t);
  const destination = createLogDestination({ fd, flushAtBytes: 16, flushIntervalMs: 1 });
  const long = `${'é'.repeat(100)}\n`;
  destination.write('short\n');
  destination.write(long);
  destination.write('after\n');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(readFileSync(path, 'utf8'), `short\n${long}after\n`);
});

test('flushSync writes what is pending at once (for exit)', (t) => {
  const { fd, path } = openTempFile(t);
  const destination = createLogDestination({ fd });
  destination.write('last words\n');
  destination.flushSync();
  assert.equal(readFileSync(path, 'utf8'), 'last words\n');
});

test('the buffer is bounded: past maxPendingBytes lines are dropped and counted', (t) => {
  const { fd } = openTempFile(t);
  const destination = createLogDestination({ fd, flushAtBytes: 1_000_000, maxPendingBytes: 20 });
  assert.equal(destination.write('0123456789\n'), true);
  assert.equal(destination.write('0123456789\n'), true);
  assert.equal(destination.write('dropped\n'), false);
  assert.equal(destination.droppedLines, 1);
  destination.flushSync();
});
