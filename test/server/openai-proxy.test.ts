import assert from 'node:assert/strict';
import test from 'node:test';
import { request as undiciRequest } from 'undici';
import { answerJson, answerSse, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

const chatBody = JSON.parse(readFixture('openai-chat/nonstream-text.request.json')) as Record<string, unknown>;

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

test('non-stream chat: mapped model and provider key go upstream, the answer comes back unchanged', async (t) => {
  const upstreamAnswer = readFixture('openai-chat/nonstream-text.json');
  const upstream = await startFakeUpstream(answerJson(200, upstreamAnswer));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream-secret', model_mapping: { 'gpt-5.4': 'gpt-5.4-2026' } }],
    master_keys: [{ name: 'team', key: 'sk-client-key' }],
  });
  t.after(() => gateway.shutdown());

  const response = await post(`${gateway.url}/v1/chat/completions`, chatBody, { authorization: 'Bearer sk-client-key', 'x-request-id': 'req-123' });

  assert.equal(response.status, 200);
  assert.equal(response.text, upstreamAnswer, 'the body is relayed byte for byte');
  assert.equal(response.headers.get('x-request-id'), 'req-123');
  assert.equal(response.headers.get('x-llm-proxy-provider'), 'main');
  const sent = upstream.requests[0];
  assert.ok(sent !== undefined);
  assert.equal(sent.path, '/v1/chat/completions');
  assert.equal(sent.json?.['model'], 'gpt-5.4-2026');
  assert.deepEqual(sent.json?.['messages'], chatBody['messages'], 'everything but model passes through');
  assert.equal(sent.headers.authorization, 'Bearer sk-upstream-secret');
  assert.equal(sent.headers['x-request-id'], 'req-123');
  assert.equal(sent.headers['x-forwarded-for'], '127.0.0.1');
  assert.ok(!JSON.stringify(sent.headers).includes('sk-client-key'), "the client's key never goes upstream");
});

test('a fresh x-request-id is made when the client sends none or an unsafe one', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, { ok: true }));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());
  const plain = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.match(plain.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  const unsafe = await post(`${gateway.url}/v1/chat/completions`, chatBody, { 'x-request-id': 'a b\tc' });
  assert.notEqual(unsafe.headers.get('x-request-id'), 'a b\tc');
  const notFound = await fetch(`${gateway.url}/nowhere`);
  assert.match(notFound.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, 'error answers carry one too');
});

test('stream: SSE bytes pass through as they arrive, with X-Accel-Buffering: no', async (t) => {
  const sse = readFixture('openai-chat/stream-tool-calls.sse');
  const upstream = await startFakeUpstream(answerSse(sse));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());
  const body = JSON.parse(readFixture('openai-chat/stream-tool-calls.request.json')) as Record<string, unknown>;
  const response = await post(`${gateway.url}/v1/chat/completions`, body);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  assert.equal(response.headers.get('x-accel-buffering'), 'no');
  assert.equal(response.text, sse);
});

test('stream: the first event reaches the client before the upstream has finished', async (t) => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const upstream = await startFakeUpstream(async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: {"first":true}\n\n');
    await held;
    response.end('data: [DONE]\n\n');
  });
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());
  const response = await undiciRequest(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...chatBody, stream: true }),
  });
  const iterator = response.body[Symbol.asyncIterator]();
  const first = await iterator.next();
  assert.equal(Buffer.from(first.value as Buffer).toString(), 'data: {"first":true}\n\n');
  release();
  const rest: string[] = [];
  for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) rest.push(Buffer.from(next.value as Buffer).toString());
  assert.equal(rest.join(''), 'data: [DONE]\n\n');
});

test("the client's disconnect aborts the upstream request at once", async (t) => {
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: {"n":1}\n\n');
    // never ends: only an abort from the gateway closes this
  });
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());
  const controller = new AbortController();
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...chatBody, stream: true }),
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  await reader?.read();
  controller.abort();
  await upstream.aborted;
  // The request is logged as 499 (client closed request).
  await waitFor(() => gateway.logLines.some((line) => line['status'] === 499));
});

test('completions and embeddings are proxied to their own upstream paths; /v2/chat/completions is the same handler', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, { ok: true }));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());
  assert.equal((await post(`${gateway.url}/v1/completions`, { model: 'm', prompt: 'Say hi' })).status, 200);
  assert.equal((await post(`${gateway.url}/v1/embeddings`, { model: 'm', input: ['a', 'b'] })).status, 200);
  assert.equal((await post(`${gateway.url}/v2/chat/completions`, chatBody)).status, 200);
  assert.deepEqual(
    upstream.requests.map((request) => request.path),
    ['/v1/completions', '/v1/embeddings', '/v1/chat/completions'],
  );
});

