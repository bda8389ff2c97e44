import type { Logger } from 'pino';
import { ConfigError } from '../config/config-error.ts';
import { formatConfigIssues } from '../config/format-config-issues.ts';
import { loadConfig } from '../config/load-config.ts';
import { ConfigStore } from '../store/config-store.ts';
import { mergeStoredConfig } from '../store/merge-stored-config.ts';
import { openStoreDatabase, type StoreConnection } from '../store/open-store-database.ts';
import { runMigrations } from '../store/run-migrations.ts';
import type { CliCommand } from './parse-cli-args.ts';
import { planConfigImport } from './plan-config-import.ts';

export interface StoreCommandOptions {
  readonly command: Exclude<CliCommand, { name: 'serve' }>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly logger: Logger;
  /** Tests: an open connection (a schema of their own) instead of opening DB_URL; left open. */
  readonly connection?: StoreConnection;
}

/**
 * `llm-proxy migrate` and `llm-proxy import-config FILE` on the database DB_URL names. Returns the exit code:
 * 0 done, 1 failed (the reason logged), 2 DB_URL missing. import-config runs the migrations first.
 */
export async function runStoreCommand(options: StoreCommandOptions): Promise<number> {
  const { logger, command } = options;
  const dbUrl = options.env['DB_URL'];
  if (options.connection === undefined && (dbUrl === undefined || dbUrl === '')) {
    logger.error(`${command.name} needs DB_URL (postgres://... or pglite:PATH)`);
    return 2;
  }
  let connection: StoreConnection | undefined;
  try {
    connection = options.connection ?? (await openStoreDatabase(dbUrl ?? ''));
    const migrated = await runMigrations(connection.db);
    if (command.name === 'migrate') {
      logger.info({ applied: migrated.applied }, migrated.applied.length === 0 ? 'database already up to date' : 'database migrated');
      return 0;
    }
    const config = loadConfig({ configPath: command.file, env: options.env, cwd: options.cwd }).config;
    const store = new ConfigStore(connection);
    const outcome = await store.change(
      'cli:import-config',
      (current) => planConfigImport(config, current),
      (next) => {
        const merged = mergeStoredConfig(config, next);
        if (merged.issues !== undefined) throw new ConfigError('database', formatConfigIssues(merged.issues));
      },
    );
    const counts = { providers: 0, credentials: 0, models: 0 };
    for (const change of outcome.changes) counts[change.entity === 'provider' ? 'providers' : change.entity === 'credential' ? 'credentials' : 'models'] += 1;
    logger.info(
      { file: command.file, changed: counts, version: outcome.version },
      outcome.changes.length === 0 ? 'config imported: nothing to change' : 'config imported',
    );
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) logger.error({ problems: error.problems }, `${command.name} refused`);
    else logger.error({ err: error }, `${command.name} failed`);
    return 1;
  } finally {
    if (options.connection === undefined) await connection?.close();
  }
}
