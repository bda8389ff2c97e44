import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from './config-error.ts';

test('the message is one header line naming the origin, then one line per problem', () => {
  const error = new ConfigError('/etc/llm-proxy/config.yaml', ['providers[1].weight: expected a positive number', 'bogus: unknown key']);
  assert.equal(error.message, 'invalid configuration (/etc/llm-proxy/config.yaml):\nproviders[1].weight: expected a positive number\nbogus: unknown key');
  assert.deepEqual(error.problems, ['providers[1].weight: expected a positive number', 'bogus: unknown key']);
  assert.equal(error.origin, '/etc/llm-proxy/config.yaml');
  assert.equal(error.name, 'ConfigError');
  assert.ok(error instanceof Error);
});

test('the problems cannot be changed afterwards, even through the array passed in', () => {
  const problems = ['a: first'];
  const error = new ConfigError('config', problems);
  problems.push('b: second');
  assert.deepEqual(error.problems, ['a: first']);
  assert.ok(Object.isFrozen(error.problems));
});

test('keeps the cause', () => {
  const cause = new Error('EACCES');
  assert.equal(new ConfigError('config', ['x'], { cause }).cause, cause);
});
