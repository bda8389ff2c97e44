import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { ConfigStore } from '../../src/store/config-store.ts';
import { knownMigrationNames, runMigrations } from '../../src/store/run-migrations.ts';
import type { StoredProvider } from '../../src/store/stored-config.ts';
import { closeSharedPGlite, openTestStore, storeTestDatabases } from './store-test-databases.ts';

after(closeSharedPGlite);

const provider: StoredProvider = {
  id: 'one',
  provider_type: 'openai',
  api_base: 'http://127.0.0.1:1/v1',
  api_key: 'sk-secret-provider-key',
  model_mapping: { 'gpt-*': 'gpt-4o' },
  weight: 2,
  priority: 1,
  is_enabled: true,
  settings: { timeouts: { connect: '5000ms' } },
};

for (const database of storeTestDatabases) {
  describe(`store on ${database.name}`, () => {
    test('migrations create the tables once; a second run applies nothing', async (t) => {
      const connection = await openTestStore(t, database);
      assert.deepEqual((await runMigrations(connection.db)).applied, [...knownMigrationNames]);
      assert.deepEqual((await runMigrations(connection.db)).applied, []);
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(connection.db);
      const names = tables.rows.map((row) => row.table_name);
      for (const table of ['audit_log', 'config_version', 'credentials', 'model_aliases', 'providers']) assert.ok(names.includes(table), table);
      assert.equal(await new ConfigStore(connection).readVersion(), 0);
    });

    test("two schemas of one database each get their own migrations (another schema's migration table is not ours)", async (t) => {
      const first = await openTestStore(t, database);
      assert.deepEqual((await runMigrations(first.db)).applied, [...knownMigrationNames]);
      if (database.name === 'pglite') await first.close(); // one PGlite connection: its search_path moves to the next schema
      const second = await openTestStore(t, database);
      assert.deepEqual((await runMigrations(second.db)).applied, [...knownMigrationNames]);
      assert.equal(await new ConfigStore(second).readVersion(), 0);
    });

    test('a change writes the rows, bumps the version by one and writes an audit row, in one transaction', async (t) => {
      const connection = await openTestStore(t, database);
      await runMigrations(connection.db);
      const store = new ConfigStore(connection);
      const outcome = await store.change(
        'admin',
        () => [{ entity: 'provider', action: 'create', row: provider, summary: { id: 'one' } }],
        () => {},
      );
      assert.equal(outcome.version, 1);
      const stored = await store.readStoredConfig();
      assert.equal(stored.version, 1);
      assert.deepEqual(stored.providers, [provider]);
      const audit = await store.readAudit();
      assert.equal(audit.length, 1);
      assert.deepEqual(
        {
          actor: audit[0]?.actor,
          action: audit[0]?.action,
          entity: audit[0]?.entity,
          entityId: audit[0]?.entityId,
          summary: audit[0]?.summary,
          version: audit[0]?.version,
        },
        { actor: 'admin', action: 'create', entity: 'provider', entityId: 'one', summary: { id: 'one' }, version: 1 },
      );

      // A refused change leaves nothing behind: no row, no version bump, no audit row.
      await assert.rejects(
        store.change(
          'admin',
          () => [{ entity: 'provider', action: 'create', row: { ...provider, id: 'two' }, summary: {} }],
          () => {
            throw new Error('refused');
          },
        ),
        /refused/,
      );
      // A failure while writing (duplicate primary key) rolls the whole change back.
      await assert.rejects(
        store.change(
          'admin',
          () => [{ entity: 'provider', action: 'create', row: provider, summary: {} }],
          () => {},
        ),
      );
      assert.equal(await store.readVersion(), 1);
      assert.equal((await store.readAudit()).length, 1);
      assert.deepEqual(
        (await store.readStoredConfig()).providers.map((row) => row.id),
        ['one'],
      );

      // An empty plan writes nothing and keeps the version.
      assert.equal(
        (
          await store.change(
            'admin',
            () => [],
            () => {},
          )
        ).version,
        1,
      );
      assert.equal((await store.readAudit()).length, 1);

      await store.change(
        'admin',
        () => [{ entity: 'provider', action: 'update', row: { ...provider, weight: 5, api_key: null }, summary: {} }],
        () => {},
      );
      await store.change(
        'admin',
        () => [{ entity: 'provider', action: 'delete', id: 'one', summary: {} }],
        () => {},
      );
      assert.equal(await store.readVersion(), 3);
      assert.deepEqual(
        (await store.readAudit()).map((entry) => entry.action),
        ['delete', 'update', 'create'],
      );
      assert.deepEqual((await store.readStoredConfig()).providers, []);
    });

    test('rows are listed in the order they were added, even when they share a timestamp', async (t) => {
      const connection = await openTestStore(t, database);
      await runMigrations(connection.db);
      const store = new ConfigStore(connection);
      const ids = ['zeta', 'alpha', 'mid'];
      await store.change(
        'admin',
        () => ids.map((id) => ({ entity: 'provider' as const, action: 'create' as const, row: { ...provider, id }, summary: { id } })),
        () => {},
      );
      await sql`update providers set created_at = '2026-01-01T00:00:00Z'`.execute(connection.db);
      assert.deepEqual(
        (await store.readStoredConfig()).providers.map((row) => row.id),
        ids,
      );
    });

    test('migration 0003 numbers the rows already stored in the order they were created; new rows come after them', async (t) => {
      const connection = await openTestStore(t, database);
      await runMigrations(connection.db, '0002-credential-tokens-per-minute');
      for (const [id, createdAt] of [
        ['second', '2026-01-02T00:00:00Z'],
        ['first', '2026-01-01T00:00:00Z'],
      ] as const) {
        await sql`insert into providers (id, provider_type, created_at) values (${id}, 'openai', ${createdAt})`.execute(connection.db);
      }
      assert.deepEqual((await runMigrations(connection.db)).applied, ['0003-insertion-order']);
      const store = new ConfigStore(connection);
      await store.change(
        'admin',
        () => [{ entity: 'provider', action: 'create', row: { ...provider, id: 'added' }, summary: { id: 'added' } }],
        () => {},
      );
      assert.deepEqual(
        (await store.readStoredConfig()).providers.map((row) => row.id),
        ['first', 'second', 'added'],
      );
    });

    test('a change is announced on the channel with the new version', async (t) => {
      const connection = await openTestStore(t, database);
      await runMigrations(connection.db);
      const store = new ConfigStore(connection);
      const payloads: string[] = [];
      const heard = new Promise<void>((resolve) => {
        void connection
          .listen(
            (payload) => {
              payloads.push(payload);
              resolve();
            },
            () => {},
          )
          .then((listener) => t.after(() => listener.close()));
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await store.change(
        'admin',
        () => [{ entity: 'provider', action: 'create', row: provider, summary: {} }],
        () => {},
      );
      await Promise.race([heard, new Promise((_resolve, reject) => setTimeout(() => reject(new Error('no NOTIFY within 2 s')), 2000))]);
      assert.deepEqual(payloads, ['1']);
    });
  });
}
