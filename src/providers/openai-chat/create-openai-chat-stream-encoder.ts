import type { CanonicalUsage } from '../../canonical/canonical-usage.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { formatJsonSseEvent } from '../../streaming/format-sse-event.ts';
import { convertToOpenAIChatUsage } from './convert-openai-chat-usage.ts';
import { mapToOpenAIChatFinishReason, type OpenAIChatFinishReason } from './map-openai-chat-finish-reason.ts';
import type { StreamEncoder } from '../../translation/stream-codec.ts';

export interface OpenAIChatStreamEncoderOptions {
  readonly id: string;
  readonly model: string;
  readonly createdSeconds: number;
  /** The client sent `stream_options.include_usage: true`: `usage: null` on every chunk, then a usage chunk. */
  readonly includeUsage: boolean;
  /** Stream reasoning as `reasoning_content` deltas (DeepSeek's convention, not OpenAI's); dropped otherwise. */
  readonly reasoningContent?: boolean;
}

type Delta = Record<string, unknown>;

/** OpenAI's first chunk before text (live recordings); before a tool call it is `{role, content: null}`. */
const textRole: Delta = { content: '', refusal: null };

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
  const head = `{"id":${JSON.stringify(options.id)},"object":"chat.completion.chunk","created":${options.createdSeconds},"model":${JSON.stringify(options.model)},"choices":`;
  const tail = options.includeUsage ? ',"usage":null}' : '}';
  let roleSent = false;
  let finishSent = false;
  let closed = false;
  let usage: CanonicalUsage | undefined;
  /** Canonical block index -> Chat tool-call index (0, 1, 2… over tool calls only). */
  const toolIndexes = new Map<number, number>();

  const chunk = (delta: Delta, finishReason: OpenAIChatFinishReason | null = null): string =>
    formatJsonSseEvent(
      `${head}[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${finishReason === null ? 'null' : `"${finishReason}"`}}]${tail}`,
    );

  /** The role chunk, once, before the first delta; its content is '' for text, null before a tool call or reasoning. */
  const role = (first: Delta): string => {
    if (roleSent) return '';
    roleSent = true;
    return chunk({ role: 'assistant', ...first });
  };

  const fail = (errorType: string, message: string): string => {
    if (closed) return '';
    closed = true;
    // openai-node and openai-python raise an APIError on a data object with an `error` key. No `[DONE]`
    // after it: a client that ignores the error must not take the stream for a normal end.
    return formatJsonSseEvent(JSON.stringify({ error: { message, type: errorType, param: null, code: null } }));
  };

  const encodePart = (part: StreamPart): string => {
    switch (part.type) {
      case 'response-start':
        if (part.usage !== undefined) usage = part.usage;
        return '';
      case 'text-start':
        return role(textRole);
      case 'text-delta':
        return role(textRole) + (part.delta === '' ? '' : chunk({ content: part.delta }));
      case 'reasoning-start':
        return options.reasoningContent === true ? role({ content: null, reasoning_content: '' }) : '';
      case 'reasoning-delta':
        if (options.reasoningContent !== true || part.delta === '') return '';
        return role({ content: null, reasoning_content: '' }) + chunk({ reasoning_content: part.delta });
      case 'tool-call-start': {
        const toolIndex = toolIndexes.size;
        toolIndexes.set(part.index, toolIndex);
        return (
          role({ content: null }) + chunk({ tool_calls: [{ index: toolIndex, id: part.id, type: 'function', function: { name: part.name, arguments: '' } }] })
        );
      }
      case 'tool-input-delta': {
        const toolIndex = toolIndexes.get(part.index);
        if (toolIndex === undefined || part.delta === '') return '';
        return chunk({ tool_calls: [{ index: toolIndex, function: { arguments: part.delta } }] });
      }
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end':
        return '';
      case 'usage':
        usage = part.usage;
        return '';
      case 'finish':
        if (finishSent) return '';
        finishSent = true;
        return role(textRole) + chunk({}, mapToOpenAIChatFinishReason(part.finishReason));
      case 'error':
        return fail(part.errorType, part.message);
    }
  };

  return {
    encode(part) {
      return closed ? '' : encodePart(part);
    },
    end() {
      if (closed) return '';
      closed = true;
      let text = '';
      // The decoder always gives a finish part; without one the SDK's final snapshot would lack a finish_reason.
      if (!finishSent) text += role(textRole) + chunk({}, 'stop');
      if (options.includeUsage && usage !== undefined) {
        text += formatJsonSseEvent(`${head}[],"usage":${JSON.stringify(convertToOpenAIChatUsage(usage))}}`);
      }
      return `${text}data: [DONE]\n\n`;
    },
    fail,
  };
}
