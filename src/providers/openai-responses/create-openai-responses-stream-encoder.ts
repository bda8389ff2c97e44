import type { CanonicalUsage } from '../../canonical/canonical-usage.ts';
import type { FinishReason } from '../../canonical/finish-reason.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { formatJsonSseEvent } from '../../streaming/format-sse-event.ts';
import { buildOpenAIResponsesReasoningItem } from './build-openai-responses-reasoning-item.ts';
import { buildOpenAIResponsesSnapshot } from './build-openai-responses-snapshot.ts';
import { buildOpenAIResponsesToolCallItem } from './build-openai-responses-tool-call-item.ts';
import type { OpenAIResponsesToolOrigins } from './convert-openai-responses-tools-to-canonical.ts';
import { convertToOpenAIResponsesUsage } from './convert-to-openai-responses-usage.ts';
import { extractOpenAIResponsesCustomToolInput } from './extract-openai-responses-custom-tool-input.ts';
import { mapToOpenAIResponsesErrorCode } from './map-to-openai-responses-error-code.ts';
import { mapToOpenAIResponsesStatus } from './map-to-openai-responses-status.ts';
import type {
  OpenAIResponsesCustomToolCallItemBody,
  OpenAIResponsesFunctionCallItemBody,
  OpenAIResponsesIdSource,
  OpenAIResponsesMessageItemBody,
  OpenAIResponsesOutputItemBody,
  OpenAIResponsesOutputTextBody,
  OpenAIResponsesReasoningItemBody,
} from './openai-responses-output-types.ts';
import type { OpenAIResponsesRequest } from './openai-responses-wire-schema.ts';
import type { StreamEncoder } from '../../translation/stream-codec.ts';

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

