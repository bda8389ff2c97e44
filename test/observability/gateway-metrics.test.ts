import assert from 'node:assert/strict';
import test, { type TestContext } from 'node:test';
import { answerJson, answerSse, type FakeUpstream, readFixture, startFakeUpstream, type UpstreamBehaviour } from '../helpers/fake-upstream.ts';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.ts';
import { metricValue, waitFor } from './read-metric.ts';

/** The #6 metrics moving with the right labels, on a gateway in-process against fake upstreams. */

async function post(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

async function upstream(t: TestContext, behaviour: UpstreamBehaviour): Promise<FakeUpstream> {
  const started = await startFakeUpstream(behaviour);
  t.after(() => started.close());
  return started;
}

async function gateway(t: TestContext, config: Record<string, unknown>, now?: () => number): Promise<TestGateway> {
  const started = await startTestGateway(config, now === undefined ? {} : { now });
  t.after(() => started.shutdown());
  return started;
}

const chatStream: UpstreamBehaviour = (request, response, index) =>
  request.json?.['stream'] === true
    ? answerSse(readFixture('openai-chat/stream-usage.sse'), 20)(request, response, index)
    : answerJson(200, readFixture('openai-chat/nonstream-text.json'))(request, response, index);
const anthropicAnswer: UpstreamBehaviour = (request, response, index) =>
  request.json?.['stream'] === true
    ? answerSse(readFixture('anthropic-messages/stream-text.sse'))(request, response, index)
    : answerJson(200, readFixture('anthropic-messages/nonstream-text.json'))(request, response, index);

const chat = (model: string, extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: 'user', content: 'hi' }], ...extra });

test('provider latency per attempt, time to first token per stream, requests by protocol pair', async (t) => {
  const openai = await upstream(t, chatStream);
  const anthropic = await upstream(t, anthropicAnswer);
  const gw = await gateway(t, {
    providers: [
      { name: 'oa', type: 'openai', api_base: `${openai.url}/v1` },
      { name: 'an', type: 'anthropic', api_base: anthropic.url },
    ],
    models: { 'chat-m': { routes: [{ provider: 'oa', model: 'gpt' }] }, 'claude-m': { routes: [{ provider: 'an', model: 'claude' }] } },
  });
  const registry = gw.metrics.registry;
  const started = Date.now();
  assert.equal((await post(`${gw.url}/v1/chat/completions`, chat('chat-m', { stream: true }))).status, 200);
  const elapsedSeconds = (Date.now() - started) / 1000;
  assert.equal((await post(`${gw.url}/v1/chat/completions`, chat('chat-m'))).status, 200);
  assert.equal((await post(`${gw.url}/v1/chat/completions`, chat('claude-m', { stream: true }))).status, 200);
  await waitFor(async () => (await metricValue(registry, 'llm_proxy_requests_total', { status_code: '200' })) === 3, 'three requests recorded');

  assert.equal(await metricValue(registry, 'llm_proxy_provider_latency_seconds_count', { provider: 'oa' }), 2);
  assert.equal(await metricValue(registry, 'llm_proxy_provider_latency_seconds_count', { provider: 'an' }), 1);
  assert.equal(await metricValue(registry, 'llm_proxy_time_to_first_token_seconds_count', { model: 'chat-m', provider: 'oa' }), 1, 'the stream only');
  assert.equal(await metricValue(registry, 'llm_proxy_time_to_first_token_seconds_count', { model: 'claude-m', provider: 'an' }), 1);
  // 12 events 20 ms apart: the first token comes well before the end of the stream.
  const firstToken = await metricValue(registry, 'llm_proxy_time_to_first_token_seconds_sum', { model: 'chat-m' });
  assert.ok(firstToken > 0 && firstToken < elapsedSeconds - 0.1, `ttft ${firstToken} s, stream took ${elapsedSeconds} s`);
  assert.equal(await metricValue(registry, 'llm_proxy_protocol_requests_total', { ingress: 'openai-chat', upstream: 'openai-chat', mode: 'pass-through' }), 2);
  assert.equal(
    await metricValue(registry, 'llm_proxy_protocol_requests_total', { ingress: 'openai-chat', upstream: 'anthropic-messages', mode: 'translated' }),
    1,
  );
  assert.equal(await metricValue(registry, 'llm_proxy_tokens_total', { model: 'claude-m', provider: 'an', token_type: 'total_tokens' }), 40);
});

