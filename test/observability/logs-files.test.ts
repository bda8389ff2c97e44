import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import test from 'node:test';
import { loggingConfigSchema } from '../../src/config/gateway-config-schema.ts';
import { createConfiguredLogger } from '../../src/observability/logging/create-configured-logger.ts';
import { findFreePort, makeTempDir, runGatewayProcess } from '../helpers/start-gateway-process.ts';

function captureStdout(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      callback();
    },
  });
  return { stream, text: () => text };
}

function readLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('logging.dir: request lines go to requests.log, warn and above to errors.log, everything to stdout', async (t) => {
  const dir = makeTempDir(t);
  const stdout = captureStdout();
  const configured = await createConfiguredLogger({
    logging: loggingConfigSchema.parse({ level: 'debug', dir }),
    knownSecrets: [],
    pretty: false,
    stdout: stdout.stream,
  });
  configured.logger.info({ requestId: 'r1', status: 200 }, 'request finished');
  configured.logger.warn({ requestId: 'r2', status: 502 }, 'request failed');
  configured.logger.info('llm-proxy listening');
  configured.logger.debug('detail');
  configured.logger.error('unexpected error');
  await configured.close();
  assert.deepEqual(
    readLines(join(dir, 'requests.log')).map((line) => line['requestId']),
    ['r1', 'r2'],
  );
  assert.deepEqual(
    readLines(join(dir, 'errors.log')).map((line) => line['msg']),
    ['request failed', 'unexpected error'],
  );
  assert.equal(stdout.text().trim().split('\n').length, 5);
});

test('a log file is rotated when it reaches max_file_size, named by its day', async (t) => {
  const dir = makeTempDir(t);
  const configured = await createConfiguredLogger({
    logging: loggingConfigSchema.parse({ dir, max_file_size: 300 }),
    knownSecrets: [],
    pretty: false,
    stdout: captureStdout().stream,
  });
  const files = configured.files;
  assert.ok(files !== undefined);
  const rotated = new Promise<string>((resolve) => files.requests.stream.once('rotated', resolve));
  for (let index = 0; index < 10; index += 1) configured.logger.info({ requestId: `r${index}` }, 'request finished');
  const rotatedPath = await rotated;
  assert.match(rotatedPath, /requests-\d{8}-1\.log$/);
  await configured.close();
  const rotatedLines = readLines(rotatedPath);
  assert.ok(rotatedLines.length > 0 && rotatedLines.length < 10, 'the rotated file holds the first lines');
  assert.equal(rotatedLines[0]?.['requestId'], 'r0');
});

test('rotated files older than max_age_days are deleted; newer ones and other files stay', async (t) => {
  const dir = makeTempDir(t);
  const now = Date.parse('2026-12-02T10:00:00Z');
  const old = join(dir, 'requests-20261120-1.log');
  const recent = join(dir, 'errors-20261130-1.log');
  const unrelated = join(dir, 'notes-20200101-1.log');
  for (const path of [old, recent, unrelated]) writeFileSync(path, '{}\n');
  utimesSync(old, new Date('2026-11-20T00:00:00Z'), new Date('2026-11-20T00:00:00Z'));
  utimesSync(recent, new Date('2026-11-30T00:00:00Z'), new Date('2026-11-30T00:00:00Z'));
  utimesSync(unrelated, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
  const configured = await createConfiguredLogger({
    logging: loggingConfigSchema.parse({ dir, max_age_days: 7 }),
    knownSecrets: [],
    pretty: false,
    stdout: captureStdout().stream,
    now: () => now,
  });
  await configured.close();
  assert.equal(existsSync(old), false);
  assert.equal(existsSync(recent), true);
  assert.equal(existsSync(unrelated), true);
  assert.deepEqual(readdirSync(dir).sort(), ['errors-20261130-1.log', 'errors.log', 'notes-20200101-1.log', 'requests.log']);
});

test('mask_sensitive masks secrets in stdout and in the files; off, lines are written as they are', async (t) => {
  for (const maskSensitive of [true, false]) {
    const dir = makeTempDir(t);
    const stdout = captureStdout();
    const configured = await createConfiguredLogger({
      logging: loggingConfigSchema.parse({ dir, mask_sensitive: maskSensitive }),
      knownSecrets: ['configured-client-key-1'],
      pretty: false,
      stdout: stdout.stream,
    });
    configured.logger.warn(
      { upstreamBody: '{"error":{"message":"Incorrect API key provided: sk-proj-abcdef123456"}}', model: 'configured-client-key-1' },
      'request failed',
    );
    await configured.close();
    for (const text of [stdout.text(), readFileSync(join(dir, 'requests.log'), 'utf8'), readFileSync(join(dir, 'errors.log'), 'utf8')]) {
      assert.equal(text.includes('sk-proj-abcdef123456'), !maskSensitive);
      assert.equal(text.includes('configured-client-key-1'), !maskSensitive);
      assert.equal(text.includes('[redacted]'), maskSensitive);
    }
  }
});

test('a logging.dir or journal path that cannot be created stops the process with a config error', async (t) => {
  const dir = makeTempDir(t);
  writeFileSync(join(dir, 'not-a-dir'), '');
  for (const logging of [{ dir: './not-a-dir/logs' }, { jsonl: { enabled: true, path: './not-a-dir/requests.jsonl' } }]) {
    writeFileSync(join(dir, 'gateway.yaml'), JSON.stringify({ providers: [{ name: 'mock', type: 'mock' }], logging }));
    const run = runGatewayProcess(t, { cwd: dir, args: ['--config', 'gateway.yaml'], env: { PORT: String(await findFreePort()) } });
    const exit = await run.exited;
    assert.equal(exit.code, 1, run.stderr());
    assert.match(run.stderr(), /^invalid configuration \(logging\):\nlogging\.(dir|jsonl\.path): cannot (use|open) /);
  }
});
