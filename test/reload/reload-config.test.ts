import assert from 'node:assert/strict';
import test, { type TestContext } from 'node:test';
import { ConfigError } from '../../src/config/config-error.ts';
import { answerJson, type FakeUpstream, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.ts';
import { parseTestConfig } from './parse-test-config.ts';

/** RunningGateway.reload in process: what a swap changes at once, and what it refuses. */

const okAnswer = readFixture('openai-chat/nonstream-text.json');

async function chat(gateway: TestGateway, model: string, key: string | undefined) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }) },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return { status: response.status, provider: response.headers.get('x-llm-proxy-provider'), text: await response.text() };
}

async function okUpstreams(t: TestContext, count: number): Promise<FakeUpstream[]> {
  const upstreams = await Promise.all(Array.from({ length: count }, () => startFakeUpstream(answerJson(200, okAnswer))));
  t.after(() => Promise.all(upstreams.map((upstream) => upstream.close())));
  return upstreams;
}

async function metricValue(gateway: TestGateway, series: string): Promise<number | undefined> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('a reload swaps providers, aliases and keys at once: a new key works, a removed one gets 401', async (t) => {
  const [first, second] = (await okUpstreams(t, 2)) as [FakeUpstream, FakeUpstream];
  const before = {
    providers: [{ name: 'first', type: 'openai', api_base: `${first.url}/v1` }],
    master_keys: [{ name: 'old-key', key: 'sk-old-0000' }],
    models: { smart: { routes: [{ provider: 'first', model: 'up-1' }] } },
  };
  const gateway = await startTestGateway(before);
  t.after(() => gateway.shutdown());
  assert.equal((await chat(gateway, 'smart', 'sk-old-0000')).provider, 'first');
  const versionBefore = gateway.configVersion();

  await gateway.reload(
    parseTestConfig({
      providers: [{ name: 'second', type: 'openai', api_base: `${second.url}/v1` }],
      master_keys: [{ name: 'new-key', key: 'sk-new-1111' }],
      models: { clever: { routes: [{ provider: 'second', model: 'up-2' }] } },
    }),
  );

  const answered = await chat(gateway, 'clever', 'sk-new-1111');
  assert.equal(answered.status, 200, answered.text);
  assert.equal(answered.provider, 'second');
  assert.equal(second.requests.at(-1)?.json?.['model'], 'up-2');
  assert.equal((await chat(gateway, 'clever', 'sk-old-0000')).status, 401);
  // The old alias is gone: the name passes through to the new provider unmapped.
  assert.equal((await chat(gateway, 'smart', 'sk-new-1111')).provider, 'second');
  assert.equal(second.requests.at(-1)?.json?.['model'], 'smart');
  assert.equal(first.requests.length, 1, 'the removed provider got nothing after the swap');

  assert.notEqual(gateway.configVersion(), versionBefore);
  const health = (await (await fetch(`${gateway.url}/health/detailed`)).json()) as { config_version: string; providers: { name: string }[] };
  assert.equal(health.config_version, gateway.configVersion());
  assert.deepEqual(
    health.providers.map((provider) => provider.name),
    ['second'],
  );
  const reloaded = gateway.logLines.find((line) => line['msg'] === 'config reloaded');
  assert.equal(reloaded?.['version'], gateway.configVersion());
  assert.equal(reloaded?.['previousVersion'], versionBefore);
  assert.equal(await metricValue(gateway, 'llm_proxy_config_reloads_total{result="success"}'), 1);
});

