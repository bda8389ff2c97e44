import type { StreamPart } from '../../canonical/stream-part.ts';
import { type AnthropicMessagesStreamEvent, type AnthropicMessagesUsage, anthropicMessagesStreamEventSchema } from './anthropic-messages-response-schema.ts';
import { convertAnthropicMessagesUsageToCanonical } from './convert-anthropic-messages-usage.ts';
import { mapAnthropicMessagesStopReason } from './map-anthropic-messages-stop-reason.ts';
import { parseAnthropicMessagesJson } from './parse-anthropic-messages-json.ts';
import type { StreamDecoder } from '../../translation/stream-codec.ts';

type Block =
  | { readonly kind: 'text' | 'tool'; readonly index: number }
  | { readonly kind: 'reasoning'; readonly index: number; signature?: string; redactedData?: string }
  | { readonly kind: 'ignored' };

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
  const blocks = new Map<number, Block>();
  let nextIndex = 0;
  let usage: Mutable<AnthropicMessagesUsage> = {};
  let finished = false;
  let failed = false;

  const mergeUsage = (update: AnthropicMessagesUsage): StreamPart => {
    for (const [key, value] of Object.entries(update)) if (value != null) usage = { ...usage, [key]: value };
    return { type: 'usage', usage: convertAnthropicMessagesUsageToCanonical(usage) };
  };

  const startBlock = (event: AnthropicMessagesStreamEvent): StreamPart[] => {
    const block = event.content_block;
    if (event.index == null || block == null) return [];
    const index = nextIndex;
    switch (block.type) {
      case 'text':
        nextIndex += 1;
        blocks.set(event.index, { kind: 'text', index });
        return block.text == null || block.text === ''
          ? [{ type: 'text-start', index }]
          : [
              { type: 'text-start', index },
              { type: 'text-delta', index, delta: block.text },
            ];
      case 'thinking': {
        nextIndex += 1;
        const state: Block = { kind: 'reasoning', index };
        if (block.signature != null && block.signature !== '') state.signature = block.signature;
        blocks.set(event.index, state);
        const start: StreamPart = { type: 'reasoning-start', index };
        return block.thinking == null || block.thinking === '' ? [start] : [start, { type: 'reasoning-delta', index, delta: block.thinking }];
      }
      case 'redacted_thinking':
        nextIndex += 1;
        blocks.set(event.index, { kind: 'reasoning', index, redactedData: block.data ?? '' });
        return [{ type: 'reasoning-start', index }];
      case 'tool_use': {
        nextIndex += 1;
        blocks.set(event.index, { kind: 'tool', index });
        const start: StreamPart = { type: 'tool-call-start', index, id: block.id ?? '', name: block.name ?? '' };
        const input = block.input;
        const hasInput = typeof input === 'object' && input !== null && Object.keys(input).length > 0;
        return hasInput ? [start, { type: 'tool-input-delta', index, delta: JSON.stringify(input) }] : [start];
      }
      default:
        blocks.set(event.index, { kind: 'ignored' });
        return [];
    }
  };

  const delta = (event: AnthropicMessagesStreamEvent): StreamPart[] => {
    const block = event.index == null ? undefined : blocks.get(event.index);
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
  };

  const stopBlock = (event: AnthropicMessagesStreamEvent): StreamPart[] => {
    const block = event.index == null ? undefined : blocks.get(event.index);
    if (block === undefined || block.kind === 'ignored') return [];
    if (event.index != null) blocks.delete(event.index);
    switch (block.kind) {
      case 'text':
        return [{ type: 'text-end', index: block.index }];
      case 'tool':
        return [{ type: 'tool-call-end', index: block.index }];
      case 'reasoning': {
        const end: Mutable<Extract<StreamPart, { type: 'reasoning-end' }>> = { type: 'reasoning-end', index: block.index };
        if (block.signature !== undefined && block.signature !== '') end.signature = block.signature;
        if (block.redactedData !== undefined) end.redactedData = block.redactedData;
        return [end];
      }
    }
  };

  const handle = (event: AnthropicMessagesStreamEvent): StreamPart[] => {
    switch (event.type) {
      case 'message_start': {
        const message = event.message;
        const parts: StreamPart[] = [];
        const start: Mutable<Extract<StreamPart, { type: 'response-start' }>> = { type: 'response-start', id: message?.id ?? '', model: message?.model ?? '' };
        if (message?.usage != null) {
          const usagePart = mergeUsage(message.usage);
          if (usagePart.type === 'usage') start.usage = usagePart.usage;
          parts.push(start, usagePart);
        } else {
          parts.push(start);
        }
        return parts;
      }
      case 'content_block_start':
        return startBlock(event);
      case 'content_block_delta':
        return delta(event);
      case 'content_block_stop':
        return stopBlock(event);
      case 'message_delta': {
        const parts: StreamPart[] = [];
        if (event.usage != null) parts.push(mergeUsage(event.usage));
        const stopReason = event.delta?.stop_reason;
        if (stopReason != null && !finished) {
          finished = true;
          parts.push({ type: 'finish', finishReason: mapAnthropicMessagesStopReason(stopReason) });
        }
        return parts;
      }
      case 'message_stop':
        if (finished) return [];
        finished = true;
        return [{ type: 'finish', finishReason: mapAnthropicMessagesStopReason(undefined) }];
      case 'error':
        failed = true;
        return [{ type: 'error', errorType: event.error?.type ?? 'api_error', message: event.error?.message ?? 'The upstream stream reported an error.' }];
      default:
        // ping and event types added later.
        return [];
    }
  };

  return {
    push(sse) {
      if (failed || sse.event === 'ping') return [];
      const json = parseAnthropicMessagesJson(sse.data);
      if (!json.ok) return [];
      const parsed = anthropicMessagesStreamEventSchema.safeParse(json.value);
      return parsed.success ? handle(parsed.data) : [];
    },
    end() {
      if (finished || failed) return [];
      failed = true;
      return [{ type: 'error', errorType: 'api_error', message: 'The upstream stream ended before the message was complete.' }];
    },
  };
}
