import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAttemptOrders } from './build-attempt-orders.ts';

const target = (name: string, priority: number, weight: number) => ({ name, priority, weight });
const names = (targets: readonly { readonly name: string }[]) => targets.map((entry) => entry.name);

test('the pick leads, its tier follows by descending weight, then later tiers by priority and weight', () => {
  const { firstTier, attemptsByPick } = buildAttemptOrders([
    target('late-light', 3, 1),
    target('a', 1, 1),
    target('mid', 2, 1),
    target('b', 1, 5),
    target('late-heavy', 3, 4),
    target('c', 1, 2),
  ]);
  assert.deepEqual(names(firstTier), ['a', 'b', 'c']);
  assert.deepEqual(attemptsByPick.map(names), [
    ['a', 'b', 'c', 'mid', 'late-heavy', 'late-light'],
    ['b', 'c', 'a', 'mid', 'late-heavy', 'late-light'],
    ['c', 'b', 'a', 'mid', 'late-heavy', 'late-light'],
  ]);
});

test('equal weights keep config order; priority 0 comes before 1', () => {
  const { attemptsByPick } = buildAttemptOrders([target('x', 1, 1), target('y', 1, 1), target('zero', 0, 1), target('z', 1, 1)]);
  assert.deepEqual(attemptsByPick.map(names), [['zero', 'x', 'y', 'z']]);
});

test('the same target listed twice keeps both entries', () => {
  const twice = target('same', 1, 1);
  const { attemptsByPick } = buildAttemptOrders([twice, twice]);
  assert.deepEqual(attemptsByPick.map(names), [
    ['same', 'same'],
    ['same', 'same'],
  ]);
});

test('no targets give no orders', () => {
  assert.deepEqual(buildAttemptOrders([]), { firstTier: [], attemptsByPick: [] });
});
