import type { StreamPart } from '../../canonical/stream-part.ts';
import type { SseEvent } from '../../streaming/create-sse-decoder.ts';
import { keepJsonString } from '../../streaming/decode-json-strings.ts';
import type { DeltaJsonType, StreamDecoder } from '../../translation/stream-codec.ts';
import { convertOpenAIResponsesUsage } from './convert-openai-responses-usage.ts';
import { mapOpenAIResponsesFinishReason } from './map-openai-responses-finish-reason.ts';
import { type Block, settle } from './openai-responses-decoded-block.ts';
import type { OpenAIResponsesOutputItem, OpenAIResponsesResponse } from './openai-responses-response-schema.ts';
import type { OpenAIResponsesStreamEvent } from './openai-responses-stream-event-schema.ts';
import { parseOpenAIResponsesJson } from './parse-openai-responses-json.ts';
import { readOpenAIResponsesDelta } from './read-openai-responses-delta.ts';
import { handledOpenAIResponsesEvents, readOpenAIResponsesStreamEvent } from './read-openai-responses-stream-event.ts';

/**
 * Responses stream events from an upstream -> canonical stream parts, as they arrive. Blocks take canonical
 * indexes in order of appearance: each `output_text` / `refusal` part of a message item is its own text
 * block (keyed by `output_index` and `content_index`), each `function_call` item a tool call, each
 * `reasoning` item a reasoning block (summary parts joined by a blank line; raw `reasoning_text` deltas
 * too). `*.done` events and `output_item.done` complete what deltas left out, so a backend that sends only
 * done events still decodes. The reasoning item's `encrypted_content` arrives on `output_item.done` and
 * goes out on `reasoning-end`. `response.completed` / `incomplete` give the usage and the one `finish`;
 * `response.failed` and `error` give an `error` part; a stream that closes before any of them is an error.
 * Refusal text is decoded as text (⚠ choice, protocol-mapping.md §6). Unknown events are skipped.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export function createOpenAIResponsesStreamDecoder(): StreamDecoder {
  return new OpenAIResponsesStreamDecoder();
}

type Mutable<Value> = { -readonly [Key in keyof Value]: Value[Key] };
type ResponseStart = Mutable<Extract<StreamPart, { type: 'response-start' }>>;

/**
 * A class rather than a closure per step: one object per stream, where the closures cost ~3.4 µs to create
 * per request (each also named by tsx's keepNames). Events are checked by hand, not copied by the schema
 * (read-openai-responses-stream-event.ts).
 */
class OpenAIResponsesStreamDecoder implements StreamDecoder {
  /** `message:<output>:<content>`, `function_call:<output>` or `reasoning:<output>` -> its canonical block. */
  readonly #blocks = new Map<string, Block>();
  #nextIndex = 0;
  #started = false;
  #finished = false;
  #failed = false;
  #sawToolCall = false;
  /** The block and literal `deltaJson` last gave, until committed (two fields: no object per delta). */
  #offeredBlock: Block | undefined;
  #offeredJson = '';

