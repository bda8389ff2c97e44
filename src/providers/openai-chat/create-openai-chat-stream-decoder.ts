import type { StreamPart } from '../../canonical/stream-part.ts';
import { convertOpenAIChatUsageToCanonical } from './convert-openai-chat-usage.ts';
import { mapOpenAIChatFinishReason } from './map-openai-chat-finish-reason.ts';
import type { OpenAIChatChunk } from './openai-chat-chunk-schema.ts';
import { parseOpenAIChatErrorBody } from './parse-openai-chat-error-body.ts';
import { parseOpenAIChatJson } from './parse-openai-chat-json.ts';
import { readOpenAIChatChunk } from './read-openai-chat-chunk.ts';
import type { StreamDecoder } from '../../translation/stream-codec.ts';

type Delta = NonNullable<NonNullable<NonNullable<OpenAIChatChunk['choices']>[number]['delta']>>;
type ToolCallDelta = NonNullable<Delta['tool_calls']>[number];

interface OpenBlock {
  readonly kind: 'text' | 'reasoning' | 'tool';
  readonly index: number;
}

/**
 * Chat Completions stream -> canonical parts. Blocks get canonical indexes in order of appearance: text,
 * reasoning (`reasoning_content`/`reasoning` deltas of DeepSeek, vLLM, OpenRouter) and each tool call
 * (keyed by `tool_calls[].index`, so parallel calls keep their own). A new block closes the open one, so
 * text after a tool call is a new block. Usage (`choices: []` chunk, after the finish chunk) becomes a
 * `usage` part whenever it comes; `{"error": …}` an `error` part. `refusal` deltas count as text.
 * Assumes, as OpenAI streams them, that a tool call's fragments are not interleaved with another's: a
 * late fragment still goes to its own index, after that block's end.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export function createOpenAIChatStreamDecoder(): StreamDecoder {
  let started = false;
  let finished = false;
  let closed = false;
  let nextBlockIndex = 0;
  let open: OpenBlock | undefined;
  /** Chat tool-call index -> canonical block index. */
  const toolBlocks = new Map<number, number>();
  const toolKeysById = new Map<string, number>();
  let lastToolKey: number | undefined;

  const closeOpen = (parts: StreamPart[]): void => {
    if (open === undefined) return;
    const { kind, index } = open;
    parts.push(kind === 'text' ? { type: 'text-end', index } : kind === 'reasoning' ? { type: 'reasoning-end', index } : { type: 'tool-call-end', index });
    open = undefined;
  };

  const openBlock = (kind: 'text' | 'reasoning', parts: StreamPart[]): number => {
    if (open?.kind === kind) return open.index;
    closeOpen(parts);
    const index = nextBlockIndex++;
    open = { kind, index };
    parts.push(kind === 'text' ? { type: 'text-start', index } : { type: 'reasoning-start', index });
    return index;
  };

  const fail = (parts: StreamPart[], errorType: string, message: string): StreamPart[] => {
    closed = true;
    parts.push({ type: 'error', errorType, message });
    return parts;
  };

  /** Chat's key for a tool call: its `index`; compatible servers that omit it are matched by id, else the last call. */
  const toolKeyOf = (call: ToolCallDelta): number => {
    if (call.index != null) return call.index;
    if (call.id != null) return toolKeysById.get(call.id) ?? toolBlocks.size;
    return lastToolKey ?? 0;
  };

  const takeToolCall = (call: ToolCallDelta, parts: StreamPart[]): void => {
    const key = toolKeyOf(call);
    lastToolKey = key;
    let index = toolBlocks.get(key);
    if (index === undefined) {
      closeOpen(parts);
      index = nextBlockIndex++;
      open = { kind: 'tool', index };
      toolBlocks.set(key, index);
      const id = call.id ?? `call_${key}`;
      toolKeysById.set(id, key);
      parts.push({ type: 'tool-call-start', index, id, name: call.function?.name ?? '' });
    }
    const fragment = call.function?.arguments;
    if (fragment != null && fragment !== '') parts.push({ type: 'tool-input-delta', index, delta: fragment });
  };

  const takeDelta = (delta: Delta, parts: StreamPart[]): void => {
    const reasoning = delta.reasoning_content ?? (typeof delta.reasoning === 'string' ? delta.reasoning : undefined);
    if (reasoning != null && reasoning !== '') parts.push({ type: 'reasoning-delta', index: openBlock('reasoning', parts), delta: reasoning });
    const { content, refusal, tool_calls: toolCalls } = delta;
    if (content != null && content !== '') parts.push({ type: 'text-delta', index: openBlock('text', parts), delta: content });
    if (refusal != null && refusal !== '') parts.push({ type: 'text-delta', index: openBlock('text', parts), delta: refusal });
    if (toolCalls != null) for (const call of toolCalls) takeToolCall(call, parts);
  };

  const takeChunk = (chunk: OpenAIChatChunk, parts: StreamPart[]): void => {
    if (!started) {
      started = true;
      parts.push({ type: 'response-start', id: chunk.id ?? '', model: chunk.model ?? '' });
    }
    for (const choice of chunk.choices ?? []) {
      // n > 1 is refused before the request goes out; a stray choice is not ours.
      if ((choice.index ?? 0) !== 0 || finished) continue;
      if (choice.delta != null) takeDelta(choice.delta, parts);
      if (choice.finish_reason != null) {
        closeOpen(parts);
        finished = true;
        parts.push({ type: 'finish', finishReason: mapOpenAIChatFinishReason(choice.finish_reason) });
      }
    }
    if (chunk.usage != null) parts.push({ type: 'usage', usage: convertOpenAIChatUsageToCanonical(chunk.usage) });
  };

  return {
    push(event) {
      const parts: StreamPart[] = [];
      if (closed) return parts;
      if (event.data.startsWith('[DONE]')) {
        closed = true;
        closeOpen(parts);
        if (!finished) parts.push({ type: 'finish', finishReason: mapOpenAIChatFinishReason(undefined) });
        finished = true;
        return parts;
      }
      const json = parseOpenAIChatJson(event.data);
      if (!json.ok) return fail(parts, 'upstream_error', 'The upstream sent a stream event that is not valid JSON.');
      const value = json.value;
      if (typeof value === 'object' && value !== null && 'error' in value && value.error != null) {
        const error = parseOpenAIChatErrorBody(value);
        return fail(parts, error.errorType, error.message);
      }
      const chunk = readOpenAIChatChunk(value);
      if (chunk === undefined) return fail(parts, 'upstream_error', 'The upstream sent a stream event that is not a chat completion chunk.');
      takeChunk(chunk, parts);
      return parts;
    },
    end() {
      const parts: StreamPart[] = [];
      if (closed) return parts;
      closed = true;
      // Some compatible servers end without `[DONE]`: complete once a finish reason came, broken otherwise.
      if (finished) return parts;
      return fail(parts, 'upstream_error', 'The upstream stream ended before the answer was complete.');
    },
  };
}
