import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { hashApiKey } from '../../src/auth/hash-api-key.ts';
import { runStoreCommand } from '../../src/cli/run-store-command.ts';
import { ConfigStore } from '../../src/store/config-store.ts';
import type { StoreConnection } from '../../src/store/open-store-database.ts';
import { createCapturingLogger } from '../helpers/capture-logger.ts';
import { makeTempDir } from '../helpers/start-gateway-process.ts';
import { closeSharedPGlite, openTestStore, storeTestDatabases } from '../store/store-test-databases.ts';
import { configYaml } from './store-command-targets.ts';

after(closeSharedPGlite);

/** runStoreCommand in-process (a child per run costs seconds of PGlite start-up each); its log lines parsed. */
async function importInProcess(connection: StoreConnection, dir: string): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  const { logger, text } = createCapturingLogger('info');
  const code = await runStoreCommand({ command: { name: 'import-config', file: 'config.yaml' }, env: {}, cwd: dir, logger, connection });
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    code,
    lines: text()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

for (const database of storeTestDatabases) {
  describe(`import-config on ${database.name}`, () => {
    test('copies providers, keys (hashed) and aliases; the second run changes nothing; a changed file updates what differs', async (t) => {
      const dir = makeTempDir(t);
      writeFileSync(join(dir, 'config.yaml'), configYaml);
      const connection = await openTestStore(t, database);
      const first = await importInProcess(connection, dir);
      assert.equal(first.code, 0, JSON.stringify(first.lines));
      const imported = first.lines.find((line) => line['msg'] === 'config imported');
      assert.deepEqual(imported?.['changed'], { providers: 2, credentials: 1, models: 1 });
      assert.equal(imported?.['version'], 1);
      assert.ok(!JSON.stringify(first.lines).includes('sk-imported-provider-key') && !JSON.stringify(first.lines).includes('sk-prod-key-0123456789'));

      const second = await importInProcess(connection, dir);
      assert.equal(second.code, 0);
      const again = second.lines.find((line) => line['msg'] === 'config imported: nothing to change');
      assert.deepEqual(again?.['changed'], { providers: 0, credentials: 0, models: 0 });
      assert.equal(again?.['version'], 1);

      const store = new ConfigStore(connection);
      assert.equal(await store.readVersion(), 1);
      assert.equal((await store.readAudit()).length, 4);
      const stored = await store.readStoredConfig();
      assert.deepEqual(
        stored.credentials.map((credential) => [credential.name, credential.key_hash, credential.key_prefix, credential.allowed_models, credential.rate_limit]),
        [['Production Key', hashApiKey('sk-prod-key-0123456789'), 'sk-pr', ['gpt-*'], { requests_per_second: 5, burst_size: 5 }]],
      );
      assert.deepEqual(
        stored.providers.map((provider) => [provider.id, provider.weight, provider.settings]),
        [
          ['openai-main', 2, { timeouts: { connect: '3000ms' } }],
          ['local', 1, {}],
        ],
      );
      assert.deepEqual(
        stored.aliases.map((alias) => alias.name),
        ['smart'],
      );

      writeFileSync(join(dir, 'config.yaml'), configYaml.replace('weight: 2', 'weight: 7'));
      const third = await importInProcess(connection, dir);
      assert.deepEqual(third.lines.find((line) => line['msg'] === 'config imported')?.['changed'], { providers: 1, credentials: 0, models: 0 });
      assert.equal(await store.readVersion(), 2);
    });

    test('a file whose keys clash with stored ones is refused whole', async (t) => {
      const dir = makeTempDir(t);
      const connection = await openTestStore(t, database);
      writeFileSync(join(dir, 'config.yaml'), configYaml);
      assert.equal((await importInProcess(connection, dir)).code, 0);
      // The same key under another name: two credentials with one key would be ambiguous.
      writeFileSync(join(dir, 'config.yaml'), configYaml.replace('name: Production Key', 'name: Other Key'));
      const refused = await importInProcess(connection, dir);
      assert.equal(refused.code, 1);
      assert.match(JSON.stringify(refused.lines), /the same key is configured twice/);
      assert.equal(await new ConfigStore(connection).readVersion(), 1);
    });
  });
}
