import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openStoreDatabase, type StoreConnection } from '../../src/store/open-store-database.ts';

/** A database the store tests run against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export interface StoreTestDatabase {
  readonly name: 'pglite' | 'postgres';
  readonly url: string;
}

const postgresUrl = process.env['TEST_DATABASE_URL'];

export const storeTestDatabases: readonly StoreTestDatabase[] = [
  { name: 'pglite', url: 'pglite:memory' },
  ...(postgresUrl === undefined || postgresUrl === '' ? [] : [{ name: 'postgres' as const, url: postgresUrl }]),
];

/** PGlite takes seconds to start: one engine per test file, a fresh schema per test. */
let sharedPGlite: PGlite | undefined;

export async function closeSharedPGlite(): Promise<void> {
  await sharedPGlite?.close();
  sharedPGlite = undefined;
}

/** A fresh schema name (`llmp_test_<hex>`). */
export function freshSchemaName(): string {
  return `llmp_test_${randomBytes(6).toString('hex')}`;
}

/** Opens the store in a fresh schema, dropped (with everything in it) after the test. */
export async function openTestStore(t: TestContext, database: StoreTestDatabase, schema = freshSchemaName()): Promise<StoreConnection> {
  const { connection, cleanup } = await openUnmanagedTestStore(database, schema);
  t.after(cleanup);
  return connection;
}

/** Like openTestStore, with the cleanup (close, drop the schema) left to the caller. */
export async function openUnmanagedTestStore(
  database: StoreTestDatabase,
  schema = freshSchemaName(),
): Promise<{ connection: StoreConnection; cleanup: () => Promise<void> }> {
  if (database.name === 'pglite') sharedPGlite ??= new PGlite();
  const connection = await openStoreDatabase(database.url, {
    schema,
    ...(database.name === 'pglite' && sharedPGlite !== undefined ? { pglite: sharedPGlite } : {}),
  });
  return {
    connection,
    async cleanup() {
      await connection.close();
      await dropSchema(database, schema);
    },
  };
}

export async function dropSchema(database: StoreTestDatabase, schema: string): Promise<void> {
  if (database.name === 'pglite') {
    await sharedPGlite?.exec(`drop schema if exists "${schema}" cascade; set search_path to public`);
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${pg.escapeIdentifier(schema)} cascade`);
  } finally {
    await client.end();
  }
}
