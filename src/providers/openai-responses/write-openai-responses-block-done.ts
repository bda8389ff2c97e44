import type { StreamPart } from '../../canonical/stream-part.ts';
import { buildOpenAIResponsesReasoningItem } from './build-openai-responses-reasoning-item.ts';
import { extractOpenAIResponsesCustomToolInput } from './extract-openai-responses-custom-tool-input.ts';
import { type Block, settle } from './openai-responses-encoded-block.ts';
import type { OpenAIResponsesEventWriter } from './openai-responses-event-writer.ts';
import type { OpenAIResponsesIdSource, OpenAIResponsesReasoningItemBody } from './openai-responses-output-types.ts';

/**
 * The events that end one block of a Responses stream (create-openai-responses-stream-encoder.ts), each
 * function for a block not yet ended: it marks the block ended and returns the events' text.
 */

/** A text part: `output_text.done` and `content_part.done` with its whole text (its message item ends apart). */
export function writeTextDone(events: OpenAIResponsesEventWriter, block: Extract<Block, { kind: 'text' }>): string {
  block.ended = true;
  settle(block);
  const { id: itemId } = block.message;
  const text = block.part.text;
  return (
    events.event('response.output_text.done', { item_id: itemId, output_index: block.outputIndex, content_index: block.contentIndex, text, logprobs: [] }) +
    events.event('response.content_part.done', {
      item_id: itemId,
      output_index: block.outputIndex,
      content_index: block.contentIndex,
      part: { type: 'output_text', text, annotations: [] },
    })
  );
}

/**
 * A tool call: a function call's `function_call_arguments.done`, or a custom tool's input (the string inside
 * the arguments JSON) as one `custom_tool_call_input.delta` and `.done`; then `output_item.done`.
 */
export function writeToolCallDone(events: OpenAIResponsesEventWriter, block: Extract<Block, { kind: 'tool' }>): string {
  block.ended = true;
  settle(block);
  const { item, outputIndex } = block;
  let text = '';
  if (item.type === 'function_call') {
    item.arguments = block.toolArguments;
    text += events.event('response.function_call_arguments.done', { item_id: item.id, output_index: outputIndex, name: item.name, arguments: item.arguments });
  } else {
    item.input = extractOpenAIResponsesCustomToolInput(block.toolArguments);
    if (item.input !== '') text += events.event('response.custom_tool_call_input.delta', { item_id: item.id, output_index: outputIndex, delta: item.input });
    text += events.event('response.custom_tool_call_input.done', { item_id: item.id, output_index: outputIndex, input: item.input });
  }
  item.status = 'completed';
  return text + events.event('response.output_item.done', { output_index: outputIndex, item });
}

/**
 * Reasoning: its summary part's `.done` events when one was opened, then `output_item.done` with the
 * finished item (`encrypted_content` from the reasoning-end part), which replaces the block's item in the output.
 */
export function writeReasoningDone(
  events: OpenAIResponsesEventWriter,
  block: Extract<Block, { kind: 'reasoning' }>,
  part: Extract<StreamPart, { type: 'reasoning-end' }> | undefined,
  idSource: OpenAIResponsesIdSource,
): { readonly text: string; readonly item: OpenAIResponsesReasoningItemBody } {
  block.ended = true;
  const { item, outputIndex, text: summary } = block;
  let text = '';
  if (block.summaryOpen) {
    const position = { item_id: item.id, output_index: outputIndex, summary_index: 0 };
    text += events.event('response.reasoning_summary_text.done', { ...position, text: summary });
    text += events.event('response.reasoning_summary_part.done', { ...position, part: { type: 'summary_text', text: summary } });
  }
  const done = buildOpenAIResponsesReasoningItem({ ...part, text: summary, id: item.id }, idSource);
  return { text: text + events.event('response.output_item.done', { output_index: outputIndex, item: done }), item: done };
}
