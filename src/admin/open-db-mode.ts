import type { Logger } from 'pino';
import { ConfigError } from '../config/config-error.ts';
import { formatConfigIssues } from '../config/format-config-issues.ts';
import type { GatewayConfig } from '../config/gateway-config-schema.ts';
import { ConfigStore } from '../store/config-store.ts';
import { mergeStoredConfig } from '../store/merge-stored-config.ts';
import { openStoreDatabase, type StoreConnection } from '../store/open-store-database.ts';
import { runMigrations } from '../store/run-migrations.ts';
import { StoredConfigWatcher } from '../store/stored-config-watcher.ts';
import { type AdminApi, createAdminApi } from './create-admin-api.ts';

export interface OpenDbModeOptions {
  /** DB_URL. */
  readonly dbUrl: string;
  /** ADMIN_KEY; without it the Admin API is off (its paths answer 404). */
  readonly adminKey: string | undefined;
  /** The validated YAML config: everything but providers, credentials and aliases. */
  readonly yamlConfig: GatewayConfig;
  readonly logger: Logger;
  readonly now?: () => number;
  /** Tests: an open connection (a shared PGlite, a schema of their own) instead of opening `dbUrl`. */
  readonly connection?: StoreConnection;
  readonly pollIntervalMs?: number;
}

/** The part of RunningGateway DB mode drives. */
export interface ReloadableGateway {
  reload(config: GatewayConfig): Promise<void>;
  configVersion(): string;
}

export interface DbMode {
  /** The config to start the gateway with: the YAML's, with the store's providers, credentials, aliases. */
  readonly config: GatewayConfig;
  readonly adminApi: AdminApi | undefined;
  readonly store: ConfigStore;
  /** Starts following the store (LISTEN + version poll) and lets the Admin API reload `gateway`. */
  attach(gateway: ReloadableGateway): Promise<void>;
  /** A YAML reload in DB mode: the new YAML merged with the stored sections. */
  mergeWithYaml(yamlConfig: GatewayConfig): GatewayConfig;
  close(): Promise<void>;
}

/**
 * DB mode (docs/storage.md): open the store, run the migrations, read and merge the stored config
 * (refused with every problem, like a bad file, when it does not validate), and build the Admin API.
 */
export async function openDbMode(options: OpenDbModeOptions): Promise<DbMode> {
  let connection: StoreConnection;
  try {
    connection = options.connection ?? (await openStoreDatabase(options.dbUrl));
  } catch (error) {
    throw new ConfigError('DB_URL', [`DB_URL: ${(error as Error).message}`], { cause: error });
  }
  try {
    const migrated = await runMigrations(connection.db);
    if (migrated.applied.length > 0) options.logger.info({ migrations: migrated.applied }, 'database migrated');
    const store = new ConfigStore(connection);
    const initial = await store.readStoredConfig();
    const merged = mergeStoredConfig(options.yamlConfig, initial);
    if (merged.config === undefined)
      throw new ConfigError(
        'database',
        formatConfigIssues(merged.issues).map((line) => `database: ${line}`),
      );
    const yamlSections = ['providers', 'master_keys', 'models'].filter((section) => {
      const value = options.yamlConfig[section as 'providers' | 'master_keys' | 'models'];
      return Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0;
    });
    if (yamlSections.length > 0) {
      options.logger.warn(
        { sections: yamlSections },
        'DB mode: these YAML sections are ignored (the database has them); copy them with llm-proxy import-config',
      );
    }
    let gateway: ReloadableGateway | undefined;
    const watcher = new StoredConfigWatcher({
      store,
      connection,
      yamlConfig: options.yamlConfig,
      initial,
      logger: options.logger,
      apply: async (config) => {
        if (gateway === undefined) throw new Error('the gateway is not started yet');
        await gateway.reload(config);
      },
      ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    });
    const adminKey = options.adminKey === undefined || options.adminKey === '' ? undefined : options.adminKey;
    if (adminKey === undefined) options.logger.warn('DB mode without ADMIN_KEY: the Admin API is off');
    const adminApi =
      adminKey === undefined
        ? undefined
        : createAdminApi(adminKey, {
            store,
            yamlConfig: () => watcher.yamlConfig,
            reloadNow: (force) => watcher.reloadNow(force),
            appliedVersion: () => watcher.appliedVersion,
            configHash: () => gateway?.configVersion() ?? '',
            logger: options.logger,
            now: options.now ?? Date.now,
          });
    return {
      config: merged.config,
      adminApi,
      store,
      async attach(running) {
        gateway = running;
        await watcher.start();
      },
      mergeWithYaml: (yamlConfig) => watcher.mergeWithYaml(yamlConfig),
      async close() {
        await watcher.stop();
        await connection.close();
      },
    };
  } catch (error) {
    if (options.connection === undefined) await connection.close().catch(() => undefined);
    throw error;
  }
}
