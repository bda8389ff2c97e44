import type { StreamPart } from '../../canonical/stream-part.ts';
import type { SseEvent } from '../../streaming/create-sse-decoder.ts';
import { jsonStringPattern } from '../../streaming/json-string-pattern.ts';
import type { DeltaJsonType, StreamDecoder } from '../../translation/stream-codec.ts';
import type { AnthropicMessagesStreamEvent, AnthropicMessagesUsage } from './anthropic-messages-response-schema.ts';
import { convertAnthropicMessagesUsageToCanonical } from './convert-anthropic-messages-usage.ts';
import { mapAnthropicMessagesStopReason } from './map-anthropic-messages-stop-reason.ts';
import { parseAnthropicMessagesJson } from './parse-anthropic-messages-json.ts';
import { readAnthropicMessagesStreamEvent } from './read-anthropic-messages-stream-event.ts';

type Block =
  | { readonly kind: 'text' | 'tool'; readonly index: number }
  | { readonly kind: 'reasoning'; readonly index: number; signature?: string; redactedData?: string }
  | { readonly kind: 'ignored' };

/** JSON's whitespace, allowed between any two tokens. */
const jsonSpace = '[ \\t\\n\\r]*';
/**
 * A text, tool-input or thinking delta event: these members in this order, with any JSON whitespace
 * between tokens (the API pads its events with spaces before the last brace; the documentation's examples
 * space every member). Group 1 is the AM block index; group 2 a text_delta's text, group 3 an
 * input_json_delta's partial JSON, group 4 a thinking_delta's thinking, as JSON string literals. Any other
 * event takes `push`.
 */
const deltaEvent = new RegExp(
  `^${jsonSpace}\\{${jsonSpace}"type"${jsonSpace}:${jsonSpace}"content_block_delta"${jsonSpace},${jsonSpace}"index"${jsonSpace}:${jsonSpace}(0|[1-9]\\d{0,8})${jsonSpace},${jsonSpace}"delta"${jsonSpace}:${jsonSpace}\\{${jsonSpace}"type"${jsonSpace}:${jsonSpace}` +
    `(?:"text_delta"${jsonSpace},${jsonSpace}"text"${jsonSpace}:${jsonSpace}(${jsonStringPattern})` +
    `|"input_json_delta"${jsonSpace},${jsonSpace}"partial_json"${jsonSpace}:${jsonSpace}(${jsonStringPattern})` +
    `|"thinking_delta"${jsonSpace},${jsonSpace}"thinking"${jsonSpace}:${jsonSpace}(${jsonStringPattern}))` +
    `${jsonSpace}\\}${jsonSpace}\\}${jsonSpace}$`,
);

/** The block kind each shortcut delta belongs to. */
const blockKinds = { 'text-delta': 'text', 'tool-input-delta': 'tool', 'reasoning-delta': 'reasoning' } as const;

type Mutable<Value> = { -readonly [Key in keyof Value]: Value[Key] };

/**
 * Messages stream events -> canonical parts, event by event. `message_start` gives `response-start` (id,
 * model, usage with cache counts) and a `usage` part; each content block gets the next canonical index
 * (AM index -> canonical index, so blocks the canonical form has no place for — server-tool blocks — leave
 * no gap); thinking blocks end with their `signature_delta` on `reasoning-end`, redacted thinking with its
 * data; the first `input_json_delta` is often "" and empty deltas are skipped. `message_delta` usage is
 * cumulative and overwrites the `message_start` counts field by field (a `usage` part each time), its
 * stop reason is the one `finish` part. An `error` event is an `error` part. `ping` and unknown events are
 * ignored. A stream that closes before `message_stop` without a finish or error ends with an error part.
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */
export function createAnthropicMessagesStreamDecoder(): StreamDecoder {
  return new AnthropicMessagesStreamDecoder();
}

type ReasoningEnd = Mutable<Extract<StreamPart, { type: 'reasoning-end' }>>;
type ResponseStart = Mutable<Extract<StreamPart, { type: 'response-start' }>>;

