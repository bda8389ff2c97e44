import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import test, { type TestContext } from 'node:test';
import { answerJson, answerSse, type FakeUpstream, readFixture, startFakeUpstream, type UpstreamBehaviour } from '../helpers/fake-upstream.ts';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.ts';

/** Failover, cooldowns and error detection, end to end: each mock records the attempts it received. */

const chatBody = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const okAnswer = readFixture('openai-chat/nonstream-text.json');

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function upstreams(t: TestContext, ...behaviours: UpstreamBehaviour[]): Promise<FakeUpstream[]> {
  const started = await Promise.all(behaviours.map((behaviour) => startFakeUpstream(behaviour)));
  t.after(() => Promise.all(started.map((upstream) => upstream.close())));
  return started;
}

/** Providers a, b, c… in that priority order (a first), each an openai provider on its own mock. */
async function gatewayOver(t: TestContext, mocks: readonly FakeUpstream[], extra: Record<string, unknown> = {}, now?: () => number): Promise<TestGateway> {
  const names = ['a', 'b', 'c', 'd'];
  const gateway = await startTestGateway(
    { providers: mocks.map((mock, index) => ({ name: names[index], type: 'openai', api_base: `${mock.url}/v1`, priority: index + 1 })), ...extra },
    now === undefined ? {} : { now },
  );
  t.after(() => gateway.shutdown());
  return gateway;
}

/** Never answers; ends when the test's servers close. */
const hang: UpstreamBehaviour = () => new Promise<void>(() => {});

test('a 500 fails over to the next tier; the failed provider is skipped while cooling down and tried again after', async (t) => {
  let clock = 1_000_000;
  const [a, b] = await upstreams(t, answerJson(500, { error: { message: 'boom' } }), answerJson(200, okAnswer));
  const gateway = await gatewayOver(t, [a as FakeUpstream, b as FakeUpstream], { fallback: { cooldown_seconds: 30 } }, () => clock);

  const first = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.headers.get('x-llm-proxy-provider'), 'b');
  assert.equal(first.headers.get('x-llm-proxy-attempts'), '2');
  assert.deepEqual([a?.requests.length, b?.requests.length], [1, 1]);
  const health = (await (await fetch(`${gateway.url}/health/detailed`)).json()) as { providers: { name: string; in_cooldown: boolean }[] };
  assert.deepEqual(
    health.providers.map((provider) => [provider.name, provider.in_cooldown]),
    [
      ['a', true],
      ['b', false],
    ],
  );
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  for (const line of [
    'llm_proxy_provider_health{provider="a"} 0',
    'llm_proxy_provider_health{provider="b"} 1',
    'llm_proxy_attempt_failures_total{provider="a",reason="status"} 1',
    'llm_proxy_fallbacks_total{provider="a"} 1',
    'llm_proxy_cooldowns_total{provider="a"} 1',
  ]) {
    assert.ok(metrics.split('\n').includes(line), `metrics have ${line}`);
  }

  clock += 29_000;
  const skipped = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(skipped.headers.get('x-llm-proxy-attempts'), '1', 'a is cooling down: b answers at once');
  assert.deepEqual([a?.requests.length, b?.requests.length], [1, 2]);

  clock += 2_000;
  a?.setBehaviour(answerJson(200, okAnswer));
  const recovered = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(recovered.headers.get('x-llm-proxy-provider'), 'a', 'the cooldown expired');
  assert.deepEqual([a?.requests.length, b?.requests.length], [2, 2]);
});

test("a 429's longer Retry-After sets the cooldown; when every provider cools down the least recently failed is tried", async (t) => {
  let clock = 5_000_000;
  const [a] = await upstreams(t, answerJson(429, { error: { message: 'slow down', type: 'rate_limit_error' } }, { 'retry-after': '120' }));
  const gateway = await gatewayOver(t, [a as FakeUpstream], { fallback: { cooldown_seconds: 10 } }, () => clock);

  const limited = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(limited.status, 503);
  assert.equal(limited.headers.get('retry-after'), '120');
  assert.equal((JSON.parse(limited.text) as { error: { code: string } }).error.code, 'GW_ERR_UPSTREAM_UNAVAILABLE');

  clock += 60_000;
  const health = (await (await fetch(`${gateway.url}/health/detailed`)).json()) as { providers: { in_cooldown: boolean }[] };
  assert.equal(health.providers[0]?.in_cooldown, true, 'Retry-After 120 s outlasts cooldown_seconds 10');
  a?.setBehaviour(answerJson(200, okAnswer));
  const tried = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(tried.status, 200, 'the only candidate is tried even while cooling down');
});

test('an error body with a detection pattern fails over; a plain client error is returned and not retried', async (t) => {
  const overloaded = { error: { message: 'The engine is currently overloaded', type: 'overloaded' } };
  const [a, b] = await upstreams(t, answerJson(400, overloaded), answerJson(200, okAnswer));
  const gateway = await gatewayOver(t, [a as FakeUpstream, b as FakeUpstream], {
    detection: { error_patterns: ['overloaded'] },
    fallback: { cooldown_seconds: 0 },
  });

  const failedOver = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(failedOver.headers.get('x-llm-proxy-provider'), 'b');

  a?.setBehaviour(answerJson(400, { error: { message: "Invalid 'temperature'", type: 'invalid_request_error' } }));
  const clientFault = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(clientFault.status, 400);
  assert.equal(clientFault.headers.get('x-llm-proxy-provider'), 'a');
  assert.equal(b?.requests.length, 1, 'a client error is not retried elsewhere');
});

