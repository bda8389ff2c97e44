import assert from 'node:assert/strict';
import test from 'node:test';
import { gatewayConfigSchema } from '../config/gateway-config-schema.ts';
import { keepRestartOnlySettings } from './keep-restart-only-settings.ts';

test('restart-only settings keep their running values and are named; the rest comes from the new config', () => {
  const running = gatewayConfigSchema.parse({ server: { port: 8000 }, logging: { level: 'info' } });
  const next = gatewayConfigSchema.parse({
    server: { port: 9000, body_limit: '1kb' },
    logging: { level: 'debug' },
    concurrency: { enabled: true },
    verify_ssl: false,
  });
  const kept = keepRestartOnlySettings(running, next);
  assert.deepEqual(kept.needRestart, ['server.port', 'concurrency', 'logging']);
  assert.equal(kept.config.server.port, 8000);
  assert.equal(kept.config.server.body_limit, next.server.body_limit);
  assert.notEqual(next.server.body_limit, running.server.body_limit);
  assert.equal(kept.config.logging.level, 'info');
  assert.equal(kept.config.concurrency.enabled, false);
  assert.equal(kept.config.verify_ssl, false);
  assert.ok(Object.isFrozen(kept.config));
});

test('a config that changes no restart-only setting is used as it is', () => {
  const running = gatewayConfigSchema.parse({});
  const next = gatewayConfigSchema.parse({ verify_ssl: false });
  const kept = keepRestartOnlySettings(running, next);
  assert.equal(kept.config, next);
  assert.deepEqual(kept.needRestart, []);
});
