import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatConfigIssues } from './format-config-issues.ts';
import { gatewayConfigSchema } from './gateway-config-schema.ts';

function problemsFor(document: unknown): string[] {
  const result = gatewayConfigSchema.safeParse(document, { reportInput: true });
  assert.equal(result.success, false, 'expected the document to be invalid');
  return formatConfigIssues(result.error?.issues ?? []);
}

const openai = { name: 'openai-main', type: 'openai' };

test('formats array indexes in brackets and keys with dots', () => {
  assert.deepEqual(problemsFor({ providers: [openai, { name: 'b', type: 'openai', weight: -2 }] }), ['providers[1].weight: expected a positive number']);
  assert.deepEqual(formatConfigIssues([{ code: 'custom', path: ['models', 'gpt-4', 'routes', 0, 'provider'], message: 'x' }]), [
    'models.gpt-4.routes[0].provider: x',
  ]);
});

test('quotes keys with characters other than letters, digits, _ and -', () => {
  assert.deepEqual(formatConfigIssues([{ code: 'custom', path: ['providers', 0, 'model_mapping', 'claude-.*'], message: 'bad' }]), [
    'providers[0].model_mapping["claude-.*"]: bad',
  ]);
  assert.deepEqual(formatConfigIssues([{ code: 'custom', path: ['models', 'gpt 4', 'routes'], message: 'bad' }]), ['models["gpt 4"].routes: bad']);
});

test('a weight of 0 is not positive either', () => {
  assert.deepEqual(problemsFor({ providers: [{ ...openai, weight: 0 }] }), ['providers[0].weight: expected a positive number']);
});

test('unrecognized keys become one "unknown key" line per key, with the full path, at the root too', () => {
  const problems = problemsFor({ bogus: 1, extra: 2, providers: [{ ...openai, typo: true }] });
  assert.deepEqual(problems.sort(), ['bogus: unknown key', 'extra: unknown key', 'providers[0].typo: unknown key']);
  assert.ok(problems.every((line) => !line.startsWith(':')));
});

test('type errors read "expected …, got …"', () => {
  assert.deepEqual(problemsFor({ server: { port: 'abc' } }), ['server.port: expected a number, got string']);
  assert.deepEqual(problemsFor({ server: { port: 1.5 } }), ['server.port: expected an integer, got 1.5']);
  assert.deepEqual(problemsFor({ verify_ssl: 'yes' }), ['verify_ssl: expected a boolean, got string']);
  assert.deepEqual(problemsFor({ providers: {} }), ['providers: expected an array, got object']);
  assert.deepEqual(problemsFor([]), ['(top level): expected an object, got array']);
});

test('a missing required key says so', () => {
  assert.deepEqual(problemsFor({ providers: [{ type: 'openai' }] }), ['providers[0].name: missing (expected a string)']);
});

test('bounds, enums, URLs and unions get short messages', () => {
  assert.deepEqual(problemsFor({ server: { port: 70_000 } }), ['server.port: expected a number <= 65535, got 70000']);
  assert.deepEqual(problemsFor({ server: { host: '' } }), ['server.host: expected a non-empty string']);
  assert.deepEqual(problemsFor({ models: { x: { routes: [] } } }), ['models.x.routes: expected at least 1 item']);
  assert.deepEqual(problemsFor({ providers: [{ ...openai, type: 'gemini' }] }), [
    'providers[0].type: expected one of "openai", "anthropic", "mock", got "gemini"',
  ]);
  assert.deepEqual(problemsFor({ providers: [{ ...openai, api_base: 'ftp://example.com' }] }), [
    'providers[0].api_base: expected a URL such as https://api.openai.com/v1',
  ]);
  assert.deepEqual(problemsFor({ master_keys: [{ name: 'a', key: 'k', rate_limit: 'fast' }] }), [
    'master_keys[0].rate_limit: expected a number or an object, got string',
  ]);
});

test('keeps messages the schema words itself', () => {
  assert.deepEqual(problemsFor({ providers: [openai, openai] }), ['providers[1].name: duplicate provider name "openai-main"']);
  assert.deepEqual(problemsFor({ server: { shutdown_timeout: 'soon' } }), [
    'server.shutdown_timeout: expected a duration such as 30s, 500ms or 10m, got "soon"',
  ]);
});

test('without reportInput the "got" part is left out rather than guessed', () => {
  const result = gatewayConfigSchema.safeParse({ logging: { level: 'loud' } });
  assert.equal(result.success, false);
  assert.deepEqual(formatConfigIssues(result.error?.issues ?? []), [
    'logging.level: expected one of "fatal", "error", "warn", "info", "debug", "trace", "silent"',
  ]);
});