  push(sse: SseEvent): StreamPart[] {
    if (this.#finished) return [];
    const parsed = parseOpenAIResponsesJson(sse.data);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return [];
    const value = parsed.value as Readonly<Record<string, unknown>>;
    const type = value['type'] ?? sse.event;
    if (typeof type !== 'string' || !handledOpenAIResponsesEvents.has(type)) return [];
    // After an error only the terminal `response.failed` is read: what follows an error is not an answer.
    if (this.#failed && type !== 'response.failed') return [];
    const event = readOpenAIResponsesStreamEvent(value, type);
    if (event === undefined) return [];
    const parts: StreamPart[] = [];
    this.#handle(event, parts);
    return parts;
  }

  /**
   * A text or arguments delta of a block already started, as its JSON literal (stream-codec.ts): what `push`
   * makes one part of. Nothing changes until `commitDeltaJson`: the block's emitted text then takes the
   * literal, decoded when a done event or a canonical delta needs it.
   */
  deltaJson(sse: SseEvent): string | undefined {
    if (this.#finished || this.#failed) return undefined;
    const delta = readOpenAIResponsesDelta(sse.data);
    if (delta === undefined || delta.json === '""') return undefined;
    const block = this.#blocks.get(delta.blockKey);
    if (block === undefined || block.ended) return undefined;
    this.#offeredBlock = block;
    this.#offeredJson = delta.json;
    return delta.json;
  }

  get deltaType(): DeltaJsonType {
    return this.#offeredBlock?.kind === 'tool' ? 'tool-input-delta' : 'text-delta';
  }

  get deltaIndex(): number {
    return this.#offeredBlock?.index ?? -1;
  }

  commitDeltaJson(): void {
    const block = this.#offeredBlock;
    if (block === undefined) return;
    this.#offeredBlock = undefined;
    keepJsonString(block, this.#offeredJson);
  }

  end(): StreamPart[] {
    if (this.#finished) return [];
    this.#finished = true;
    const parts: StreamPart[] = [];
    if (!this.#failed) this.#fail(parts, 'server_error', 'The upstream stream ended before the response was complete.');
    parts.push({ type: 'finish', finishReason: { unified: 'error', raw: undefined } });
    return parts;
  }

  #start(parts: StreamPart[], response?: OpenAIResponsesResponse | null): void {
    if (this.#started) return;
    this.#started = true;
    const part: ResponseStart = { type: 'response-start', id: response?.id ?? '', model: response?.model ?? '' };
    if (response?.usage != null) part.usage = convertOpenAIResponsesUsage(response.usage);
    parts.push(part);
  }

  /** A block not seen before: the response starts first if it has not, then the block takes the next index (its start part is the caller's). */
  #addBlock(parts: StreamPart[], key: string, kind: Block['kind']): Block {
    this.#start(parts);
    const block: Block = { index: this.#nextIndex, kind, emitted: '', pending: undefined, summaryParts: 0, ended: false };
    this.#nextIndex += 1;
    this.#blocks.set(key, block);
    return block;
  }

  #openText(parts: StreamPart[], outputIndex: number, contentIndex: number): Block {
    const key = `message:${outputIndex}:${contentIndex}`;
    const existing = this.#blocks.get(key);
    if (existing !== undefined) return existing;
    const block = this.#addBlock(parts, key, 'text');
    parts.push({ type: 'text-start', index: block.index });
    return block;
  }

  #openTool(parts: StreamPart[], outputIndex: number, item?: OpenAIResponsesOutputItem | null, itemId?: string | null): Block {
    this.#sawToolCall = true;
    const key = `function_call:${outputIndex}`;
    const existing = this.#blocks.get(key);
    if (existing !== undefined) return existing;
    const block = this.#addBlock(parts, key, 'tool');
    parts.push({ type: 'tool-call-start', index: block.index, id: item?.call_id ?? item?.id ?? itemId ?? '', name: item?.name ?? '' });
    return block;
  }

  #openReasoning(parts: StreamPart[], outputIndex: number, id?: string | null): Block {
    const key = `reasoning:${outputIndex}`;
    const existing = this.#blocks.get(key);
    if (existing !== undefined) return existing;
    const block = this.#addBlock(parts, key, 'reasoning');
    parts.push(id == null ? { type: 'reasoning-start', index: block.index } : { type: 'reasoning-start', index: block.index, id });
    return block;
  }

  #delta(parts: StreamPart[], block: Block, text: string): void {
    if (block.ended || text === '') return;
    settle(block);
    block.emitted += text;
    const type = block.kind === 'text' ? 'text-delta' : block.kind === 'tool' ? 'tool-input-delta' : 'reasoning-delta';
    parts.push({ type, index: block.index, delta: text });
  }

  /** A `*.done` event's full value: emit what the deltas left out (when it extends them). */
  #complete(parts: StreamPart[], block: Block, full: string | null | undefined): void {
    settle(block);
    if (full != null && full.length > block.emitted.length && full.startsWith(block.emitted)) this.#delta(parts, block, full.slice(block.emitted.length));
  }

  #endBlock(parts: StreamPart[], block: Block, encryptedContent?: string | null): void {
    if (block.ended) return;
    block.ended = true;
    if (block.kind === 'text') parts.push({ type: 'text-end', index: block.index });
    else if (block.kind === 'tool') parts.push({ type: 'tool-call-end', index: block.index });
    else parts.push(encryptedContent == null ? { type: 'reasoning-end', index: block.index } : { type: 'reasoning-end', index: block.index, encryptedContent });
  }

