import assert from 'node:assert/strict';
import test from 'node:test';
import { compileModelPattern, isModelPattern } from './compile-model-pattern.ts';

test('a key with only * is a wildcard whose other characters are literal', () => {
  const pattern = compileModelPattern('gpt-3.5-*');
  assert.ok(pattern.test('gpt-3.5-turbo'));
  assert.ok(!pattern.test('gpt-3x5-turbo'), 'the dot is literal in a wildcard key');
  assert.ok(compileModelPattern('gemini-*').test('gemini-2.5-pro'));
});

test('a key with regex syntax is an anchored regular expression, * keeping its regex meaning', () => {
  assert.ok(compileModelPattern('claude-opus-4-5-.*').test('claude-opus-4-5-20251101'));
  const digits = compileModelPattern('claude-3-[0-9]*');
  assert.ok(digits.test('claude-3-2024'));
  assert.ok(!digits.test('claude-3-2024-opus'), '[0-9]* means digits only');
  assert.ok(!compileModelPattern('gpt-4|gpt-4o').test('xgpt-4o'), 'alternatives are anchored as a group');
});

test('patterns are anchored at both ends', () => {
  assert.ok(!compileModelPattern('gpt-4*').test('my-gpt-4o'));
  assert.ok(!compileModelPattern('o1-.*').test('o1'));
});

test('an invalid regex throws', () => {
  assert.throws(() => compileModelPattern('x('), SyntaxError);
});

test('isModelPattern tells plain names from patterns', () => {
  assert.equal(isModelPattern('gpt-3.5-turbo'), false);
  assert.equal(isModelPattern('gpt-*'), true);
  assert.equal(isModelPattern('claude-(opus|sonnet)'), true);
});
