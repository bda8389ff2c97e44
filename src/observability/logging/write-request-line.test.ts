import assert from 'node:assert/strict';
import test from 'node:test';
import { createLogger } from '../create-logger.ts';
import { createRoutedLogDestination } from './create-routed-log-destination.ts';
import { createSecretFieldCheck, createSecretMasker } from './create-secret-masker.ts';
import { type RequestLineFields, writeRequestLine } from './write-request-line.ts';

function capture(level = 'info'): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, logger: createLogger(level, { write: (line: string) => lines.push(line) }) };
}

const finished: RequestLineFields = {
  requestId: 'req-1',
  method: 'POST',
  endpoint: '/v1/messages',
  keyName: 'team "blue"\nline two',
  model: 'claude-sonnet-4-5',
  upstreamModel: 'gpt-4o-mini',
  provider: 'openai-main',
  stream: true,
  translation: 'anthropic-messages->openai-chat',
  status: 200,
  attempts: 1,
  errorCode: undefined,
  durationMs: 12.345,
  promptTokens: 19,
  completionTokens: 9,
  totalTokens: 28,
  cachedTokens: 0,
  reasoningTokens: undefined,
  tokensEstimated: true,
};

const failed: RequestLineFields = {
  ...finished,
  keyName: undefined,
  model: 'modèle ✓ \u2028 \\ tab\t',
  // ASCII but for one character each that JSON escapes: the quick quoting must not take them.
  upstreamModel: 'a "quoted" name',
  provider: 'back\\slash',
  translation: 'control \u0001 character',
  stream: false,
  status: 502,
  attempts: 3,
  errorCode: 'GW_ERR_UPSTREAM_FAILED',
  durationMs: Number.NaN,
  promptTokens: undefined,
  completionTokens: undefined,
  totalTokens: undefined,
  cachedTokens: undefined,
  tokensEstimated: undefined,
};

/** pino's own line for the same fields, with the time pino wrote replaced by the writer's. */
function sameTime(pinoLine: string, ours: string): string {
  const time = /"time":(\d+)/.exec(ours)?.[1] ?? '';
  return pinoLine.replace(/"time":\d+/, `"time":${time}`);
}

test('the request line is byte for byte what pino writes for the same fields, at info and (5xx) at warn', () => {
  const ours = capture();
  const theirs = capture();
  writeRequestLine(ours.logger, finished);
  writeRequestLine(ours.logger, failed);
  theirs.logger.info({ ...finished }, 'request finished');
  theirs.logger.warn({ ...failed }, 'request failed');
  assert.equal(ours.lines.length, 2);
  assert.equal(ours.lines[0], sameTime(theirs.lines[0] ?? '', ours.lines[0] ?? ''));
  assert.equal(ours.lines[1], sameTime(theirs.lines[1] ?? '', ours.lines[1] ?? ''));
  assert.match(ours.lines[1] ?? '', /^\{"level":40,.*"durationMs":null,"msg":"request failed"\}\n$/s);
  assert.deepEqual(JSON.parse(ours.lines[0] ?? '').keyName, finished.keyName);
});

test("the logger's level is respected: nothing below it is written", () => {
  const warnOnly = capture('warn');
  writeRequestLine(warnOnly.logger, finished);
  writeRequestLine(warnOnly.logger, failed);
  assert.equal(warnOnly.lines.length, 1);
  assert.match(warnOnly.lines[0] ?? '', /"request failed"/);
  const silent = capture('silent');
  writeRequestLine(silent.logger, failed);
  assert.equal(silent.lines.length, 0);
});

test('the routed destination gets the metadata it masks and routes by, as from pino', () => {
  const known = ['client-key-0123456789'];
  const lines: string[] = [];
  const errors: string[] = [];
  const destination = createRoutedLogDestination({
    main: { write: (line: string) => lines.push(line) },
    errors: { write: (line: string) => errors.push(line), droppedLines: 0 } as never,
    mask: { line: createSecretMasker(known), field: createSecretFieldCheck(known) },
  });
  const logger = createLogger('info', destination);
  writeRequestLine(logger, { ...finished, model: 'sk-proj-abcdef123456' });
  writeRequestLine(logger, { ...failed, requestId: 'client-key-0123456789' });
  assert.equal(lines.length, 2);
  assert.ok(!lines[0]?.includes('sk-proj-abcdef123456') && lines[0]?.includes('"model":"[redacted]"'));
  assert.ok(!lines[1]?.includes('client-key-0123456789'));
  assert.equal(errors.length, 1, 'the 5xx line also goes to errors.log');
});

test('durations are written as String(number) writes them, for every kind of value', () => {
  const values = [
    0,
    0.001,
    0.01,
    0.1,
    0.5,
    1,
    12.345,
    12.3,
    12.34,
    12.05,
    12.005,
    12.045,
    999.999,
    1000,
    86_400_000.001,
    1e9,
    1e12 + 0.5,
    1e21,
    -1,
    0.0001,
    1 / 3,
    2.5e-7,
  ];
  for (let micros = 0; micros < 200_000; micros += 7) values.push(Math.round(micros) / 1e3);
  for (let index = 0; index < 2_000; index += 1) values.push(Math.round(Math.random() * 1e12) / 1e3);
  for (const durationMs of values) {
    const ours = capture();
    writeRequestLine(ours.logger, { ...finished, durationMs });
    const written = /"durationMs":([^,]+),/.exec(ours.lines[0] ?? '')?.[1];
    assert.equal(written, String(durationMs), `durationMs ${durationMs}`);
  }
});

test('a repeated field value is quoted the same from the cache, and a value that needs escaping is escaped', () => {
  for (const model of ['gpt-4o', 'gpt-4o', 'odd "model" \\ name', 'odd "model" \\ name', 'x'.repeat(300), 'x'.repeat(300)]) {
    const ours = capture();
    writeRequestLine(ours.logger, { ...finished, model });
    assert.equal(JSON.parse(ours.lines[0] ?? '').model, model);
  }
});
