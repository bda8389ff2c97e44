import type { ReasoningEffort } from '../../canonical/canonical-request.ts';
import { anthropicMessagesThinkingBudgets, type ThinkingBudgets } from './anthropic-messages-thinking-budgets.ts';

/**
 * `thinking.budget_tokens` -> effort: the highest row of the budget table at or below the budget
 * (Claude Code's 31,999 is `high`, 10,000 `medium`); below the smallest row, `minimal`.
 */
export function mapAnthropicMessagesBudgetToEffort(
  budgetTokens: number,
  budgets: ThinkingBudgets = anthropicMessagesThinkingBudgets,
): Exclude<ReasoningEffort, 'none'> {
  let effort: Exclude<ReasoningEffort, 'none'> = 'minimal';
  let best = Number.NEGATIVE_INFINITY;
  for (const [name, budget] of Object.entries(budgets) as [Exclude<ReasoningEffort, 'none'>, number][]) {
    if (budget <= budgetTokens && budget > best) {
      effort = name;
      best = budget;
    }
  }
  return effort;
}
