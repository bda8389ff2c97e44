import { areTexts, isNumber, isRecord, isText } from '../../streaming/json-field-checks.ts';
import type { AnthropicMessagesStreamEvent } from './anthropic-messages-response-schema.ts';

function isUsage(value: unknown): boolean {
  if (value == null) return true;
  if (!isRecord(value)) return false;
  if (!isNumber(value['input_tokens']) || !isNumber(value['output_tokens'])) return false;
  if (!isNumber(value['cache_creation_input_tokens']) || !isNumber(value['cache_read_input_tokens'])) return false;
  const details = value['output_tokens_details'];
  return details == null || (isRecord(details) && isNumber(details['thinking_tokens']));
}

const blockTexts = ['text', 'thinking', 'signature', 'data', 'id', 'name'] as const;

function isBlock(value: unknown): boolean {
  if (!isRecord(value) || typeof value['type'] !== 'string' || !areTexts(value, blockTexts)) return false;
  const citations = value['citations'];
  return citations == null || Array.isArray(citations);
}

function isMessage(value: unknown): boolean {
  if (value == null) return true;
  if (!isRecord(value) || !areTexts(value, ['id', 'type', 'model', 'stop_reason', 'stop_sequence']) || !isUsage(value['usage'])) return false;
  const content = value['content'];
  return content == null || (Array.isArray(content) && content.every(isBlock));
}

const deltaTexts = ['type', 'text', 'thinking', 'signature', 'partial_json', 'stop_reason', 'stop_sequence'] as const;

/**
 * A parsed stream event -> the event the decoder reads, or undefined when a field it reads has the wrong
 * type (the same contract as `anthropicMessagesStreamEventSchema`, which stays the type and the
 * documentation; read-anthropic-messages-stream-event.test.ts holds them to the same answers). Checked by
 * hand: the schema's `safeParse` walked and copied every event a second time after JSON.parse, for fields
 * that are only read.
 */
export function readAnthropicMessagesStreamEvent(value: unknown): AnthropicMessagesStreamEvent | undefined {
  if (!isRecord(value) || typeof value['type'] !== 'string') return undefined;
  const index = value['index'];
  if (index != null && !(typeof index === 'number' && Number.isSafeInteger(index) && index >= 0)) return undefined;
  const block = value['content_block'];
  if (block != null && !isBlock(block)) return undefined;
  const delta = value['delta'];
  if (delta != null && !(isRecord(delta) && areTexts(delta, deltaTexts))) return undefined;
  const error = value['error'];
  if (error != null && !(isRecord(error) && isText(error['type']) && isText(error['message']))) return undefined;
  if (!isUsage(value['usage']) || !isMessage(value['message'])) return undefined;
  return value as AnthropicMessagesStreamEvent;
}