type Block =
  | {
      readonly kind: 'text';
      readonly message: OpenAIResponsesMessageItemBody;
      readonly outputIndex: number;
      readonly contentIndex: number;
      readonly part: OpenAIResponsesOutputTextBody;
      ended: boolean;
    }
  | {
      readonly kind: 'tool';
      readonly item: OpenAIResponsesFunctionCallItemBody | OpenAIResponsesCustomToolCallItemBody;
      readonly outputIndex: number;
      toolArguments: string;
      ended: boolean;
    }
  | {
      readonly kind: 'reasoning';
      readonly item: OpenAIResponsesReasoningItemBody;
      readonly outputIndex: number;
      text: string;
      summaryOpen: boolean;
      ended: boolean;
    };

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
  const output: OpenAIResponsesOutputItemBody[] = [];
  const blocks = new Map<number, Block>();
  let openMessage: { readonly item: OpenAIResponsesMessageItemBody; readonly outputIndex: number } | undefined;
  let sequenceNumber = 0;
  let started = false;
  let closed = false;
  let usage: CanonicalUsage | undefined;
  let finishReason: FinishReason | undefined;

  const event = (type: string, payload: Record<string, unknown>): string => {
    const data = JSON.stringify({ type, ...payload, sequence_number: sequenceNumber });
    sequenceNumber += 1;
    return formatJsonSseEvent(data, type);
  };
  const snapshot = (
    status: Parameters<typeof buildOpenAIResponsesSnapshot>[0]['status'],
    extra: { incompleteReason?: string; error?: { code: string; message: string } } = {},
  ) =>
    buildOpenAIResponsesSnapshot({
      id: options.id,
      model: options.model,
      createdSeconds: options.createdSeconds,
      status,
      ...extra,
      ...(status === 'completed' ? { completedSeconds: options.now?.() ?? options.createdSeconds } : {}),
      output: status === 'in_progress' ? [] : output,
      // `null` until the end (OpenAI's snapshots), and in a failure before any usage was known.
      usage: status === 'in_progress' || (status === 'failed' && usage === undefined) ? null : convertToOpenAIResponsesUsage(usage ?? {}),
      request: options.request,
    });
  const start = (): string => {
    if (started) return '';
    started = true;
    const response = snapshot('in_progress');
    return event('response.created', { response }) + event('response.in_progress', { response });
  };

  const endText = (block: Extract<Block, { kind: 'text' }>): string => {
    if (block.ended) return '';
    block.ended = true;
    const { id: itemId } = block.message;
    const text = block.part.text;
    return (
      event('response.output_text.done', { item_id: itemId, output_index: block.outputIndex, content_index: block.contentIndex, text, logprobs: [] }) +
      event('response.content_part.done', {
        item_id: itemId,
        output_index: block.outputIndex,
        content_index: block.contentIndex,
        part: { type: 'output_text', text, annotations: [] },
      })
    );
  };
  const closeMessage = (status: 'completed' | 'incomplete' = 'completed'): string => {
    if (openMessage === undefined) return '';
    const { item, outputIndex } = openMessage;
    openMessage = undefined;
    let text = '';
    for (const block of blocks.values()) if (block.kind === 'text' && block.message === item) text += endText(block);
    item.status = status;
    return text + event('response.output_item.done', { output_index: outputIndex, item });
  };
  const addItem = (item: OpenAIResponsesOutputItemBody): { outputIndex: number; text: string } => {
    const outputIndex = output.length;
    output.push(item);
    return { outputIndex, text: event('response.output_item.added', { output_index: outputIndex, item: { ...item } }) };
  };

  const endBlock = (block: Block, part?: Extract<StreamPart, { type: 'reasoning-end' }>): string => {
    if (block.ended) return '';
    if (block.kind === 'text') return endText(block);
    block.ended = true;
    if (block.kind === 'tool') {
      const { item, outputIndex } = block;
      let text = '';
      if (item.type === 'function_call') {
        item.arguments = block.toolArguments;
        text += event('response.function_call_arguments.done', { item_id: item.id, output_index: outputIndex, name: item.name, arguments: item.arguments });
      } else {
        item.input = extractOpenAIResponsesCustomToolInput(block.toolArguments);
        if (item.input !== '') text += event('response.custom_tool_call_input.delta', { item_id: item.id, output_index: outputIndex, delta: item.input });
        text += event('response.custom_tool_call_input.done', { item_id: item.id, output_index: outputIndex, input: item.input });
      }
      item.status = 'completed';
      return text + event('response.output_item.done', { output_index: outputIndex, item });
    }
    const { item, outputIndex, text: summary } = block;
    let text = '';
    if (block.summaryOpen) {
      const position = { item_id: item.id, output_index: outputIndex, summary_index: 0 };
      text += event('response.reasoning_summary_text.done', { ...position, text: summary });
      text += event('response.reasoning_summary_part.done', { ...position, part: { type: 'summary_text', text: summary } });
    }
    const done = buildOpenAIResponsesReasoningItem({ ...part, text: summary, id: item.id }, options.idSource);
    output[outputIndex] = done;
    return text + event('response.output_item.done', { output_index: outputIndex, item: done });
  };

  const encodePart = (part: StreamPart): string => {
    switch (part.type) {
      case 'response-start':
        if (part.usage !== undefined) usage = { ...usage, ...part.usage };
        return '';
      case 'text-start': {
        let text = '';
        if (openMessage === undefined) {
          const added = addItem({ id: options.idSource('msg'), type: 'message', status: 'in_progress', role: 'assistant', content: [] });
          openMessage = { item: output[added.outputIndex] as OpenAIResponsesMessageItemBody, outputIndex: added.outputIndex };
          text += added.text;
        }
        const { item, outputIndex } = openMessage;
        for (const block of blocks.values()) if (block.kind === 'text' && block.message === item) text += endText(block);
        const contentPart: OpenAIResponsesOutputTextBody = { type: 'output_text', text: '', annotations: [] };
        item.content.push(contentPart);
        const contentIndex = item.content.length - 1;
        blocks.set(part.index, { kind: 'text', message: item, outputIndex, contentIndex, part: contentPart, ended: false });
        return (
          text + event('response.content_part.added', { item_id: item.id, output_index: outputIndex, content_index: contentIndex, part: { ...contentPart } })
        );
      }
      case 'tool-call-start': {
        const text = closeMessage();
        const added = addItem(
          buildOpenAIResponsesToolCallItem({ id: part.id, name: part.name, arguments: '' }, 'in_progress', options.idSource, options.toolOrigins),
        );
        blocks.set(part.index, {
          kind: 'tool',
          item: output[added.outputIndex] as Extract<Block, { kind: 'tool' }>['item'],
          outputIndex: added.outputIndex,
          toolArguments: '',
          ended: false,
        });
        return text + added.text;
      }
      case 'reasoning-start': {
        const text = closeMessage();
        const item: OpenAIResponsesReasoningItemBody = { id: part.id ?? options.idSource('rs'), type: 'reasoning', summary: [] };
        const added = addItem(item);
        blocks.set(part.index, { kind: 'reasoning', item, outputIndex: added.outputIndex, text: '', summaryOpen: false, ended: false });
        return text + added.text;
      }
      case 'text-delta':
      case 'tool-input-delta':
      case 'reasoning-delta':
        return encodeDelta(blocks.get(part.index), part.delta);
      case 'text-end':
      case 'tool-call-end': {
        const block = blocks.get(part.index);
        return block === undefined ? '' : endBlock(block);
      }
      case 'reasoning-end': {
        const block = blocks.get(part.index);
        return block === undefined ? '' : endBlock(block, part);
      }
      case 'usage':
        usage = { ...usage, ...part.usage };
        return '';
      case 'finish': {
        finishReason = part.finishReason;
        return closeMessage(mapToOpenAIResponsesStatus(part.finishReason).status === 'incomplete' ? 'incomplete' : 'completed');
      }
      case 'error':
        return fail(part.errorType, part.message);
    }
  };

  const encodeDelta = (block: Block | undefined, delta: string): string => {
    if (block === undefined || block.ended || delta === '') return '';
    switch (block.kind) {
      case 'text':
        block.part.text += delta;
        return event('response.output_text.delta', {
          item_id: block.message.id,
          output_index: block.outputIndex,
          content_index: block.contentIndex,
          delta,
          logprobs: [],
        });
      case 'tool':
        block.toolArguments += delta;
        // A custom tool's input is the string inside the arguments JSON: sent whole when the call ends.
        if (block.item.type === 'custom_tool_call') return '';
        return event('response.function_call_arguments.delta', { item_id: block.item.id, output_index: block.outputIndex, delta });
      case 'reasoning': {
        const position = { item_id: block.item.id, output_index: block.outputIndex, summary_index: 0 };
        let text = '';
        if (!block.summaryOpen) {
          block.summaryOpen = true;
          text += event('response.reasoning_summary_part.added', { ...position, part: { type: 'summary_text', text: '' } });
        }
        block.text += delta;
        return text + event('response.reasoning_summary_text.delta', { ...position, delta });
      }
    }
  };

  const fail = (errorType: string, message: string): string => {
    if (closed) return '';
    const text = start();
    closed = true;
    const response = snapshot('failed', { error: { code: mapToOpenAIResponsesErrorCode(errorType), message } });
    return text + event('error', { code: errorType, message, param: null }) + event('response.failed', { response });
  };

  return {
    encode(part) {
      if (closed) return '';
      return start() + encodePart(part);
    },
    end() {
      if (closed) return '';
      let text = start();
      const status = finishReason === undefined ? ({ status: 'completed' } as const) : mapToOpenAIResponsesStatus(finishReason);
      if (status.status === 'failed') return text + fail('server_error', 'The upstream provider failed to complete the response.');
      for (const block of blocks.values()) text += endBlock(block);
      text += closeMessage(status.status);
      closed = true;
      if (status.status === 'incomplete') return text + event('response.incomplete', { response: snapshot('incomplete', { incompleteReason: status.reason }) });
      return text + event('response.completed', { response: snapshot('completed') });
    },
    fail,
  };
}
