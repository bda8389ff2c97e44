import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { join } from 'node:path';
import test from 'node:test';
import { request as undiciRequest } from 'undici';
import { answerSse, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { findFreePort, makeTempDir, runGatewayProcess, startGatewayProcess } from '../helpers/start-gateway-process.ts';

/**
 * Black-box tests of the real entry point (`node --import tsx src/main.ts`; one test runs the bundle that
 * `npm start` runs), as a child process in an empty temp dir with a controlled environment: how it picks
 * its config, what it logs, how it refuses a bad config, and how it shuts down on SIGTERM.
 */

interface DetailedHealth {
  providers: { name: string; type: string }[];
}

async function getJson<T>(url: string): Promise<{ status: number; body: T; text: string }> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as T, text };
}

async function providerNames(url: string): Promise<string[]> {
  const health = await getJson<DetailedHealth>(`${url}/health/detailed`);
  assert.equal(health.status, 200);
  return health.body.providers.map((provider) => provider.name);
}

test('no config file: the built-in demo answers model mock-model and the log says how to add providers', async (t) => {
  const gateway = await startGatewayProcess(t);
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: 'Hello' }] }),
  });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { object: string; model: string; choices: { message: { role: string; content: string } }[] };
  assert.equal(body.object, 'chat.completion');
  assert.equal(body.model, 'mock-model');
  assert.equal(body.choices[0]?.message.role, 'assistant');
  assert.match(body.choices[0]?.message.content ?? '', /mock provider/);
  assert.deepEqual(await providerNames(gateway.url), ['mock']);

  const exit = await gateway.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
  const lines = gateway.logLines();
  assert.ok(lines.length > 0, `stdout is JSON lines:\n${gateway.stdout()}`);
  const notice = lines.find((line) => typeof line['msg'] === 'string' && line['msg'].includes('To add real providers'));
  assert.ok(notice !== undefined, `the how-to-add-providers notice is logged:\n${gateway.stdout()}`);
  assert.equal(notice['level'], 30);
  assert.match(String(notice['msg']), /built-in demo/);
  assert.match(String(notice['msg']), /no OPENAI_API_KEY or ANTHROPIC_API_KEY/);
  assert.match(String(notice['msg']), /config\.example\.yaml/);
  assert.match(String(notice['msg']), /--config FILE/);
  const openWarning = lines.find((line) => line['level'] === 40 && /no master_keys configured/.test(String(line['msg'])));
  assert.ok(openWarning !== undefined, `the open-gateway warning is logged at warn level:\n${gateway.stdout()}`);
  assert.equal(gateway.stderr(), '');
});

test('OPENAI_API_KEY without a config file creates provider openai; the key is never printed', async (t) => {
  const secret = `sk-test-openai-${process.pid}-never-print-me`;
  const gateway = await startGatewayProcess(t, { env: { OPENAI_API_KEY: secret } });
  const health = await getJson<DetailedHealth>(`${gateway.url}/health/detailed`);
  assert.deepEqual(
    health.body.providers.map(({ name, type }) => ({ name, type })),
    [{ name: 'openai', type: 'openai' }],
  );
  assert.ok(!health.text.includes(secret), '/health/detailed does not carry the key');
  assert.equal((await gateway.stop()).code, 0);
  assert.ok(
    gateway.logLines().some((line) => /using provider openai from OPENAI_API_KEY/.test(String(line['msg']))),
    gateway.stdout(),
  );
  assert.ok(!gateway.stdout().includes(secret), 'the key is not on stdout');
  assert.ok(!gateway.stderr().includes(secret), 'the key is not on stderr');
});