  #itemDone(parts: StreamPart[], outputIndex: number, item: OpenAIResponsesOutputItem): void {
    switch (item.type) {
      case 'message': {
        const content = item.content ?? [];
        for (let contentIndex = 0; contentIndex < content.length; contentIndex += 1) {
          const part = content[contentIndex];
          if (part === undefined || (part.type !== 'output_text' && part.type !== 'refusal')) continue;
          const block = this.#openText(parts, outputIndex, contentIndex);
          this.#complete(parts, block, part.type === 'refusal' ? part.refusal : part.text);
          this.#endBlock(parts, block);
        }
        return;
      }
      case 'function_call': {
        const block = this.#openTool(parts, outputIndex, item);
        this.#complete(parts, block, item.arguments);
        this.#endBlock(parts, block);
        return;
      }
      case 'reasoning': {
        const block = this.#openReasoning(parts, outputIndex, item.id);
        if (block.emitted === '' && block.summaryParts === 0) this.#delta(parts, block, (item.summary ?? []).map((part) => part.text ?? '').join('\n\n'));
        this.#endBlock(parts, block, item.encrypted_content);
        return;
      }
    }
  }

  #finish(parts: StreamPart[], response: OpenAIResponsesResponse | null | undefined, status: string): void {
    this.#start(parts, response);
    for (const block of this.#blocks.values()) this.#endBlock(parts, block);
    if (response?.usage != null) parts.push({ type: 'usage', usage: convertOpenAIResponsesUsage(response.usage) });
    const hasToolCalls = this.#sawToolCall || (response?.output ?? []).some((item) => item.type === 'function_call');
    parts.push({
      type: 'finish',
      finishReason: mapOpenAIResponsesFinishReason(response?.status ?? status, response?.incomplete_details?.reason, hasToolCalls),
    });
    this.#finished = true;
  }

  #fail(parts: StreamPart[], errorType: string, message: string): void {
    this.#start(parts);
    if (!this.#failed) parts.push({ type: 'error', errorType, message });
    this.#failed = true;
  }

  #handle(event: OpenAIResponsesStreamEvent, parts: StreamPart[]): void {
    const outputIndex = event.output_index ?? 0;
    switch (event.type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        this.#start(parts, event.response);
        return;
      case 'response.output_item.added':
        if (event.item?.type === 'function_call') this.#delta(parts, this.#openTool(parts, outputIndex, event.item), event.item.arguments ?? '');
        else if (event.item?.type === 'reasoning') this.#openReasoning(parts, outputIndex, event.item.id);
        return;
      case 'response.content_part.added':
        if (event.part?.type === 'output_text' || event.part?.type === 'refusal') {
          const text = event.part.type === 'refusal' ? event.part.refusal : event.part.text;
          this.#delta(parts, this.#openText(parts, outputIndex, event.content_index ?? 0), text ?? '');
        }
        return;
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        this.#delta(parts, this.#openText(parts, outputIndex, event.content_index ?? 0), event.delta ?? '');
        return;
      case 'response.output_text.done':
      case 'response.refusal.done':
      case 'response.content_part.done': {
        if (event.type === 'response.content_part.done' && event.part?.type !== 'output_text' && event.part?.type !== 'refusal') return;
        const block = this.#openText(parts, outputIndex, event.content_index ?? 0);
        this.#complete(parts, block, event.text ?? event.refusal ?? event.part?.text ?? event.part?.refusal);
        this.#endBlock(parts, block);
        return;
      }
      case 'response.function_call_arguments.delta':
        this.#delta(parts, this.#openTool(parts, outputIndex, undefined, event.item_id), event.delta ?? '');
        return;
      case 'response.function_call_arguments.done': {
        const block = this.#openTool(parts, outputIndex, undefined, event.item_id);
        this.#complete(parts, block, event.arguments);
        this.#endBlock(parts, block);
        return;
      }
      case 'response.reasoning_summary_part.added': {
        const block = this.#openReasoning(parts, outputIndex, event.item_id);
        block.summaryParts += 1;
        if (block.emitted !== '') this.#delta(parts, block, '\n\n');
        block.emitted = '';
        return;
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        this.#delta(parts, this.#openReasoning(parts, outputIndex, event.item_id), event.delta ?? '');
        return;
      case 'response.reasoning_summary_text.done':
        this.#complete(parts, this.#openReasoning(parts, outputIndex, event.item_id), event.text);
        return;
      case 'response.output_item.done':
        if (event.item != null) this.#itemDone(parts, outputIndex, event.item);
        return;
      case 'response.completed':
      case 'response.incomplete':
        this.#finish(parts, event.response, event.type === 'response.completed' ? 'completed' : 'incomplete');
        return;
      case 'response.failed': {
        const error = event.response?.error;
        if (event.response?.usage != null) parts.push({ type: 'usage', usage: convertOpenAIResponsesUsage(event.response.usage) });
        this.#fail(parts, error?.code ?? 'server_error', error?.message ?? 'The upstream response failed.');
        parts.push({ type: 'finish', finishReason: { unified: 'error', raw: 'failed' } });
        this.#finished = true;
        return;
      }
      case 'error': {
        const code = event.code ?? event.error?.code ?? event.error?.type;
        this.#fail(parts, code == null ? 'server_error' : String(code), event.message ?? event.error?.message ?? 'The upstream stream reported an error.');
        return;
      }
    }
  }
}
