import type { CanonicalUsage } from '../../canonical/canonical-usage.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { formatJsonSseEvent } from '../../streaming/format-sse-event.ts';
import type { DeltaJsonType, StreamEncoder } from '../../translation/stream-codec.ts';
import { convertToOpenAIChatUsage } from './convert-openai-chat-usage.ts';
import { mapToOpenAIChatFinishReason, type OpenAIChatFinishReason } from './map-openai-chat-finish-reason.ts';

export interface OpenAIChatStreamEncoderOptions {
  readonly id: string;
  readonly model: string;
  readonly createdSeconds: number;
  /** The client sent `stream_options.include_usage: true`: `usage: null` on every chunk, then a usage chunk. */
  readonly includeUsage: boolean;
  /** Stream reasoning as `reasoning_content` deltas (DeepSeek's convention, not OpenAI's); dropped otherwise. */
  readonly reasoningContent?: boolean;
}

/** OpenAI's first chunk before text (live recordings); before a tool call it is `{role, content: null}`. */
const textRoleDelta = '{"role":"assistant","content":"","refusal":null}';
const toolRoleDelta = '{"role":"assistant","content":null}';

/** The delta objects of the frequent chunks, each text given as a JSON string literal (one shape for encode and encodeDeltaJson). */
function contentDelta(json: string): string {
  return `{"content":${json}}`;
}

function reasoningDelta(json: string): string {
  return `{"reasoning_content":${json}}`;
}

function argumentsDelta(toolIndex: number, json: string): string {
  return `{"tool_calls":[{"index":${toolIndex},"function":{"arguments":${json}}}]}`;
}
const reasoningRoleDelta = '{"role":"assistant","content":null,"reasoning_content":""}';

/**
 * Canonical parts -> a Chat Completions stream as OpenAI writes it and the openai SDKs read it: `data:`
 * lines only; a role chunk first (`content: ''`, or `null` when the answer opens with a tool call); text
 * as `content` deltas; each tool call as `tool_calls[{index, id, type, function:{name, arguments:''}}]`
 * then `arguments` fragments, `index` counting tool calls only; a `delta: {}` chunk with the
 * `finish_reason`; with `includeUsage`, one `choices: []` chunk with the usage (held to `end()`: usage
 * may follow the finish part); `data: [DONE]`. Reasoning is dropped unless `reasoningContent`.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export function createOpenAIChatStreamEncoder(options: OpenAIChatStreamEncoderOptions): StreamEncoder {
  return new OpenAIChatStreamEncoder(options);
}

/**
 * A class rather than a closure per step: one object per stream, where the closures cost ~1.3 µs to create
 * per request (each also named by tsx's keepNames), as much as encoding a short answer. Deltas are JSON
 * text written in place (the same bytes `JSON.stringify` of the delta object gave, key order included).
 */
class OpenAIChatStreamEncoder implements StreamEncoder {
  /** A chunk's JSON up to its `choices` array, and what follows it. */
  readonly #head: string;
  readonly #tail: string;
  readonly #includeUsage: boolean;
  readonly #reasoningContent: boolean;
  #roleSent = false;
  #finishSent = false;
  #closed = false;
  #usage: CanonicalUsage | undefined;
  /** Canonical block index -> Chat tool-call index (0, 1, 2… over tool calls only). */
  readonly #toolIndexes = new Map<number, number>();

  constructor(options: OpenAIChatStreamEncoderOptions) {
    this.#head = `{"id":${JSON.stringify(options.id)},"object":"chat.completion.chunk","created":${options.createdSeconds},"model":${JSON.stringify(options.model)},"choices":`;
    this.#tail = options.includeUsage ? ',"usage":null}' : '}';
    this.#includeUsage = options.includeUsage;
    this.#reasoningContent = options.reasoningContent === true;
  }

  encode(part: StreamPart): string {
    return this.#closed ? '' : this.#encodePart(part);
  }

