import type { CanonicalReasoning, ReasoningEffort } from '../../canonical/canonical-request.ts';
import type { ConversionWarning } from '../../canonical/conversion-warning.ts';
import { mapBudgetToReasoningEffort } from '../../canonical/reasoning-effort-budgets.ts';

/**
 * The effort both OpenAI protocols send for canonical reasoning: an effort as is; a budget alone bucketed
 * through the one table (src/canonical/reasoning-effort-budgets.ts) into low, medium or high, with a
 * warning naming `field`; `adaptive` or a bare "enabled" gives no effort (the model's default). `off`: reasoning was disabled without an effort, which
 * is left out with a warning, since `none` is not accepted by every OpenAI reasoning model.
 */
export function selectOpenAIReasoningEffort(
  reasoning: CanonicalReasoning,
  warnings: ConversionWarning[],
  field: string,
): { readonly off: true } | { readonly off: false; readonly effort: ReasoningEffort | undefined } {
  if (reasoning.effort !== undefined) return { off: false, effort: reasoning.effort };
  if (!reasoning.enabled) {
    warnings.push({ type: 'dropped', feature: 'thinking', detail: 'reasoning cannot be switched off for every OpenAI model; the model default applies' });
    return { off: true };
  }
  if (reasoning.budgetTokens === undefined) return { off: false, effort: undefined };
  const effort = clampToCommonEffort(mapBudgetToReasoningEffort(reasoning.budgetTokens));
  warnings.push({ type: 'adjusted', feature: 'budget_tokens', detail: `${reasoning.budgetTokens} sent as ${field} "${effort}"` });
  return { off: false, effort };
}

/**
 * A budget says nothing about the model, so it only picks the efforts every OpenAI reasoning model
 * accepts: `minimal` (gpt-5 family only) becomes `low`, `xhigh` and `max` become `high`. An effort the
 * client named itself is sent as named.
 */
function clampToCommonEffort(effort: ReasoningEffort): 'low' | 'medium' | 'high' {
  if (effort === 'medium' || effort === 'high') return effort;
  return effort === 'minimal' || effort === 'low' || effort === 'none' ? 'low' : 'high';
}
