import assert from 'node:assert/strict';
import test from 'node:test';
import { answerJson, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

interface DetailedHealth {
  providers: { name: string; in_cooldown: boolean; last_check: { ok: boolean; detail: string } | null }[];
}

async function health(url: string): Promise<DetailedHealth> {
  return (await (await fetch(`${url}/health/detailed`)).json()) as DetailedHealth;
}

test('a failed health check cools the provider down before any request fails on it; a passing one ends the cooldown', async (t) => {
  const a = await startFakeUpstream(answerJson(500, { error: { message: 'down' } }));
  const b = await startFakeUpstream(answerJson(200, readFixture('openai-chat/nonstream-text.json')));
  const claude = await startFakeUpstream(answerJson(200, { data: [] }));
  t.after(() => Promise.all([a.close(), b.close(), claude.close()]));
  const gateway = await startTestGateway({
    providers: [
      { name: 'a', type: 'openai', api_base: `${a.url}/v1`, api_key: 'sk-a', priority: 1 },
      { name: 'b', type: 'openai', api_base: `${b.url}/v1`, priority: 2 },
      { name: 'claude', type: 'anthropic', api_base: claude.url, api_key: 'sk-ant', model_mapping: { 'claude-x': 'claude-x' }, priority: 3 },
    ],
  });
  t.after(() => gateway.shutdown());

  assert.equal((await health(gateway.url)).providers[0]?.last_check, null, 'no check has run');
  await gateway.runHealthChecks();

  assert.deepEqual([a.requests[0]?.method, a.requests[0]?.path, a.requests[0]?.headers.authorization], ['GET', '/v1/models', 'Bearer sk-a']);
  assert.deepEqual(
    [claude.requests[0]?.path, claude.requests[0]?.headers['x-api-key'], claude.requests[0]?.headers['anthropic-version']],
    ['/v1/models', 'sk-ant', '2023-06-01'],
  );
  const afterFailure = await health(gateway.url);
  assert.deepEqual(
    afterFailure.providers.map((provider) => [provider.name, provider.in_cooldown, provider.last_check?.ok, provider.last_check?.detail]),
    [
      ['a', true, false, 'HTTP 500'],
      ['b', false, true, 'HTTP 200'],
      ['claude', false, true, 'HTTP 200'],
    ],
  );
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  assert.ok(metrics.includes('llm_proxy_provider_health{provider="a"} 0'), 'the gauge follows the probe');

  const routed = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(routed.headers.get('x-llm-proxy-provider'), 'b');
  assert.equal(routed.headers.get('x-llm-proxy-attempts'), '1', 'a was skipped without a failed request');
  assert.equal(a.requests.filter((request) => request.method === 'POST').length, 0);

  a.setBehaviour(answerJson(200, { data: [] }));
  await gateway.runHealthChecks();
  assert.equal((await health(gateway.url)).providers[0]?.in_cooldown, false, 'a passing check ends the cooldown');
});

test('health_checks.enabled probes every interval', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, { data: [] }));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    providers: [{ name: 'a', type: 'openai', api_base: `${upstream.url}/v1` }],
    health_checks: { enabled: true, interval: '50ms', timeout: '1s' },
  });
  t.after(() => gateway.shutdown());
  const deadline = Date.now() + 3_000;
  while (upstream.requests.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(upstream.requests.length >= 3, `${upstream.requests.length} probes`);
});
