import assert from 'node:assert/strict';
import test from 'node:test';
import { answerJson, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

const chat = (model: string) => JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] });

async function startKeyedGateway(t: test.TestContext, now?: () => number) {
  const upstream = await startFakeUpstream(answerJson(200, { ok: true }));
  t.after(() => upstream.close());
  const gateway = await startTestGateway(
    {
      providers: [
        { name: 'main', type: 'openai', api_base: `${upstream.url}/v1`, model_mapping: { 'gpt-4o': 'gpt-4o', 'gpt-4o-mini': 'gpt-4o-mini', 'claude-3': 'c3' } },
      ],
      master_keys: [
        { name: 'all', key: 'sk-all' },
        { name: 'gpt-only', key: 'sk-gpt', allowed_models: ['gpt-*'] },
        { name: 'off', key: 'sk-off', enabled: false },
        { name: 'limited', key: 'sk-limited', rate_limit: { requests_per_second: 1, burst_size: 2 } },
        { name: 'blocked', key: 'sk-blocked', rate_limit: { requests_per_second: 0, burst_size: 0 } },
      ],
    },
    now === undefined ? {} : { now },
  );
  t.after(() => gateway.shutdown());
  const call = async (headers: Record<string, string>, model = 'gpt-4o') => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: chat(model),
    });
    const body = (await response.json()) as { error?: { code: string; type: string; message: string; param: string | null } };
    return { status: response.status, headers: response.headers, body };
  };
  return { gateway, upstream, call };
}

test('Authorization: Bearer and x-api-key both authenticate', async (t) => {
  const { call } = await startKeyedGateway(t);
  assert.equal((await call({ authorization: 'Bearer sk-all' })).status, 200);
  assert.equal((await call({ 'x-api-key': 'sk-all' })).status, 200);
});

test('a missing or unknown key is 401, a disabled key 403, in OpenAI error format', async (t) => {
  const { call, upstream } = await startKeyedGateway(t);
  const missing = await call({});
  assert.equal(missing.status, 401);
  assert.equal(missing.body.error?.code, 'GW_ERR_MISSING_API_KEY');
  const unknown = await call({ authorization: 'Bearer sk-nope' });
  assert.equal(unknown.status, 401);
  assert.equal(unknown.body.error?.code, 'GW_ERR_INVALID_API_KEY');
  assert.ok(!JSON.stringify(unknown.body).includes('sk-nope'), 'the key is not echoed');
  const disabled = await call({ authorization: 'Bearer sk-off' });
  assert.equal(disabled.status, 403);
  assert.equal(disabled.body.error?.type, 'permission_error');
  assert.equal(upstream.requests.length, 0, 'nothing reached the upstream');
});

test('allowed_models globs decide which models a key may use, on chat and on /v1/models', async (t) => {
  const { call, gateway } = await startKeyedGateway(t);
  assert.equal((await call({ authorization: 'Bearer sk-gpt' }, 'gpt-4o-mini')).status, 200);
  const refused = await call({ authorization: 'Bearer sk-gpt' }, 'claude-3');
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error?.code, 'GW_ERR_MODEL_NOT_ALLOWED');
  assert.equal(refused.body.error?.param, 'model');
  const list = async (key: string) =>
    (await (await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } })).json()) as { object: string; data: { id: string }[] };
  const restricted = await list('sk-gpt');
  assert.equal(restricted.object, 'list');
  assert.deepEqual(
    restricted.data.map((model) => model.id),
    ['gpt-4o', 'gpt-4o-mini'],
  );
  assert.deepEqual(
    (await list('sk-all')).data.map((model) => model.id),
    ['claude-3', 'gpt-4o', 'gpt-4o-mini'],
  );
  assert.equal((await fetch(`${gateway.url}/v1/models`)).status, 401);
});

test('the per-key token bucket answers 429 with Retry-After past the burst and recovers with time', async (t) => {
  let clock = 1_000_000;
  const { call } = await startKeyedGateway(t, () => clock);
  const limited = { authorization: 'Bearer sk-limited' };
  assert.equal((await call(limited)).status, 200);
  assert.equal((await call(limited)).status, 200);
  const rejected = await call(limited);
  assert.equal(rejected.status, 429);
  assert.equal(rejected.headers.get('retry-after'), '1');
  assert.equal(rejected.body.error?.code, 'GW_ERR_RATE_LIMITED');
  assert.equal(rejected.body.error?.type, 'rate_limit_error');
  assert.equal((await call({ authorization: 'Bearer sk-all' })).status, 200, 'other keys are not affected');
  clock += 1000;
  assert.equal((await call(limited)).status, 200, 'one token back after one second');
  assert.equal((await call(limited)).status, 429);
});

test('a 0/0 rate limit blocks every request', async (t) => {
  const { call } = await startKeyedGateway(t);
  const blocked = await call({ authorization: 'Bearer sk-blocked' });
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
});

test('with no keys configured the gateway is open', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, { ok: true }));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());
  const response = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', body: chat('anything') });
  assert.equal(response.status, 200);
});