/**
 * A class rather than a closure per step: one object per stream, where the closures cost ~1.7 µs to create
 * per request (each also named by tsx's keepNames). Events are checked by hand, not copied by the schema
 * (read-anthropic-messages-stream-event.ts).
 */
class AnthropicMessagesStreamDecoder implements StreamDecoder {
  /** AM block index -> its canonical block. */
  readonly #blocks = new Map<number, Block>();
  #nextIndex = 0;
  #usage: Mutable<AnthropicMessagesUsage> = {};
  #finished = false;
  #failed = false;
  #deltaType: DeltaJsonType = 'text-delta';
  #deltaIndex = -1;

  push(sse: SseEvent): StreamPart[] {
    if (this.#failed || sse.event === 'ping') return [];
    const json = parseAnthropicMessagesJson(sse.data);
    if (!json.ok) return [];
    const event = readAnthropicMessagesStreamEvent(json.value);
    return event === undefined ? [] : this.#handle(event);
  }

  /** A text, partial JSON or thinking delta of a block of its kind, as its JSON literal (stream-codec.ts): what `push` makes one part of. */
  deltaJson(sse: SseEvent): string | undefined {
    if (this.#failed || sse.event === 'ping') return undefined;
    const match = deltaEvent.exec(sse.data);
    if (match === null) return undefined;
    const block = this.#blocks.get(Number(match[1]));
    if (block === undefined) return undefined;
    let json: string;
    let type: DeltaJsonType;
    if (match[2] !== undefined) {
      json = match[2];
      type = 'text-delta';
    } else if (match[3] !== undefined) {
      json = match[3];
      type = 'tool-input-delta';
    } else {
      json = match[4] as string;
      type = 'reasoning-delta';
    }
    if (json === '""' || block.kind !== blockKinds[type]) return undefined;
    this.#deltaType = type;
    this.#deltaIndex = block.index;
    return json;
  }

  get deltaType(): DeltaJsonType {
    return this.#deltaType;
  }

  get deltaIndex(): number {
    return this.#deltaIndex;
  }

  end(): StreamPart[] {
    if (this.#finished || this.#failed) return [];
    this.#failed = true;
    return [{ type: 'error', errorType: 'api_error', message: 'The upstream stream ended before the message was complete.' }];
  }

  #mergeUsage(update: AnthropicMessagesUsage): StreamPart {
    for (const [key, value] of Object.entries(update)) if (value != null) this.#usage = { ...this.#usage, [key]: value };
    return { type: 'usage', usage: convertAnthropicMessagesUsageToCanonical(this.#usage) };
  }

  #startBlock(event: AnthropicMessagesStreamEvent): StreamPart[] {
    const block = event.content_block;
    if (event.index == null || block == null) return [];
    const index = this.#nextIndex;
    switch (block.type) {
      case 'text':
        this.#nextIndex += 1;
        this.#blocks.set(event.index, { kind: 'text', index });
        return block.text == null || block.text === ''
          ? [{ type: 'text-start', index }]
          : [
              { type: 'text-start', index },
              { type: 'text-delta', index, delta: block.text },
            ];
      case 'thinking': {
        this.#nextIndex += 1;
        const state: Block = { kind: 'reasoning', index };
        if (block.signature != null && block.signature !== '') state.signature = block.signature;
        this.#blocks.set(event.index, state);
        const start: StreamPart = { type: 'reasoning-start', index };
        return block.thinking == null || block.thinking === '' ? [start] : [start, { type: 'reasoning-delta', index, delta: block.thinking }];
      }
      case 'redacted_thinking':
        this.#nextIndex += 1;
        this.#blocks.set(event.index, { kind: 'reasoning', index, redactedData: block.data ?? '' });
        return [{ type: 'reasoning-start', index }];
      case 'tool_use': {
        this.#nextIndex += 1;
        this.#blocks.set(event.index, { kind: 'tool', index });
        const start: StreamPart = { type: 'tool-call-start', index, id: block.id ?? '', name: block.name ?? '' };
        const input = block.input;
        const hasInput = typeof input === 'object' && input !== null && Object.keys(input).length > 0;
        return hasInput ? [start, { type: 'tool-input-delta', index, delta: JSON.stringify(input) }] : [start];
      }
      default:
        this.#blocks.set(event.index, { kind: 'ignored' });
        return [];
    }
  }

  #delta(event: AnthropicMessagesStreamEvent): StreamPart[] {
    const block = event.index == null ? undefined : this.#blocks.get(event.index);
    const change = event.delta;
    if (block === undefined || block.kind === 'ignored' || change == null) return [];
    switch (change.type) {
      case 'text_delta':
        return block.kind === 'text' && change.text != null && change.text !== '' ? [{ type: 'text-delta', index: block.index, delta: change.text }] : [];
      case 'thinking_delta':
        return block.kind === 'reasoning' && change.thinking != null && change.thinking !== ''
          ? [{ type: 'reasoning-delta', index: block.index, delta: change.thinking }]
          : [];
      case 'signature_delta':
        if (block.kind === 'reasoning' && change.signature != null) block.signature = change.signature;
        return [];
      case 'input_json_delta':
        return block.kind === 'tool' && change.partial_json != null && change.partial_json !== ''
          ? [{ type: 'tool-input-delta', index: block.index, delta: change.partial_json }]
          : [];
      default:
        // citations_delta and future delta types: nothing canonical.
        return [];
    }
  }

  #stopBlock(event: AnthropicMessagesStreamEvent): StreamPart[] {
    const block = event.index == null ? undefined : this.#blocks.get(event.index);
    if (block === undefined || block.kind === 'ignored') return [];
    if (event.index != null) this.#blocks.delete(event.index);
    switch (block.kind) {
      case 'text':
        return [{ type: 'text-end', index: block.index }];
      case 'tool':
        return [{ type: 'tool-call-end', index: block.index }];
      case 'reasoning': {
        const end: ReasoningEnd = { type: 'reasoning-end', index: block.index };
        if (block.signature !== undefined && block.signature !== '') end.signature = block.signature;
        if (block.redactedData !== undefined) end.redactedData = block.redactedData;
        return [end];
      }
    }
  }

  #handle(event: AnthropicMessagesStreamEvent): StreamPart[] {
    switch (event.type) {
      case 'message_start': {
        const message = event.message;
        const parts: StreamPart[] = [];
        const start: ResponseStart = { type: 'response-start', id: message?.id ?? '', model: message?.model ?? '' };
        if (message?.usage != null) {
          const usagePart = this.#mergeUsage(message.usage);
          if (usagePart.type === 'usage') start.usage = usagePart.usage;
          parts.push(start, usagePart);
        } else {
          parts.push(start);
        }
        return parts;
      }
      case 'content_block_start':
        return this.#startBlock(event);
      case 'content_block_delta':
        return this.#delta(event);
      case 'content_block_stop':
        return this.#stopBlock(event);
      case 'message_delta': {
        const parts: StreamPart[] = [];
        if (event.usage != null) parts.push(this.#mergeUsage(event.usage));
        const stopReason = event.delta?.stop_reason;
        if (stopReason != null && !this.#finished) {
          this.#finished = true;
          parts.push({ type: 'finish', finishReason: mapAnthropicMessagesStopReason(stopReason) });
        }
        return parts;
      }
      case 'message_stop':
        if (this.#finished) return [];
        this.#finished = true;
        return [{ type: 'finish', finishReason: mapAnthropicMessagesStopReason(undefined) }];
      case 'error':
        this.#failed = true;
        return [{ type: 'error', errorType: event.error?.type ?? 'api_error', message: event.error?.message ?? 'The upstream stream reported an error.' }];
      default:
        // ping and event types added later.
        return [];
    }
  }
}