test('ANTHROPIC_API_KEY creates provider anthropic, beside openai when both are set; neither key is printed', async (t) => {
  const anthropicSecret = `sk-ant-test-${process.pid}-never-print-me`;
  const alone = await startGatewayProcess(t, { env: { ANTHROPIC_API_KEY: anthropicSecret } });
  const aloneHealth = await getJson<DetailedHealth>(`${alone.url}/health/detailed`);
  assert.deepEqual(
    aloneHealth.body.providers.map(({ name, type }) => ({ name, type })),
    [{ name: 'anthropic', type: 'anthropic' }],
  );
  assert.equal((await alone.stop()).code, 0);

  const openaiSecret = `sk-test-openai-${process.pid}-never-print-me`;
  const both = await startGatewayProcess(t, { env: { OPENAI_API_KEY: openaiSecret, ANTHROPIC_API_KEY: anthropicSecret } });
  const bothHealth = await getJson<DetailedHealth>(`${both.url}/health/detailed`);
  assert.deepEqual(
    bothHealth.body.providers.map(({ name, type }) => ({ name, type })),
    [
      { name: 'openai', type: 'openai' },
      { name: 'anthropic', type: 'anthropic' },
    ],
  );
  assert.equal((await both.stop()).code, 0);
  for (const run of [alone, both]) {
    for (const secret of [openaiSecret, anthropicSecret]) {
      assert.ok(!run.stdout().includes(secret) && !run.stderr().includes(secret), 'no key in the output');
    }
  }
});

test('--config FILE and CONFIG_PATH each pick the file (the flag first), over ./config.yaml', async (t) => {
  const dir = makeTempDir(t);
  writeFileSync(join(dir, 'config.yaml'), 'providers:\n  - { name: default-file, type: mock }\n');
  writeFileSync(join(dir, 'flag.yaml'), 'providers:\n  - { name: picked-by-flag, type: mock }\n');
  writeFileSync(join(dir, 'env.yaml'), 'providers:\n  - { name: picked-by-env, type: mock }\n');

  const byDefault = await startGatewayProcess(t, { cwd: dir });
  assert.deepEqual(await providerNames(byDefault.url), ['default-file']);
  assert.equal((await byDefault.stop()).code, 0);

  const byFlag = await startGatewayProcess(t, { cwd: dir, args: ['--config', 'flag.yaml'], env: { CONFIG_PATH: 'env.yaml' } });
  assert.deepEqual(await providerNames(byFlag.url), ['picked-by-flag']);
  assert.equal((await byFlag.stop()).code, 0);

  const byEnv = await startGatewayProcess(t, { cwd: dir, env: { CONFIG_PATH: join(dir, 'env.yaml') } });
  assert.deepEqual(await providerNames(byEnv.url), ['picked-by-env']);
  assert.equal((await byEnv.stop()).code, 0);
});

test('PORT and HOST override server.port and server.host', async (t) => {
  const dir = makeTempDir(t);
  const configPort = await findFreePort();
  // 127.0.0.2 is loopback too: if HOST were ignored the gateway would listen there, not on 127.0.0.1.
  writeFileSync(join(dir, 'config.yaml'), `server: { host: 127.0.0.2, port: ${configPort} }\nproviders:\n  - { name: mock, type: mock }\n`);
  const port = await findFreePort();
  const gateway = await startGatewayProcess(t, { cwd: dir, env: { PORT: String(port), HOST: '127.0.0.1' } });
  assert.equal(gateway.url, `http://127.0.0.1:${port}`);
  assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
  await assert.rejects(fetch(`http://127.0.0.2:${configPort}/health`), "nothing listens on the config file's address");
  assert.equal((await gateway.stop()).code, 0);
  const listening = gateway.logLines().find((line) => line['msg'] === 'llm-proxy listening');
  assert.equal(listening?.['host'], '127.0.0.1');
  assert.equal(listening?.['port'], port);
});

