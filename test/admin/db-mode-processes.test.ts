import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { answerJson, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { makeTempDir, startGatewayProcess } from '../helpers/start-gateway-process.ts';
import { dropSchema, freshSchemaName } from '../store/store-test-databases.ts';

const postgresUrl = process.env['TEST_DATABASE_URL'];
const adminKey = 'admin-process-key-0123456789';

// Two processes need one database both can reach: PGlite is embedded in one process, so this runs on a
// PostgreSQL server only.
test('two gateway processes on one PostgreSQL database: a provider added through one is used by the other within a second', {
  skip: postgresUrl === undefined || postgresUrl === '' ? 'TEST_DATABASE_URL is not set (PGlite cannot be shared by two processes)' : false,
}, async (t) => {
  const schema = freshSchemaName();
  const setup = new pg.Client({ connectionString: postgresUrl });
  await setup.connect();
  await setup.query(`create schema ${schema}`);
  await setup.end();
  t.after(() => dropSchema({ name: 'postgres', url: postgresUrl ?? '' }, schema));
  const url = new URL(postgresUrl ?? '');
  url.searchParams.set('options', `-c search_path=${schema}`);

  const upstream = await startFakeUpstream(
    answerJson(200, {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'from upstream' }, finish_reason: 'stop' }],
    }),
  );
  t.after(() => upstream.close());
  const dir = makeTempDir(t);
  writeFileSync(join(dir, 'config.yaml'), 'logging: { level: info }\n');
  // A poll far away: what arrives within a second came by NOTIFY.
  const env = { DB_URL: url.toString(), ADMIN_KEY: adminKey, DB_POLL_INTERVAL_MS: '600000' };
  // One after the other: two starting together on a loaded machine can miss the helper's 15 s start limit.
  const first = await startGatewayProcess(t, { cwd: dir, env });
  const second = await startGatewayProcess(t, { cwd: dir, env });

  const chat = async (base: string): Promise<number> => {
    const response = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'shared-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    await response.arrayBuffer();
    return response.status;
  };
  assert.equal(await chat(second.url), 404, 'no provider yet');

  const created = await fetch(`${first.url}/admin/v1/providers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({ id: 'shared', provider_type: 'openai', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream-key-for-two-processes' }),
  });
  const createdAt = Date.now();
  assert.equal(created.status, 201, await created.text());
  assert.equal(await chat(first.url), 200, 'the instance that made the change uses it at once');

  for (let status = await chat(second.url); status !== 200; status = await chat(second.url)) {
    assert.ok(Date.now() - createdAt < 1000, `the other instance still answers ${status} after a second`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.ok(Date.now() - createdAt < 1000);
  assert.equal(upstream.requests.length, 2);
  const version = await fetch(`${second.url}/admin/v1/config/version`, { headers: { authorization: `Bearer ${adminKey}` } });
  assert.deepEqual(((await version.json()) as { applied_version: number }).applied_version, 1);
  assert.ok(second.logLines().some((line) => line['msg'] === 'config reloaded from the store'));
  await Promise.all([first.stop(), second.stop()]);
});
