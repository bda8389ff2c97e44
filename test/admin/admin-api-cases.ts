import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigStore } from '../../src/store/config-store.ts';
import { answerJson, startFakeUpstream } from '../helpers/fake-upstream.ts';
import type { StoreTestDatabase } from '../store/store-test-databases.ts';
import { startDbModeTestGateway, testAdminKey } from './start-db-mode-test-gateway.ts';

const providerKey = 'sk-provider-secret-abcdefghijklmnopqrstuvwxyz';
const chatAnswer = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

async function chat(url: string, key: string | undefined, model = 'gpt-4o'): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello' }] }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

function errorOf(json: Record<string, unknown>): { code: string; param: string | null; errors?: { param: string; message: string }[] } {
  return json['error'] as { code: string; param: string | null; errors?: { param: string; message: string }[] };
}

/** The Admin API's tests, run against one database (one file per database: each file has a 60 s budget). */
export function describeAdminApi(database: StoreTestDatabase): void {
  describe(`Admin API on ${database.name}`, () => {
    test('DB mode without ADMIN_KEY: the Admin API is off (404)', async (t) => {
      const running = await startDbModeTestGateway(t, database, {}, { adminKey: null });
      const response = await running.admin('GET', '/admin/v1/providers');
      assert.equal(response.status, 404);
    });

    test('auth: no key, a wrong key or a client key is 401; the admin key is let in', async (t) => {
      const running = await startDbModeTestGateway(t, database);
      const created = await running.admin('POST', '/admin/v1/credentials', { name: 'client', key: 'sk-client-key-1234567890' });
      assert.equal(created.status, 201);
      for (const key of [null, 'wrong', `${testAdminKey}x`, testAdminKey.slice(0, -1), 'sk-client-key-1234567890']) {
        const response = await running.admin('GET', '/admin/v1/providers', undefined, key);
        assert.equal(response.status, 401, `key ${String(key)}`);
        assert.equal(errorOf(response.json).code, 'GW_ERR_ADMIN_UNAUTHORIZED');
      }
      // Unknown admin paths are behind the key too: nothing is revealed without it.
      assert.equal((await running.admin('GET', '/admin/v1/nothing', undefined, null)).status, 401);
      assert.equal((await running.admin('GET', '/admin/v1/nothing')).status, 404);
      const ok = await running.admin('GET', '/admin/v1/providers');
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.json['data'], []);
    });

    test('providers: bad bodies get every field problem; CRUD; the key never comes back; audit and version', async (t) => {
      const running = await startDbModeTestGateway(t, database);
      const bad = await running.admin('POST', '/admin/v1/providers', { id: 'p1', provider_type: 'nope', weight: -1, api_base: 'not a url', colour: 'red' });
      assert.equal(bad.status, 400);
      assert.deepEqual(
        errorOf(bad.json).errors?.map((problem) => problem.param),
        ['colour'],
      );
      const bad2 = await running.admin('POST', '/admin/v1/providers', {
        id: 'p1',
        provider_type: 'nope',
        weight: -1,
        api_base: 'not a url',
        model_mapping: { 'a(': 'b' },
      });
      assert.equal(bad2.status, 400);
      assert.equal(errorOf(bad2.json).code, 'GW_ERR_INVALID_REQUEST');
      assert.deepEqual(new Set(errorOf(bad2.json).errors?.map((problem) => problem.param)), new Set(['provider_type', 'weight', 'api_base']));
      const missing = await running.admin('POST', '/admin/v1/providers', { provider_type: 'openai' });
      assert.deepEqual(errorOf(missing.json).errors, [{ param: 'id', message: 'is required' }]);
      // A pattern problem is found by the config's own cross-checks: named by the body field.
      const badPattern = await running.admin('POST', '/admin/v1/providers', { id: 'p1', provider_type: 'openai', model_mapping: { 'gpt-(': 'x' } });
      assert.equal(badPattern.status, 400);
      assert.equal(errorOf(badPattern.json).errors?.[0]?.param, 'model_mapping.gpt-(');
      assert.equal((await running.admin('POST', '/admin/v1/providers', '{not json')).status, 400);
      assert.equal(await new ConfigStore(running.connection).readVersion(), 0, 'refused bodies change nothing');

      const created = await running.admin('POST', '/admin/v1/providers', {
        id: 'p1',
        provider_type: 'openai',
        api_base: 'http://127.0.0.1:9/v1',
        api_key: providerKey,
        model_mapping: { 'gpt-4o': 'gpt-4o-2024' },
        weight: 3,
        priority: 2,
        timeouts: { connect: '2s' },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.json['api_key'], `****${providerKey.slice(-4)}`);
      assert.equal(created.json['version'], 1);
      assert.deepEqual(created.json['timeouts'], { connect: '2000ms' });
      assert.equal((await running.admin('POST', '/admin/v1/providers', { id: 'p1', provider_type: 'openai' })).status, 409);

      const updated = await running.admin('PUT', '/admin/v1/providers/p1', { weight: 5, is_enabled: false });
      assert.equal(updated.status, 200, updated.text);
      assert.equal(updated.json['weight'], 5);
      assert.equal(updated.json['is_enabled'], false);
      assert.equal(updated.json['priority'], 2, 'fields left out keep their value');
      assert.equal(updated.json['api_key'], `****${providerKey.slice(-4)}`, 'the key is kept when not given');
      assert.equal((await running.admin('PUT', '/admin/v1/providers/p1', { weight: 'heavy' })).status, 400);
      assert.equal((await running.admin('PUT', '/admin/v1/providers/p1', { id: 'other' })).status, 400);
      assert.equal((await running.admin('PUT', '/admin/v1/providers/nope', { weight: 1 })).status, 404);

      const one = await running.admin('GET', '/admin/v1/providers/p1');
      const list = await running.admin('GET', '/admin/v1/providers');
      assert.equal(one.json['id'], 'p1');
      assert.equal((list.json['data'] as unknown[]).length, 1);
      const version = await running.admin('GET', '/admin/v1/config/version');
      assert.equal(version.json['version'], 2);
      assert.equal(version.json['applied_version'], 2);

      const audit = await new ConfigStore(running.connection).readAudit();
      assert.deepEqual(
        audit.map((entry) => [entry.actor, entry.action, entry.entity, entry.entityId, entry.version]),
        [
          ['admin', 'update', 'provider', 'p1', 2],
          ['admin', 'create', 'provider', 'p1', 1],
        ],
      );
      const deleted = await running.admin('DELETE', '/admin/v1/providers/p1');
      assert.equal(deleted.status, 200);
      assert.equal((await running.admin('GET', '/admin/v1/providers/p1')).status, 404);
      assert.equal(await new ConfigStore(running.connection).readVersion(), 3);

      // The provider key is in no answer, no audit row and no log line.
      for (const text of [
        created.text,
        updated.text,
        one.text,
        list.text,
        JSON.stringify(await new ConfigStore(running.connection).readAudit()),
        running.logText(),
      ]) {
        assert.ok(!text.includes(providerKey), 'provider key leaked');
        assert.ok(!text.includes(providerKey.slice(0, 20)), 'provider key prefix leaked');
      }
    });

    test('a change the merged config refuses is a field error: deleting a provider a model alias routes to', async (t) => {
      const running = await startDbModeTestGateway(t, database);
      await running.admin('POST', '/admin/v1/providers', { id: 'p1', provider_type: 'mock' });
      const store = new ConfigStore(running.connection);
      await store.change(
        'test',
        () => [{ entity: 'model_alias', action: 'create', row: { name: 'smart', routes: [{ provider: 'p1', model: 'm' }] }, summary: {} }],
        () => {},
      );
      const refused = await running.admin('DELETE', '/admin/v1/providers/p1');
      assert.equal(refused.status, 400, refused.text);
      assert.equal(errorOf(refused.json).errors?.[0]?.param, 'models.smart.routes[0].provider');
      assert.equal((await running.admin('GET', '/admin/v1/providers/p1')).status, 200);
    });

    test('a credential created through the API works on /v1/chat/completions at once; disabling and deleting it too', async (t) => {
      const upstream = await startFakeUpstream(answerJson(200, chatAnswer));
      t.after(() => upstream.close());
      const running = await startDbModeTestGateway(t, database);
      const provider = await running.admin('POST', '/admin/v1/providers', {
        id: 'up',
        provider_type: 'openai',
        api_base: `${upstream.url}/v1`,
        api_key: providerKey,
      });
      assert.equal(provider.status, 201);
      // One key exists from here on: the gateway is no longer open.
      const first = await running.admin('POST', '/admin/v1/credentials', { name: 'first', allowed_models: ['gpt-*'], rate_limit: 100 });
      assert.equal(first.status, 201, first.text);
      const generated = first.json['key'] as string;
      assert.match(generated, /^sk-[A-Za-z0-9_-]{40,}$/);
      assert.deepEqual(first.json['rate_limit'], { requests_per_second: 100, burst_size: 100 });

      const answered = await chat(running.url, generated);
      assert.equal(answered.status, 200, JSON.stringify(answered.json));
      assert.equal(upstream.requests.at(-1)?.headers['authorization'], `Bearer ${providerKey}`);
      assert.equal((await chat(running.url, 'sk-not-a-key')).status, 401);
      assert.equal((await chat(running.url, generated, 'claude-3')).status, 403, 'allowed_models applies');

      const given = await running.admin('POST', '/master-keys'.replace('/', '/admin/v1/'), {
        name: 'second',
        key: 'sk-given-key-0123456789',
        tokens_per_minute: 1000,
      });
      assert.equal(given.status, 201);
      assert.equal(given.json['tokens_per_minute'], 1000);
      const limited = await chat(running.url, 'sk-given-key-0123456789');
      assert.equal(limited.status, 200);
      assert.equal(limited.headers.get('x-ratelimit-limit-tokens'), '1000', 'a stored tokens_per_minute is enforced');

      // Reads show a prefix only; the key was in the create answer once.
      const listed = await running.admin('GET', '/admin/v1/credentials');
      assert.ok(!listed.text.includes(generated) && !listed.text.includes('sk-given-key-0123456789'));
      const views = listed.json['data'] as { id: string; name: string; key_prefix: string }[];
      assert.deepEqual(
        views.map((view) => [view.name, view.key_prefix]),
        [
          ['first', `${generated.slice(0, 8)}…`],
          ['second', 'sk-gi…'],
        ],
      );
      const stored = await new ConfigStore(running.connection).readStoredConfig();
      assert.ok(!JSON.stringify(stored.credentials).includes(generated), 'only the hash is stored');

      const firstId = first.json['id'] as string;
      assert.equal((await running.admin('PUT', `/admin/v1/credentials/${firstId}`, { is_enabled: false })).status, 200);
      assert.equal((await chat(running.url, generated)).status, 403);
      assert.equal((await running.admin('PUT', `/admin/v1/credentials/${firstId}`, { rate_limit: { requests_per_second: -1 } })).status, 400);
      const badTokens = await running.admin('PUT', `/admin/v1/credentials/${firstId}`, { tokens_per_minute: 0 });
      assert.equal(badTokens.status, 400);
      assert.deepEqual(
        errorOf(badTokens.json).errors?.map((problem) => problem.param),
        ['tokens_per_minute'],
      );
      assert.equal((await running.admin('POST', '/admin/v1/credentials', { name: 'second' })).status, 409);
      assert.equal((await running.admin('POST', '/admin/v1/credentials', { name: 'third', key: 'sk-given-key-0123456789' })).status, 409);
      const badKey = await running.admin('POST', '/admin/v1/credentials', { name: '', allowed_models: 'all', is_enabled: 'yes' });
      assert.deepEqual(new Set(errorOf(badKey.json).errors?.map((problem) => problem.param)), new Set(['name', 'allowed_models', 'is_enabled']));
      assert.equal((await running.admin('DELETE', `/admin/v1/credentials/${firstId}`)).status, 200);
      assert.equal((await chat(running.url, generated)).status, 401);
      assert.ok(!running.logText().includes(generated), 'the key is not logged');
    });

    test('POST /providers/:id/health probes each model with a tiny request and reports status and latency', async (t) => {
      const upstream = await startFakeUpstream((request, response) => {
        const failing = request.json?.['model'] === 'broken';
        response.writeHead(failing ? 500 : 200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(failing ? { error: { message: 'down' } } : chatAnswer));
      });
      t.after(() => upstream.close());
      const running = await startDbModeTestGateway(t, database);
      await running.admin('POST', '/admin/v1/providers', {
        id: 'up',
        provider_type: 'openai',
        api_base: `${upstream.url}/v1`,
        api_key: providerKey,
        model_mapping: { alias: 'real' },
      });
      const probed = await running.admin('POST', '/admin/v1/providers/up/health', { models: ['alias', 'broken', 'other'], max_concurrent: 2, timeout_secs: 5 });
      assert.equal(probed.status, 200, probed.text);
      const results = probed.json['results'] as { model: string; upstream_model: string; ok: boolean; status: number; latency_ms: number }[];
      assert.deepEqual(
        results.map((result) => [result.model, result.upstream_model, result.ok, result.status]),
        [
          ['alias', 'real', true, 200],
          ['broken', 'broken', false, 500],
          ['other', 'other', true, 200],
        ],
      );
      assert.ok(results.every((result) => typeof result.latency_ms === 'number' && result.latency_ms >= 0));
      assert.equal(probed.json['healthy'], false);
      assert.equal(upstream.requests.length, 3);
      assert.equal(upstream.requests[0]?.path, '/v1/chat/completions');
      assert.equal(upstream.requests[0]?.json?.['max_tokens'], 1);
      const bad = await running.admin('POST', '/admin/v1/providers/up/health', { models: [], max_concurrent: 0 });
      assert.deepEqual(new Set(errorOf(bad.json).errors?.map((problem) => problem.param)), new Set(['models', 'max_concurrent']));
      assert.equal((await running.admin('POST', '/admin/v1/providers/nope/health', { models: ['a'] })).status, 404);
    });

    test('a change written by another writer is picked up by the NOTIFY, and config/reload applies it on demand', async (t) => {
      const running = await startDbModeTestGateway(t, database, {}, { pollIntervalMs: 60_000 });
      const store = new ConfigStore(running.connection);
      await store.change(
        'test',
        () => [
          {
            entity: 'provider',
            action: 'create',
            row: { id: 'm', provider_type: 'mock', api_base: null, api_key: null, model_mapping: null, weight: 1, priority: 1, is_enabled: true, settings: {} },
            summary: {},
          },
        ],
        () => {},
      );
      const deadline = Date.now() + 2000;
      while ((await chat(running.url, undefined, 'anything')).status !== 200) {
        assert.ok(Date.now() < deadline, 'the NOTIFY did not reload within 2 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const reloaded = await running.admin('POST', '/admin/v1/config/reload');
      assert.equal(reloaded.status, 200);
      assert.equal(reloaded.json['version'], 1);
      assert.equal((await running.admin('GET', '/admin/v1/config/reload')).status, 405);
    });
  });
}
