import type { CanonicalUsage } from '../../canonical/canonical-usage.ts';
import type { FinishReason } from '../../canonical/finish-reason.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { keepJsonString } from '../../streaming/decode-json-strings.ts';
import type { DeltaJsonType, StreamEncoder } from '../../translation/stream-codec.ts';
import { buildOpenAIResponsesSnapshot } from './build-openai-responses-snapshot.ts';
import { buildOpenAIResponsesToolCallItem } from './build-openai-responses-tool-call-item.ts';
import type { OpenAIResponsesToolOrigins } from './convert-openai-responses-tools-to-canonical.ts';
import { convertToOpenAIResponsesUsage } from './convert-to-openai-responses-usage.ts';
import { mapToOpenAIResponsesErrorCode } from './map-to-openai-responses-error-code.ts';
import { mapToOpenAIResponsesStatus } from './map-to-openai-responses-status.ts';
import { type Block, settle } from './openai-responses-encoded-block.ts';
import { OpenAIResponsesEventWriter } from './openai-responses-event-writer.ts';
import type {
  OpenAIResponsesIdSource,
  OpenAIResponsesMessageItemBody,
  OpenAIResponsesOutputItemBody,
  OpenAIResponsesOutputTextBody,
  OpenAIResponsesReasoningItemBody,
} from './openai-responses-output-types.ts';
import type { OpenAIResponsesRequest } from './openai-responses-wire-schema.ts';
import { writeReasoningDone, writeTextDone, writeToolCallDone } from './write-openai-responses-block-done.ts';

export interface CreateOpenAIResponsesStreamEncoderOptions {
  /** The client-facing response id (`resp_…`). */
  readonly id: string;
  readonly model: string;
  readonly createdSeconds: number;
  /** Mints `msg_` / `fc_` / `ctc_` / `rs_` item ids. */
  readonly idSource: OpenAIResponsesIdSource;
  /** From the client's request: which tools were custom or namespaced (convert-openai-responses-tools-to-canonical.ts). */
  readonly toolOrigins?: OpenAIResponsesToolOrigins;
  /** The client's request, whose settings the Response snapshots echo. */
  readonly request?: OpenAIResponsesRequest;
  /** Unix seconds for `completed_at`; default: the creation time. */
  readonly now?: () => number;
}

/**
 * Canonical stream parts -> the Responses event stream Codex and the openai SDK read: `event:` + `data:`
 * lines, `type` in the data and `sequence_number` from 0 on every event. `response.created` and
 * `response.in_progress` first (a snapshot with `status: "in_progress"`, `output: []`, `usage: null`);
 * then per item `output_item.added` … `output_item.done` with the full item (Codex reads the answer only
 * from there); `response.completed` (or `response.incomplete` for length / content filter) last, with the
 * full `output[]` and `usage`.
 * - Text blocks: consecutive ones (nothing between them) share one `message` item as separate
 *   `output_text` parts, as one Anthropic answer split by citations stays one message; the message's
 *   `output_item.done` is sent when the next non-text block starts, or at the finish.
 * - Tool calls: `function_call` items, arguments streamed as they come. A custom tool's call becomes a
 *   `custom_tool_call`; its `input` is the string inside the arguments JSON, so it is sent whole at the end
 *   (`custom_tool_call_input.delta` + `.done`).
 * - Reasoning: a `reasoning` item, text as one summary part, `encrypted_content` on `output_item.done`.
 * - `fail()`: `error` (`{code, message, param}`) then `response.failed` (status `failed`, `error`), which
 *   is what Codex reads; the openai SDK passes both to the caller. An `error` part does the same.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export function createOpenAIResponsesStreamEncoder(options: CreateOpenAIResponsesStreamEncoderOptions): StreamEncoder {
  return new OpenAIResponsesStreamEncoder(options);
}

type SnapshotStatus = Parameters<typeof buildOpenAIResponsesSnapshot>[0]['status'];

/**
 * A class rather than a closure per step: one object per stream, where the closures cost ~2.5 µs to create
 * per request (each also named by tsx's keepNames), as much as encoding a short answer.
 */
class OpenAIResponsesStreamEncoder implements StreamEncoder {
  readonly #options: CreateOpenAIResponsesStreamEncoderOptions;
  readonly #output: OpenAIResponsesOutputItemBody[] = [];
  readonly #blocks = new Map<number, Block>();
  #openMessage: { readonly item: OpenAIResponsesMessageItemBody; readonly outputIndex: number } | undefined;
  readonly #events = new OpenAIResponsesEventWriter();
  #started = false;
  #closed = false;
  #usage: CanonicalUsage | undefined;
  #finishReason: FinishReason | undefined;