  /**
   * A text delta once the role chunk is out (Chat has one content for every text block), reasoning (dropped
   * unless `reasoningContent`), or an arguments fragment of a started tool call, already a JSON literal
   * (stream-codec.ts): what `encode` writes for the same part.
   */
  encodeDeltaJson(type: DeltaJsonType, index: number, json: string): string | undefined {
    if (this.#closed) return '';
    if (type === 'text-delta') return this.#roleSent ? this.#chunk(contentDelta(json)) : undefined;
    if (type === 'reasoning-delta') {
      if (!this.#reasoningContent) return '';
      return this.#roleSent ? this.#chunk(reasoningDelta(json)) : undefined;
    }
    const toolIndex = this.#toolIndexes.get(index);
    return toolIndex === undefined ? undefined : this.#chunk(argumentsDelta(toolIndex, json));
  }

  end(): string {
    if (this.#closed) return '';
    this.#closed = true;
    let text = '';
    // The decoder always gives a finish part; without one the SDK's final snapshot would lack a finish_reason.
    if (!this.#finishSent) text += this.#role(textRoleDelta) + this.#chunk('{}', 'stop');
    if (this.#includeUsage && this.#usage !== undefined) {
      text += formatJsonSseEvent(`${this.#head}[],"usage":${JSON.stringify(convertToOpenAIChatUsage(this.#usage))}}`);
    }
    return `${text}data: [DONE]\n\n`;
  }

  fail(errorType: string, message: string): string {
    if (this.#closed) return '';
    this.#closed = true;
    // openai-node and openai-python raise an APIError on a data object with an `error` key. No `[DONE]`
    // after it: a client that ignores the error must not take the stream for a normal end.
    return formatJsonSseEvent(JSON.stringify({ error: { message, type: errorType, param: null, code: null } }));
  }

  /** One chunk; `delta` is the delta object's JSON text. */
  #chunk(delta: string, finishReason: OpenAIChatFinishReason | null = null): string {
    return formatJsonSseEvent(
      `${this.#head}[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finishReason === null ? 'null' : `"${finishReason}"`}}]${this.#tail}`,
    );
  }

  /** The role chunk, once, before the first delta; its content is '' for text, null before a tool call or reasoning. */
  #role(delta: string): string {
    if (this.#roleSent) return '';
    this.#roleSent = true;
    return this.#chunk(delta);
  }

  #encodePart(part: StreamPart): string {
    switch (part.type) {
      case 'response-start':
        if (part.usage !== undefined) this.#usage = part.usage;
        return '';
      case 'text-start':
        return this.#role(textRoleDelta);
      case 'text-delta':
        // The most frequent event: its delta written as text, no object to build and walk.
        return this.#role(textRoleDelta) + (part.delta === '' ? '' : this.#chunk(contentDelta(JSON.stringify(part.delta))));
      case 'reasoning-start':
        return this.#reasoningContent ? this.#role(reasoningRoleDelta) : '';
      case 'reasoning-delta':
        if (!this.#reasoningContent || part.delta === '') return '';
        return this.#role(reasoningRoleDelta) + this.#chunk(reasoningDelta(JSON.stringify(part.delta)));
      case 'tool-call-start': {
        const toolIndex = this.#toolIndexes.size;
        this.#toolIndexes.set(part.index, toolIndex);
        const call = { index: toolIndex, id: part.id, type: 'function', function: { name: part.name, arguments: '' } };
        return this.#role(toolRoleDelta) + this.#chunk(`{"tool_calls":[${JSON.stringify(call)}]}`);
      }
      case 'tool-input-delta': {
        const toolIndex = this.#toolIndexes.get(part.index);
        if (toolIndex === undefined || part.delta === '') return '';
        return this.#chunk(argumentsDelta(toolIndex, JSON.stringify(part.delta)));
      }
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end':
        return '';
      case 'usage':
        this.#usage = part.usage;
        return '';
      case 'finish':
        if (this.#finishSent) return '';
        this.#finishSent = true;
        return this.#role(textRoleDelta) + this.#chunk('{}', mapToOpenAIChatFinishReason(part.finishReason));
      case 'error':
        return this.fail(part.errorType, part.message);
    }
  }
}
