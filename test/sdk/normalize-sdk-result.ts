import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import type { SdkResult } from './send-with-sdk.ts';

/** Finish reasons said once for all protocols: stop/end_turn/completed, tool_calls/tool_use, length/max_tokens/incomplete. */
export type NormalizedStopReason = 'stop' | 'tool_calls' | 'length' | `other:${string}`;

export interface NormalizedToolCall {
  /** Chat `id` = Responses `call_id` = Anthropic `tool_use.id` (the gateway passes them through). */
  readonly id: string;
  readonly name: string;
  /** Parsed: the protocols carry a JSON string (OpenAI) or an object (Anthropic). */
  readonly arguments: unknown;
}

/** What a client SDK result says, in words every protocol shares. */
export interface NormalizedResult {
  readonly text: string;
  readonly toolCalls: readonly NormalizedToolCall[];
  readonly stopReason: NormalizedStopReason;
  /**
   * Input counts as OpenAI counts it (Anthropic cache reads and writes included), with the part read from the
   * prompt cache (Chat `prompt_tokens_details.cached_tokens`, Responses `input_tokens_details.cached_tokens`,
   * Anthropic `cache_read_input_tokens`; absent = 0); undefined when the result has no usage.
   */
  readonly usage: { readonly input: number; readonly output: number; readonly cacheRead: number } | undefined;
  /** Visible reasoning text (Anthropic thinking, Responses summary); Chat has none. */
  readonly reasoning: string;
}

export function normalizeSdkResult(result: SdkResult): NormalizedResult {
  switch (result.protocol) {
    case 'openai-chat':
      return normalizeChatCompletion(result.value);
    case 'openai-responses':
      return normalizeResponse(result.value);
    case 'anthropic-messages':
      return normalizeMessage(result.value);
  }
}

function parseArguments(text: string): unknown {
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

function normalizeChatCompletion(completion: OpenAI.Chat.ChatCompletion): NormalizedResult {
  const choice = completion.choices[0];
  const toolCalls = (choice?.message.tool_calls ?? []).flatMap((call) =>
    call.type === 'function' ? [{ id: call.id, name: call.function.name, arguments: parseArguments(call.function.arguments) }] : [],
  );
  const finish = choice?.finish_reason;
  const stopReason: NormalizedStopReason =
    finish === 'stop'
      ? 'stop'
      : finish === 'tool_calls' || finish === 'function_call'
        ? 'tool_calls'
        : finish === 'length'
          ? 'length'
          : `other:${String(finish)}`;
  return {
    text: choice?.message.content ?? '',
    toolCalls,
    stopReason,
    usage:
      completion.usage === undefined
        ? undefined
        : {
            input: completion.usage.prompt_tokens,
            output: completion.usage.completion_tokens,
            cacheRead: completion.usage.prompt_tokens_details?.cached_tokens ?? 0,
          },
    reasoning: '',
  };
}

/** Responses has no stop reason: a completed response with function calls is the tool-call stop. */
function normalizeResponse(response: OpenAI.Responses.Response): NormalizedResult {
  let text = '';
  let reasoning = '';
  const toolCalls: NormalizedToolCall[] = [];
  for (const item of response.output) {
    if (item.type === 'message') {
      for (const part of item.content) if (part.type === 'output_text') text += part.text;
    } else if (item.type === 'function_call') {
      toolCalls.push({ id: item.call_id, name: item.name, arguments: parseArguments(item.arguments) });
    } else if (item.type === 'reasoning') {
      reasoning += item.summary.map((part) => part.text).join('');
    }
  }
  let stopReason: NormalizedStopReason;
  if (response.status === 'completed') stopReason = toolCalls.length > 0 ? 'tool_calls' : 'stop';
  else if (response.status === 'incomplete' && response.incomplete_details?.reason === 'max_output_tokens') stopReason = 'length';
  else stopReason = `other:${String(response.status)}/${String(response.incomplete_details?.reason)}`;
  return {
    text,
    toolCalls,
    stopReason,
    usage:
      response.usage == null
        ? undefined
        : { input: response.usage.input_tokens, output: response.usage.output_tokens, cacheRead: response.usage.input_tokens_details?.cached_tokens ?? 0 },
    reasoning,
  };
}

function normalizeMessage(message: Anthropic.Message): NormalizedResult {
  let text = '';
  let reasoning = '';
  const toolCalls: NormalizedToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'tool_use') toolCalls.push({ id: block.id, name: block.name, arguments: block.input });
    else if (block.type === 'thinking') reasoning += block.thinking;
  }
  const stop = message.stop_reason;
  const stopReason: NormalizedStopReason =
    stop === 'end_turn' || stop === 'stop_sequence' || stop === 'pause_turn'
      ? 'stop'
      : stop === 'tool_use'
        ? 'tool_calls'
        : stop === 'max_tokens' || stop === 'model_context_window_exceeded'
          ? 'length'
          : `other:${String(stop)}`;
  const usage = message.usage;
  return {
    text,
    toolCalls,
    stopReason,
    usage: {
      input: usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0),
      output: usage.output_tokens,
      cacheRead: usage.cache_read_input_tokens ?? 0,
    },
    reasoning,
  };
}
