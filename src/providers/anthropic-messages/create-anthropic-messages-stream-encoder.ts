import type { CanonicalUsage } from '../../canonical/canonical-usage.ts';
import type { FinishReason } from '../../canonical/finish-reason.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { formatJsonSseEvent } from '../../streaming/format-sse-event.ts';
import { convertToAnthropicMessagesUsage } from './convert-anthropic-messages-usage.ts';
import { mapToAnthropicMessagesStopReason } from './map-anthropic-messages-stop-reason.ts';
import { mapToAnthropicMessagesErrorType } from './map-to-anthropic-messages-error-type.ts';
import type { StreamEncoder } from '../../translation/stream-codec.ts';

export interface AnthropicMessagesStreamEncoderOptions {
  /** The message id the client sees (`msg_…`). */
  readonly id: string;
  /** The model name the client sees. */
  readonly model: string;
  /** Unused: AM events carry no time. Taken for the common encoder options. */
  readonly createdSeconds?: number;
}

type Kind = 'text' | 'thinking' | 'tool';

/** One canonical block: `pending` (a reasoning block waits for its first delta or its end), `open`, or `closed`. */
interface Block {
  readonly kind: Kind;
  state: 'pending' | 'open' | 'closed';
  amIndex: number;
}

/**
 * Canonical parts -> a Messages stream as Anthropic writes it and the Anthropic SDK and Claude Code read it:
 * `event:` lines always; `message_start` first (a Message with empty content, null stop reason and usage:
 * input 0 when not known yet); per block `content_block_start` / `content_block_delta`… /
 * `content_block_stop`, one block open at a time, AM indexes contiguous from 0 in order of opening
 * (canonical index -> AM index); a `ping` after the first block start; tool use starts with `input: {}`
 * and streams `input_json_delta`; thinking streams `thinking_delta` and sends its signature as
 * `signature_delta` before its stop (a reasoning block opens at its first delta, so that a block that is
 * only redacted data becomes `redacted_thinking`; reasoning with nothing to show is left out). A block
 * still open when another starts, or at the finish, is closed first. `message_delta` (stop reason, usage:
 * output, input and cache counts) is held until `end()` or until usage arrives after the finish (Chat
 * sends usage after its finish chunk), then `message_stop`. `fail` writes `event: error`.
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */
export function createAnthropicMessagesStreamEncoder(options: AnthropicMessagesStreamEncoderOptions): StreamEncoder {
  let phase: 'idle' | 'streaming' | 'finished' | 'closed' = 'idle';
  let usage: CanonicalUsage | undefined;
  let finishReason: FinishReason | undefined;
  const blocks = new Map<number, Block>();
  let open: Block | undefined;
  let nextAmIndex = 0;

  const event = (name: string, payload: unknown): string => formatJsonSseEvent(JSON.stringify(payload), name);

  const start = (): string => {
    if (phase !== 'idle') return '';
    phase = 'streaming';
    return event('message_start', {
      type: 'message_start',
      message: {
        id: options.id,
        type: 'message',
        role: 'assistant',
        model: options.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: convertToAnthropicMessagesUsage(usage ?? {}, true),
      },
    });
  };

  const closeOpen = (): string => {
    if (open === undefined) return '';
    const block = open;
    open = undefined;
    block.state = 'closed';
    return event('content_block_stop', { type: 'content_block_stop', index: block.amIndex });
  };

  /** Opens `block` at the next AM index, closing the open one first. */
  const openBlock = (block: Block, contentBlock: Record<string, unknown>): string => {
    let text = start() + closeOpen();
    block.amIndex = nextAmIndex;
    nextAmIndex += 1;
    block.state = 'open';
    open = block;
    text += event('content_block_start', { type: 'content_block_start', index: block.amIndex, content_block: contentBlock });
    if (block.amIndex === 0) text += event('ping', { type: 'ping' });
    return text;
  };

  const emptyBlock = (kind: Kind): Record<string, unknown> =>
    kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' };

  /** The block a text or thinking delta goes to: opened on first use, reopened as a new block if it was closed early. */
  const ensureOpen = (index: number, kind: 'text' | 'thinking'): [Block, string] => {
    const known = blocks.get(index);
    if (known !== undefined && known.state === 'open' && open === known) return [known, ''];
    const block: Block = { kind, state: 'pending', amIndex: -1 };
    blocks.set(index, block);
    return [block, openBlock(block, emptyBlock(kind))];
  };

  const delta = (block: Block, payload: Record<string, unknown>): string =>
    event('content_block_delta', { type: 'content_block_delta', index: block.amIndex, delta: payload });

  const endBlock = (index: number): string => {
    const block = blocks.get(index);
    if (block === undefined) return '';
    blocks.delete(index);
    return open === block ? closeOpen() : '';
  };

  const endReasoning = (part: Extract<StreamPart, { type: 'reasoning-end' }>): string => {
    const block = blocks.get(part.index);
    let text = '';
    if (block !== undefined && block.state === 'open' && open === block) {
      if (part.signature !== undefined) text += delta(block, { type: 'signature_delta', signature: part.signature });
      text += endBlock(part.index);
    } else if (block?.state !== 'closed' && part.redactedData === undefined && part.signature !== undefined) {
      // Signed reasoning with no visible text: an empty thinking block carrying the signature.
      const [opened, opening] = ensureOpen(part.index, 'thinking');
      text += opening + delta(opened, { type: 'signature_delta', signature: part.signature }) + endBlock(part.index);
    }
    blocks.delete(part.index);
    if (part.redactedData !== undefined) {
      const redacted: Block = { kind: 'thinking', state: 'pending', amIndex: -1 };
      text += openBlock(redacted, { type: 'redacted_thinking', data: part.redactedData }) + closeOpen();
    }
    return text;
  };

  const messageEnd = (): string => {
    phase = 'closed';
    const stopReason = finishReason === undefined ? 'end_turn' : mapToAnthropicMessagesStopReason(finishReason);
    const { output_tokens, ...rest } = convertToAnthropicMessagesUsage(usage ?? {}, true);
    return (
      event('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason, stop_sequence: null },
        usage: usage === undefined ? { output_tokens } : { output_tokens, ...rest },
      }) + event('message_stop', { type: 'message_stop' })
    );
  };

  const fail = (errorType: string, message: string): string => {
    if (phase === 'closed') return '';
    phase = 'closed';
    return event('error', { type: 'error', error: { type: mapToAnthropicMessagesErrorType(errorType), message } });
  };

  const encodePart = (part: StreamPart): string => {
    switch (part.type) {
      case 'response-start':
        if (part.usage !== undefined) usage = part.usage;
        return start();
      case 'text-start': {
        if (blocks.has(part.index)) return '';
        const block: Block = { kind: 'text', state: 'pending', amIndex: -1 };
        blocks.set(part.index, block);
        return openBlock(block, emptyBlock('text'));
      }
      case 'text-delta': {
        if (part.delta === '') return '';
        const [block, opening] = ensureOpen(part.index, 'text');
        // The most frequent event, written as text: no payload object to build and walk.
        return `${opening}event: content_block_delta\ndata: {"type":"content_block_delta","index":${block.amIndex},"delta":{"type":"text_delta","text":${JSON.stringify(part.delta)}}}\n\n`;
      }
      case 'text-end':
        return endBlock(part.index);
      case 'reasoning-start':
        if (!blocks.has(part.index)) blocks.set(part.index, { kind: 'thinking', state: 'pending', amIndex: -1 });
        return start();
      case 'reasoning-delta': {
        if (part.delta === '') return '';
        const [block, opening] = ensureOpen(part.index, 'thinking');
        return opening + delta(block, { type: 'thinking_delta', thinking: part.delta });
      }
      case 'reasoning-end':
        return endReasoning(part);
      case 'tool-call-start': {
        const block: Block = { kind: 'tool', state: 'pending', amIndex: -1 };
        blocks.set(part.index, block);
        return openBlock(block, { type: 'tool_use', id: part.id, name: part.name, input: {} });
      }
      case 'tool-input-delta': {
        const block = blocks.get(part.index);
        // A fragment for a tool block closed early (interleaved calls) still goes to its own index: the SDK
        // accumulates by index. Without a start there is no id or name to open a block with.
        if (block === undefined || block.kind !== 'tool' || block.state === 'pending' || part.delta === '') return '';
        return delta(block, { type: 'input_json_delta', partial_json: part.delta });
      }
      case 'tool-call-end':
        return endBlock(part.index);
      case 'usage':
        usage = part.usage;
        return phase === 'finished' ? messageEnd() : '';
      case 'finish': {
        const text = start() + closeOpen();
        finishReason = part.finishReason;
        phase = 'finished';
        return text;
      }
      case 'error':
        return fail(part.errorType, part.message);
    }
  };

  return {
    encode(part) {
      return phase === 'closed' ? '' : encodePart(part);
    },
    end() {
      if (phase === 'closed') return '';
      return start() + closeOpen() + messageEnd();
    },
    fail,
  };
}
