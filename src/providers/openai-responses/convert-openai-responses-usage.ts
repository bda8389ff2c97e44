import type { CanonicalUsage } from '../../canonical/canonical-usage.ts';
import type { OpenAIResponsesUsage } from './openai-responses-usage-schema.ts';

type Mutable<Value> = { -readonly [Key in keyof Value]: Value[Key] };

/**
 * Responses `usage` -> canonical: same meaning of input (cached tokens included), so a rename; only the
 * counts the provider reported are set.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function convertOpenAIResponsesUsage(usage: OpenAIResponsesUsage): CanonicalUsage {
  const converted: Mutable<CanonicalUsage> = {};
  if (usage.input_tokens != null) converted.inputTokens = usage.input_tokens;
  if (usage.output_tokens != null) converted.outputTokens = usage.output_tokens;
  if (usage.total_tokens != null) converted.totalTokens = usage.total_tokens;
  if (usage.input_tokens_details?.cached_tokens != null) converted.cachedInputTokens = usage.input_tokens_details.cached_tokens;
  if (usage.input_tokens_details?.cache_write_tokens != null) converted.cacheWriteInputTokens = usage.input_tokens_details.cache_write_tokens;
  if (usage.output_tokens_details?.reasoning_tokens != null) converted.reasoningTokens = usage.output_tokens_details.reasoning_tokens;
  return converted;
}
