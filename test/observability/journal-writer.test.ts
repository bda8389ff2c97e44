import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { Registry } from 'prom-client';
import { RequestJournal } from '../../src/observability/journal/request-journal.ts';
import { createSecretMasker } from '../../src/observability/logging/create-secret-masker.ts';
import { createRequestContext } from '../../src/server/request-context.ts';
import { makeTempDir } from '../helpers/start-gateway-process.ts';

function readRecords(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function startJournal(t: test.TestContext, bufferSize: number): { journal: RequestJournal; path: string; registry: Registry } {
  const path = join(makeTempDir(t), 'journal', 'requests.jsonl');
  const registry = new Registry();
  const journal = new RequestJournal({
    config: { enabled: true, path, buffer_size: bufferSize },
    registry,
    mask: createSecretMasker([]),
    now: () => Date.parse('2026-12-02T10:00:00Z'),
  });
  return { journal, path, registry };
}

test('a streamed request with a failover: request, two attempt pairs, response with its chunk sequence, in order', async (t) => {
  const { journal, path } = startJournal(t, 100);
  const context = createRequestContext('req-1', 'POST', '/v1/chat/completions');
  context.model = 'gpt-4o';
  context.stream = true;
  context.keyName = 'team';
  journal.onRequestReceived(context, { rawBody: Buffer.from('{\n  "model": "gpt-4o",\n  "stream": true, "api_key": "abc"\n}'), body: {} });
  journal.onAttemptStarted(context, {
    attempt: 1,
    provider: 'a',
    protocol: 'openai-chat',
    upstreamModel: 'gpt-4o-a',
    path: '/v1/chat/completions',
    body: '{"model":"gpt-4o-a"}',
    translation: undefined,
  });
  journal.onAttemptEnded(context, { attempt: 1, provider: 'a', status: 500, failureReason: 'status', headersSeconds: 0.01, durationSeconds: 0.02 });
  journal.onAttemptStarted(context, {
    attempt: 2,
    provider: 'b',
    protocol: 'anthropic-messages',
    upstreamModel: 'claude',
    path: '/v1/messages',
    body: '{"model":"claude"}',
    translation: 'openai-chat->anthropic-messages',
  });
  journal.onClientChunk(context, Buffer.from('data: {"n":1}\n\n'));
  journal.onClientChunk(context, 'data: [DONE]\n\n');
  journal.onAttemptEnded(context, { attempt: 2, provider: 'b', status: 200, failureReason: undefined, headersSeconds: 0.01, durationSeconds: 0.05 });
  context.status = 200;
  context.attempts = 2;
  context.usage = { inputTokens: 3, outputTokens: 5 };
  journal.onRequestFinished(context);
  await journal.close();
  const records = readRecords(path);
  assert.deepEqual(
    records.map((record) => [record['type'], record['request_id'], record['attempt']]),
    [
      ['request', 'req-1', undefined],
      ['provider_request', 'req-1', 1],
      ['provider_response', 'req-1', 1],
      ['provider_request', 'req-1', 2],
      ['provider_response', 'req-1', 2],
      ['response', 'req-1', undefined],
    ],
  );
  assert.deepEqual(records[0]?.['body'], { model: 'gpt-4o', stream: true, api_key: '[redacted]' }, 'a multi-line client body is one JSON line, masked');
  assert.equal(records[0]?.['time'], '2026-12-02T10:00:00.000Z');
  assert.deepEqual(records[3]?.['body'], { model: 'claude' });
  assert.equal(records[2]?.['failure_reason'], 'status');
  assert.deepEqual(records[5]?.['chunk_sequence'], ['data: {"n":1}\n\n', 'data: [DONE]\n\n']);
  assert.deepEqual(records[5]?.['usage'], { inputTokens: 3, outputTokens: 5 });
  assert.equal(records[5]?.['attempts'], 2);
});

test('a full buffer drops records and counts them in llm_proxy_journal_dropped_total; it never grows past buffer_size', async (t) => {
  const { journal, path, registry } = startJournal(t, 3);
  for (let index = 0; index < 5; index += 1) {
    const context = createRequestContext(`req-${index}`, 'POST', '/v1/chat/completions');
    journal.onRequestReceived(context, { rawBody: Buffer.from('{}'), body: {} });
  }
  assert.equal(journal.droppedRecords, 2);
  const metric = await registry.getSingleMetricAsString('llm_proxy_journal_dropped_total');
  assert.match(metric, /llm_proxy_journal_dropped_total 2/);
  await journal.flush();
  assert.deepEqual(
    readRecords(path).map((record) => record['request_id']),
    ['req-0', 'req-1', 'req-2'],
  );
  // Written: the buffer has room again.
  journal.onRequestReceived(createRequestContext('req-5', 'POST', '/v1/chat/completions'), { rawBody: Buffer.from('{}'), body: {} });
  await journal.close();
  assert.deepEqual(
    readRecords(path).map((record) => record['request_id']),
    ['req-0', 'req-1', 'req-2', 'req-5'],
  );
  assert.equal(journal.droppedRecords, 2);
});

test('nothing is written synchronously on the request path', async (t) => {
  const { journal, path } = startJournal(t, 10);
  journal.onRequestReceived(createRequestContext('req-1', 'POST', '/v1/chat/completions'), { rawBody: Buffer.from('{}'), body: {} });
  assert.equal(readFileSync(path, 'utf8'), '');
  await journal.close();
  assert.equal(readRecords(path).length, 1);
});

test('a new journal file is readable by its owner only', async (t) => {
  const { journal, path } = startJournal(t, 10);
  await journal.close();
  assert.equal(statSync(path).mode & 0o777, 0o600);
});
