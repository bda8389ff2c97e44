import type { CanonicalUsage } from '../../canonical/canonical-usage.ts';
import type { AnthropicMessagesUsage } from './anthropic-messages-response-schema.ts';
import type { AnthropicUsageBody } from './anthropic-messages-wire-types.ts';

type Mutable<Value> = { -readonly [Key in keyof Value]: Value[Key] };

/**
 * AM usage -> canonical. AM `input_tokens` excludes cache reads and writes; canonical input includes them:
 * `inputTokens = input + cache_read + cache_creation`. The total is computed; thinking tokens (2026 API)
 * become reasoning tokens. Counts the usage does not give stay undefined.
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 */
export function convertAnthropicMessagesUsageToCanonical(usage: AnthropicMessagesUsage): CanonicalUsage {
  const canonical: Mutable<CanonicalUsage> = {};
  const cacheRead = usage.cache_read_input_tokens ?? undefined;
  const cacheWrite = usage.cache_creation_input_tokens ?? undefined;
  if (usage.input_tokens != null) canonical.inputTokens = usage.input_tokens + (cacheRead ?? 0) + (cacheWrite ?? 0);
  if (usage.output_tokens != null) canonical.outputTokens = usage.output_tokens;
  if (canonical.inputTokens !== undefined && canonical.outputTokens !== undefined) canonical.totalTokens = canonical.inputTokens + canonical.outputTokens;
  if (cacheRead !== undefined) canonical.cachedInputTokens = cacheRead;
  if (cacheWrite !== undefined) canonical.cacheWriteInputTokens = cacheWrite;
  const thinking = usage.output_tokens_details?.thinking_tokens;
  if (thinking != null) canonical.reasoningTokens = thinking;
  return canonical;
}

/**
 * Canonical -> AM usage: `input_tokens = inputTokens - cached - cache writes` (never below 0). Unknown
 * counts are 0; the cache fields are written when known (`withCacheFields` writes them as 0 otherwise, as
 * a stream's `message_start` does); `output_tokens_details` only when reasoning tokens are known.
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 */
export function convertToAnthropicMessagesUsage(usage: CanonicalUsage, withCacheFields = false): AnthropicUsageBody {
  const cacheRead = usage.cachedInputTokens;
  const cacheWrite = usage.cacheWriteInputTokens;
  const body: AnthropicUsageBody = {
    input_tokens: Math.max(0, (usage.inputTokens ?? 0) - (cacheRead ?? 0) - (cacheWrite ?? 0)),
    output_tokens: usage.outputTokens ?? 0,
  };
  if (cacheWrite !== undefined || withCacheFields) body.cache_creation_input_tokens = cacheWrite ?? 0;
  if (cacheRead !== undefined || withCacheFields) body.cache_read_input_tokens = cacheRead ?? 0;
  if (usage.reasoningTokens !== undefined) body.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return body;
}
