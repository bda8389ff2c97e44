import type { CanonicalUsage } from '../../canonical/canonical-usage.ts';
import type { OpenAIChatUsage } from './openai-chat-usage-schema.ts';

type Mutable<Value> = { -readonly [Key in keyof Value]: Value[Key] };

/** Chat `usage` as the gateway writes it. */
export interface OpenAIChatUsageBody {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

/**
 * Chat usage -> canonical. Both use OpenAI's meaning of input (cached tokens included), so nothing is
 * added or subtracted. DeepSeek's `prompt_cache_hit_tokens` counts as cached tokens when the OpenAI field is absent.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function convertOpenAIChatUsageToCanonical(usage: OpenAIChatUsage): CanonicalUsage {
  const canonical: Mutable<CanonicalUsage> = {};
  if (usage.prompt_tokens != null) canonical.inputTokens = usage.prompt_tokens;
  if (usage.completion_tokens != null) canonical.outputTokens = usage.completion_tokens;
  if (usage.total_tokens != null) canonical.totalTokens = usage.total_tokens;
  const cached = usage.prompt_tokens_details?.cached_tokens ?? usage.prompt_cache_hit_tokens;
  if (cached != null) canonical.cachedInputTokens = cached;
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens;
  if (cacheWrite != null) canonical.cacheWriteInputTokens = cacheWrite;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (reasoning != null) canonical.reasoningTokens = reasoning;
  return canonical;
}

/**
 * Canonical -> Chat usage. The three counts are required on the wire (0 when unknown; the total is
 * computed when the source had none, as Anthropic's). The details appear only with counts the source
 * reported: a 0 would claim, say, that no reasoning happened when the provider just did not say.
 */
export function convertToOpenAIChatUsage(usage: CanonicalUsage): OpenAIChatUsageBody {
  const promptTokens = usage.inputTokens ?? 0;
  const completionTokens = usage.outputTokens ?? 0;
  const body: OpenAIChatUsageBody = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: usage.totalTokens ?? promptTokens + completionTokens,
  };
  if (usage.cachedInputTokens !== undefined || usage.cacheWriteInputTokens !== undefined) {
    body.prompt_tokens_details = {};
    if (usage.cachedInputTokens !== undefined) body.prompt_tokens_details.cached_tokens = usage.cachedInputTokens;
    if (usage.cacheWriteInputTokens !== undefined) body.prompt_tokens_details.cache_write_tokens = usage.cacheWriteInputTokens;
  }
  if (usage.reasoningTokens !== undefined) body.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return body;
}