test('a config that cannot be built is refused with ConfigError, each problem logged, and the old one keeps serving', async (t) => {
  const [upstream] = (await okUpstreams(t, 1)) as [FakeUpstream];
  const gateway = await startTestGateway({ providers: [{ name: 'only', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());
  const version = gateway.configVersion();

  // Valid by the schema, but its system prompt directory cannot be read: found while building the snapshot.
  const broken = parseTestConfig({
    providers: [{ name: 'other', type: 'openai', api_base: `${upstream.url}/v1` }],
    proxy: { enable_system_prompt: true, system_prompts_dir: '/nonexistent/llm-proxy-prompts' },
  });
  await assert.rejects(gateway.reload(broken), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.match(error.problems[0] ?? '', /^proxy\.system_prompts_dir: cannot read directory/);
    return true;
  });

  assert.equal(gateway.configVersion(), version);
  const answered = await chat(gateway, 'any-model', undefined);
  assert.equal(answered.status, 200, answered.text);
  assert.equal(answered.provider, 'only');
  const problems = gateway.logLines.filter((line) => line['msg'] === 'invalid config');
  assert.deepEqual(
    problems.map((line) => String(line['problem']).split(':')[0]),
    ['proxy.system_prompts_dir'],
  );
  assert.ok(gateway.logLines.some((line) => line['msg'] === 'config reload refused, running config kept'));
  assert.equal(await metricValue(gateway, 'llm_proxy_config_reloads_total{result="failure"}'), 1);
  assert.equal(await metricValue(gateway, 'llm_proxy_config_reloads_total{result="success"}'), 0);
});

test('settings that need a restart keep their running values and are named in the log', async (t) => {
  const [upstream] = (await okUpstreams(t, 1)) as [FakeUpstream];
  const raw = { providers: [{ name: 'only', type: 'openai', api_base: `${upstream.url}/v1` }] };
  const gateway = await startTestGateway(raw);
  t.after(() => gateway.shutdown());

  await gateway.reload(parseTestConfig({ ...raw, server: { port: 1, body_limit: 10 }, concurrency: { enabled: true } }));

  const restart = gateway.logLines.filter((line) => line['msg'] === 'config setting changed: needs restart, running value kept');
  assert.deepEqual(
    restart.map((line) => line['setting']),
    ['server.port', 'concurrency'],
  );
  // Still listening where it was; body_limit is read per request, so it did change (10 bytes).
  const answered = await chat(gateway, 'm', undefined);
  assert.equal(answered.status, 413, answered.text);
});

test('a reload that leaves a weighted first tier alone keeps its round-robin position', async (t) => {
  const [first, second] = (await okUpstreams(t, 2)) as [FakeUpstream, FakeUpstream];
  const raw = {
    providers: [
      { name: 'first', type: 'openai', api_base: `${first.url}/v1` },
      { name: 'second', type: 'openai', api_base: `${second.url}/v1` },
    ],
    models: {
      pair: {
        routes: [
          { provider: 'first', model: 'm' },
          { provider: 'second', model: 'm' },
        ],
      },
    },
  };
  const gateway = await startTestGateway(raw);
  t.after(() => gateway.shutdown());
  assert.equal((await chat(gateway, 'pair', undefined)).provider, 'first');

  await gateway.reload(parseTestConfig({ ...raw, master_keys: [], provider_suffix: 'Proxy' }));

  assert.equal((await chat(gateway, 'pair', undefined)).provider, 'second', 'the rotation went on where it was');
  assert.equal((await chat(gateway, 'pair', undefined)).provider, 'first');
});

test('a reload that turns health checks on starts probing at the new interval; one that turns them off stops', async (t) => {
  const [upstream] = (await okUpstreams(t, 1)) as [FakeUpstream];
  const raw = { providers: [{ name: 'only', type: 'openai', api_base: `${upstream.url}/v1` }] };
  const gateway = await startTestGateway(raw);
  t.after(() => gateway.shutdown());
  const probes = (): number => upstream.requests.filter((request) => request.method === 'GET' && request.path === '/v1/models').length;

  await gateway.reload(parseTestConfig({ ...raw, health_checks: { enabled: true, interval: '20ms', timeout: '1s' } }));
  const deadline = Date.now() + 3_000;
  while (probes() < 3) {
    assert.ok(Date.now() < deadline, `probes seen: ${probes()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  await gateway.reload(parseTestConfig(raw));
  await new Promise((resolve) => setTimeout(resolve, 30));
  const afterOff = probes();
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(probes(), afterOff, 'no probe after health checks were turned off');
});
