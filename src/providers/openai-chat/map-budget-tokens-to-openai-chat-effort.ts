import type { ReasoningEffort } from '../../canonical/canonical-request.ts';

/**
 * Anthropic thinking budgets -> OpenAI reasoning effort, for a request that gave a budget but no effort.
 * Upper bounds, inclusive; anything above the last row is `high`. ⚠ choice: no official mapping exists.
 * The steps follow Anthropic's guidance (1,024 is the minimum budget; "start at the minimum and increase";
 * Claude Code's largest preset is 31,999). To be unified with the Anthropic folder's effort -> budget table.
 */
export const openaiChatEffortByBudget = [
  { maxBudgetTokens: 4_096, effort: 'low' },
  { maxBudgetTokens: 16_384, effort: 'medium' },
] as const satisfies readonly { maxBudgetTokens: number; effort: ReasoningEffort }[];

export function mapBudgetTokensToOpenAIChatEffort(budgetTokens: number): (typeof openaiChatEffortByBudget)[number]['effort'] | 'high' {
  return openaiChatEffortByBudget.find((row) => budgetTokens <= row.maxBudgetTokens)?.effort ?? 'high';
}
