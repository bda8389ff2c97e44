import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import test from 'node:test';

/** pretty: true (main.ts when stdout is a terminal) writes pino-pretty's lines to stdout, masked like JSON ones. */

const loggerModule = new URL('../../src/observability/logging/create-configured-logger.ts', import.meta.url).href;
const schemaModule = new URL('../../src/config/gateway-config-schema.ts', import.meta.url).href;

function runLogger(pretty: boolean): string {
  const script = `
    const { createConfiguredLogger } = await import(${JSON.stringify(loggerModule)});
    const { loggingConfigSchema } = await import(${JSON.stringify(schemaModule)});
    const logging = await createConfiguredLogger({ logging: loggingConfigSchema.parse({}), knownSecrets: [], pretty: ${pretty} });
    logging.logger.info({ requestId: 'r1', note: 'key sk-test-0123456789' }, 'hello pretty');
    await logging.close();
  `;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0' },
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

test('pretty output is human-readable lines, not JSON, and still masked', () => {
  const pretty = runLogger(true);
  assert.match(pretty, /INFO.*hello pretty/);
  assert.throws(() => JSON.parse(pretty.trim().split('\n')[0] ?? ''));
  assert.ok(!pretty.includes('sk-test-0123456789'));
  const json = runLogger(false);
  assert.equal((JSON.parse(json.trim()) as { msg: string }).msg, 'hello pretty');
});
