import { anthropicMessagesAdapter } from '../providers/anthropic-messages/anthropic-messages-adapter.ts';
import { openaiChatAdapter } from '../providers/openai-chat/openai-chat-adapter.ts';
import { openaiResponsesAdapter } from '../providers/openai-responses/openai-responses-adapter.ts';
import type { ProtocolAdapter } from './protocol-adapter.ts';
import type { WireProtocol } from './wire-protocol.ts';

/** One adapter per protocol; a provider's protocol (provider-runtime.ts) picks its upstream side. */
export const protocolAdapters: Readonly<Record<WireProtocol, ProtocolAdapter>> = {
  'openai-chat': openaiChatAdapter,
  'anthropic-messages': anthropicMessagesAdapter,
  'openai-responses': openaiResponsesAdapter,
};
