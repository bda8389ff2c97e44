import assert from 'node:assert/strict';
import test from 'node:test';
import { MemoryTokenBucket } from './memory-token-bucket.ts';

test('a bucket lets its burst through, refuses the next with the time to the next token, and refills with time', () => {
  let clock = 0;
  const buckets = new MemoryTokenBucket(() => clock);
  const limit = { ratePerSecond: 2, capacity: 3 };
  assert.deepEqual(
    [1, 2, 3].map(() => buckets.take('k', limit)),
    [
      { allowed: true, remaining: 2, resetMs: 500 },
      { allowed: true, remaining: 1, resetMs: 1_000 },
      { allowed: true, remaining: 0, resetMs: 1_500 },
    ],
  );
  assert.deepEqual(buckets.take('k', limit), { allowed: false, retryAfterMs: 500, remaining: 0, resetMs: 1_500 });
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

test("reset durations read like OpenAI's", async () => {
  const { formatResetDuration } = await import('./format-rate-limit-headers.ts');
  assert.deepEqual([0, 20, 999, 1_000, 1_500, 59_990, 360_000, 90_500].map(formatResetDuration), [
    '0ms',
    '20ms',
    '999ms',
    '1s',
    '1.5s',
    '59.99s',
    '6m0s',
    '1m31s',
  ]);
});
