import assert from 'node:assert/strict';
import test from 'node:test';
import { mapBudgetToReasoningEffort, reasoningEffortBudgets } from './reasoning-effort-budgets.ts';

test('every row of the budget table maps back to its own effort', () => {
  for (const [effort, budget] of Object.entries(reasoningEffortBudgets)) assert.equal(mapBudgetToReasoningEffort(budget), effort);
});

test('budgets between rows take the row below; below the table, minimal', () => {
  assert.equal(mapBudgetToReasoningEffort(500), 'minimal');
  assert.equal(mapBudgetToReasoningEffort(4_000), 'low');
  assert.equal(mapBudgetToReasoningEffort(10_000), 'medium');
  assert.equal(mapBudgetToReasoningEffort(31_999), 'high');
  assert.equal(mapBudgetToReasoningEffort(40_000), 'xhigh');
  assert.equal(mapBudgetToReasoningEffort(128_000), 'max');
  assert.equal(mapBudgetToReasoningEffort(5_000, { minimal: 100, low: 200, medium: 5_000, high: 9_000, xhigh: 10_000, max: 20_000 }), 'medium');
});
