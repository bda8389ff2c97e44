import type { TestContext } from 'node:test';
import { type DbMode, openDbMode } from '../../src/admin/open-db-mode.ts';
import { gatewayConfigSchema } from '../../src/config/gateway-config-schema.ts';
import { type RunningGateway, startGateway } from '../../src/gateway/start-gateway.ts';
import type { StoreConnection } from '../../src/store/open-store-database.ts';
import { createCapturingLogger } from '../helpers/capture-logger.ts';
import { openUnmanagedTestStore, type StoreTestDatabase } from '../store/store-test-databases.ts';

export const testAdminKey = 'admin-test-key-0123456789abcdef';

export interface DbModeTestGateway {
  readonly gateway: RunningGateway;
  readonly dbMode: DbMode;
  readonly connection: StoreConnection;
  readonly url: string;
  /** Everything the gateway logged. */
  logText(): string;
  /** A JSON request to the Admin API with the admin key (or `key`; null: no Authorization header). */
  admin(method: string, path: string, body?: unknown, key?: string | null): Promise<{ status: number; json: Record<string, unknown>; text: string }>;
}

/**
 * The gateway in-process in DB mode on a fresh schema of `database` (PGlite or TEST_DATABASE_URL), with
 * the Admin API (ADMIN_KEY = testAdminKey unless `adminKey` is null). Everything is stopped and the schema
 * dropped after the test.
 */
export async function startDbModeTestGateway(
  t: TestContext,
  database: StoreTestDatabase,
  rawYaml: Record<string, unknown> = {},
  options: { adminKey?: string | null; pollIntervalMs?: number } = {},
): Promise<DbModeTestGateway> {
  const yamlConfig = gatewayConfigSchema.parse({ ...rawYaml, server: { host: '127.0.0.1', port: 0 }, logging: { level: 'debug' } });
  const { logger, text } = createCapturingLogger('debug');
  const { connection, cleanup } = await openUnmanagedTestStore(database);
  const dbMode = await openDbMode({
    dbUrl: database.url,
    adminKey: options.adminKey === null ? undefined : (options.adminKey ?? testAdminKey),
    yamlConfig,
    logger,
    connection,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
  });
  const gateway = await startGateway({ config: dbMode.config, logger, version: 'test', collectProcessMetrics: false, adminApi: dbMode.adminApi });
  await dbMode.attach(gateway);
  t.after(async () => {
    await gateway.shutdown(1000);
    await dbMode.close();
    await cleanup();
  });
  return {
    gateway,
    dbMode,
    connection,
    url: gateway.url,
    logText: text,
    async admin(method, path, body, key = testAdminKey) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (key !== null) headers['authorization'] = `Bearer ${key}`;
      const response = await fetch(`${gateway.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const responseText = await response.text();
      return { status: response.status, json: JSON.parse(responseText) as Record<string, unknown>, text: responseText };
    },
  };
}