test('connection refused, a hang before headers and a slow first byte fail over; the timeouts really abort', async (t) => {
  const dead = await startFakeUpstream(answerJson(200, okAnswer));
  await dead.close();
  const [hanging, slow, good] = await upstreams(
    t,
    hang,
    async (_request, response: ServerResponse) => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if (!response.destroyed) answerJson(200, okAnswer)(_request, response, 0);
    },
    answerJson(200, okAnswer),
  );
  const gateway = await gatewayOver(t, [dead, hanging as FakeUpstream, slow as FakeUpstream, good as FakeUpstream], {
    timeouts: { first_byte: '300ms' },
    fallback: { max_retries: 3 },
  });

  const started = Date.now();
  const response = await post(`${gateway.url}/v1/chat/completions`, chatBody);
  assert.equal(response.status, 200, response.text);
  assert.equal(response.headers.get('x-llm-proxy-provider'), 'd');
  assert.equal(response.headers.get('x-llm-proxy-attempts'), '4');
  assert.deepEqual([hanging?.requests.length, slow?.requests.length, good?.requests.length], [1, 1, 1]);
  assert.ok(Date.now() - started < 2_000, 'two 300 ms timeouts, not the hang');
  await hanging?.aborted;
});

test('a stream whose first event carries an error pattern fails over before anything reaches the client', async (t) => {
  const errorFirst = 'data: {"error":{"message":"Overloaded","type":"overloaded_error"}}\n\n';
  const [a, b] = await upstreams(t, answerSse(errorFirst), answerSse(readFixture('openai-chat/stream-text.sse')));
  const gateway = await gatewayOver(t, [a as FakeUpstream, b as FakeUpstream], { detection: { error_patterns: ['overloaded_error'] } });

  const response = await post(`${gateway.url}/v1/chat/completions`, { ...chatBody, stream: true });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-llm-proxy-provider'), 'b');
  assert.ok(!response.text.includes('Overloaded'), 'the rejected stream never reached the client');
  assert.ok(response.text.trimEnd().endsWith('data: [DONE]'));
});

test('no failover after the first byte: a stream that goes silent ends with an error event, never a hang', async (t) => {
  const events = readFixture('openai-chat/stream-text.sse').split(/(?<=\n\n)/);
  const [a, b] = await upstreams(
    t,
    (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(events.slice(0, 2).join(''));
    },
    answerSse(readFixture('openai-chat/stream-text.sse')),
  );
  const gateway = await gatewayOver(t, [a as FakeUpstream, b as FakeUpstream], { timeouts: { idle: '300ms' } });

  const response = await post(`${gateway.url}/v1/chat/completions`, { ...chatBody, stream: true });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-llm-proxy-provider'), 'a');
  assert.match(response.text, /data: \{"error":/);
  assert.equal(b?.requests.length, 0, 'the client already had bytes from a');
});

test('L2: when every route of an alias fails, alias_fallback aliases are tried, each with its own upstream model', async (t) => {
  const [a, b] = await upstreams(t, answerJson(503, { error: { message: 'down' } }), answerJson(200, readFixture('anthropic-messages/nonstream-text.json')));
  const gateway = await startTestGateway({
    providers: [
      { name: 'openai', type: 'openai', api_base: `${a?.url}/v1` },
      { name: 'claude', type: 'anthropic', api_base: b?.url },
    ],
    models: { 'gpt-4': { routes: [{ provider: 'openai', model: 'gpt-4-turbo' }] }, claude: { routes: [{ provider: 'claude', model: 'claude-x' }] } },
    fallback: { alias_fallback: { 'gpt-4': ['claude'] } },
  });
  t.after(() => gateway.shutdown());

  const response = await post(`${gateway.url}/v1/chat/completions`, { ...chatBody, model: 'gpt-4' });
  assert.equal(response.status, 200, response.text);
  assert.equal(response.headers.get('x-llm-proxy-provider'), 'claude');
  assert.equal(response.headers.get('x-llm-proxy-attempts'), '2');
  assert.equal(a?.requests[0]?.json?.['model'], 'gpt-4-turbo');
  assert.equal(b?.requests[0]?.json?.['model'], 'claude-x', 'the fallback route translates to its own protocol and model');
});

test('max_retries bounds the attempts; the final error is in the client protocol: 504 after timeouts, 502 after connection errors', async (t) => {
  const [a, b, c] = await upstreams(t, hang, hang, answerJson(200, okAnswer));
  const gateway = await gatewayOver(t, [a as FakeUpstream, b as FakeUpstream, c as FakeUpstream], {
    timeouts: { total: '200ms' },
    fallback: { max_retries: 1 },
  });

  const response = await post(`${gateway.url}/v1/messages`, { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(response.status, 504);
  const body = JSON.parse(response.text) as { type: string; error: { type: string } };
  assert.deepEqual([body.type, body.error.type], ['error', 'timeout_error']);
  assert.deepEqual([a?.requests.length, b?.requests.length, c?.requests.length], [1, 1, 0], 'one retry, then the answer');

  const dead = await startFakeUpstream(answerJson(200, okAnswer));
  await dead.close();
  const only = await gatewayOver(t, [dead]);
  const refused = await post(`${only.url}/v1/chat/completions`, chatBody);
  assert.equal(refused.status, 502);
  assert.equal((JSON.parse(refused.text) as { error: { code: string } }).error.code, 'GW_ERR_UPSTREAM_CONNECTION');
});

test('nothing is retried for a client that is gone', async (t) => {
  const [a, b] = await upstreams(t, hang, answerJson(200, okAnswer));
  const gateway = await gatewayOver(t, [a as FakeUpstream, b as FakeUpstream], { timeouts: { first_byte: '400ms' } });
  const controller = new AbortController();
  const request = fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatBody),
    signal: controller.signal,
  }).catch(() => undefined);
  while (a?.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  controller.abort();
  await request;
  await a?.aborted;
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.equal(b?.requests.length, 0);
});
