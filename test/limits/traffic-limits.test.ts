import assert from 'node:assert/strict';
import test from 'node:test';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

async function chat(url: string, model = 'mock-model', headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

test('global_rps trips at its burst, names the limit, carries Retry-After, and recovers with time', async (t) => {
  let clock = 1_000_000;
  const gateway = await startTestGateway(
    { providers: [{ name: 'mock', type: 'mock' }], rate_limit: { global_rps: 2, burst_factor: 1.5 } },
    { now: () => clock },
  );
  t.after(() => gateway.shutdown());
  const statuses = [];
  for (let index = 0; index < 4; index += 1) statuses.push((await chat(gateway.url)).status);
  assert.deepEqual(statuses, [200, 200, 200, 429], 'burst = ceil(2 * 1.5) = 3');
  const refused = await chat(gateway.url);
  assert.equal(refused.headers.get('retry-after'), '1');
  assert.match((JSON.parse(refused.text) as { error: { message: string } }).error.message, /global_rps/);
  clock += 500;
  assert.equal((await chat(gateway.url)).status, 200, 'one token back after 0.5 s at 2 rps');
});

test('per_ip_rps counts each client address; X-Forwarded-For only with server.trust_proxy', async (t) => {
  const clock = 1_000_000;
  const trusting = await startTestGateway(
    { providers: [{ name: 'mock', type: 'mock' }], rate_limit: { per_ip_rps: 1 }, server: { trust_proxy: true } },
    { now: () => clock },
  );
  t.after(() => trusting.shutdown());
  assert.equal((await chat(trusting.url, 'mock-model', { 'x-forwarded-for': '10.0.0.1, 127.0.0.1' })).status, 200);
  assert.equal((await chat(trusting.url, 'mock-model', { 'x-forwarded-for': '10.0.0.1' })).status, 429);
  assert.equal((await chat(trusting.url, 'mock-model', { 'x-forwarded-for': '10.0.0.2' })).status, 200, 'another client');

  const plain = await startTestGateway({ providers: [{ name: 'mock', type: 'mock' }], rate_limit: { per_ip_rps: 1 } }, { now: () => clock });
  t.after(() => plain.shutdown());
  assert.equal((await chat(plain.url, 'mock-model', { 'x-forwarded-for': '10.0.0.1' })).status, 200);
  const spoofed = await chat(plain.url, 'mock-model', { 'x-forwarded-for': '10.0.0.9' });
  assert.equal(spoofed.status, 429, 'without trust_proxy the header is ignored: both came from 127.0.0.1');
  assert.match((JSON.parse(spoofed.text) as { error: { message: string } }).error.message, /per_ip_rps/);
});

test('per_model_rps limits one model and not the others; rate_limit.enabled: false turns every limit off', async (t) => {
  const clock = 1_000_000;
  const gateway = await startTestGateway(
    { providers: [{ name: 'mock', type: 'mock' }], rate_limit: { per_model_rps: { 'mock-model': 1 } } },
    { now: () => clock },
  );
  t.after(() => gateway.shutdown());
  assert.equal((await chat(gateway.url)).status, 200);
  const limited = await chat(gateway.url);
  assert.equal(limited.status, 429);
  assert.match((JSON.parse(limited.text) as { error: { message: string } }).error.message, /per_model_rps of 'mock-model'/);
  assert.equal((await chat(gateway.url, 'other-model')).status, 200);

  const off = await startTestGateway({ providers: [{ name: 'mock', type: 'mock' }], rate_limit: { enabled: false, global_rps: 1 } }, { now: () => clock });
  t.after(() => off.shutdown());
  for (let index = 0; index < 3; index += 1) assert.equal((await chat(off.url)).status, 200);
});

test("a key's x-ratelimit-* headers come on every answer, the 429 included; keys without a limit get none", async (t) => {
  let clock = 1_000_000;
  const gateway = await startTestGateway(
    {
      providers: [{ name: 'mock', type: 'mock' }],
      master_keys: [
        { name: 'limited', key: 'sk-limited', rate_limit: { requests_per_second: 2, burst_size: 3 } },
        { name: 'free', key: 'sk-free' },
      ],
    },
    { now: () => clock },
  );
  t.after(() => gateway.shutdown());
  const auth = { authorization: 'Bearer sk-limited' };
  const seen = [];
  for (let index = 0; index < 4; index += 1) {
    const response = await chat(gateway.url, 'mock-model', auth);
    seen.push([
      response.status,
      response.headers.get('x-ratelimit-limit-requests'),
      response.headers.get('x-ratelimit-remaining-requests'),
      response.headers.get('x-ratelimit-reset-requests'),
    ]);
  }
  assert.deepEqual(seen, [
    [200, '3', '2', '500ms'],
    [200, '3', '1', '1s'],
    [200, '3', '0', '1.5s'],
    [429, '3', '0', '1.5s'],
  ]);
  clock += 500;
  const stream = await fetch(`${gateway.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'sk-limited' },
    body: JSON.stringify({ model: 'mock-model', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await stream.text();
  assert.equal(stream.headers.get('x-ratelimit-remaining-requests'), '0', 'a translated stream carries them too');
  const free = await chat(gateway.url, 'mock-model', { authorization: 'Bearer sk-free' });
  assert.equal(free.headers.get('x-ratelimit-limit-requests'), null);
});