test('a bad config: exit code 1, one line per problem on stderr with its path, nothing started', async (t) => {
  const dir = makeTempDir(t);
  writeFileSync(
    join(dir, 'bad.yaml'),
    ['server:', '  prot: 8080', 'providers:', '  - name: a', '    type: openai', '    weight: -2', '    api_kye: sk-typo', 'routing: {}', ''].join('\n'),
  );
  const run = runGatewayProcess(t, { cwd: dir, args: ['--config', 'bad.yaml'], env: { PORT: String(await findFreePort()) } });
  const exit = await run.exited;
  assert.equal(exit.code, 1);
  const lines = run.stderr().split('\n');
  assert.ok(lines[0]?.startsWith('invalid configuration ('), run.stderr());
  for (const expected of [
    'providers[0].weight: expected a positive number',
    'providers[0].api_kye: unknown key',
    'server.prot: unknown key',
    'routing: unknown key',
  ]) {
    assert.ok(lines.includes(expected), `stderr has the line "${expected}":\n${run.stderr()}`);
  }
  assert.ok(!run.stderr().includes('sk-typo'), 'values are not echoed');
  assert.ok(!run.stdout().includes('llm-proxy listening'));
});

test('a config file named by --config that does not exist is an error, not the demo', async (t) => {
  const run = runGatewayProcess(t, { args: ['--config', 'missing.yaml'], env: { PORT: String(await findFreePort()) } });
  assert.equal((await run.exited).code, 1);
  assert.match(run.stderr(), /config file not found: .*missing\.yaml \(named by --config\)/);
});

/** Outcome of one attempt to open a new keep-alive connection and GET /health on it. */
async function probeNewConnection(url: string): Promise<'refused' | 'close' | 'keep-alive'> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    return await new Promise((resolve) => {
      const request = httpGet(`${url}/health`, { agent, timeout: 2000 }, (response) => {
        response.resume();
        resolve(response.headers.connection === 'close' ? 'close' : 'keep-alive');
      });
      request.on('timeout', () => request.destroy(new Error('probe timed out')));
      request.on('error', () => resolve('refused'));
    });
  } finally {
    agent.destroy();
  }
}

test('SIGTERM: the in-flight stream completes, new connections are turned away, exit code 0', async (t) => {
  const events = `${Array.from({ length: 10 }, (_, index) => `data: {"n":${index}}\n\n`).join('')}data: [DONE]\n\n`;
  const upstream = await startFakeUpstream(answerSse(events, 100));
  t.after(() => upstream.close());
  const dir = makeTempDir(t);
  writeFileSync(join(dir, 'gateway.yaml'), `providers:\n  - { name: upstream, type: openai, api_base: "${upstream.url}/v1" }\n`);
  const gateway = await startGatewayProcess(t, { cwd: dir, args: ['--config', 'gateway.yaml'] });
  assert.equal(await probeNewConnection(gateway.url), 'keep-alive', 'before the signal a new connection is served normally');

  const response = await undiciRequest(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'count' }] }),
  });
  assert.equal(response.statusCode, 200);
  let received = '';
  let streamDone = false;
  const iterator = response.body[Symbol.asyncIterator]();
  const first = await iterator.next();
  received += Buffer.from(first.value as Buffer).toString('utf8');
  assert.ok(received.startsWith('data: {"n":0}'), received);

  gateway.child.kill('SIGTERM');
  const rest = (async () => {
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) received += Buffer.from(next.value as Buffer).toString('utf8');
    streamDone = true;
  })();

  let probe = await probeNewConnection(gateway.url);
  const deadline = Date.now() + 3000;
  while (probe === 'keep-alive' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    probe = await probeNewConnection(gateway.url);
  }
  assert.notEqual(probe, 'keep-alive', 'after SIGTERM a new connection is refused or answered with connection: close');
  assert.equal(streamDone, false, 'the stream was still in flight when new connections were turned away');

  await rest;
  assert.equal(received, events, 'every event of the in-flight stream arrived');
  assert.deepEqual(await gateway.exited, { code: 0, signal: null });
  assert.equal(upstream.requests.length, 1);
});

