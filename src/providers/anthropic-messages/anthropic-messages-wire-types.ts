/**
 * The Messages shapes the gateway writes (requests to an Anthropic upstream, answers and events to an
 * Anthropic client). Field names and optionality follow the SDK types.
 * @see https://docs.anthropic.com/en/api/messages
 */

export interface AnthropicCacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

export interface AnthropicTextBlockBody {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicImageBlockBody {
  type: 'image';
  source: { type: 'url'; url: string } | { type: 'base64'; media_type: string; data: string };
  cache_control?: AnthropicCacheControl;
}

/** @see https://docs.anthropic.com/en/docs/build-with-claude/pdf-support */
export interface AnthropicDocumentBlockBody {
  type: 'document';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string } | { type: 'text'; media_type: 'text/plain'; data: string };
  title?: string;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolUseBlockBody {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolResultBlockBody {
  type: 'tool_result';
  tool_use_id: string;
  content: string | (AnthropicTextBlockBody | AnthropicImageBlockBody | AnthropicDocumentBlockBody)[];
  is_error?: boolean;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicThinkingBlockBody {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface AnthropicRedactedThinkingBlockBody {
  type: 'redacted_thinking';
  data: string;
}

export type AnthropicUserBlockBody = AnthropicTextBlockBody | AnthropicImageBlockBody | AnthropicDocumentBlockBody | AnthropicToolResultBlockBody;
export type AnthropicAssistantBlockBody = AnthropicTextBlockBody | AnthropicToolUseBlockBody | AnthropicThinkingBlockBody | AnthropicRedactedThinkingBlockBody;

export type AnthropicMessageBody =
  | { role: 'user'; content: string | AnthropicUserBlockBody[] }
  | { role: 'assistant'; content: string | AnthropicAssistantBlockBody[] };

export interface AnthropicToolBody {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  strict?: boolean;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicToolChoiceBody =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export type AnthropicThinkingBody = { type: 'enabled'; budget_tokens: number } | { type: 'adaptive' } | { type: 'disabled' };

export type AnthropicEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface AnthropicMessagesRequestBody {
  model: string;
  max_tokens: number;
  messages: AnthropicMessageBody[];
  system?: string | AnthropicTextBlockBody[];
  stream?: boolean;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  metadata?: { user_id: string };
  tools?: AnthropicToolBody[];
  tool_choice?: AnthropicToolChoiceBody;
  thinking?: AnthropicThinkingBody;
  output_config?: { effort?: AnthropicEffort; format?: { type: 'json_schema'; schema: Record<string, unknown> } };
}

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

/** `usage` of a Message. Input excludes cache reads and writes; the cache fields are sent when known. */
export interface AnthropicUsageBody {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
  output_tokens_details?: { thinking_tokens: number };
}

export interface AnthropicMessagesResponseBody {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicAssistantBlockBody[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsageBody;
}