  constructor(options: CreateOpenAIResponsesStreamEncoderOptions) {
    this.#options = options;
  }

  encode(part: StreamPart): string {
    if (this.#closed) return '';
    return this.#start() + this.#encodePart(part);
  }

  /**
   * A text delta of a text block or a fragment of a tool call, already a JSON literal (stream-codec.ts):
   * what `encode` writes for the same part. The literal is kept as it is and decoded into the block's text
   * or arguments, with the others, when those are read (the done events, a failure's snapshot).
   */
  encodeDeltaJson(type: DeltaJsonType, index: number, json: string): string | undefined {
    if (this.#closed) return '';
    const block = this.#blocks.get(index);
    if (block === undefined || block.ended) return '';
    if (type === 'text-delta' && block.kind === 'text') {
      keepJsonString(block, json);
      return this.#events.textDelta(block.message.id, block.outputIndex, block.contentIndex, json);
    }
    if (type !== 'tool-input-delta' || block.kind !== 'tool') return undefined;
    keepJsonString(block, json);
    return block.item.type === 'custom_tool_call' ? '' : this.#events.argumentsDelta(block.item.id, block.outputIndex, json);
  }

  end(): string {
    if (this.#closed) return '';
    let text = this.#start();
    const status = this.#finishReason === undefined ? ({ status: 'completed' } as const) : mapToOpenAIResponsesStatus(this.#finishReason);
    if (status.status === 'failed') return text + this.fail('server_error', 'The upstream provider failed to complete the response.');
    for (const block of this.#blocks.values()) text += this.#endBlock(block);
    text += this.#closeMessage(status.status);
    this.#closed = true;
    if (status.status === 'incomplete') {
      return text + this.#events.event('response.incomplete', { response: this.#snapshot('incomplete', { incompleteReason: status.reason }) });
    }
    return text + this.#events.event('response.completed', { response: this.#snapshot('completed') });
  }

  fail(errorType: string, message: string): string {
    if (this.#closed) return '';
    const text = this.#start();
    this.#closed = true;
    for (const block of this.#blocks.values()) settle(block);
    const response = this.#snapshot('failed', { error: { code: mapToOpenAIResponsesErrorCode(errorType), message } });
    return text + this.#events.event('error', { code: errorType, message, param: null }) + this.#events.event('response.failed', { response });
  }

  #snapshot(status: SnapshotStatus, extra: { incompleteReason?: string; error?: { code: string; message: string } } = {}) {
    const options = this.#options;
    const usage = this.#usage;
    return buildOpenAIResponsesSnapshot({
      id: options.id,
      model: options.model,
      createdSeconds: options.createdSeconds,
      status,
      ...extra,
      ...(status === 'completed' ? { completedSeconds: options.now?.() ?? options.createdSeconds } : {}),
      output: status === 'in_progress' ? [] : this.#output,
      // `null` until the end (OpenAI's snapshots), and in a failure before any usage was known.
      usage: status === 'in_progress' || (status === 'failed' && usage === undefined) ? null : convertToOpenAIResponsesUsage(usage ?? {}),
      request: options.request,
    });
  }

  #start(): string {
    if (this.#started) return '';
    this.#started = true;
    const response = this.#snapshot('in_progress');
    return this.#events.event('response.created', { response }) + this.#events.event('response.in_progress', { response });
  }

  #endText(block: Extract<Block, { kind: 'text' }>): string {
    return block.ended ? '' : writeTextDone(this.#events, block);
  }

  #closeMessage(status: 'completed' | 'incomplete' = 'completed'): string {
    if (this.#openMessage === undefined) return '';
    const { item, outputIndex } = this.#openMessage;
    this.#openMessage = undefined;
    let text = '';
    for (const block of this.#blocks.values()) if (block.kind === 'text' && block.message === item) text += this.#endText(block);
    item.status = status;
    return text + this.#events.event('response.output_item.done', { output_index: outputIndex, item });
  }

  #addItem(item: OpenAIResponsesOutputItemBody): { outputIndex: number; text: string } {
    const outputIndex = this.#output.length;
    this.#output.push(item);
    return { outputIndex, text: this.#events.event('response.output_item.added', { output_index: outputIndex, item: { ...item } }) };
  }

  #endBlock(block: Block, part?: Extract<StreamPart, { type: 'reasoning-end' }>): string {
    if (block.ended) return '';
    if (block.kind === 'text') return writeTextDone(this.#events, block);
    if (block.kind === 'tool') return writeToolCallDone(this.#events, block);
    const done = writeReasoningDone(this.#events, block, part, this.#options.idSource);
    this.#output[block.outputIndex] = done.item;
    return done.text;
  }

  #startText(index: number): string {
    let text = '';
    if (this.#openMessage === undefined) {
      const added = this.#addItem({ id: this.#options.idSource('msg'), type: 'message', status: 'in_progress', role: 'assistant', content: [] });
      this.#openMessage = { item: this.#output[added.outputIndex] as OpenAIResponsesMessageItemBody, outputIndex: added.outputIndex };
      text += added.text;
    }
    const { item, outputIndex } = this.#openMessage;
    for (const block of this.#blocks.values()) if (block.kind === 'text' && block.message === item) text += this.#endText(block);
    const contentPart: OpenAIResponsesOutputTextBody = { type: 'output_text', text: '', annotations: [] };
    item.content.push(contentPart);
    const contentIndex = item.content.length - 1;
    this.#blocks.set(index, { kind: 'text', message: item, outputIndex, contentIndex, part: contentPart, pending: undefined, ended: false });
    return (
      text +
      this.#events.event('response.content_part.added', { item_id: item.id, output_index: outputIndex, content_index: contentIndex, part: { ...contentPart } })
    );
  }

  #encodePart(part: StreamPart): string {
    switch (part.type) {
      case 'response-start':
        if (part.usage !== undefined) this.#usage = { ...this.#usage, ...part.usage };
        return '';
      case 'text-start':
        return this.#startText(part.index);
      case 'tool-call-start': {
        const text = this.#closeMessage();
        const options = this.#options;
        const added = this.#addItem(
          buildOpenAIResponsesToolCallItem({ id: part.id, name: part.name, arguments: '' }, 'in_progress', options.idSource, options.toolOrigins),
        );
        this.#blocks.set(part.index, {
          kind: 'tool',
          item: this.#output[added.outputIndex] as Extract<Block, { kind: 'tool' }>['item'],
          outputIndex: added.outputIndex,
          toolArguments: '',
          pending: undefined,
          ended: false,
        });
        return text + added.text;
      }
      case 'reasoning-start': {
        const text = this.#closeMessage();
        const item: OpenAIResponsesReasoningItemBody = { id: part.id ?? this.#options.idSource('rs'), type: 'reasoning', summary: [] };
        const added = this.#addItem(item);
        this.#blocks.set(part.index, { kind: 'reasoning', item, outputIndex: added.outputIndex, text: '', summaryOpen: false, ended: false });
        return text + added.text;
      }
      case 'text-delta':
      case 'tool-input-delta':
      case 'reasoning-delta':
        return this.#encodeDelta(this.#blocks.get(part.index), part.delta);
      case 'text-end':
      case 'tool-call-end': {
        const block = this.#blocks.get(part.index);
        return block === undefined ? '' : this.#endBlock(block);
      }
      case 'reasoning-end': {
        const block = this.#blocks.get(part.index);
        return block === undefined ? '' : this.#endBlock(block, part);
      }
      case 'usage':
        this.#usage = { ...this.#usage, ...part.usage };
        return '';
      case 'finish': {
        this.#finishReason = part.finishReason;
        return this.#closeMessage(mapToOpenAIResponsesStatus(part.finishReason).status === 'incomplete' ? 'incomplete' : 'completed');
      }
      case 'error':
        return this.fail(part.errorType, part.message);
    }
  }

  #encodeDelta(block: Block | undefined, delta: string): string {
    if (block === undefined || block.ended || delta === '') return '';
    settle(block);
    switch (block.kind) {
      case 'text':
        block.part.text += delta;
        return this.#events.textDelta(block.message.id, block.outputIndex, block.contentIndex, JSON.stringify(delta));
      case 'tool':
        block.toolArguments += delta;
        // A custom tool's input is the string inside the arguments JSON: sent whole when the call ends.
        if (block.item.type === 'custom_tool_call') return '';
        return this.#events.argumentsDelta(block.item.id, block.outputIndex, JSON.stringify(delta));
      case 'reasoning': {
        let text = '';
        if (!block.summaryOpen) {
          block.summaryOpen = true;
          const part = { type: 'summary_text', text: '' };
          text += this.#events.event('response.reasoning_summary_part.added', {
            item_id: block.item.id,
            output_index: block.outputIndex,
            summary_index: 0,
            part,
          });
        }
        block.text += delta;
        return text + this.#events.summaryTextDelta(block.item.id, block.outputIndex, delta);
      }
    }
  }
}
