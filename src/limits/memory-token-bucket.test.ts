import assert from 'node:assert/strict';
import test from 'node:test';
import { MemoryTokenBucket } from './memory-token-bucket.ts';

test('a bucket lets its burst through, refuses the next with the time to the next token, and refills with time', () => {
  let clock = 0;
  const buckets = new MemoryTokenBucket(() => clock);
  const limit = { ratePerSecond: 2, capacity: 3 };
  assert.deepEqual([1, 2, 3].map(() => buckets.take('k', limit).allowed), [true, true, true]);
  assert.deepEqual(buckets.take('k', limit), { allowed: false, retryAfterMs: 500 });
  clock = 500;
  assert.equal(buckets.take('k', limit).allowed, true);
  assert.equal(buckets.take('k', limit).allowed, false);
});

test('memory stays bounded: past 50,000 buckets the full ones are dropped, the ones still limiting are kept', () => {
  let clock = 0;
  const buckets = new MemoryTokenBucket(() => clock);
  const limit = { ratePerSecond: 1, capacity: 1 };
  assert.equal(buckets.take('busy', limit).allowed, true);
  for (let index = 0; index < 50_000; index += 1) buckets.take(`ip:${index}`, limit);
  clock = 999;
  // Every ip bucket is empty until 1 s: nothing to drop yet, so the map may grow by one.
  buckets.take('late', limit);
  assert.equal(buckets.size, 50_002);
  clock = 2_000;
  buckets.take('later', limit);
  assert.ok(buckets.size < 10, `${buckets.size} buckets after every old one refilled`);
  assert.equal(buckets.take('later', limit).allowed, false, 'the new bucket still limits');
});
