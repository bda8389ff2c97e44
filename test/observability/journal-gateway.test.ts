import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { answerJson, answerSse, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { makeTempDir } from '../helpers/start-gateway-process.ts';
import { startObservedGateway } from './tracing-start-gateway.ts';

/** The journal's records for requests through the gateway, read back from the file after shutdown. */

function readRecords(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('each request: request, a provider_request/provider_response pair per attempt, response; a stream as its chunk_sequence', async (t) => {
  const failing = await startFakeUpstream(answerJson(500, { error: { message: 'boom' } }));
  const answering = await startFakeUpstream(answerJson(200, readFixture('openai-chat/nonstream-text.json')));
  t.after(() => Promise.all([failing.close(), answering.close()]));
  const path = join(makeTempDir(t), 'requests.jsonl');
  const gateway = await startObservedGateway(t, {
    providers: [
      { name: 'a', type: 'openai', api_base: `${failing.url}/v1`, priority: 1, model_mapping: { m: 'm-a' } },
      { name: 'b', type: 'openai', api_base: `${answering.url}/v1`, priority: 2, model_mapping: { m: 'm-b' } },
    ],
    logging: { jsonl: { enabled: true, path } },
  });
  const post = async (body: Record<string, unknown>): Promise<{ requestId: string; text: string }> => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200);
    return { requestId: response.headers.get('x-request-id') ?? '', text: await response.text() };
  };
  const failedOver = await post({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  // a cools down after its 500: b answers the stream at once, its events 5 ms apart: each arrives in its
  // own socket read, so each is its own client write (the chunks of one read go out in one write).
  answering.setBehaviour(answerSse(readFixture('openai-chat/stream-usage.sse'), 5));
  const streamed = await post({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  assert.match(metrics, /^llm_proxy_journal_dropped_total 0$/m);
  await gateway.shutdown(1000);

  const records = readRecords(path);
  const of = (requestId: string): Record<string, unknown>[] => records.filter((record) => record['request_id'] === requestId);
  const first = of(failedOver.requestId);
  assert.deepEqual(
    first.map((record) => [record['type'], record['attempt'], record['provider']]),
    [
      ['request', undefined, undefined],
      ['provider_request', 1, 'a'],
      ['provider_response', 1, 'a'],
      ['provider_request', 2, 'b'],
      ['provider_response', 2, 'b'],
      ['response', undefined, 'b'],
    ],
  );
  assert.deepEqual(first[0]?.['body'], { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, 'the client body as sent');
  assert.equal((first[1]?.['body'] as Record<string, unknown> | undefined)?.['model'], 'm-a', 'the upstream body as sent');
  assert.equal(first[2]?.['status'], 500);
  assert.equal(first[2]?.['failure_reason'], 'status');
  assert.equal(first[4]?.['status'], 200);
  assert.equal(first[5]?.['status'], 200);
  assert.equal(first[5]?.['attempts'], 2);
  assert.equal(first[5]?.['chunk_sequence'], undefined, 'not a stream');
  assert.deepEqual(first[5]?.['body'], JSON.parse(failedOver.text), 'a whole answer is its body, as the client received it');

  const second = of(streamed.requestId);
  assert.deepEqual(
    second.map((record) => [record['type'], record['provider']]),
    [
      ['request', undefined],
      ['provider_request', 'b'],
      ['provider_response', 'b'],
      ['response', 'b'],
    ],
  );
  const chunks = second[3]?.['chunk_sequence'];
  assert.ok(Array.isArray(chunks) && chunks.length > 1, 'the stream is recorded chunk by chunk');
  assert.equal(chunks.join(''), streamed.text, 'the chunks the client received, in order');
});

test('a refused request (no key, bad JSON) gets a request and a response record; an error answer is its body as the client got it', async (t) => {
  const rejecting = await startFakeUpstream(answerJson(400, { error: { message: 'max_tokens is too large', type: 'invalid_request_error' } }));
  t.after(() => rejecting.close());
  const path = join(makeTempDir(t), 'requests.jsonl');
  const gateway = await startObservedGateway(t, {
    providers: [{ name: 'a', type: 'openai', api_base: `${rejecting.url}/v1` }],
    master_keys: [{ name: 'team', key: 'sk-journal-test-key-01' }],
    logging: { jsonl: { enabled: true, path } },
  });
  const send = async (headers: Record<string, string>, body: string): Promise<{ requestId: string; status: number; json: unknown }> => {
    const response = await fetch(`${gateway.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { requestId: response.headers.get('x-request-id') ?? '', status: response.status, json: await response.json() };
  };
  const message = JSON.stringify({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
  const unauthorized = await send({}, message);
  const badJson = await send({ 'x-api-key': 'sk-journal-test-key-01' }, '{"model": ');
  const passedOn = await send({ 'x-api-key': 'sk-journal-test-key-01' }, message);
  assert.deepEqual([unauthorized.status, badJson.status, passedOn.status], [401, 400, 400]);
  await gateway.shutdown(1000);

  const records = readRecords(path);
  const of = (requestId: string): Record<string, unknown>[] => records.filter((record) => record['request_id'] === requestId);
  for (const refused of [unauthorized, badJson]) {
    const pair = of(refused.requestId);
    assert.deepEqual(
      pair.map((record) => record['type']),
      ['request', 'response'],
    );
    assert.equal(pair[0]?.['endpoint'], '/v1/messages');
    assert.equal(pair[0]?.['body'], undefined, 'no body was read (or it was not JSON)');
    assert.equal(pair[1]?.['status'], refused.status);
    assert.deepEqual(pair[1]?.['body'], refused.json, "the error in the client's protocol, as it got it");
  }
  assert.equal(of(badJson.requestId)[0]?.['key_name'], 'team');
  const provider = of(passedOn.requestId);
  assert.deepEqual(
    provider.map((record) => record['type']),
    ['request', 'provider_request', 'provider_response', 'response'],
  );
  assert.deepEqual(provider[3]?.['body'], passedOn.json, "the provider's error re-written in Messages, as the client got it");
});

test('a request whose usage the tokenizer is still counting at shutdown is recorded before the journal closes', async (t) => {
  const answer = JSON.parse(readFixture('openai-chat/nonstream-text.json')) as Record<string, unknown>;
  delete answer['usage'];
  const upstream = await startFakeUpstream(answerJson(200, answer));
  t.after(() => upstream.close());
  const path = join(makeTempDir(t), 'requests.jsonl');
  const gateway = await startObservedGateway(t, {
    providers: [{ name: 'a', type: 'openai', api_base: `${upstream.url}/v1` }],
    logging: { jsonl: { enabled: true, path } },
  });
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'count me' }] }),
  });
  assert.equal(response.status, 200);
  const requestId = response.headers.get('x-request-id');
  await response.text();
  await gateway.shutdown(1000);

  const records = readRecords(path).filter((record) => record['request_id'] === requestId);
  const last = records.at(-1);
  assert.equal(last?.['type'], 'response', 'the response record is written before the journal closes');
  assert.equal(last?.['usage_estimated'], true);
  assert.equal(typeof (last?.['usage'] as Record<string, unknown> | undefined)?.['inputTokens'], 'number');
});