test("an upstream 4xx that is the client's fault passes through as it is; a 5xx becomes 502, a 429 503, after failover", async (t) => {
  const clientFault = { error: { message: "Invalid value for 'temperature'", type: 'invalid_request_error', param: 'temperature', code: null } };
  const upstream = await startFakeUpstream(answerJson(400, clientFault));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream-secret' }] });
  t.after(() => gateway.shutdown());
  const passed = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(passed.status, 400);
  assert.deepEqual(JSON.parse(passed.text), clientFault);

  upstream.setBehaviour(answerJson(500, { error: { message: 'internal boom with sk-upstream-secret' } }));
  const failed = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(failed.status, 502);
  const body = JSON.parse(failed.text) as { error: { code: string; type: string; message: string } };
  assert.equal(body.error.code, 'GW_ERR_UPSTREAM_ERROR');
  assert.ok(!failed.text.includes('boom') && !failed.text.includes('sk-upstream-secret'), "the provider's body is not echoed");

  upstream.setBehaviour(answerJson(429, readFixture('openai-chat/error-rate-limit.json')));
  const limited = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(limited.status, 503);
  assert.equal((JSON.parse(limited.text) as { error: { code: string } }).error.code, 'GW_ERR_UPSTREAM_UNAVAILABLE');

  const health = (await (await fetch(`${gateway.url}/health/detailed`)).json()) as { providers: { name: string; last_error: { status: number } | null }[] };
  assert.equal(health.providers[0]?.last_error?.status, 429, '/health/detailed shows the last error');
});

test('an unreachable provider gives 502 in OpenAI format and the gateway keeps serving', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, { ok: true }));
  const deadUrl = upstream.url;
  await upstream.close();
  const gateway = await startTestGateway({ providers: [{ name: 'dead', type: 'openai', api_base: `${deadUrl}/v1` }] });
  t.after(() => gateway.shutdown());
  const response = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(response.status, 502);
  assert.equal((JSON.parse(response.text) as { error: { code: string } }).error.code, 'GW_ERR_UPSTREAM_CONNECTION');
  assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
});

test('a stream that breaks after its first byte ends with an in-band error event', async (t) => {
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: {"n":1}\n\n', () => response.destroy());
  });
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());
  const response = await post(`${gateway.url}/v1/chat/completions`, { ...chatBody, stream: true });
  assert.equal(response.status, 200);
  assert.ok(response.text.startsWith('data: {"n":1}\n\n'));
  assert.match(response.text, /data: \{"error":\{.*"code":"GW_ERR_UPSTREAM_CONNECTION"/);
});

test('the built-in mock provider answers and streams with usage', async (t) => {
  const gateway = await startTestGateway({ providers: [{ name: 'mock', type: 'mock' }] });
  t.after(() => gateway.shutdown());
  const plain = JSON.parse((await post(`${gateway.url}/v1/chat/completions`, chatBody)).text) as {
    choices: { message: { content: string } }[];
    usage: { total_tokens: number };
  };
  assert.match(plain.choices[0]?.message.content ?? '', /mock provider/);
  assert.ok(plain.usage.total_tokens > 0);
  const streamed = await post(`${gateway.url}/v1/chat/completions`, { ...chatBody, stream: true, stream_options: { include_usage: true } });
  const events = streamed.text.split('\n\n').filter((event) => event !== '');
  assert.equal(events.at(-1), 'data: [DONE]');
  const usageChunk = JSON.parse((events.at(-2) ?? '').slice('data: '.length)) as { usage: { total_tokens: number }; choices: unknown[] };
  assert.ok(usageChunk.usage.total_tokens > 0);
  assert.deepEqual(usageChunk.choices, []);
  const text = events
    .slice(0, -2)
    .map((event) => (JSON.parse(event.slice('data: '.length)) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
    .join('');
  assert.equal(text, plain.choices[0]?.message.content);
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test("a provider's 401 (its own key refused) becomes a 502 that does not quote the provider's body", async (t) => {
  const upstream = await startFakeUpstream(
    answerJson(401, { error: { message: 'Incorrect API key provided: sk-upst********cret.', type: 'invalid_request_error', code: 'invalid_api_key' } }),
  );
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream-secret' }] });
  t.after(() => gateway.shutdown());
  const response = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(response.status, 502);
  assert.ok(!response.text.includes('sk-upst'), response.text);
});

test('completions and embeddings skip Anthropic providers, which have no such endpoint, and get 501 when only those serve the model', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, { ok: true }));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    providers: [
      { name: 'claude', type: 'anthropic', api_base: upstream.url, api_key: 'sk-ant', model_mapping: { 'claude-only': 'claude-x', shared: 'claude-y' } },
      { name: 'gpt', type: 'openai', api_base: `${upstream.url}/v1`, model_mapping: { shared: 'gpt-y' } },
    ],
  });
  t.after(() => gateway.shutdown());
  for (let index = 0; index < 4; index += 1) {
    const response = await post(`${gateway.url}/v1/embeddings`, { model: 'shared', input: 'hello' });
    assert.equal(response.headers.get('x-llm-proxy-provider'), 'gpt');
  }
  assert.equal(upstream.requests.at(-1)?.path, '/v1/embeddings');
  const unsupported = await post(`${gateway.url}/v1/completions`, { model: 'claude-only', prompt: 'hi' });
  assert.equal(unsupported.status, 501);
  assert.equal((JSON.parse(unsupported.text) as { error: { code: string } }).error.code, 'GW_ERR_UNSUPPORTED_PROVIDER_PROTOCOL');
});
