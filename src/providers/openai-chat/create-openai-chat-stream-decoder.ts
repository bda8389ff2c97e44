import type { StreamPart } from '../../canonical/stream-part.ts';
import type { SseEvent } from '../../streaming/create-sse-decoder.ts';
import type { DeltaJsonType, StreamDecoder } from '../../translation/stream-codec.ts';
import { convertOpenAIChatUsageToCanonical } from './convert-openai-chat-usage.ts';
import { mapOpenAIChatFinishReason } from './map-openai-chat-finish-reason.ts';
import type { OpenAIChatChunk } from './openai-chat-chunk-schema.ts';
import { parseOpenAIChatErrorBody } from './parse-openai-chat-error-body.ts';
import { parseOpenAIChatJson } from './parse-openai-chat-json.ts';
import { readOpenAIChatArgumentsDelta } from './read-openai-chat-arguments-delta.ts';
import { readOpenAIChatChunk } from './read-openai-chat-chunk.ts';
import { readOpenAIChatContentDelta, readOpenAIChatContentDeltaJson } from './read-openai-chat-content-delta.ts';
import { readOpenAIChatFirstChunk } from './read-openai-chat-first-chunk.ts';
import { type OpenAIChatStreamEnding, readOpenAIChatStreamEnding } from './read-openai-chat-stream-ending.ts';

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
  return new OpenAIChatStreamDecoder();
}

/** A class rather than a closure per step: ~3.5 µs less per request to set up (bench/translation-stages.bench.ts). */
class OpenAIChatStreamDecoder implements StreamDecoder {
  #started = false;
  #finished = false;
  #closed = false;
  #nextBlockIndex = 0;
  #open: OpenBlock | undefined;
  /** Chat tool-call index -> canonical block index. */
  readonly #toolBlocks = new Map<number, number>();
  readonly #toolKeysById = new Map<string, number>();
  #lastToolKey: number | undefined;
  #deltaType: DeltaJsonType = 'text-delta';
  #deltaIndex = -1;

