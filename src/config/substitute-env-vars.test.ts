import assert from 'node:assert/strict';
import { test } from 'node:test';
import { substituteEnvVars } from './substitute-env-vars.ts';

test('replaces ${VAR} in string values at any depth, leaving keys and other values alone', () => {
  const document = { '${KEY}': 'x', providers: [{ api_key: 'Bearer ${TOKEN}', weight: 2, enabled: true, extra: null }] };
  const result = substituteEnvVars(document, { TOKEN: 'secret', KEY: 'no' });
  assert.deepEqual(result.value, { '${KEY}': 'x', providers: [{ api_key: 'Bearer secret', weight: 2, enabled: true, extra: null }] });
  assert.deepEqual(result.problems, []);
  assert.equal(document.providers[0]?.api_key, 'Bearer ${TOKEN}', 'the input is not changed');
});

test('${VAR:-default} uses the default when VAR is unset or empty, and the value otherwise', () => {
  const document = { a: '${A:-one}', b: '${B:-two}', c: '${C:-three}', d: '${D:-}', url: '${U:-http://x:8080/v1}' };
  const result = substituteEnvVars(document, { A: 'set', B: '' });
  assert.deepEqual(result.value, { a: 'set', b: 'two', c: 'three', d: '', url: 'http://x:8080/v1' });
});

test('a ${VAR} whose variable is unset is a problem naming the path and the variable', () => {
  const result = substituteEnvVars({ providers: [{ api_key: '${OPENAI_API_KEY}' }] }, {});
  assert.deepEqual(result.problems, [{ code: 'custom', path: ['providers', 0, 'api_key'], message: 'environment variable OPENAI_API_KEY is not set' }]);
});

test('a variable set to the empty string is set', () => {
  const result = substituteEnvVars({ key: '${EMPTY}' }, { EMPTY: '' });
  assert.deepEqual(result.value, { key: '' });
  assert.deepEqual(result.problems, []);
});

test('only own environment properties count: ${constructor} is unset, not Object', () => {
  assert.equal(substituteEnvVars({ key: '${constructor}' }, {}).problems.length, 1);
});

test('$${ is a literal ${', () => {
  const result = substituteEnvVars({ template: 'cost: $${AMOUNT} and ${AMOUNT}' }, { AMOUNT: '5' });
  assert.deepEqual(result.value, { template: 'cost: ${AMOUNT} and 5' });
  assert.deepEqual(result.wholeExpressionPaths, []);
});

test('a value cannot inject structure: it stays one string', () => {
  const result = substituteEnvVars({ api_key: '${KEY}' }, { KEY: 'x\nbogus: true\n${OTHER}' });
  assert.deepEqual(result.value, { api_key: 'x\nbogus: true\n${OTHER}' });
});

test('malformed expressions are problems, not passed through', () => {
  const result = substituteEnvVars({ a: '${1BAD}', b: '${UNCLOSED', c: '${A:-${B}}' }, { A: 'x', B: 'y' });
  assert.deepEqual(
    result.problems.map((problem) => problem.path),
    [['a'], ['b'], ['c']],
  );
  assert.match(result.problems[0]?.message ?? '', /invalid substitution "\$\{1BAD\}"/);
});

test('records the paths whose value was exactly one expression, for type coercion later', () => {
  const result = substituteEnvVars({ server: { port: '${PORT:-18000}', host: 'h-${HOST:-x}' }, list: ['${A:-1}', 'x${A:-1}'] }, {});
  assert.deepEqual(result.wholeExpressionPaths, [
    ['server', 'port'],
    ['list', 0],
  ]);
  assert.deepEqual(result.value, { server: { port: '18000', host: 'h-x' }, list: ['1', 'x1'] });
});