test('SIGTERM with server.shutdown_timeout 1s and a stream that never ends: exit code 0 after about 1 s', async (t) => {
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write('data: {"n":0}\n\n');
    // never ends
  });
  t.after(() => upstream.close());
  const dir = makeTempDir(t);
  writeFileSync(
    join(dir, 'gateway.yaml'),
    `server: { shutdown_timeout: 1s }\nproviders:\n  - { name: upstream, type: openai, api_base: "${upstream.url}/v1" }\n`,
  );
  const gateway = await startGatewayProcess(t, { cwd: dir, args: ['--config', 'gateway.yaml'] });
  const response = await undiciRequest(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'wait' }] }),
  });
  const iterator = response.body[Symbol.asyncIterator]();
  const first = await iterator.next();
  assert.equal(Buffer.from(first.value as Buffer).toString('utf8'), 'data: {"n":0}\n\n');
  const drained = (async () => {
    try {
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next());
    } catch {
      // the gateway cuts the stream when the grace period is over
    }
  })();

  const signalledAt = Date.now();
  gateway.child.kill('SIGTERM');
  const exit = await gateway.exited;
  const elapsedMs = Date.now() - signalledAt;
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.ok(elapsedMs >= 900, `waited for the grace period (${elapsedMs} ms)`);
  assert.ok(elapsedMs < 3500, `but not much longer (${elapsedMs} ms)`);
  await drained;
  await upstream.aborted;
});

test('SIGTERM exits 0 promptly even when nobody reads stdout any more (closed log pipe)', async (t) => {
  const gateway = await startGatewayProcess(t);
  // The log reader goes away (a dead log shipper, a closed terminal): every log write now fails with EPIPE.
  gateway.child.stdout?.destroy();
  const signalledAt = Date.now();
  gateway.child.kill('SIGTERM');
  const exit = await Promise.race([gateway.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5000).unref())]);
  assert.notEqual(exit, 'hung', 'the process did not exit within 5 s of SIGTERM');
  assert.deepEqual(exit, { code: 0, signal: null });
  assert.ok(Date.now() - signalledAt < 5000);
});

test('npm start runs the bundle scripts/build.mjs makes: it serves the fast path and a translated stream without tsx', async (t) => {
  const repository = new URL('../../', import.meta.url);
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repository, stdio: 'pipe' });
  const { version } = JSON.parse(readFileSync(new URL('package.json', repository), 'utf8')) as { version: string };
  const upstream = await startFakeUpstream(answerSse(readFixture('openai-chat/stream-usage.sse')));
  t.after(() => upstream.close());
  const dir = makeTempDir(t);
  writeFileSync(join(dir, 'gateway.yaml'), `providers:\n  - { name: upstream, type: openai, api_base: "${upstream.url}/v1" }\n`);
  const gateway = await startGatewayProcess(t, { cwd: dir, args: ['--config', 'gateway.yaml'], entry: 'built' });

  const root = await getJson<{ version: string }>(`${gateway.url}/`);
  assert.equal(root.body.version, version, 'the bundle reads the package version from beside dist/');
  const relayed = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
  });
  assert.equal(relayed.status, 200);
  assert.match(await relayed.text(), /data: \[DONE\]\n\n$/);
  const translated = await fetch(`${gateway.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'gpt-test', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
  });
  assert.equal(translated.status, 200);
  assert.equal(translated.headers.get('x-llm-proxy-translation'), 'anthropic-messages->openai-chat');
  const events = await translated.text();
  assert.match(events, /^event: message_start\n/);
  assert.match(events, /event: content_block_delta\n/);
  assert.match(events, /event: message_stop\n.*\n\n$/);

  assert.deepEqual(await gateway.stop(), { code: 0, signal: null });
  assert.equal(gateway.stderr(), '');
  assert.ok(
    gateway.logLines().some((line) => line['msg'] === 'request finished' && line['translation'] === 'anthropic-messages->openai-chat'),
    `the request lines are logged:\n${gateway.stdout()}`,
  );
});
