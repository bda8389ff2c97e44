import type { CanonicalResponse } from '../../canonical/canonical-response.ts';
import type { ConversionWarning, Converted } from '../../canonical/conversion-warning.ts';
import { convertToOpenAIChatUsage, type OpenAIChatUsageBody } from './convert-openai-chat-usage.ts';
import type { OpenAIChatToolCallBody } from './convert-to-openai-chat-messages.ts';
import { mapToOpenAIChatFinishReason, type OpenAIChatFinishReason } from './map-openai-chat-finish-reason.ts';

/** A non-streaming Chat Completions answer as OpenAI writes it. */
export interface OpenAIChatResponseBody {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: [
    {
      index: 0;
      message: {
        role: 'assistant';
        content: string | null;
        refusal: null;
        tool_calls?: OpenAIChatToolCallBody[];
        reasoning_content?: string;
        annotations: [];
      };
      logprobs: null;
      finish_reason: OpenAIChatFinishReason;
    },
  ];
  usage: OpenAIChatUsageBody;
}

export interface ConvertToOpenAIChatResponseOptions {
  /** Add the reasoning text as `message.reasoning_content` (DeepSeek's convention, not OpenAI's); dropped otherwise. */
  readonly reasoningContent?: boolean;
}

/**
 * Canonical -> a Chat Completions answer. Text parts are joined into one `content` string (as a stream
 * of the same answer would concatenate them); `content` is null when the answer is only tool calls.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export function convertToOpenAIChatResponse(response: CanonicalResponse, options: ConvertToOpenAIChatResponseOptions = {}): Converted<OpenAIChatResponseBody> {
  const warnings: ConversionWarning[] = [];
  let text: string | undefined;
  let reasoning: string | undefined;
  const toolCalls: OpenAIChatToolCallBody[] = [];
  for (const part of response.content) {
    if (part.type === 'text') text = (text ?? '') + part.text;
    else if (part.type === 'tool-call') toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
    else if (options.reasoningContent === true) reasoning = (reasoning ?? '') + part.text;
    else if (!warnings.some((warning) => warning.feature === 'reasoning')) {
      warnings.push({ type: 'dropped', feature: 'reasoning', detail: 'Chat Completions has no reasoning output' });
    }
  }
  const message: OpenAIChatResponseBody['choices'][0]['message'] = {
    role: 'assistant',
    content: text ?? (toolCalls.length > 0 ? null : ''),
    refusal: null,
    annotations: [],
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  return {
    value: {
      id: response.id,
      object: 'chat.completion',
      created: response.createdSeconds,
      model: response.model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: mapToOpenAIChatFinishReason(response.finishReason) }],
      usage: convertToOpenAIChatUsage(response.usage),
    },
    warnings,
  };
}
