import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSmoothWeightedRotation } from './create-smooth-weighted-rotation.ts';

function countPicks(weights: readonly number[], picks: number): number[] {
  const rotation = createSmoothWeightedRotation(weights);
  const counts = weights.map(() => 0);
  for (let pick = 0; pick < picks; pick++) {
    const index = rotation.pickNext();
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

test('follows the nginx sequence: interleaved, ties to the earlier member', () => {
  const rotation = createSmoothWeightedRotation([1, 3]);
  const sequence = Array.from({ length: 8 }, () => rotation.pickNext());
  assert.deepEqual(sequence, [1, 0, 1, 1, 1, 0, 1, 1]);
  const nginxExample = createSmoothWeightedRotation([5, 1, 1]);
  // The sequence from the commit that introduced smooth weighting in nginx: a a b a c a a.
  assert.deepEqual(
    Array.from({ length: 7 }, () => nginxExample.pickNext()),
    [0, 0, 1, 0, 2, 0, 0],
  );
});

test('splits exactly by weight', () => {
  assert.deepEqual(countPicks([1, 3], 4000), [1000, 3000]);
  assert.deepEqual(countPicks([2, 1, 1], 4000), [2000, 1000, 1000]);
  assert.deepEqual(countPicks([1, 1], 3), [2, 1]);
});

test('keeps fractional weights in proportion', () => {
  const [light = 0, heavy = 0] = countPicks([0.5, 1.5], 4000);
  assert.ok(Math.abs(light - 1000) <= 1, `light ${light}`);
  assert.ok(Math.abs(heavy - 3000) <= 1, `heavy ${heavy}`);
});

test('a single member is always picked', () => {
  assert.deepEqual(countPicks([7], 5), [5]);
});

test('rejects an empty list and non-positive weights', () => {
  assert.throws(() => createSmoothWeightedRotation([]), RangeError);
  assert.throws(() => createSmoothWeightedRotation([1, 0]), RangeError);
  assert.throws(() => createSmoothWeightedRotation([Number.NaN]), RangeError);
});
