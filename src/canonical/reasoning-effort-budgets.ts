import type { ReasoningEffort } from './canonical-request.ts';

export type ThinkingBudgets = Readonly<Record<Exclude<ReasoningEffort, 'none'>, number>>;

/**
 * The one table between reasoning effort (OpenAI's words) and a thinking budget in tokens (Anthropic's
 * `thinking.budget_tokens`), used in both directions by every protocol (⚠ choice: no official mapping
 * exists, protocol-mapping.md §2.7). Effort -> budget reads a row; budget -> effort takes the highest
 * row at or below the budget (`mapBudgetToReasoningEffort`), so every row maps back to its own effort.
 * `none` is reasoning off (`thinking: {type: "disabled"}`). 1,024 is Anthropic's minimum budget; `max`
 * stays under the 64k output cap of current models with room for the answer.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export const reasoningEffortBudgets = {
  minimal: 1_024,
  low: 2_048,
  medium: 8_192,
  high: 24_576,
  xhigh: 32_768,
  max: 49_152,
} as const satisfies ThinkingBudgets;

/**
 * A thinking budget -> effort: the highest row of the table at or below the budget (Claude Code's 31,999
 * is `high`, 10,000 `medium`); below the smallest row, `minimal`.
 */
export function mapBudgetToReasoningEffort(budgetTokens: number, budgets: ThinkingBudgets = reasoningEffortBudgets): Exclude<ReasoningEffort, 'none'> {
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
