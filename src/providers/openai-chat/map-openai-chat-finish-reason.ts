import type { FinishReason } from '../../canonical/finish-reason.ts';

export type OpenAIChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * Chat `finish_reason` -> canonical; the raw value is kept. `function_call` (deprecated) is a tool call.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function mapOpenAIChatFinishReason(raw: string | null | undefined): FinishReason {
  const value = raw ?? undefined;
  switch (value) {
    case 'stop':
      return { unified: 'stop', raw: value };
    case 'length':
      return { unified: 'length', raw: value };
    case 'tool_calls':
    case 'function_call':
      return { unified: 'tool-calls', raw: value };
    case 'content_filter':
      return { unified: 'content-filter', raw: value };
    default:
      return { unified: 'other', raw: value };
  }
}

/**
 * Canonical -> Chat `finish_reason`. `error` and `other` (Anthropic `pause_turn`, …) have no Chat value:
 * `stop`, the normal end (protocol-mapping.md §3.2).
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function mapToOpenAIChatFinishReason(finishReason: FinishReason): OpenAIChatFinishReason {
  switch (finishReason.unified) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    case 'error':
    case 'other':
      return 'stop';
  }
}
