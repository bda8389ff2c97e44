import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { StoreConnection } from './open-store-database.ts';
import type { StoreDatabase } from './store-database.ts';
import {
  applyConfigChanges,
  type ConfigChange,
  changeEntityId,
  type StoredConfig,
  type StoredCredential,
  type StoredModelAlias,
  type StoredProvider,
} from './stored-config.ts';

export interface AuditEntry {
  readonly at: Date;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly summary: unknown;
  readonly version: number;
}

export interface ChangeOutcome {
  /** The config version after the change; unchanged when there was nothing to change. */
  readonly version: number;
  readonly changes: readonly ConfigChange[];
}

/**
 * Reads and changes providers, credentials and aliases. Every change runs in one transaction that locks
 * the config_version row (so changes from all instances are serialised and each sees the one before),
 * checks the resulting config, writes the rows, bumps the version, writes the audit rows and NOTIFYs
 * (delivered at commit, so listeners never read a half-written change).
 */
export class ConfigStore {
  readonly #connection: StoreConnection;

  constructor(connection: StoreConnection) {
    this.#connection = connection;
  }

  get channel(): string {
    return this.#connection.channel;
  }

  async readVersion(): Promise<number> {
    const row = await this.#connection.db.selectFrom('config_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
    return Number(row.version);
  }

  async readStoredConfig(): Promise<StoredConfig> {
    return this.#connection.db.transaction().execute((transaction) => readStoredConfig(transaction));
  }

  /**
   * `plan` sees the config as it is (under the lock) and returns the changes; `check` sees the config as
   * it would be and throws to refuse it. Nothing is written, and the version is not bumped, when the plan
   * is empty.
   */
  async change(actor: string, plan: (current: StoredConfig) => readonly ConfigChange[], check: (next: StoredConfig) => void): Promise<ChangeOutcome> {
    return this.#connection.db.transaction().execute(async (transaction) => {
      await transaction.selectFrom('config_version').select('version').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
      const current = await readStoredConfig(transaction);
      const changes = plan(current);
      if (changes.length === 0) return { version: current.version, changes };
      check(applyConfigChanges(current, changes));
      for (const change of changes) await writeChange(transaction, change);
      const version = current.version + 1;
      await transaction.updateTable('config_version').set({ version, updated_at: sql<Date>`now()` }).where('id', '=', 1).execute();
      await transaction
        .insertInto('audit_log')
        .values(
          changes.map((change) => ({
            actor,
            action: change.action,
            entity: change.entity,
            entity_id: changeEntityId(change),
            summary: JSON.stringify(change.summary),
            version,
          })),
        )
        .execute();
      await sql`select pg_notify(${this.#connection.channel}, ${String(version)})`.execute(transaction);
      return { version, changes };
    });
  }

  /** The newest audit rows first. */
  async readAudit(limit = 100): Promise<AuditEntry[]> {
    const rows = await this.#connection.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map((row) => ({
      at: new Date(row.at),
      actor: row.actor,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      summary: readJson(row.summary),
      version: Number(row.version),
    }));
  }
}

async function readStoredConfig(transaction: Transaction<StoreDatabase>): Promise<StoredConfig> {
  const versionRow = await transaction.selectFrom('config_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
  const providerRows = await transaction.selectFrom('providers').selectAll().orderBy('position').execute();
  const credentialRows = await transaction.selectFrom('credentials').selectAll().orderBy('position').execute();
  const aliasRows = await transaction.selectFrom('model_aliases').selectAll().orderBy('position').execute();
  return {
    version: Number(versionRow.version),
    providers: providerRows.map(
      (row): StoredProvider => ({
        id: row.id,
        provider_type: row.provider_type,
        api_base: row.api_base,
        api_key: row.api_key,
        model_mapping: row.model_mapping === null ? null : stringRecordSchema.parse(readJson(row.model_mapping)),
        weight: Number(row.weight),
        priority: Number(row.priority),
        is_enabled: row.is_enabled,
        settings: objectSchema.parse(readJson(row.settings)),
      }),
    ),
    credentials: credentialRows.map(
      (row): StoredCredential => ({
        id: row.id,
        name: row.name,
        key_hash: row.key_hash,
        key_prefix: row.key_prefix,
        allowed_models: z.array(z.string()).parse(readJson(row.allowed_models)),
        rate_limit: row.rate_limit === null ? null : rateLimitSchema.parse(readJson(row.rate_limit)),
        tokens_per_minute: row.tokens_per_minute === null ? null : Number(row.tokens_per_minute),
        is_enabled: row.is_enabled,
      }),
    ),
    aliases: aliasRows.map((row): StoredModelAlias => ({ name: row.name, routes: z.array(objectSchema).parse(readJson(row.routes)) })),
  };
}

const stringRecordSchema = z.record(z.string(), z.string());
const objectSchema = z.record(z.string(), z.unknown());
const rateLimitSchema = z.object({ requests_per_second: z.number(), burst_size: z.number() });

/** pg and PGlite both parse jsonb; a driver configured otherwise would hand over the text. */
function readJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

async function writeChange(transaction: Transaction<StoreDatabase>, change: ConfigChange): Promise<void> {
  const now = sql<Date>`now()`;
  if (change.action === 'delete') {
    if (change.entity === 'provider') await transaction.deleteFrom('providers').where('id', '=', change.id).execute();
    else if (change.entity === 'credential') await transaction.deleteFrom('credentials').where('id', '=', change.id).execute();
    else await transaction.deleteFrom('model_aliases').where('name', '=', change.id).execute();
    return;
  }
  if (change.entity === 'provider') {
    const { row } = change;
    const values = {
      provider_type: row.provider_type,
      api_base: row.api_base,
      api_key: row.api_key,
      model_mapping: row.model_mapping === null ? null : JSON.stringify(row.model_mapping),
      weight: row.weight,
      priority: row.priority,
      is_enabled: row.is_enabled,
      settings: JSON.stringify(row.settings),
    };
    if (change.action === 'create')
      await transaction
        .insertInto('providers')
        .values({ id: row.id, ...values })
        .execute();
    else
      await transaction
        .updateTable('providers')
        .set({ ...values, updated_at: now })
        .where('id', '=', row.id)
        .execute();
  } else if (change.entity === 'credential') {
    const { row } = change;
    const values = {
      name: row.name,
      key_hash: row.key_hash,
      key_prefix: row.key_prefix,
      allowed_models: JSON.stringify(row.allowed_models),
      rate_limit: row.rate_limit === null ? null : JSON.stringify(row.rate_limit),
      tokens_per_minute: row.tokens_per_minute,
      is_enabled: row.is_enabled,
    };
    if (change.action === 'create')
      await transaction
        .insertInto('credentials')
        .values({ id: row.id, ...values })
        .execute();
    else
      await transaction
        .updateTable('credentials')
        .set({ ...values, updated_at: now })
        .where('id', '=', row.id)
        .execute();
  } else {
    const { row } = change;
    if (change.action === 'create')
      await transaction
        .insertInto('model_aliases')
        .values({ name: row.name, routes: JSON.stringify(row.routes) })
        .execute();
    else
      await transaction
        .updateTable('model_aliases')
        .set({ routes: JSON.stringify(row.routes), updated_at: now })
        .where('name', '=', row.name)
        .execute();
  }
}
