import type { CanonicalUsage } from '../../canonical/canonical-usage.ts';
import type { FinishReason } from '../../canonical/finish-reason.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { formatJsonSseEvent } from '../../streaming/format-sse-event.ts';
import type { DeltaJsonType, StreamEncoder } from '../../translation/stream-codec.ts';
import { convertToAnthropicMessagesUsage } from './convert-anthropic-messages-usage.ts';
import { mapToAnthropicMessagesStopReason } from './map-anthropic-messages-stop-reason.ts';
import { mapToAnthropicMessagesErrorType } from './map-to-anthropic-messages-error-type.ts';

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
  return new AnthropicMessagesStreamEncoder(options);
}

const pingEvent = formatJsonSseEvent('{"type":"ping"}', 'ping');
/** `message_start`'s usage when the provider has reported none yet (a Chat provider reports it at the end). */
const unknownStartUsage = JSON.stringify(convertToAnthropicMessagesUsage({}, true));
const emptyTextBlock = '{"type":"text","text":""}';
const emptyThinkingBlock = '{"type":"thinking","thinking":"","signature":""}';

function event(name: string, payload: unknown): string {
  return formatJsonSseEvent(JSON.stringify(payload), name);
}

/** The most frequent event, written as text: no payload object to build and walk. `json`: the text as a JSON string literal. */
function textDeltaEvent(amIndex: number, json: string): string {
  return `event: content_block_delta\ndata: {"type":"content_block_delta","index":${amIndex},"delta":{"type":"text_delta","text":${json}}}\n\n`;
}

/** A tool block's partial JSON, written as text like a text delta; `json`: the fragment as a JSON string literal. */
function inputJsonDeltaEvent(amIndex: number, json: string): string {
  return `event: content_block_delta\ndata: {"type":"content_block_delta","index":${amIndex},"delta":{"type":"input_json_delta","partial_json":${json}}}\n\n`;
}

/**
 * A class rather than a closure per step: one object per stream, where the closures cost ~6 µs to create
 * per request (each also named by tsx's keepNames), bench/translation-stages.bench.ts.
 */
class AnthropicMessagesStreamEncoder implements StreamEncoder {
  readonly #options: AnthropicMessagesStreamEncoderOptions;
  #phase: 'idle' | 'streaming' | 'finished' | 'closed' = 'idle';
  #usage: CanonicalUsage | undefined;
  #finishReason: FinishReason | undefined;
  readonly #blocks = new Map<number, Block>();
  #open: Block | undefined;
  #nextAmIndex = 0;

  constructor(options: AnthropicMessagesStreamEncoderOptions) {
    this.#options = options;
  }

  encode(part: StreamPart): string {
    return this.#phase === 'closed' ? '' : this.#encodePart(part);
  }

  /**
   * A text delta of the open text block, or partial JSON of a started tool block, already a JSON literal
   * (stream-codec.ts); undefined for any other block. Writes what `encode` writes for the same part.
   */
  encodeDeltaJson(type: DeltaJsonType, index: number, json: string): string | undefined {
    if (this.#phase === 'closed') return '';
    // No provider decoder of another protocol gives reasoning as a literal.
    if (type === 'reasoning-delta') return undefined;
    if (type === 'tool-input-delta') {
      const block = this.#blocks.get(index);
      if (block === undefined || block.kind !== 'tool' || block.state === 'pending') return undefined;
      return inputJsonDeltaEvent(block.amIndex, json);
    }
    const block = this.#open;
    if (block === undefined || block.kind !== 'text' || this.#blocks.get(index) !== block) return undefined;
    return textDeltaEvent(block.amIndex, json);
  }

  end(): string {
    if (this.#phase === 'closed') return '';
    return this.#start() + this.#closeOpen() + this.#messageEnd();
  }

  fail(errorType: string, message: string): string {
    if (this.#phase === 'closed') return '';
    this.#phase = 'closed';
    return event('error', { type: 'error', error: { type: mapToAnthropicMessagesErrorType(errorType), message } });
  }

  #start(): string {
    if (this.#phase !== 'idle') return '';
    this.#phase = 'streaming';
    const usage = this.#usage === undefined ? unknownStartUsage : JSON.stringify(convertToAnthropicMessagesUsage(this.#usage, true));
    return formatJsonSseEvent(
      `{"type":"message_start","message":{"id":${JSON.stringify(this.#options.id)},"type":"message","role":"assistant","model":${JSON.stringify(this.#options.model)},"content":[],"stop_reason":null,"stop_sequence":null,"usage":${usage}}}`,
      'message_start',
    );
  }

  #closeOpen(): string {
    const block = this.#open;
    if (block === undefined) return '';
    this.#open = undefined;
    block.state = 'closed';
    return formatJsonSseEvent(`{"type":"content_block_stop","index":${block.amIndex}}`, 'content_block_stop');
  }

  /** Opens `block` at the next AM index, closing the open one first; `contentBlock` is its start JSON. */
  #openBlock(block: Block, contentBlock: string): string {
    let text = this.#start() + this.#closeOpen();
    block.amIndex = this.#nextAmIndex;
    this.#nextAmIndex += 1;
    block.state = 'open';
    this.#open = block;
    text += formatJsonSseEvent(`{"type":"content_block_start","index":${block.amIndex},"content_block":${contentBlock}}`, 'content_block_start');
    if (block.amIndex === 0) text += pingEvent;
    return text;
  }

  /** The block a text or thinking delta goes to, opened on first use (or reopened as a new block if it was closed early); the opening events go to `out`. */
  #ensureOpen(index: number, kind: 'text' | 'thinking', out: { text: string }): Block {
    const known = this.#blocks.get(index);
    if (known !== undefined && known.state === 'open' && this.#open === known) return known;
    const block: Block = { kind, state: 'pending', amIndex: -1 };
    this.#blocks.set(index, block);
    out.text += this.#openBlock(block, kind === 'text' ? emptyTextBlock : emptyThinkingBlock);
    return block;
  }

  #delta(block: Block, payload: Record<string, unknown>): string {
    return event('content_block_delta', { type: 'content_block_delta', index: block.amIndex, delta: payload });
  }

  #endBlock(index: number): string {
    const block = this.#blocks.get(index);
    if (block === undefined) return '';
    this.#blocks.delete(index);
    return this.#open === block ? this.#closeOpen() : '';
  }

