import type { CanonicalUsage } from '../../canonical/canonical-usage.ts';

/** `usage` of a Response as the gateway writes it: every field the openai SDK types require. */
export interface OpenAIResponsesUsageBody {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/**
 * Canonical usage -> Responses `usage`; a count the provider did not report is 0, and the total is
 * computed when missing.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function convertToOpenAIResponsesUsage(usage: CanonicalUsage): OpenAIResponsesUsageBody {
  const inputTokens = usage.inputTokens ?? 0;
  const outputTokens = usage.outputTokens ?? 0;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0, cache_write_tokens: usage.cacheWriteInputTokens ?? 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.totalTokens ?? inputTokens + outputTokens,
  };
}
