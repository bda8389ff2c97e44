import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import test from 'node:test';
import { Redis } from 'ioredis';
import { answerJson, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.ts';

const redisUrl = process.env['TEST_REDIS_URL'];
const skipWithoutRedis = redisUrl === undefined ? 'TEST_REDIS_URL is not set: Redis-shared limits and cooldowns are not tested' : false;
if (skipWithoutRedis !== false) process.stdout.write(`# skipped: ${skipWithoutRedis}\n`);

async function chat(url: string, headers: Record<string, string> = {}, model = 'mock-model') {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A fresh key prefix per test, deleted afterwards, so runs and tests never see each other's buckets. */
function redisSection(t: test.TestContext): { url: string; key_prefix: string; command_timeout: string } {
  const keyPrefix = `llm-proxy-test:${randomUUID()}:`;
  t.after(async () => {
    const cleaner = new Redis(redisUrl as string);
    const keys = await cleaner.keys(`${keyPrefix}*`);
    if (keys.length > 0) await cleaner.del(...keys);
    await cleaner.quit();
  });
  // A generous timeout: on a loaded machine a slow answer would fail open and read as a wrong count.
  return { url: redisUrl as string, key_prefix: keyPrefix, command_timeout: '2s' };
}

async function metricValue(gateway: TestGateway, name: string): Promise<number> {
  const text = await gateway.metrics.registry.metrics();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

test('two instances on one Redis share a key limit exactly: burst 10 across both, the 11th on either is 429', { skip: skipWithoutRedis }, async (t) => {
  const redis = redisSection(t);
  const config = {
    providers: [{ name: 'mock', type: 'mock' }],
    master_keys: [{ name: 'shared', key: 'sk-shared-test-key', rate_limit: { requests_per_second: 0.01, burst_size: 10 } }],
    redis,
  };
  const first = await startTestGateway(config);
  t.after(() => first.shutdown());
  const second = await startTestGateway(config);
  t.after(() => second.shutdown());
  const auth = { authorization: 'Bearer sk-shared-test-key' };
  const remaining: string[] = [];
  for (let index = 0; index < 10; index += 1) {
    const answer = await chat((index % 2 === 0 ? first : second).url, auth);
    assert.equal(answer.status, 200, `request ${index + 1}`);
    remaining.push(answer.headers.get('x-ratelimit-remaining-requests') ?? '');
  }
  assert.deepEqual(remaining, ['9', '8', '7', '6', '5', '4', '3', '2', '1', '0'], 'one count across both instances');
  for (const gateway of [first, second]) {
    const refused = await chat(gateway.url, auth);
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.match(refused.text, /Rate limit of API key 'shared'/);
  }
});

test('global_rps and per_model_rps are shared too, and a bucket refills at its rate in Redis', { skip: skipWithoutRedis }, async (t) => {
  const redis = redisSection(t);
  const config = { providers: [{ name: 'mock', type: 'mock' }], rate_limit: { global_rps: 20, per_model_rps: { 'mock-model': 2 } }, redis };
  const first = await startTestGateway(config);
  t.after(() => first.shutdown());
  const second = await startTestGateway(config);
  t.after(() => second.shutdown());
  assert.equal((await chat(first.url)).status, 200);
  assert.equal((await chat(second.url)).status, 200);
  const refused = await chat(first.url);
  assert.equal(refused.status, 429);
  assert.match(refused.text, /per_model_rps of 'mock-model'/);
  await new Promise((resolve) => setTimeout(resolve, 550));
  assert.equal((await chat(second.url)).status, 200, 'one token back after 0.5 s at 2 rps, by Redis time');
});

test('a cooldown on one instance is seen by the other and by an instance started later', { skip: skipWithoutRedis }, async (t) => {
  const redis = redisSection(t);
  const failing = await startFakeUpstream(answerJson(500, { error: { message: 'down' } }));
  t.after(() => failing.close());
  const healthy = await startFakeUpstream(
    answerJson(200, {
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
    }),
  );
  t.after(() => healthy.close());
  const config = {
    providers: [
      { name: 'flaky', type: 'openai', api_base: `${failing.url}/v1`, api_key: 'sk-upstream-a', priority: 1 },
      { name: 'steady', type: 'openai', api_base: `${healthy.url}/v1`, api_key: 'sk-upstream-b', priority: 2 },
    ],
    fallback: { cooldown_seconds: 60 },
    redis,
  };
  const first = await startTestGateway(config);
  t.after(() => first.shutdown());
  const second = await startTestGateway(config);
  t.after(() => second.shutdown());
  assert.equal((await chat(first.url, {}, 'gpt-4o')).status, 200, 'flaky failed, steady answered');
  assert.equal(failing.requests.length, 1);
  const seen = await waitFor(async () => (await detailedProvider(second.url, 'flaky'))['in_cooldown'] === true);
  assert.ok(seen, 'the second instance learns of the cooldown');
  assert.equal((await chat(second.url, {}, 'gpt-4o')).status, 200);
  assert.equal(failing.requests.length, 1, 'the second instance skipped the provider in cooldown');

  const third = await startTestGateway(config);
  t.after(() => third.shutdown());
  assert.equal((await detailedProvider(third.url, 'flaky'))['in_cooldown'], true, 'an instance started later loads the running cooldowns');
});

test("a key's tokens per minute are shared: usage settled on one instance counts on the other", { skip: skipWithoutRedis }, async (t) => {
  const redis = redisSection(t);
  const upstream = await startFakeUpstream(
    answerJson(200, {
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 490, completion_tokens: 10, total_tokens: 500 },
    }),
  );
  t.after(() => upstream.close());
  const config = {
    providers: [{ name: 'openai', type: 'openai', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' }],
    master_keys: [{ name: 'tpm', key: 'sk-tpm-shared-key', tokens_per_minute: 600 }],
    redis,
  };
  const first = await startTestGateway(config);
  t.after(() => first.shutdown());
  const second = await startTestGateway(config);
  t.after(() => second.shutdown());
  const auth = { authorization: 'Bearer sk-tpm-shared-key' };
  const settled = () => new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal((await chat(first.url, auth, 'gpt-4o')).status, 200);
  await settled();
  const secondAnswer = await chat(second.url, auth, 'gpt-4o');
  assert.equal(secondAnswer.status, 200, '600 - 500 left after the first answer');
  assert.ok(Number(secondAnswer.headers.get('x-ratelimit-remaining-tokens')) < 100, "the first instance's usage counted on the second");
  await settled();
  const refused = await chat(first.url, auth, 'gpt-4o');
  assert.equal(refused.status, 429, 'in debt: 100 - 500');
  assert.match(refused.text, /600 tokens per minute/);
});

async function detailedProvider(url: string, name: string): Promise<Record<string, unknown>> {
  const body = (await (await fetch(`${url}/health/detailed`)).json()) as { providers: Record<string, unknown>[] };
  return body.providers.find((provider) => provider['name'] === name) ?? {};
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

test('Redis down: requests are served without the shared limit (fail open), logged once and counted, never stuck', async (t) => {
  // A port that refuses connections, and one that accepts and never answers (a hung Redis).
  const hungSockets = new Set<Socket>();
  const hung: Server = createServer((socket) => hungSockets.add(socket));
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of hungSockets) socket.destroy();
    hung.close();
  });
  const hungPort = (hung.address() as { port: number }).port;
  const refusing: Server = createServer();
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  const refusingPort = (refusing.address() as { port: number }).port;
  await new Promise<void>((resolve) => refusing.close(() => resolve()));

  for (const [what, url] of [
    ['refused', `redis://127.0.0.1:${refusingPort}`],
    ['hung', `redis://127.0.0.1:${hungPort}`],
  ] as const) {
    const gateway = await startTestGateway({
      providers: [{ name: 'mock', type: 'mock' }],
      master_keys: [{ name: 'limited', key: 'sk-limited-test-key', rate_limit: { requests_per_second: 1, burst_size: 1 } }],
      redis: { url, command_timeout: '100ms' },
    });
    const started = Date.now();
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await chat(gateway.url, { authorization: 'Bearer sk-limited-test-key' })).status);
    const elapsed = Date.now() - started;
    assert.deepEqual(statuses, [200, 200, 200], `${what}: the limit is not enforced while Redis is away`);
    assert.ok(elapsed < 2_000, `${what}: three requests took ${elapsed} ms`);
    assert.ok((await metricValue(gateway, 'llm_proxy_redis_errors_total{operation="rate_limit"}')) >= 3, `${what}: each failed take is counted`);
    const logged = gateway.logLines.filter((line) => line['msg'] === 'redis unavailable: failing open' && line['operation'] === 'rate_limit');
    assert.equal(logged.length, 1, `${what}: logged once, not per request`);
    await gateway.shutdown();
  }
});
