import assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { type GatewayProcess, makeTempDir, startGatewayProcess } from '../helpers/start-gateway-process.ts';

/** YAML mode in a real process: a file edit, a broken edit, a .env edit and SIGHUP. */

function configYaml(options: { alias: string; key?: string }): string {
  return [
    'providers:',
    '  - name: local',
    '    type: mock',
    'master_keys:',
    '  - name: client',
    `    key: ${options.key ?? 'sk-process-0000'}`,
    'models:',
    `  ${options.alias}:`,
    '    routes:',
    '      - provider: local',
    '        model: mock-model',
    '',
  ].join('\n');
}

/** Writes beside the file and renames over it, as editors and ConfigMap updates do. */
function replaceFile(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

async function listModels(gateway: GatewayProcess, key = 'sk-process-0000'): Promise<{ status: number; models: string[] }> {
  const response = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await response.json()) as { data?: { id: string }[] };
  return { status: response.status, models: (body.data ?? []).map((model) => model.id) };
}

/** Polls every 25 ms until `check` holds; fails with the process's output after `timeoutMs`. */
async function waitFor(gateway: GatewayProcess, what: string, check: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}\nstdout:\n${gateway.stdout()}\nstderr:\n${gateway.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function countLines(gateway: GatewayProcess, message: string): number {
  return gateway.logLines().filter((line) => line['msg'] === message).length;
}

test('editing the YAML file reloads it; a broken edit is refused, each problem logged, the old config still serving', async (t) => {
  const dir = makeTempDir(t);
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, configYaml({ alias: 'alpha' }));
  const gateway = await startGatewayProcess(t, { cwd: dir });
  assert.deepEqual((await listModels(gateway)).models, ['alpha']);

  replaceFile(configPath, configYaml({ alias: 'beta' }));
  await waitFor(gateway, 'the edit to be served', async () => (await listModels(gateway)).models.includes('beta'));
  assert.deepEqual((await listModels(gateway)).models, ['beta']);
  await waitFor(gateway, 'the reload to be logged', () => countLines(gateway, 'config reloaded') === 1);

  writeFileSync(
    configPath,
    configYaml({ alias: 'gamma' }).replace('type: mock', 'type: nonsense').replace('model: mock-model', 'model: mock-model\n        weight: -1'),
  );
  await waitFor(gateway, 'the broken edit to be refused', () => countLines(gateway, 'config reload refused, running config kept') === 1);
  const problems = gateway
    .logLines()
    .filter((line) => line['msg'] === 'invalid config')
    .map((line) => String(line['problem']));
  assert.deepEqual(
    problems.map((problem) => problem.split(':')[0]),
    ['providers[0].type', 'models.gamma.routes[0].weight'],
    problems.join('\n'),
  );
  assert.ok(
    gateway.logLines().every((line) => line['msg'] !== 'invalid config' || line['level'] === 50),
    'logged as errors',
  );
  assert.deepEqual((await listModels(gateway)).models, ['beta'], 'the running config is kept');
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  assert.ok(metrics.includes('llm_proxy_config_reloads_total{result="failure"} 1'), metrics);
  assert.ok(metrics.includes('llm_proxy_config_reloads_total{result="success"} 1'));

  // The watch outlives a refused file: the next good edit is applied.
  writeFileSync(configPath, configYaml({ alias: 'delta' }));
  await waitFor(gateway, 'the fixed file to be served', async () => (await listModels(gateway)).models.includes('delta'));
  const health = (await (await fetch(`${gateway.url}/health/detailed`)).json()) as { config_version: string };
  // The log is written asynchronously: wait for the line rather than read what has arrived so far.
  await waitFor(gateway, 'the reload of the served config to be logged', () =>
    gateway.logLines().some((line) => line['msg'] === 'config reloaded' && line['version'] === health.config_version),
  );
});

test('SIGHUP reloads; so does an edit of .env, whose variables the config uses', async (t) => {
  const dir = makeTempDir(t);
  writeFileSync(join(dir, 'config.yaml'), configYaml({ alias: 'alpha', key: '${CLIENT_KEY}' }));
  writeFileSync(join(dir, '.env'), 'CLIENT_KEY=sk-from-env-1111\n');
  const gateway = await startGatewayProcess(t, { cwd: dir });
  assert.equal((await listModels(gateway, 'sk-from-env-1111')).status, 200);

  gateway.child.kill('SIGHUP');
  await waitFor(gateway, 'SIGHUP to reload', () => countLines(gateway, 'config reloaded') === 1);
  assert.equal((await fetch(`${gateway.url}/health`)).status, 200, 'still running');

  replaceFile(join(dir, '.env'), 'CLIENT_KEY=sk-from-env-2222\n');
  await waitFor(gateway, 'the new key from .env', async () => (await listModels(gateway, 'sk-from-env-2222')).status === 200);
  assert.equal((await listModels(gateway, 'sk-from-env-1111')).status, 401);
});
