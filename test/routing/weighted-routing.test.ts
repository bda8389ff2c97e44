import assert from 'node:assert/strict';
import test from 'node:test';
import { answerJson, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

const send = (url: string, model: string) =>
  fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }) });

test('weights 1:3 in one tier split traffic exactly 1:3; the lower priority tier gets nothing while the first serves', async (t) => {
  const light = await startFakeUpstream(answerJson(200, { from: 'light' }));
  const heavy = await startFakeUpstream(answerJson(200, { from: 'heavy' }));
  const backup = await startFakeUpstream(answerJson(200, { from: 'backup' }));
  t.after(() => Promise.all([light.close(), heavy.close(), backup.close()]));
  const gateway = await startTestGateway({
    providers: [
      { name: 'light', type: 'openai', api_base: `${light.url}/v1`, weight: 1 },
      { name: 'heavy', type: 'openai', api_base: `${heavy.url}/v1`, weight: 3 },
      { name: 'backup', type: 'openai', api_base: `${backup.url}/v1`, priority: 2 },
    ],
  });
  t.after(() => gateway.shutdown());
  const served: Record<string, number> = {};
  for (let index = 0; index < 400; index += 1) {
    const response = await send(gateway.url, 'gpt-4o');
    const provider = response.headers.get('x-llm-proxy-provider') ?? 'none';
    served[provider] = (served[provider] ?? 0) + 1;
    await response.arrayBuffer();
  }
  assert.deepEqual(served, { light: 100, heavy: 300 });
  assert.equal(light.requests.length, 100);
  assert.equal(heavy.requests.length, 300);
  assert.equal(backup.requests.length, 0);
});

test("an alias routes to its providers with each route's model; provider_suffix is stripped first", async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, { ok: true }));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    provider_suffix: 'Proxy',
    providers: [
      { name: 'main', type: 'openai', api_base: `${upstream.url}/v1`, model_mapping: { 'gpt-4': 'gpt-4-turbo' } },
      { name: 'other', type: 'openai', api_base: `${upstream.url}/v2`, model_mapping: { 'nothing-here': 'x' } },
    ],
    models: { smart: { routes: [{ provider: 'other', model: 'o3-pro' }] } },
  });
  t.after(() => gateway.shutdown());
  assert.equal((await send(gateway.url, 'Proxy/gpt-4')).status, 200);
  assert.equal((await send(gateway.url, 'smart')).status, 200);
  assert.equal((await send(gateway.url, 'Other/gpt-4')).status, 404, 'another prefix is part of the name');
  assert.deepEqual(
    upstream.requests.map((request) => [request.path, request.json?.['model']]),
    [
      ['/v1/chat/completions', 'gpt-4-turbo'],
      ['/v2/chat/completions', 'o3-pro'],
    ],
  );
});
