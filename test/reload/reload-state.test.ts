import assert from 'node:assert/strict';
import test from 'node:test';
import { answerJson, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.ts';
import { parseTestConfig } from './parse-test-config.ts';

/** State beside the snapshot survives a reload for what still exists, and is forgotten for what was removed. */

const okAnswer = readFixture('openai-chat/nonstream-text.json');

async function chat(gateway: TestGateway, key?: string) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
  });
  return {
    status: response.status,
    provider: response.headers.get('x-llm-proxy-provider'),
    attempts: response.headers.get('x-llm-proxy-attempts'),
    text: await response.text(),
  };
}

interface ProviderHealth {
  readonly name: string;
  readonly in_cooldown: boolean;
  readonly last_error: { readonly message: string } | null;
}

async function providerHealth(gateway: TestGateway, name: string): Promise<ProviderHealth | undefined> {
  const body = (await (await fetch(`${gateway.url}/health/detailed`)).json()) as { providers: ProviderHealth[] };
  return body.providers.find((provider) => provider.name === name);
}

test("a key's drained rate-limit bucket stays drained across a reload; a removed and re-added key starts full", async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, okAnswer));
  t.after(() => upstream.close());
  const providers = [{ name: 'only', type: 'openai', api_base: `${upstream.url}/v1` }];
  const limited = { name: 'limited', key: 'sk-limited-0000', rate_limit: { requests_per_second: 0.001, burst_size: 1 } };
  const other = { name: 'other', key: 'sk-other-1111' };
  const gateway = await startTestGateway({ providers, master_keys: [limited] });
  t.after(() => gateway.shutdown());
  assert.equal((await chat(gateway, 'sk-limited-0000')).status, 200);
  assert.equal((await chat(gateway, 'sk-limited-0000')).status, 429);

  await gateway.reload(parseTestConfig({ providers, master_keys: [limited, other] }));
  assert.equal((await chat(gateway, 'sk-limited-0000')).status, 429, 'still drained after the reload');
  assert.equal((await chat(gateway, 'sk-other-1111')).status, 200);

  await gateway.reload(parseTestConfig({ providers, master_keys: [other] }));
  assert.equal((await chat(gateway, 'sk-limited-0000')).status, 401);
  await gateway.reload(parseTestConfig({ providers, master_keys: [limited, other] }));
  const readded = await chat(gateway, 'sk-limited-0000');
  assert.equal(readded.status, 200, `a re-added key starts with a full bucket: ${readded.text}`);
});

test("a provider's cooldown and last error survive a reload; a removed and re-added provider starts fresh", async (t) => {
  const [failing, healthy] = await Promise.all([
    startFakeUpstream(answerJson(500, { error: { message: 'boom' } })),
    startFakeUpstream(answerJson(200, okAnswer)),
  ]);
  t.after(() => Promise.all([failing.close(), healthy.close()]));
  const flaky = { name: 'flaky', type: 'openai', api_base: `${failing.url}/v1`, priority: 1 };
  const steady = { name: 'steady', type: 'openai', api_base: `${healthy.url}/v1`, priority: 2 };
  const raw = { providers: [flaky, steady], fallback: { cooldown_seconds: 600 } };
  const gateway = await startTestGateway(raw);
  t.after(() => gateway.shutdown());
  const failedOver = await chat(gateway);
  assert.equal(failedOver.provider, 'steady');
  assert.equal(failedOver.attempts, '2');
  assert.equal((await providerHealth(gateway, 'flaky'))?.in_cooldown, true);

  await gateway.reload(parseTestConfig({ ...raw, provider_suffix: 'Proxy' }));
  const flakyAfter = await providerHealth(gateway, 'flaky');
  assert.equal(flakyAfter?.in_cooldown, true, 'the cooldown survived the reload');
  assert.notEqual(flakyAfter?.last_error, null, 'so did the last error');
  const skipped = await chat(gateway);
  assert.equal(skipped.attempts, '1', 'the cooling provider is skipped');
  assert.equal(failing.requests.length, 1);

  await gateway.reload(parseTestConfig({ ...raw, providers: [steady] }));
  await gateway.reload(parseTestConfig(raw));
  const readded = await providerHealth(gateway, 'flaky');
  assert.equal(readded?.in_cooldown, false, 'a re-added provider is not cooling down');
  assert.equal(readded?.last_error, null);
  assert.equal((await chat(gateway)).attempts, '2', 'and is tried again');
  assert.equal(failing.requests.length, 2);
});
