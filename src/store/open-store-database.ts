import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { StoreDatabase } from './store-database.ts';

/** Where the store lives: `postgres://…` (a server) or `pglite:PATH` / `pglite:memory` (embedded). */
export type StoreLocation = { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dataDir: string | undefined };

export interface OpenStoreOptions {
  /**
   * A schema to work in (created if missing) instead of `public`: tests get a fresh one per run. Every
   * connection's search_path is set to it.
   */
  readonly schema?: string;
  /** Reuse this PGlite instance (tests: one engine start per file); it is not closed by `close()`. */
  readonly pglite?: PGlite;
}

export interface StoreListener {
  close(): Promise<void>;
}

/** The database handle and the two things Kysely has no words for: LISTEN and closing the engine. */
export interface StoreConnection {
  readonly db: Kysely<StoreDatabase>;
  readonly location: StoreLocation;
  /** The NOTIFY channel config changes are announced on (per schema, so test runs do not hear each other). */
  readonly channel: string;
  /**
   * Calls `onNotify` for each NOTIFY on `channel`. PostgreSQL: a dedicated connection outside the pool,
   * reconnected after a second when it drops (the version poll covers the gap).
   */
  listen(onNotify: (payload: string) => void, onError: (error: Error) => void): Promise<StoreListener>;
  close(): Promise<void>;
}

const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** `DB_URL` -> where; throws an Error with a one-line message for anything else. */
export function parseStoreLocation(url: string): StoreLocation {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('pglite:')) {
    const path = url.slice('pglite:'.length);
    return { kind: 'pglite', dataDir: path === '' || path === 'memory' || path === 'memory://' ? undefined : path };
  }
  throw new Error('DB_URL must start with postgres://, postgresql:// or pglite: (pglite:./data, pglite:memory)');
}

export async function openStoreDatabase(url: string, options: OpenStoreOptions = {}): Promise<StoreConnection> {
  const location = parseStoreLocation(url);
  const schema = options.schema;
  if (schema !== undefined && !schemaNamePattern.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const channel = schema === undefined ? 'llm_proxy_config' : `llm_proxy_config_${schema}`;
  return location.kind === 'postgres' ? openPostgres(location, channel, schema) : openPGlite(location, channel, schema, options.pglite);
}

async function openPostgres(location: StoreLocation & { kind: 'postgres' }, channel: string, schema: string | undefined): Promise<StoreConnection> {
  const connectionOptions: pg.ClientConfig = { connectionString: location.url };
  if (schema !== undefined) {
    const setup = new pg.Client(connectionOptions);
    await setup.connect();
    try {
      await setup.query(`create schema if not exists ${pg.escapeIdentifier(schema)}`);
    } finally {
      await setup.end();
    }
    connectionOptions.options = `-c search_path=${schema}`;
  }
  const pool = new pg.Pool({ ...connectionOptions, max: 5, idleTimeoutMillis: 30_000 });
  // An idle client that loses its server would otherwise be an unhandled 'error' event (process exit).
  pool.on('error', () => {});
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    location,
    channel,
    listen: (onNotify, onError) => listenPostgres(connectionOptions, channel, onNotify, onError),
    close: () => db.destroy(),
  };
}

async function listenPostgres(
  connectionOptions: pg.ClientConfig,
  channel: string,
  onNotify: (payload: string) => void,
  onError: (error: Error) => void,
): Promise<StoreListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client(connectionOptions);
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    next.on('error', (error) => {
      onError(error);
      void next.end().catch(() => {});
      if (client === next) client = undefined;
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  };
  const scheduleReconnect = (): void => {
    if (closed || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().catch((error: unknown) => {
        onError(error as Error);
        scheduleReconnect();
      });
    }, 1000);
    retryTimer.unref();
  };
  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => {});
    },
  };
}

async function openPGlite(
  location: StoreLocation & { kind: 'pglite' },
  channel: string,
  schema: string | undefined,
  shared: PGlite | undefined,
): Promise<StoreConnection> {
  // Imported when used: the engine's module is large and a PostgreSQL deployment never needs it.
  const [{ PGlite: PGliteEngine }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')]);
  const pglite = shared ?? (location.dataDir === undefined ? new PGliteEngine() : new PGliteEngine(location.dataDir));
  await pglite.waitReady;
  // One connection: a session-level search_path holds for every query through it.
  if (schema !== undefined) await pglite.exec(`create schema if not exists "${schema}"; set search_path to "${schema}"`);
  const db = new Kysely<StoreDatabase>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    location,
    channel,
    async listen(onNotify) {
      const unsubscribe = await pglite.listen(channel, onNotify);
      return { close: () => unsubscribe() };
    },
    async close() {
      // Kysely's destroy would close the engine; a shared one belongs to whoever made it.
      if (shared === undefined) await db.destroy();
    },
  };
}
