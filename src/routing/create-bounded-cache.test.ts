import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBoundedCache } from './create-bounded-cache.ts';

test('never holds more than its limit and evicts the oldest entry first', () => {
  const cache = createBoundedCache<string, number>(3);
  for (const [index, key] of ['a', 'b', 'c', 'd'].entries()) {
    cache.set(key, index);
  }
  assert.equal(cache.size, 3);
  assert.equal(cache.get('a'), undefined);
  assert.deepEqual(
    ['b', 'c', 'd'].map((key) => cache.get(key)),
    [1, 2, 3],
  );
});

test('overwriting a present key evicts nothing', () => {
  const cache = createBoundedCache<string, number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('a', 3);
  assert.equal(cache.size, 2);
  assert.equal(cache.get('a'), 3);
  assert.equal(cache.get('b'), 2);
});

test('rejects a limit that is not a positive integer', () => {
  assert.throws(() => createBoundedCache(0), RangeError);
  assert.throws(() => createBoundedCache(1.5), RangeError);
});
