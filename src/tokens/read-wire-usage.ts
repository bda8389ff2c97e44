import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import type { AnthropicMessagesUsage } from '../providers/anthropic-messages/anthropic-messages-response-schema.ts';
import { convertAnthropicMessagesUsageToCanonical } from '../providers/anthropic-messages/convert-anthropic-messages-usage.ts';
import { convertOpenAIChatUsageToCanonical } from '../providers/openai-chat/convert-openai-chat-usage.ts';
import type { OpenAIChatUsage } from '../providers/openai-chat/openai-chat-usage-schema.ts';
import { convertOpenAIResponsesUsage } from '../providers/openai-responses/convert-openai-responses-usage.ts';
import type { OpenAIResponsesUsage } from '../providers/openai-responses/openai-responses-usage-schema.ts';
import type { WireProtocol } from '../translation/wire-protocol.ts';

/**
 * A provider's `usage` object, in its protocol's words, as canonical usage (each protocol's converter, the
 * one the translators use). Chat's shape also covers `/v1/completions` and `/v1/embeddings`. Undefined
 * when it gives neither input nor output tokens.
 */
export function readWireUsage(protocol: WireProtocol, usage: Record<string, unknown>): CanonicalUsage | undefined {
  // The usage schemas (openai-chat-usage-schema.ts ...) are lenient: every field an optional count or an
  // object of counts. keepCounts makes any object that shape, ~10x cheaper than zod's walk, once per request.
  const counts = keepCounts(usage, 0);
  let canonical: CanonicalUsage;
  switch (protocol) {
    case 'openai-chat':
      canonical = convertOpenAIChatUsageToCanonical(counts as OpenAIChatUsage);
      break;
    case 'anthropic-messages':
      canonical = convertAnthropicMessagesUsageToCanonical(counts as AnthropicMessagesUsage);
      break;
    case 'openai-responses':
      canonical = convertOpenAIResponsesUsage(counts as OpenAIResponsesUsage);
      break;
  }
  return canonical.inputTokens === undefined && canonical.outputTokens === undefined ? undefined : canonical;
}

/** Finite numbers, and objects of them one level down (`*_details`); everything else is left out. */
function keepCounts(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key in value) {
    // An own `__proto__` key from the network would set the copy's prototype: left out.
    if (key === '__proto__' || !Object.hasOwn(value, key)) continue;
    const field = value[key];
    if (typeof field === 'number') {
      if (Number.isFinite(field)) kept[key] = field;
    } else if (depth === 0 && typeof field === 'object' && field !== null && !Array.isArray(field)) {
      kept[key] = keepCounts(field as Record<string, unknown>, 1);
    }
  }
  return kept;
}