  push(event: SseEvent): StreamPart[] {
    const parts: StreamPart[] = [];
    if (this.#closed) return parts;
    if (event.data.startsWith('[DONE]')) {
      this.#closed = true;
      this.#closeOpen(parts);
      if (!this.#finished) parts.push({ type: 'finish', finishReason: mapOpenAIChatFinishReason(undefined) });
      this.#finished = true;
      return parts;
    }
    if (!this.#started) {
      // The first chunk (role and first text) is read without parsing the whole event; see there.
      const first = readOpenAIChatFirstChunk(event.data);
      if (first !== undefined) {
        this.#started = true;
        parts.push({ type: 'response-start', id: first.id, model: first.model });
        if (first.content !== '') parts.push({ type: 'text-delta', index: this.#openBlock('text', parts), delta: first.content });
        return parts;
      }
    } else {
      // A plain text delta (most of a stream), the finish and the usage chunk are read without parsing the whole event; see there.
      if (!this.#finished) {
        const content = readOpenAIChatContentDelta(event.data);
        if (content !== undefined) {
          if (content !== '') parts.push({ type: 'text-delta', index: this.#openBlock('text', parts), delta: content });
          return parts;
        }
      }
      const ending = readOpenAIChatStreamEnding(event.data);
      if (ending !== undefined) {
        this.#takeEnding(ending, parts);
        return parts;
      }
    }
    const json = parseOpenAIChatJson(event.data);
    if (!json.ok) return this.#fail(parts, 'upstream_error', 'The upstream sent a stream event that is not valid JSON.');
    const value = json.value;
    if (typeof value === 'object' && value !== null && 'error' in value && value.error != null) {
      const error = parseOpenAIChatErrorBody(value);
      return this.#fail(parts, error.errorType, error.message);
    }
    const chunk = readOpenAIChatChunk(value);
    if (chunk === undefined) return this.#fail(parts, 'upstream_error', 'The upstream sent a stream event that is not a chat completion chunk.');
    this.#takeChunk(chunk, parts);
    return parts;
  }

  /**
   * A text delta continuing the open text block, or an arguments fragment of the tool call the last one
   * went to, as its JSON literal (stream-codec.ts): what `push` reads with the same patterns
   * (readOpenAIChatContentDelta, readOpenAIChatArgumentsDelta) and makes one part of. The open block's kind
   * says which event to expect, so only one pattern runs.
   */
  deltaJson(event: SseEvent): string | undefined {
    const open = this.#open;
    if (open === undefined || this.#finished || this.#closed) return undefined;
    if (open.kind === 'text') {
      const json = readOpenAIChatContentDeltaJson(event.data);
      if (json === undefined || json === '""') return undefined;
      this.#deltaType = 'text-delta';
      this.#deltaIndex = open.index;
      return json;
    }
    if (open.kind !== 'tool') return undefined;
    const fragment = readOpenAIChatArgumentsDelta(event.data);
    // Another call's fragment would move #lastToolKey: left to push.
    if (fragment === undefined || fragment.json === '""' || fragment.callIndex !== this.#lastToolKey) return undefined;
    const index = this.#toolBlocks.get(fragment.callIndex);
    if (index === undefined) return undefined;
    this.#deltaType = 'tool-input-delta';
    this.#deltaIndex = index;
    return fragment.json;
  }

  get deltaType(): DeltaJsonType {
    return this.#deltaType;
  }

  get deltaIndex(): number {
    return this.#deltaIndex;
  }

  end(): StreamPart[] {
    const parts: StreamPart[] = [];
    if (this.#closed) return parts;
    this.#closed = true;
    // Some compatible servers end without `[DONE]`: complete once a finish reason came, broken otherwise.
    if (this.#finished) return parts;
    return this.#fail(parts, 'upstream_error', 'The upstream stream ended before the answer was complete.');
  }

  #closeOpen(parts: StreamPart[]): void {
    const open = this.#open;
    if (open === undefined) return;
    const { kind, index } = open;
    parts.push(kind === 'text' ? { type: 'text-end', index } : kind === 'reasoning' ? { type: 'reasoning-end', index } : { type: 'tool-call-end', index });
    this.#open = undefined;
  }

  #openBlock(kind: 'text' | 'reasoning', parts: StreamPart[]): number {
    if (this.#open?.kind === kind) return this.#open.index;
    this.#closeOpen(parts);
    const index = this.#nextBlockIndex++;
    this.#open = { kind, index };
    parts.push(kind === 'text' ? { type: 'text-start', index } : { type: 'reasoning-start', index });
    return index;
  }

  #fail(parts: StreamPart[], errorType: string, message: string): StreamPart[] {
    this.#closed = true;
    parts.push({ type: 'error', errorType, message });
    return parts;
  }

  /** Chat's key for a tool call: its `index`; compatible servers that omit it are matched by id, else the last call. */
  #toolKeyOf(call: ToolCallDelta): number {
    if (call.index != null) return call.index;
    if (call.id != null) return this.#toolKeysById.get(call.id) ?? this.#toolBlocks.size;
    return this.#lastToolKey ?? 0;
  }

  #takeToolCall(call: ToolCallDelta, parts: StreamPart[]): void {
    const key = this.#toolKeyOf(call);
    this.#lastToolKey = key;
    let index = this.#toolBlocks.get(key);
    if (index === undefined) {
      this.#closeOpen(parts);
      index = this.#nextBlockIndex++;
      this.#open = { kind: 'tool', index };
      this.#toolBlocks.set(key, index);
      const id = call.id ?? `call_${key}`;
      this.#toolKeysById.set(id, key);
      parts.push({ type: 'tool-call-start', index, id, name: call.function?.name ?? '' });
    }
    const fragment = call.function?.arguments;
    if (fragment != null && fragment !== '') parts.push({ type: 'tool-input-delta', index, delta: fragment });
  }

  #takeDelta(delta: Delta, parts: StreamPart[]): void {
    const reasoning = delta.reasoning_content ?? (typeof delta.reasoning === 'string' ? delta.reasoning : undefined);
    if (reasoning != null && reasoning !== '') parts.push({ type: 'reasoning-delta', index: this.#openBlock('reasoning', parts), delta: reasoning });
    const { content, refusal, tool_calls: toolCalls } = delta;
    if (content != null && content !== '') parts.push({ type: 'text-delta', index: this.#openBlock('text', parts), delta: content });
    if (refusal != null && refusal !== '') parts.push({ type: 'text-delta', index: this.#openBlock('text', parts), delta: refusal });
    if (toolCalls != null) for (const call of toolCalls) this.#takeToolCall(call, parts);
  }

  #takeChunk(chunk: OpenAIChatChunk, parts: StreamPart[]): void {
    if (!this.#started) {
      this.#started = true;
      parts.push({ type: 'response-start', id: chunk.id ?? '', model: chunk.model ?? '' });
    }
    const choices = chunk.choices;
    if (choices != null) {
      for (const choice of choices) {
        // n > 1 is refused before the request goes out; a stray choice is not ours.
        if ((choice.index ?? 0) !== 0 || this.#finished) continue;
        if (choice.delta != null) this.#takeDelta(choice.delta, parts);
        if (choice.finish_reason != null) this.#finish(choice.finish_reason, parts);
      }
    }
    if (chunk.usage != null) parts.push({ type: 'usage', usage: convertOpenAIChatUsageToCanonical(chunk.usage) });
  }

  /** What #takeChunk makes of the same event (read-openai-chat-stream-ending.ts). */
  #takeEnding(ending: OpenAIChatStreamEnding, parts: StreamPart[]): void {
    if (ending.usage !== undefined) parts.push({ type: 'usage', usage: convertOpenAIChatUsageToCanonical(ending.usage) });
    else if (!this.#finished) this.#finish(ending.finishReason, parts);
  }

  #finish(finishReason: string, parts: StreamPart[]): void {
    this.#closeOpen(parts);
    this.#finished = true;
    parts.push({ type: 'finish', finishReason: mapOpenAIChatFinishReason(finishReason) });
  }
}
