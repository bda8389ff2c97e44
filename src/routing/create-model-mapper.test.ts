import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createModelMapper } from './create-model-mapper.ts';

test('an exact key beats a pattern that also matches, wherever it is written', () => {
  const mapModel = createModelMapper({ 'gpt-.*': 'from-pattern', 'gpt-4': 'from-exact' });
  assert.equal(mapModel('gpt-4'), 'from-exact');
  assert.equal(mapModel('gpt-5'), 'from-pattern');
});

test('the first matching pattern in the order written wins', () => {
  assert.equal(createModelMapper({ 'claude-.*': 'first', 'claude-opus-.*': 'second' })('claude-opus-4'), 'first');
  assert.equal(createModelMapper({ 'claude-opus-.*': 'first', 'claude-.*': 'second' })('claude-opus-4'), 'first');
  assert.equal(createModelMapper({ 'claude-opus-.*': 'first', 'claude-.*': 'second' })('claude-haiku'), 'second');
});

test('supports the documented wildcard and regex forms', () => {
  const mapModel = createModelMapper({ 'gemini-*': 'gemini-pro', 'claude-opus-4-5-.*': 'claude-opus-mapped' });
  assert.equal(mapModel('gemini-1.5-flash'), 'gemini-pro');
  assert.equal(mapModel('claude-opus-4-5-20251101'), 'claude-opus-mapped');
  assert.equal(mapModel('claude-opus-4-1'), undefined);
  assert.equal(mapModel('xgemini-pro'), undefined);
});

test('patterns are anchored at both ends', () => {
  const mapModel = createModelMapper({ 'gpt-4': 'exact', 'o1.*': 'o1-family' });
  assert.equal(mapModel('gpt-4o'), undefined);
  assert.equal(mapModel('my-gpt-4'), undefined);
  assert.equal(mapModel('o1-mini'), 'o1-family');
  assert.equal(mapModel('xo1'), undefined);
  assert.equal(createModelMapper({ 'gpt-4.*': 'family' })('gpt-4o'), 'family');
});

test('a key without pattern characters is matched exactly, not as a regex', () => {
  const mapModel = createModelMapper({ 'gpt-3.5-turbo': 'upstream' });
  assert.equal(mapModel('gpt-3.5-turbo'), 'upstream');
  assert.equal(mapModel('gpt-3x5-turbo'), undefined);
});

test('a missing or empty mapping serves every model under its own name', () => {
  assert.equal(createModelMapper(undefined)('anything'), 'anything');
  assert.equal(createModelMapper({})('anything'), 'anything');
});

test('names of Object.prototype members are not mapping keys', () => {
  const mapModel = createModelMapper({ 'gpt-4': 'gpt-4-turbo' });
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    assert.equal(mapModel(name), undefined, name);
  }
});
