import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type GatewayConfig, gatewayConfigSchema } from '../../src/config/gateway-config-schema.ts';
import type { createLogger } from '../../src/observability/create-logger.ts';
import { ConfigStore } from '../../src/store/config-store.ts';
import { runMigrations } from '../../src/store/run-migrations.ts';
import type { StoredProvider } from '../../src/store/stored-config.ts';
import { StoredConfigWatcher } from '../../src/store/stored-config-watcher.ts';
import { createCapturingLogger } from '../helpers/capture-logger.ts';
import { closeSharedPGlite, openTestStore, storeTestDatabases } from './store-test-databases.ts';

after(closeSharedPGlite);

const yamlConfig = gatewayConfigSchema.parse({ fallback: { max_retries: 1 } });
const mock = (id: string): StoredProvider => ({
  id,
  provider_type: 'mock',
  api_base: null,
  api_key: null,
  model_mapping: null,
  weight: 1,
  priority: 1,
  is_enabled: true,
  settings: {},
});

function silentLogger(): { logger: ReturnType<typeof createLogger>; text: () => string } {
  return createCapturingLogger('debug');
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const database of storeTestDatabases) {
  describe(`stored config watcher on ${database.name}`, () => {
    test('without LISTEN the version poll applies a change; the YAML side is kept; a refused config keeps the old one', async (t) => {
      const connection = await openTestStore(t, database);
      await runMigrations(connection.db);
      const store = new ConfigStore(connection);
      const applied: GatewayConfig[] = [];
      const { logger, text } = silentLogger();
      const watcher = new StoredConfigWatcher({
        store,
        // A listener that never hears anything: only the poll can notice the change.
        connection: { ...connection, listen: () => Promise.reject(new Error('no LISTEN here')) },
        yamlConfig,
        initial: await store.readStoredConfig(),
        apply: async (config) => {
          applied.push(config);
        },
        logger,
        pollIntervalMs: 100,
      });
      await watcher.start();
      t.after(() => watcher.stop());
      await store.change(
        'test',
        () => [{ entity: 'provider', action: 'create', row: mock('a'), summary: {} }],
        () => {},
      );
      await waitFor(() => applied.length === 1, 2000, 'the poll applies the change');
      assert.deepEqual(
        applied[0]?.providers.map((provider) => provider.name),
        ['a'],
      );
      assert.equal(applied[0]?.fallback.max_retries, 1, 'the YAML side stays');
      assert.ok(Object.isFrozen(applied[0]?.providers));
      assert.equal(watcher.appliedVersion, 1);
      assert.match(text(), /LISTEN failed/);

      // A stored config that does not validate (written past the checks) is refused, the old one kept.
      await store.change(
        'test',
        () => [{ entity: 'model_alias', action: 'create', row: { name: 'x', routes: [{ provider: 'missing', model: 'm' }] }, summary: {} }],
        () => {},
      );
      const refused = await watcher.reloadNow();
      assert.equal(refused.applied, false);
      assert.match(refused.problems.join('\n'), /no provider named "missing"/);
      assert.equal(watcher.appliedVersion, 1);
      assert.equal(applied.length, 1);
    });

    test('a NOTIFY reloads within a second even when the poll is far away', async (t) => {
      const connection = await openTestStore(t, database);
      await runMigrations(connection.db);
      const store = new ConfigStore(connection);
      const applied: GatewayConfig[] = [];
      const watcher = new StoredConfigWatcher({
        store,
        connection,
        yamlConfig,
        initial: await store.readStoredConfig(),
        apply: async (config) => {
          applied.push(config);
        },
        logger: silentLogger().logger,
        pollIntervalMs: 600_000,
      });
      await watcher.start();
      t.after(() => watcher.stop());
      const started = Date.now();
      await store.change(
        'test',
        () => [{ entity: 'provider', action: 'create', row: mock('b'), summary: {} }],
        () => {},
      );
      await waitFor(() => applied.length === 1, 1000, 'the NOTIFY applies the change');
      assert.ok(Date.now() - started < 1000);
      assert.equal(watcher.appliedVersion, 1);
      // The store at the version running is not applied twice (this instance's own NOTIFY), unless forced.
      await watcher.reloadNow();
      assert.equal(applied.length, 1);
      await watcher.reloadNow(true);
      assert.equal(applied.length, 2);
    });
  });
}
