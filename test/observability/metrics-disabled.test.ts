import assert from 'node:assert/strict';
import test, { type TestContext } from 'node:test';
import { answerSse, type FakeUpstream, readFixture, startFakeUpstream, type UpstreamBehaviour } from '../helpers/fake-upstream.ts';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.ts';

/** `metrics.enabled: false`, and what the fast path skips when nothing reads an answer's usage. */

/** A Chat upstream that adds its usage chunk only when asked, as OpenAI does. */
const chatUpstream: UpstreamBehaviour = (request, response, index) => {
  const options = request.json?.['stream_options'] as { include_usage?: boolean } | undefined;
  return answerSse(readFixture(options?.include_usage === true ? 'openai-chat/stream-usage.sse' : 'openai-chat/stream-text.sse'))(request, response, index);
};

async function setUp(t: TestContext, extra: Record<string, unknown>): Promise<{ gateway: TestGateway; upstream: FakeUpstream }> {
  const upstream = await startFakeUpstream(chatUpstream);
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'oa', type: 'openai', api_base: `${upstream.url}/v1` }], ...extra });
  t.after(() => gateway.shutdown());
  return { gateway, upstream };
}

async function streamChat(gateway: TestGateway): Promise<string> {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(response.status, 200);
  return response.text();
}

async function waitForLine(gateway: TestGateway, message: string): Promise<Record<string, unknown>> {
  for (let tries = 0; tries < 200; tries += 1) {
    const line = gateway.logLines.find((entry) => entry['msg'] === message);
    if (line !== undefined) return line;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no "${message}" line`);
}

test('metrics.enabled false: /metrics answers 404 in the OpenAI error shape, and requests are still served and logged with their tokens', async (t) => {
  const { gateway, upstream } = await setUp(t, { metrics: { enabled: false }, logging: { level: 'info' } });
  const metrics = await fetch(`${gateway.url}/metrics`);
  assert.equal(metrics.status, 404);
  const body = (await metrics.json()) as { error: { message: string; code: string } };
  assert.equal(body.error.code, 'GW_ERR_NOT_FOUND');
  assert.match(body.error.message, /metrics\.enabled/);
  const text = await streamChat(gateway);
  assert.ok(text.endsWith('data: [DONE]\n\n'));
  assert.doesNotMatch(text, /"usage":\{/, 'the usage chunk the gateway asked for is not shown to the client');
  assert.deepEqual(upstream.requests[0]?.json?.['stream_options'], { include_usage: true }, 'the log line still wants usage');
  const line = await waitForLine(gateway, 'request finished');
  assert.equal(typeof line['totalTokens'], 'number');
  assert.equal(
    await gateway.metrics.registry.getSingleMetricAsString('llm_proxy_requests_total'),
    '# HELP llm_proxy_requests_total Requests answered, by endpoint, configured model (or "other"), provider and HTTP status (499: client went away).\n# TYPE llm_proxy_requests_total counter',
    'nothing counted',
  );
});

test('nothing reads usage (metrics off, logging silent): the fast path relays the stream untouched, without asking for usage', async (t) => {
  const { gateway, upstream } = await setUp(t, { metrics: { enabled: false }, logging: { level: 'silent' } });
  const text = await streamChat(gateway);
  assert.equal(text, readFixture('openai-chat/stream-text.sse'));
  assert.equal(upstream.requests[0]?.json?.['stream_options'], undefined);
});

test('a key with a tokens-per-minute limit still has its usage read when nothing else reads it', async (t) => {
  const { gateway, upstream } = await setUp(t, {
    metrics: { enabled: false },
    logging: { level: 'silent' },
    master_keys: [{ name: 'k', key: 'sk-test-tpm-key-0001', tokens_per_minute: 100000 }],
  });
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test-tpm-key-0001' },
    body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(response.status, 200);
  await response.text();
  assert.deepEqual(upstream.requests[0]?.json?.['stream_options'], { include_usage: true });
});
