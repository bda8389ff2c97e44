import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatewayConfigSchema } from '../config/gateway-config-schema.ts';
import type { RoutingTable } from './build-routing-table.ts';
import { buildRoutingTable, inspectRoutingTable } from './build-routing-table.ts';
import type { RoutePlan } from './route-target.ts';

type ProviderInput = { name: string } & Record<string, unknown>;

interface TableInput {
  providers: ProviderInput[];
  models?: Record<string, unknown>;
  provider_suffix?: string;
}

function buildTable(options: TableInput): RoutingTable {
  const providers = options.providers.map((provider) => ({ type: 'mock', ...provider }));
  return buildRoutingTable(gatewayConfigSchema.parse({ ...options, providers }));
}

/** `provider:upstreamModel` for each attempt, in order. */
function describeAttempts(plan: RoutePlan | undefined): string[] {
  assert.ok(plan !== undefined, 'expected a route');
  return plan.attempts.map((target) => `${target.provider.name}:${target.upstreamModel}`);
}

function countFirstProviders(table: RoutingTable, model: string, plans: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let index = 0; index < plans; index++) {
    const name = table.planRoute(model)?.attempts[0]?.provider.name ?? 'none';
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

function deepFreeze<Value>(value: Value): Value {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}

test('provider_suffix is stripped from the model; other prefixes stay', () => {
  const table = buildTable({ provider_suffix: 'Proxy', providers: [{ name: 'open' }] });
  const stripped = table.planRoute('Proxy/gpt-4');
  assert.equal(stripped?.requestedModel, 'Proxy/gpt-4');
  assert.equal(stripped?.model, 'gpt-4');
  assert.deepEqual(describeAttempts(stripped), ['open:gpt-4']);
  const other = table.planRoute('Other/gpt-4');
  assert.equal(other?.model, 'Other/gpt-4');
  assert.deepEqual(describeAttempts(other), ['open:Other/gpt-4']);
});

test('with no provider_suffix the name is used as sent', () => {
  const table = buildTable({ providers: [{ name: 'open' }] });
  assert.equal(table.planRoute('Proxy/gpt-4')?.model, 'Proxy/gpt-4');
});

test('the suffix is stripped before alias and mapping lookup', () => {
  const table = buildTable({
    provider_suffix: 'Proxy',
    providers: [{ name: 'mapped', model_mapping: { 'gpt-4': 'gpt-4-turbo' } }],
    models: { fast: { routes: [{ provider: 'mapped', model: 'gpt-4o-mini' }] } },
  });
  assert.deepEqual(describeAttempts(table.planRoute('Proxy/gpt-4')), ['mapped:gpt-4-turbo']);
  assert.equal(table.planRoute('Proxy/fast')?.alias, 'fast');
});

test('an alias routes by its own routes, lower priority number first, with the route model upstream', () => {
  const table = buildTable({
    providers: [{ name: 'local-llm' }, { name: 'openai-main', model_mapping: { 'gpt-4': 'not-used-for-alias' } }],
    models: {
      'gpt-4': {
        routes: [
          { provider: 'local-llm', model: 'mixtral-8x7b', priority: 2 },
          { provider: 'openai-main', model: 'gpt-4-turbo', priority: 1 },
        ],
      },
    },
  });
  const plan = table.planRoute('gpt-4');
  assert.equal(plan?.alias, 'gpt-4');
  assert.equal(plan?.model, 'gpt-4');
  assert.deepEqual(describeAttempts(plan), ['openai-main:gpt-4-turbo', 'local-llm:mixtral-8x7b']);
  assert.deepEqual(
    plan?.attempts.map((target) => target.priority),
    [1, 2],
  );
  assert.equal(table.planRoute('mixtral-8x7b')?.alias, undefined);
});

test('alias routes to disabled providers are left out; an alias with none left has no route', () => {
  const table = buildTable({
    providers: [{ name: 'off', enabled: false }, { name: 'on' }],
    models: {
      'gpt-4': {
        routes: [
          { provider: 'off', model: 'a', priority: 1 },
          { provider: 'on', model: 'b', priority: 2 },
        ],
      },
      dead: { routes: [{ provider: 'off', model: 'a' }] },
    },
  });
  assert.deepEqual(describeAttempts(table.planRoute('gpt-4')), ['on:b']);
  assert.equal(table.planRoute('dead'), undefined);
});

test('model_mapping: exact key beats a matching pattern, then the first pattern in order', () => {
  const table = buildTable({
    providers: [
      {
        name: 'mapped',
        model_mapping: {
          'gpt-.*': 'gpt-family',
          'gpt-4': 'gpt-4-turbo',
          'gpt-4.*': 'never-reached',
          'claude-opus-4-5-.*': 'claude-opus-mapped',
          'gemini-*': 'gemini-pro',
        },
      },
    ],
  });
  assert.deepEqual(describeAttempts(table.planRoute('gpt-4')), ['mapped:gpt-4-turbo']);
  assert.deepEqual(describeAttempts(table.planRoute('gpt-4o')), ['mapped:gpt-family']);
  assert.deepEqual(describeAttempts(table.planRoute('claude-opus-4-5-20251101')), ['mapped:claude-opus-mapped']);
  assert.deepEqual(describeAttempts(table.planRoute('gemini-2.0-flash')), ['mapped:gemini-pro']);
  assert.equal(table.planRoute('claude-opus-4-1'), undefined);
});

test('patterns are anchored: gpt-4 does not match gpt-4o unless the key says so', () => {
  const exactOnly = buildTable({ providers: [{ name: 'mapped', model_mapping: { 'gpt-4': 'gpt-4-turbo' } }] });
  assert.equal(exactOnly.planRoute('gpt-4o'), undefined);
  assert.equal(exactOnly.planRoute('xgpt-4'), undefined);
  const family = buildTable({ providers: [{ name: 'mapped', model_mapping: { 'gpt-4.*': 'gpt-4-turbo' } }] });
  assert.deepEqual(describeAttempts(family.planRoute('gpt-4o')), ['mapped:gpt-4-turbo']);
});

test('a provider without a mapping serves any model under its own name; a non-matching mapping excludes it', () => {
  const table = buildTable({
    providers: [{ name: 'mapped', model_mapping: { 'gpt-4': 'gpt-4-turbo' } }, { name: 'open' }, { name: 'empty-mapping', model_mapping: {} }],
  });
  assert.deepEqual(describeAttempts(table.planRoute('llama-3-70b')), ['open:llama-3-70b', 'empty-mapping:llama-3-70b']);
  assert.deepEqual(describeAttempts(table.planRoute('gpt-4')), ['mapped:gpt-4-turbo', 'open:gpt-4', 'empty-mapping:gpt-4']);
});

test('an unknown model with only mapped providers has no route, including Object.prototype names', () => {
  const table = buildTable({
    providers: [{ name: 'mapped', model_mapping: { 'gpt-4': 'gpt-4-turbo', 'claude-*': 'claude' } }],
    models: { alias: { routes: [{ provider: 'mapped', model: 'x' }] } },
  });
  for (const model of ['llama', 'constructor', 'toString', '__proto__', '']) {
    assert.equal(table.planRoute(model), undefined, model);
  }
});

test('disabled providers are never targets', () => {
  const table = buildTable({
    providers: [
      { name: 'off', enabled: false },
      { name: 'off-mapped', enabled: false, model_mapping: { 'gpt-4': 'gpt-4-turbo' } },
      { name: 'on', model_mapping: { 'gpt-4': 'gpt-4-0613' } },
    ],
  });
  assert.deepEqual(describeAttempts(table.planRoute('gpt-4')), ['on:gpt-4-0613']);
  assert.equal(table.planRoute('llama'), undefined);
});

test('weights 1:3 split exactly 1000:3000 over 4000 plans, interleaved', () => {
  const table = buildTable({
    providers: [
      { name: 'a', weight: 1 },
      { name: 'b', weight: 3 },
    ],
  });
  const sequence = Array.from({ length: 8 }, () => table.planRoute('gpt-4')?.attempts[0]?.provider.name);
  assert.deepEqual(sequence, ['b', 'a', 'b', 'b', 'b', 'a', 'b', 'b']);
  const fresh = buildTable({
    providers: [
      { name: 'a', weight: 1 },
      { name: 'b', weight: 3 },
    ],
  });
  assert.deepEqual(countFirstProviders(fresh, 'gpt-4', 4000), { a: 1000, b: 3000 });
});

test('weights 2:1:1 split exactly, and alias route weights are used', () => {
  const table = buildTable({ providers: [{ name: 'a', weight: 2 }, { name: 'b' }, { name: 'c' }] });
  assert.deepEqual(countFirstProviders(table, 'm', 4000), { a: 2000, b: 1000, c: 1000 });
  const aliased = buildTable({
    providers: [{ name: 'a', weight: 9 }, { name: 'b' }],
    models: {
      m: {
        routes: [
          { provider: 'a', model: 'x', weight: 1 },
          { provider: 'b', model: 'y', weight: 3 },
        ],
      },
    },
  });
  assert.deepEqual(countFirstProviders(aliased, 'm', 400), { a: 100, b: 300 });
});

test('attempts: the pick, the rest of its tier by weight, then later tiers by weight', () => {
  const table = buildTable({
    providers: [
      { name: 'backup-light', priority: 2, weight: 1 },
      { name: 'main-light', priority: 1, weight: 1 },
      { name: 'backup-heavy', priority: 2, weight: 5 },
      { name: 'main-heavy', priority: 1, weight: 3 },
      { name: 'last', priority: 7 },
    ],
  });
  const plans = Array.from({ length: 4 }, () => describeAttempts(table.planRoute('m')));
  const fallbacks = ['backup-heavy:m', 'backup-light:m', 'last:m'];
  assert.deepEqual(plans, [
    ['main-heavy:m', 'main-light:m', ...fallbacks],
    ['main-light:m', 'main-heavy:m', ...fallbacks],
    ['main-heavy:m', 'main-light:m', ...fallbacks],
    ['main-heavy:m', 'main-light:m', ...fallbacks],
  ]);
});

test('models served by the same tier share one rotation; later tiers do not advance', () => {
  const table = buildTable({
    providers: [
      { name: 'only-x', priority: 1, model_mapping: { x: 'x-upstream' } },
      { name: 'b', priority: 2 },
      { name: 'c', priority: 2 },
    ],
  });
  for (let index = 0; index < 3; index++) {
    assert.deepEqual(describeAttempts(table.planRoute('x')), ['only-x:x-upstream', 'b:x', 'c:x']);
  }
  // b,c form the first tier for every other model: one rotation across model names, still fresh after the x plans.
  const firsts = ['y', 'z', 'y', 'w'].map((model) => table.planRoute(model)?.attempts[0]?.provider.name);
  assert.deepEqual(firsts, ['b', 'c', 'b', 'c']);
  assert.equal(inspectRoutingTable(table).rotations, 1);
});

test('listModels: enabled aliases and exact mapping keys of enabled providers, deduplicated and sorted', () => {
  const table = buildTable({
    providers: [
      {
        name: 'one',
        model_mapping: { 'gpt-4': 'a', 'gemini-*': 'b', 'claude-opus-4-5-.*': 'c', 'gpt-3.5-turbo': 'd' },
      },
      { name: 'two', model_mapping: { 'gpt-4': 'e', 'o1-mini': 'f' } },
      { name: 'off', enabled: false, model_mapping: { 'hidden-model': 'g' } },
      { name: 'open' },
    ],
    models: {
      'team-default': { routes: [{ provider: 'one', model: 'x' }] },
      dead: { routes: [{ provider: 'off', model: 'x' }] },
    },
  });
  assert.deepEqual(table.listModels(), ['gpt-3.5-turbo', 'gpt-4', 'o1-mini', 'team-default']);
});

test('the resolution cache stays bounded and rotations do not grow with client-invented names', () => {
  const table = buildTable({
    providers: [
      { name: 'a', weight: 1 },
      { name: 'b', weight: 3 },
    ],
  });
  const counts = countFirstProviders(table, 'first', 4);
  for (let index = 0; index < 5000; index++) {
    assert.ok(table.planRoute(`model-${index}`) !== undefined);
  }
  assert.ok(table.planRoute('x'.repeat(10_000)) !== undefined);
  const sizes = inspectRoutingTable(table);
  assert.ok(sizes.cachedResolutions <= 1024, `cached ${sizes.cachedResolutions}`);
  assert.ok(sizes.cachedResolutions > 0);
  assert.equal(sizes.rotations, 1);
  // 'first' was evicted; resolving it again must give the same answer and keep the shared rotation's split.
  assert.deepEqual(counts, { a: 1, b: 3 });
  const again = table.planRoute('first');
  assert.deepEqual(
    again?.attempts.map((target) => target.upstreamModel),
    ['first', 'first'],
  );
});

test('names longer than 256 characters are routed but not cached', () => {
  const table = buildTable({ providers: [{ name: 'open' }] });
  const longName = 'x'.repeat(257);
  assert.equal(table.planRoute(longName)?.attempts[0]?.upstreamModel, longName);
  assert.equal(inspectRoutingTable(table).cachedResolutions, 0);
  table.planRoute('x'.repeat(256));
  assert.equal(inspectRoutingTable(table).cachedResolutions, 1);
});

test('works on a deep-frozen config, returns its provider objects and frozen plans', () => {
  const config = deepFreeze(
    gatewayConfigSchema.parse({
      providers: [{ name: 'a', type: 'mock', model_mapping: { 'gpt-*': 'upstream' } }],
      models: { alias: { routes: [{ provider: 'a', model: 'x' }] } },
    }),
  );
  const table = buildRoutingTable(config);
  const plan = table.planRoute('gpt-4');
  assert.equal(plan?.attempts[0]?.provider, config.providers[0]);
  assert.ok(Object.isFrozen(plan));
  assert.ok(Object.isFrozen(plan?.attempts));
  assert.ok(Object.isFrozen(plan?.attempts[0]));
  assert.ok(Object.isFrozen(table.listModels()));
  assert.equal(table.planRoute('alias')?.attempts[0]?.provider, config.providers[0]);
});
