import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import { anthropicMessagesUsageSchema } from '../providers/anthropic-messages/anthropic-messages-response-schema.ts';
import { convertAnthropicMessagesUsageToCanonical } from '../providers/anthropic-messages/convert-anthropic-messages-usage.ts';
import { convertOpenAIChatUsageToCanonical } from '../providers/openai-chat/convert-openai-chat-usage.ts';
import { openaiChatUsageSchema } from '../providers/openai-chat/openai-chat-usage-schema.ts';
import { convertOpenAIResponsesUsage } from '../providers/openai-responses/convert-openai-responses-usage.ts';
import { openaiResponsesUsageSchema } from '../providers/openai-responses/openai-responses-usage-schema.ts';
import type { WireProtocol } from '../translation/wire-protocol.ts';

/**
 * A provider's `usage` object, in its protocol's words, as canonical usage (each protocol's own schema and
 * converter, the ones the translators use). Chat's shape also covers `/v1/completions` and `/v1/embeddings`.
 * Undefined when it is not a usage object or gives neither input nor output tokens.
 */
export function readWireUsage(protocol: WireProtocol, usage: Record<string, unknown>): CanonicalUsage | undefined {
  let canonical: CanonicalUsage | undefined;
  switch (protocol) {
    case 'openai-chat': {
      const parsed = openaiChatUsageSchema.safeParse(usage);
      canonical = parsed.success ? convertOpenAIChatUsageToCanonical(parsed.data) : undefined;
      break;
    }
    case 'anthropic-messages': {
      const parsed = anthropicMessagesUsageSchema.safeParse(usage);
      canonical = parsed.success ? convertAnthropicMessagesUsageToCanonical(parsed.data) : undefined;
      break;
    }
    case 'openai-responses': {
      const parsed = openaiResponsesUsageSchema.safeParse(usage);
      canonical = parsed.success ? convertOpenAIResponsesUsage(parsed.data) : undefined;
      break;
    }
  }
  return canonical === undefined || (canonical.inputTokens === undefined && canonical.outputTokens === undefined) ? undefined : canonical;
}
