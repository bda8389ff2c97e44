import type { CanonicalUsage } from './canonical-usage.ts';

/** Prompt + completion tokens: the provider's total, or the sum of the two when it gave none. */
export function totalTokens(usage: CanonicalUsage): number {
  return usage.totalTokens ?? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}
