import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import * as initialSchema from './migrations/0001-initial-schema.ts';
import * as credentialTokensPerMinute from './migrations/0002-credential-tokens-per-minute.ts';
import * as insertionOrder from './migrations/0003-insertion-order.ts';

/**
 * The migrations, in order, in code (no directory scan: works the same from src/ under tsx and from a
 * bundle). Names sort in the order they apply; a new one is appended, never edited once released.
 */
const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial-schema': initialSchema,
  '0002-credential-tokens-per-minute': credentialTokensPerMinute,
  '0003-insertion-order': insertionOrder,
};

export interface MigrationReport {
  /** Migrations applied by this run, in order; empty when the database was already current. */
  readonly applied: string[];
}

/**
 * Brings the schema to the latest version (or to `target`, a migration's name: tests of a migration).
 * Kysely's Migrator takes a lock (a PostgreSQL advisory lock), so instances starting together apply each
 * migration once; it runs them in one transaction.
 */
export async function runMigrations<Database>(db: Kysely<Database>, target?: string): Promise<MigrationReport> {
  // Kysely looks for its migration table in every schema unless told one: another schema's (a test run's,
  // another application's) would count as ours. The tables go where the search_path points.
  const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrationTableSchema = current.rows[0]?.schema;
  if (migrationTableSchema === undefined) throw new Error('the database has no current schema (search_path)');
  const migrator = new Migrator({ db, migrationTableSchema, provider: { getMigrations: () => Promise.resolve({ ...migrations }) } });
  const resultSet: MigrationResultSet = target === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  if (resultSet.error !== undefined) {
    const failed = resultSet.results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? ''} failed: ${resultSet.error instanceof Error ? resultSet.error.message : String(resultSet.error)}`, {
      cause: resultSet.error,
    });
  }
  return { applied: (resultSet.results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName) };
}

/** Names of all migrations this build knows, in order. */
export const knownMigrationNames: readonly string[] = Object.keys(migrations);