  #endReasoning(part: Extract<StreamPart, { type: 'reasoning-end' }>): string {
    const block = this.#blocks.get(part.index);
    const out = { text: '' };
    if (block !== undefined && block.state === 'open' && this.#open === block) {
      if (part.signature !== undefined) out.text += this.#delta(block, { type: 'signature_delta', signature: part.signature });
      out.text += this.#endBlock(part.index);
    } else if (block?.state !== 'closed' && part.redactedData === undefined && part.signature !== undefined) {
      // Signed reasoning with no visible text: an empty thinking block carrying the signature.
      const opened = this.#ensureOpen(part.index, 'thinking', out);
      out.text += this.#delta(opened, { type: 'signature_delta', signature: part.signature }) + this.#endBlock(part.index);
    }
    this.#blocks.delete(part.index);
    if (part.redactedData !== undefined) {
      const redacted: Block = { kind: 'thinking', state: 'pending', amIndex: -1 };
      out.text += this.#openBlock(redacted, JSON.stringify({ type: 'redacted_thinking', data: part.redactedData })) + this.#closeOpen();
    }
    return out.text;
  }

  #messageEnd(): string {
    this.#phase = 'closed';
    const stopReason = this.#finishReason === undefined ? 'end_turn' : mapToAnthropicMessagesStopReason(this.#finishReason);
    const { output_tokens, ...rest } = convertToAnthropicMessagesUsage(this.#usage ?? {}, true);
    const usage = JSON.stringify(this.#usage === undefined ? { output_tokens } : { output_tokens, ...rest });
    return (
      formatJsonSseEvent(`{"type":"message_delta","delta":{"stop_reason":"${stopReason}","stop_sequence":null},"usage":${usage}}`, 'message_delta') +
      formatJsonSseEvent('{"type":"message_stop"}', 'message_stop')
    );
  }

  #encodePart(part: StreamPart): string {
    switch (part.type) {
      case 'response-start':
        if (part.usage !== undefined) this.#usage = part.usage;
        return this.#start();
      case 'text-start': {
        if (this.#blocks.has(part.index)) return '';
        const block: Block = { kind: 'text', state: 'pending', amIndex: -1 };
        this.#blocks.set(part.index, block);
        return this.#openBlock(block, emptyTextBlock);
      }
      case 'text-delta': {
        if (part.delta === '') return '';
        const out = { text: '' };
        const block = this.#ensureOpen(part.index, 'text', out);
        return out.text + textDeltaEvent(block.amIndex, JSON.stringify(part.delta));
      }
      case 'text-end':
        return this.#endBlock(part.index);
      case 'reasoning-start':
        if (!this.#blocks.has(part.index)) this.#blocks.set(part.index, { kind: 'thinking', state: 'pending', amIndex: -1 });
        return this.#start();
      case 'reasoning-delta': {
        if (part.delta === '') return '';
        const out = { text: '' };
        const block = this.#ensureOpen(part.index, 'thinking', out);
        return out.text + this.#delta(block, { type: 'thinking_delta', thinking: part.delta });
      }
      case 'reasoning-end':
        return this.#endReasoning(part);
      case 'tool-call-start': {
        const block: Block = { kind: 'tool', state: 'pending', amIndex: -1 };
        this.#blocks.set(part.index, block);
        return this.#openBlock(block, JSON.stringify({ type: 'tool_use', id: part.id, name: part.name, input: {} }));
      }
      case 'tool-input-delta': {
        const block = this.#blocks.get(part.index);
        // A fragment for a tool block closed early (interleaved calls) still goes to its own index: the SDK
        // accumulates by index. Without a start there is no id or name to open a block with.
        if (block === undefined || block.kind !== 'tool' || block.state === 'pending' || part.delta === '') return '';
        return inputJsonDeltaEvent(block.amIndex, JSON.stringify(part.delta));
      }
      case 'tool-call-end':
        return this.#endBlock(part.index);
      case 'usage':
        this.#usage = part.usage;
        return this.#phase === 'finished' ? this.#messageEnd() : '';
      case 'finish': {
        const text = this.#start() + this.#closeOpen();
        this.#finishReason = part.finishReason;
        this.#phase = 'finished';
        return text;
      }
      case 'error':
        return this.fail(part.errorType, part.message);
    }
  }
}