test('retries count the attempts beyond the first, by the provider tried', async (t) => {
  const failing = await upstream(t, answerJson(500, { error: { message: 'boom' } }));
  const working = await upstream(t, chatStream);
  const gw = await gateway(t, {
    providers: [
      { name: 'a', type: 'openai', api_base: `${failing.url}/v1`, priority: 1 },
      { name: 'b', type: 'openai', api_base: `${working.url}/v1`, priority: 2 },
    ],
  });
  const registry = gw.metrics.registry;
  assert.equal((await post(`${gw.url}/v1/chat/completions`, chat('m'))).status, 200);
  await waitFor(async () => (await metricValue(registry, 'llm_proxy_requests_total')) === 1, 'the request recorded');
  assert.equal(await metricValue(registry, 'llm_proxy_retries_total', { provider: 'b' }), 1);
  assert.equal(await metricValue(registry, 'llm_proxy_retries_total', { provider: 'a' }), 0);
  assert.equal(await metricValue(registry, 'llm_proxy_provider_latency_seconds_count', { provider: 'a' }), 1, 'a failed head is a latency too');
});

test('rate-limit rejections by limit: global (429) and queue (503)', async (t) => {
  const clock = 1_000_000;
  const limited = await gateway(t, { providers: [{ name: 'mock', type: 'mock' }], rate_limit: { global_rps: 1 } }, () => clock);
  assert.equal((await post(`${limited.url}/v1/chat/completions`, chat('mock-model'))).status, 200);
  assert.equal((await post(`${limited.url}/v1/chat/completions`, chat('mock-model'))).status, 429);
  await waitFor(async () => (await metricValue(limited.metrics.registry, 'llm_proxy_requests_total')) === 2, 'both recorded');
  assert.equal(await metricValue(limited.metrics.registry, 'llm_proxy_rate_limit_rejections_total', { limit: 'global' }), 1);
  assert.equal(await metricValue(limited.metrics.registry, 'llm_proxy_rate_limit_rejections_total'), 1);

  const slow = await upstream(t, answerSse(readFixture('openai-chat/stream-usage.sse'), 30));
  const busy = await gateway(t, {
    providers: [{ name: 'slow', type: 'openai', api_base: `${slow.url}/v1` }],
    concurrency: { enabled: true, max_requests: 1, max_queue_size: 0 },
  });
  const streaming = post(`${busy.url}/v1/chat/completions`, chat('m', { stream: true }));
  await waitFor(() => slow.requests.length === 1, 'the stream holds the slot');
  assert.equal((await post(`${busy.url}/v1/chat/completions`, chat('m'))).status, 503);
  assert.equal((await streaming).status, 200);
  await waitFor(async () => (await metricValue(busy.metrics.registry, 'llm_proxy_requests_total')) === 2, 'both recorded');
  assert.equal(await metricValue(busy.metrics.registry, 'llm_proxy_rate_limit_rejections_total', { limit: 'queue' }), 1);
});

test('provider in-flight: an attempt counts while its stream runs', async (t) => {
  const slow = await upstream(t, answerSse(readFixture('openai-chat/stream-usage.sse'), 30));
  const gw = await gateway(t, { providers: [{ name: 'slow', type: 'openai', api_base: `${slow.url}/v1` }] });
  const registry = gw.metrics.registry;
  assert.equal(await metricValue(registry, 'llm_proxy_provider_in_flight', { provider: 'slow' }), 0);
  const streaming = post(`${gw.url}/v1/chat/completions`, chat('m', { stream: true }));
  await waitFor(() => slow.requests.length === 1, 'the stream started');
  assert.equal(await metricValue(registry, 'llm_proxy_provider_in_flight', { provider: 'slow' }), 1);
  assert.equal(await metricValue(registry, 'llm_proxy_active_requests'), 1);
  assert.equal((await streaming).status, 200);
  await waitFor(async () => (await metricValue(registry, 'llm_proxy_requests_total')) === 1, 'recorded');
  assert.equal(await metricValue(registry, 'llm_proxy_provider_in_flight', { provider: 'slow' }), 0);
  assert.equal(await metricValue(registry, 'llm_proxy_active_requests'), 0);
});
