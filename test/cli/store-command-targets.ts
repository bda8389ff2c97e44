/** What the migrate and import-config command tests share: the databases (PGlite, PostgreSQL when TEST_DATABASE_URL is set) and a runner. */
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { runGatewayProcess } from '../helpers/start-gateway-process.ts';
import { dropSchema, freshSchemaName } from '../store/store-test-databases.ts';

export const configYaml = `
providers:
  - name: openai-main
    type: openai
    api_base: https://api.openai.com/v1
    api_key: sk-imported-provider-key-abcdefghijkl
    weight: 2
    timeouts: { connect: 3s }
    model_mapping: { "gpt-4": "gpt-4-turbo" }
  - name: local
    type: mock
credentials:
  - name: Production Key
    key: sk-prod-key-0123456789
    allowed_models: ["gpt-*"]
    rate_limit: { requests_per_second: 5 }
models:
  smart:
    routes:
      - { provider: openai-main, model: gpt-4-turbo }
      - { provider: local, model: mock-model, priority: 2 }
`;

export interface Target {
  readonly name: string;
  /** DB_URL for the child, and a way to run SQL against the same database afterwards. */
  prepare(t: TestContext, dir: string): Promise<{ dbUrl: string; query: (texts: readonly string[]) => Promise<Record<string, unknown>[][]> }>;
}

export const targets: Target[] = [
  {
    name: 'pglite',
    async prepare(_t, dir) {
      const dataDir = join(dir, 'data');
      return {
        dbUrl: `pglite:${dataDir}`,
        // One engine start (seconds) for all the queries.
        async query(texts) {
          const engine = new PGlite(dataDir);
          try {
            const results: Record<string, unknown>[][] = [];
            for (const text of texts) results.push((await engine.query<Record<string, unknown>>(text)).rows);
            return results;
          } finally {
            await engine.close();
          }
        },
      };
    },
  },
];
const postgresUrl = process.env['TEST_DATABASE_URL'];
if (postgresUrl !== undefined && postgresUrl !== '') {
  targets.push({
    name: 'postgres',
    async prepare(t) {
      const schema = freshSchemaName();
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`create schema ${schema}`);
      await client.end();
      t.after(() => dropSchema({ name: 'postgres', url: postgresUrl }, schema));
      const url = new URL(postgresUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        dbUrl: url.toString(),
        async query(texts) {
          const reader = new pg.Client({ connectionString: url.toString() });
          await reader.connect();
          try {
            const results: Record<string, unknown>[][] = [];
            for (const text of texts) results.push((await reader.query<Record<string, unknown>>(text)).rows);
            return results;
          } finally {
            await reader.end();
          }
        },
      };
    },
  });
}

export async function runCommand(
  t: TestContext,
  dir: string,
  dbUrl: string,
  args: string[],
): Promise<{ code: number | null; lines: Record<string, unknown>[]; output: string }> {
  const run = runGatewayProcess(t, { args, cwd: dir, env: { DB_URL: dbUrl } });
  const exit = await run.exited;
  return { code: exit.code, lines: run.logLines(), output: run.stdout() + run.stderr() };
}
