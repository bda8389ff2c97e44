import assert from 'node:assert/strict';
import test from 'node:test';
import { buildKeyStore } from '../auth/build-key-store.ts';
import { hashApiKey } from '../auth/hash-api-key.ts';
import { gatewayConfigSchema } from '../config/gateway-config-schema.ts';
import { mergeStoredConfig, providerConfigToRow, providerRowToConfigInput } from './merge-stored-config.ts';
import type { StoredConfig } from './stored-config.ts';

const yamlConfig = gatewayConfigSchema.parse({
  providers: [{ name: 'from-yaml', type: 'mock' }],
  fallback: { max_retries: 0 },
  timeouts: { connect: 7 },
});

const stored: StoredConfig = {
  version: 3,
  providers: [
    {
      id: 'db',
      provider_type: 'mock',
      api_base: null,
      api_key: null,
      model_mapping: null,
      weight: 2,
      priority: 1,
      is_enabled: true,
      settings: { timeouts: { idle: '1500ms' } },
    },
  ],
  credentials: [
    {
      id: 'c1',
      name: 'app',
      key_hash: hashApiKey('sk-app-key'),
      key_prefix: 'sk',
      allowed_models: ['*'],
      rate_limit: null,
      tokens_per_minute: null,
      is_enabled: true,
    },
  ],
  aliases: [{ name: 'smart', routes: [{ provider: 'db', model: 'm' }] }],
};

test('the stored sections replace the YAML ones; the rest of the YAML stays, validated values unchanged', () => {
  const merged = mergeStoredConfig(yamlConfig, stored);
  assert.ok(merged.config !== undefined);
  assert.deepEqual(
    merged.config.providers.map((provider) => provider.name),
    ['db'],
  );
  assert.equal(merged.config.providers[0]?.timeouts?.idle, 1500);
  assert.equal(merged.config.timeouts.connect, 7000, 'YAML durations are not parsed twice');
  assert.equal(merged.config.fallback.max_retries, 0);
  assert.deepEqual(Object.keys(merged.config.models), ['smart']);
  assert.ok(Object.isFrozen(merged.config) && Object.isFrozen(merged.config.master_keys));
  // The stored hash authenticates the key itself: the key store looks keys up by the same hash.
  const keyStore = buildKeyStore(merged.config.master_keys);
  assert.equal(keyStore.findByKey('sk-app-key')?.name, 'app');
  assert.equal(keyStore.findByKey('sk-other'), undefined);
});

test('a stored config the schema refuses is reported with paths, not merged', () => {
  const merged = mergeStoredConfig(yamlConfig, { ...stored, aliases: [{ name: 'smart', routes: [{ provider: 'gone', model: 'm' }] }] });
  assert.equal(merged.config, undefined);
  assert.deepEqual(
    merged.issues?.map((issue) => issue.path.join('.')),
    ['models.smart.routes.0.provider'],
  );
  const twice = mergeStoredConfig(yamlConfig, {
    ...stored,
    credentials: [...stored.credentials, { ...stored.credentials[0], id: 'c2', name: 'other' } as StoredConfig['credentials'][number]],
  });
  assert.match(twice.issues?.[0]?.message ?? '', /the same key is configured twice/);
});

test('a key entry needs key or key_hash, not both, and key_hash is 64 hex digits', () => {
  const parse = (entry: Record<string, unknown>) => gatewayConfigSchema.safeParse({ master_keys: [{ name: 'k', ...entry }] });
  assert.equal(parse({ key: 'sk-1' }).success, true);
  assert.equal(parse({ key_hash: hashApiKey('sk-1') }).success, true);
  assert.equal(parse({}).success, false);
  assert.equal(parse({ key: 'sk-1', key_hash: hashApiKey('sk-1') }).success, false);
  assert.equal(parse({ key_hash: 'abc' }).success, false);
});

test('a provider row round-trips through the schema unchanged (timeouts kept as durations)', () => {
  const provider = gatewayConfigSchema.parse({ providers: [{ name: 'p', type: 'openai', api_key: 'k', timeouts: { connect: '2s' }, wire_api: 'responses' }] })
    .providers[0];
  assert.ok(provider !== undefined);
  const row = providerConfigToRow(provider);
  assert.deepEqual(row.settings, { wire_api: 'responses', timeouts: { connect: '2000ms' } });
  const again = gatewayConfigSchema.parse({ providers: [providerRowToConfigInput(row)] }).providers[0];
  assert.deepEqual(again, provider);
});
