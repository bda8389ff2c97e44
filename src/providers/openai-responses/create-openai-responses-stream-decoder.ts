import type { StreamPart } from '../../canonical/stream-part.ts';
import { convertOpenAIResponsesUsage } from './convert-openai-responses-usage.ts';
import { mapOpenAIResponsesFinishReason } from './map-openai-responses-finish-reason.ts';
import type { OpenAIResponsesOutputItem, OpenAIResponsesResponse } from './openai-responses-response-schema.ts';
import { type OpenAIResponsesStreamEvent, openaiResponsesStreamEventSchema } from './openai-responses-stream-event-schema.ts';
import { parseOpenAIResponsesJson } from './parse-openai-responses-json.ts';
import type { StreamDecoder } from '../../translation/stream-codec.ts';

interface Block {
  readonly index: number;
  readonly kind: 'text' | 'tool' | 'reasoning';
  /** What was emitted so far (text, arguments, or the current summary part), to complete it from a `*.done` event. */
  emitted: string;
  summaryParts: number;
  ended: boolean;
}

const handledEvents = new Set([
  'response.created',
  'response.in_progress',
  'response.queued',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_text.delta',
  'response.output_text.done',
  'response.refusal.delta',
  'response.refusal.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.reasoning_summary_part.added',
  'response.reasoning_summary_text.delta',
  'response.reasoning_summary_text.done',
  'response.reasoning_text.delta',
  'response.completed',
  'response.incomplete',
  'response.failed',
  'error',
]);

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
  const blocks = new Map<string, Block>();
  let nextIndex = 0;
  let started = false;
  let finished = false;
  let failed = false;
  let sawToolCall = false;

  const start = (parts: StreamPart[], response?: OpenAIResponsesResponse | null): void => {
    if (started) return;
    started = true;
    const part: { type: 'response-start'; id: string; model: string; usage?: ReturnType<typeof convertOpenAIResponsesUsage> } = {
      type: 'response-start',
      id: response?.id ?? '',
      model: response?.model ?? '',
    };
    if (response?.usage != null) part.usage = convertOpenAIResponsesUsage(response.usage);
    parts.push(part);
  };

  const open = (parts: StreamPart[], key: string, kind: Block['kind'], startPart: (index: number) => StreamPart): Block => {
    const existing = blocks.get(key);
    if (existing !== undefined) return existing;
    start(parts);
    const block: Block = { index: nextIndex, kind, emitted: '', summaryParts: 0, ended: false };
    nextIndex += 1;
    blocks.set(key, block);
    parts.push(startPart(block.index));
    return block;
  };
  const openText = (parts: StreamPart[], outputIndex: number, contentIndex: number): Block =>
    open(parts, `message:${outputIndex}:${contentIndex}`, 'text', (index) => ({ type: 'text-start', index }));
  const openTool = (parts: StreamPart[], outputIndex: number, item?: OpenAIResponsesOutputItem | null, itemId?: string | null): Block => {
    sawToolCall = true;
    return open(parts, `function_call:${outputIndex}`, 'tool', (index) => ({
      type: 'tool-call-start',
      index,
      id: item?.call_id ?? item?.id ?? itemId ?? '',
      name: item?.name ?? '',
    }));
  };
  const openReasoning = (parts: StreamPart[], outputIndex: number, id?: string | null): Block =>
    open(parts, `reasoning:${outputIndex}`, 'reasoning', (index) => (id == null ? { type: 'reasoning-start', index } : { type: 'reasoning-start', index, id }));

  const delta = (parts: StreamPart[], block: Block, text: string): void => {
    if (block.ended || text === '') return;
    block.emitted += text;
    const type = block.kind === 'text' ? 'text-delta' : block.kind === 'tool' ? 'tool-input-delta' : 'reasoning-delta';
    parts.push({ type, index: block.index, delta: text });
  };
  /** A `*.done` event's full value: emit what the deltas left out (when it extends them). */
  const complete = (parts: StreamPart[], block: Block, full: string | null | undefined): void => {
    if (full != null && full.length > block.emitted.length && full.startsWith(block.emitted)) delta(parts, block, full.slice(block.emitted.length));
  };
  const endBlock = (parts: StreamPart[], block: Block, encryptedContent?: string | null): void => {
    if (block.ended) return;
    block.ended = true;
    if (block.kind === 'text') parts.push({ type: 'text-end', index: block.index });
    else if (block.kind === 'tool') parts.push({ type: 'tool-call-end', index: block.index });
    else parts.push(encryptedContent == null ? { type: 'reasoning-end', index: block.index } : { type: 'reasoning-end', index: block.index, encryptedContent });
  };

  const itemDone = (parts: StreamPart[], outputIndex: number, item: OpenAIResponsesOutputItem): void => {
    switch (item.type) {
      case 'message':
        (item.content ?? []).forEach((part, contentIndex) => {
          if (part.type !== 'output_text' && part.type !== 'refusal') return;
          const block = openText(parts, outputIndex, contentIndex);
          complete(parts, block, part.type === 'refusal' ? part.refusal : part.text);
          endBlock(parts, block);
        });
        return;
      case 'function_call': {
        const block = openTool(parts, outputIndex, item);
        complete(parts, block, item.arguments);
        endBlock(parts, block);
        return;
      }
      case 'reasoning': {
        const block = openReasoning(parts, outputIndex, item.id);
        if (block.emitted === '' && block.summaryParts === 0) delta(parts, block, (item.summary ?? []).map((part) => part.text ?? '').join('\n\n'));
        endBlock(parts, block, item.encrypted_content);
        return;
      }
    }
  };

  const finish = (parts: StreamPart[], response: OpenAIResponsesResponse | null | undefined, status: string): void => {
    start(parts, response);
    for (const block of blocks.values()) endBlock(parts, block);
    if (response?.usage != null) parts.push({ type: 'usage', usage: convertOpenAIResponsesUsage(response.usage) });
    const hasToolCalls = sawToolCall || (response?.output ?? []).some((item) => item.type === 'function_call');
    parts.push({
      type: 'finish',
      finishReason: mapOpenAIResponsesFinishReason(response?.status ?? status, response?.incomplete_details?.reason, hasToolCalls),
    });
    finished = true;
  };

  const fail = (parts: StreamPart[], errorType: string, message: string): void => {
    start(parts);
    if (!failed) parts.push({ type: 'error', errorType, message });
    failed = true;
  };

  const handle = (event: OpenAIResponsesStreamEvent, parts: StreamPart[]): void => {
    const outputIndex = event.output_index ?? 0;
    switch (event.type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        start(parts, event.response);
        return;
      case 'response.output_item.added':
        if (event.item?.type === 'function_call') delta(parts, openTool(parts, outputIndex, event.item), event.item.arguments ?? '');
        else if (event.item?.type === 'reasoning') openReasoning(parts, outputIndex, event.item.id);
        return;
      case 'response.content_part.added':
        if (event.part?.type === 'output_text' || event.part?.type === 'refusal') {
          delta(parts, openText(parts, outputIndex, event.content_index ?? 0), (event.part.type === 'refusal' ? event.part.refusal : event.part.text) ?? '');
        }
        return;
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        delta(parts, openText(parts, outputIndex, event.content_index ?? 0), event.delta ?? '');
        return;
      case 'response.output_text.done':
      case 'response.refusal.done':
      case 'response.content_part.done': {
        if (event.type === 'response.content_part.done' && event.part?.type !== 'output_text' && event.part?.type !== 'refusal') return;
        const block = openText(parts, outputIndex, event.content_index ?? 0);
        complete(parts, block, event.text ?? event.refusal ?? event.part?.text ?? event.part?.refusal);
        endBlock(parts, block);
        return;
      }
      case 'response.function_call_arguments.delta':
        delta(parts, openTool(parts, outputIndex, undefined, event.item_id), event.delta ?? '');
        return;
      case 'response.function_call_arguments.done': {
        const block = openTool(parts, outputIndex, undefined, event.item_id);
        complete(parts, block, event.arguments);
        endBlock(parts, block);
        return;
      }
      case 'response.reasoning_summary_part.added': {
        const block = openReasoning(parts, outputIndex, event.item_id);
        block.summaryParts += 1;
        if (block.emitted !== '') delta(parts, block, '\n\n');
        block.emitted = '';
        return;
      }
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        delta(parts, openReasoning(parts, outputIndex, event.item_id), event.delta ?? '');
        return;
      case 'response.reasoning_summary_text.done':
        complete(parts, openReasoning(parts, outputIndex, event.item_id), event.text);
        return;
      case 'response.output_item.done':
        if (event.item != null) itemDone(parts, outputIndex, event.item);
        return;
      case 'response.completed':
      case 'response.incomplete':
        finish(parts, event.response, event.type === 'response.completed' ? 'completed' : 'incomplete');
        return;
      case 'response.failed': {
        const error = event.response?.error;
        if (event.response?.usage != null) parts.push({ type: 'usage', usage: convertOpenAIResponsesUsage(event.response.usage) });
        fail(parts, error?.code ?? 'server_error', error?.message ?? 'The upstream response failed.');
        parts.push({ type: 'finish', finishReason: { unified: 'error', raw: 'failed' } });
        finished = true;
        return;
      }
      case 'error': {
        const code = event.code ?? event.error?.code ?? event.error?.type;
        fail(parts, code == null ? 'server_error' : String(code), event.message ?? event.error?.message ?? 'The upstream stream reported an error.');
        return;
      }
    }
  };

  return {
    push(sse) {
      if (finished) return [];
      const parsed = parseOpenAIResponsesJson(sse.data);
      if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return [];
      const type: unknown = (parsed.value as { readonly type?: unknown }).type ?? sse.event;
      if (typeof type !== 'string' || !handledEvents.has(type)) return [];
      // After an error only the terminal `response.failed` is read: what follows an error is not an answer.
      if (failed && type !== 'response.failed') return [];
      const event = openaiResponsesStreamEventSchema.safeParse({ ...parsed.value, type });
      if (!event.success) return [];
      const parts: StreamPart[] = [];
      handle(event.data, parts);
      return parts;
    },
    end() {
      if (finished) return [];
      finished = true;
      const parts: StreamPart[] = [];
      if (!failed) fail(parts, 'server_error', 'The upstream stream ended before the response was complete.');
      parts.push({ type: 'finish', finishReason: { unified: 'error', raw: undefined } });
      return parts;
    },
  };
}
