import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { answerJson, answerSse, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { makeTempDir, startGatewayProcess } from '../helpers/start-gateway-process.ts';
import { startOtlpReceiver } from './tracing-receiver.ts';

/**
 * No secret in any output: the real process at debug level with logging.dir, the journal and Langfuse on,
 * through requests that succeed, stream, fail upstream with a 401 echoing the key, send bad JSON or a wrong
 * key; then stdout, stderr, every log file and the journal are searched for the test keys.
 */

const clientKey = 'llmproxy-client-key-5f2d9c1e7a3b';
const providerKey = 'sk-provider-test-9b8c7d6e5f4a3b2c';
const wrongKey = 'sk-ant-wrong-key-1a2b3c4d5e6f';
const langfuseSecret = 'lf-secret-key-0f1e2d3c4b5a';
const secrets = { clientKey, providerKey, wrongKey, langfuseSecret };

function readAll(dir: string): { name: string; text: string }[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .flatMap((name) => {
      try {
        return [{ name, text: readFileSync(join(dir, name), 'utf8') }];
      } catch {
        return []; // a directory
      }
    });
}

test('test keys appear in no log line, log file or journal record', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, readFixture('openai-chat/nonstream-text.json')));
  t.after(() => upstream.close());
  const langfuse = await startOtlpReceiver('/api/public/otel/v1/traces');
  t.after(() => langfuse.close());
  const dir = makeTempDir(t);
  const config = {
    master_keys: [{ name: 'team', key: clientKey }],
    providers: [{ name: 'up', type: 'openai', api_base: `${upstream.url}/v1`, api_key: providerKey }],
    logging: { level: 'debug', dir: './logs', jsonl: { enabled: true, path: './logs/requests.jsonl' } },
  };
  writeFileSync(join(dir, 'gateway.yaml'), JSON.stringify(config));
  const gateway = await startGatewayProcess(t, {
    cwd: dir,
    args: ['--config', 'gateway.yaml'],
    env: { LANGFUSE_ENABLED: 'true', LANGFUSE_PUBLIC_KEY: 'pk-lf-public', LANGFUSE_SECRET_KEY: langfuseSecret, LANGFUSE_HOST: langfuse.url },
  });
  const send = async (body: string, headers: Record<string, string>): Promise<number> => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    await response.arrayBuffer();
    return response.status;
  };
  const chat = (extra: Record<string, unknown> = {}): string =>
    JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `my key is ${clientKey}` }], user: clientKey, ...extra });

  assert.equal(await send(chat(), { authorization: `Bearer ${clientKey}` }), 200);
  upstream.setBehaviour(answerSse(readFixture('openai-chat/stream-usage.sse')));
  assert.equal(await send(chat({ stream: true }), { 'x-api-key': clientKey }), 200);
  upstream.setBehaviour(
    answerJson(401, {
      error: { message: `Incorrect API key provided: ${providerKey}. Client said ${clientKey}`, type: 'invalid_request_error', code: 'invalid_api_key' },
    }),
  );
  assert.equal(await send(chat(), { authorization: `Bearer ${clientKey}` }), 502);
  assert.equal(await send(`{"model":"gpt-4o","api_key":"${clientKey}",`, { authorization: `Bearer ${clientKey}` }), 400);
  assert.equal(await send(chat(), { authorization: `Bearer ${wrongKey}` }), 401);
  const exit = await gateway.stop();
  assert.equal(exit.code, 0);

  const outputs = [{ name: 'stdout', text: gateway.stdout() }, { name: 'stderr', text: gateway.stderr() }, ...readAll(join(dir, 'logs'))];
  assert.deepEqual(outputs.map((output) => output.name).sort(), ['errors.log', 'requests.jsonl', 'requests.log', 'stderr', 'stdout']);
  for (const output of outputs) {
    for (const [name, secret] of Object.entries(secrets)) assert.ok(!output.text.includes(secret), `${name} appears in ${output.name}`);
  }
  // The searched output holds what would have carried the keys.
  const journal = readFileSync(join(dir, 'logs', 'requests.jsonl'), 'utf8');
  assert.match(journal, /"user":"\[redacted\]"/);
  assert.equal(
    readFileSync(join(dir, 'logs', 'requests.log'), 'utf8')
      .trim()
      .split('\n').length,
    5,
  );
  assert.match(gateway.stdout(), /"msg":"attempt failed"/, 'the upstream 401 was logged');
});
