import assert from 'node:assert/strict';
import test from 'node:test';
import { anthropicMessagesThinkingBudgets } from './anthropic-messages-thinking-budgets.ts';
import { mapAnthropicMessagesBudgetToEffort } from './map-anthropic-messages-budget-to-effort.ts';

test('every row of the budget table maps back to its own effort', () => {
  for (const [effort, budget] of Object.entries(anthropicMessagesThinkingBudgets)) assert.equal(mapAnthropicMessagesBudgetToEffort(budget), effort);
});

test('budgets between rows take the row below; below the table, minimal', () => {
  assert.equal(mapAnthropicMessagesBudgetToEffort(500), 'minimal');
  assert.equal(mapAnthropicMessagesBudgetToEffort(4_000), 'low');
  assert.equal(mapAnthropicMessagesBudgetToEffort(10_000), 'medium');
  assert.equal(mapAnthropicMessagesBudgetToEffort(31_999), 'high');
  assert.equal(mapAnthropicMessagesBudgetToEffort(40_000), 'xhigh');
  assert.equal(mapAnthropicMessagesBudgetToEffort(128_000), 'max');
  assert.equal(mapAnthropicMessagesBudgetToEffort(5_000, { minimal: 100, low: 200, medium: 5_000, high: 9_000, xhigh: 10_000, max: 20_000 }), 'medium');
});
