import assert from 'node:assert/strict';
import test from 'node:test';
import type { ProviderConfig } from '../config/gateway-config-schema.ts';
import type { RouteTarget } from '../routing/route-target.ts';
import { classifyUpstreamError } from './classify-upstream-error.ts';
import { MemoryCooldownTracker } from './cooldown-tracker.ts';
import { orderAttempts } from './order-attempts.ts';
import { parseRetryAfter } from './parse-retry-after.ts';
import { compileStatusRules } from './status-rules.ts';

test('status rules: exact codes and classes', () => {
  const rules = compileStatusRules(['429', '5xx', '404']);
  assert.deepEqual(
    [429, 500, 503, 599, 404, 400, 401, 200].map((status) => rules.matches(status)),
    [true, true, true, true, true, false, false, false],
  );
});

test('classification: detection codes and patterns fail over; 401/403 always; other 5xx/429 are errors without failover; other 4xx are the client', () => {
  const detection = { statusRules: compileStatusRules(['503']), errorPatterns: ['insufficient_quota'] };
  assert.equal(classifyUpstreamError(503, '', detection), 'provider-failure');
  assert.equal(classifyUpstreamError(401, '', detection), 'provider-failure');
  assert.equal(classifyUpstreamError(403, '', detection), 'provider-failure');
  assert.equal(classifyUpstreamError(400, '{"error":{"code":"insufficient_quota"}}', detection), 'provider-failure');
  assert.equal(classifyUpstreamError(500, '', detection), 'upstream-error');
  assert.equal(classifyUpstreamError(429, '', detection), 'upstream-error');
  assert.equal(classifyUpstreamError(400, '{"error":"bad temperature"}', detection), 'client-error');
  assert.equal(classifyUpstreamError(404, '', detection), 'client-error');
});

test('Retry-After: seconds or an HTTP date, else undefined', () => {
  const now = Date.parse('2026-12-02T00:00:00Z');
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter('1.5', now), 1_500);
  assert.equal(parseRetryAfter('Wed, 02 Dec 2026 00:01:00 GMT', now), 60_000);
  assert.equal(parseRetryAfter(['30', '60'], now), 30_000);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

function target(name: string): RouteTarget {
  return { provider: { name } as ProviderConfig, upstreamModel: 'm', priority: 1, weight: 1 };
}

test('attempt order: cooling providers left out, at most maxAttempts; all cooling: the least recently failed alone', () => {
  let clock = 0;
  const cooldowns = new MemoryCooldownTracker(() => clock);
  const targets = ['a', 'b', 'c', 'd'].map(target);
  assert.deepEqual(
    orderAttempts(targets, cooldowns, 3).map((t) => t.provider.name),
    ['a', 'b', 'c'],
  );
  clock = 10;
  cooldowns.coolDown('b', 1_000);
  clock = 20;
  cooldowns.coolDown('a', 500);
  assert.deepEqual(
    orderAttempts(targets, cooldowns, 3).map((t) => t.provider.name),
    ['c', 'd'],
  );
  cooldowns.coolDown('c', 900);
  cooldowns.coolDown('d', 900);
  assert.deepEqual(
    orderAttempts(targets, cooldowns, 3).map((t) => t.provider.name),
    ['b'],
    'b failed first (t=10)',
  );
  clock = 600;
  assert.deepEqual(
    orderAttempts(targets, cooldowns, 3).map((t) => t.provider.name),
    ['a'],
    "a's cooldown ended at 500",
  );
  assert.deepEqual(
    orderAttempts(targets, cooldowns, 3, (t) => t.provider.name !== 'a').map((t) => t.provider.name),
    ['b'],
  );
});

test('a cooldown keeps the later end when set twice', () => {
  let clock = 0;
  const cooldowns = new MemoryCooldownTracker(() => clock);
  cooldowns.coolDown('a', 1_000);
  cooldowns.coolDown('a', 100);
  clock = 500;
  assert.equal(cooldowns.isCoolingDown('a'), true);
  clock = 1_000;
  assert.equal(cooldowns.isCoolingDown('a'), false);
});
