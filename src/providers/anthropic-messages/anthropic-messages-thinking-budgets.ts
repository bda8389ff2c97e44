import type { ReasoningEffort } from '../../canonical/canonical-request.ts';

export type ThinkingBudgets = Readonly<Record<Exclude<ReasoningEffort, 'none'>, number>>;

/**
 * The one table between OpenAI reasoning effort and Anthropic `thinking.budget_tokens` (⚠ choice: no
 * official mapping exists, protocol-mapping.md §2.7). Effort -> budget reads a row; budget -> effort takes
 * the highest row at or below the budget (`mapAnthropicMessagesBudgetToEffort`), so every row maps back to
 * its own effort. `none` is `thinking: {type: "disabled"}`. 1,024 is Anthropic's minimum budget; `max`
 * stays under the 64k output cap of current models with room for the answer.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export const anthropicMessagesThinkingBudgets = {
  minimal: 1_024,
  low: 2_048,
  medium: 8_192,
  high: 24_576,
  xhigh: 32_768,
  max: 49_152,
} as const satisfies ThinkingBudgets;
