import { areTexts, type Fields, isNumber, isRecord, isText } from '../../streaming/json-field-checks.ts';
import type { OpenAIResponsesStreamEvent } from './openai-responses-stream-event-schema.ts';

/** The event types the decoder reads; any other is skipped. */
export const handledOpenAIResponsesEvents: ReadonlySet<string> = new Set([
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

/** `z.number().int().nonnegative().nullish()`: zod's integers are safe integers. */
function isPosition(value: unknown): boolean {
  return value == null || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
}

/** `z.union([z.string(), z.number()]).nullish()` */
function isCode(value: unknown): boolean {
  return typeof value === 'string' || isNumber(value);
}

/** `z.looseObject({ type: z.string(), text, refusal }).nullish()`, a content or summary part. */
function isTextPart(value: unknown): boolean {
  return value == null || (isRecord(value) && typeof value['type'] === 'string' && isText(value['text']) && isText(value['refusal']));
}

function areTextParts(value: unknown): boolean {
  if (value == null) return true;
  if (!Array.isArray(value)) return false;
  for (const part of value) if (part == null || !isTextPart(part)) return false;
  return true;
}

const itemTexts = ['id', 'status', 'call_id', 'name', 'arguments', 'encrypted_content'] as const;

/** `openaiResponsesOutputItemSchema.nullish()` */
function isOutputItem(value: unknown): boolean {
  if (value == null) return true;
  return isRecord(value) && typeof value['type'] === 'string' && areTexts(value, itemTexts) && areTextParts(value['content']) && areTextParts(value['summary']);
}

/** `openaiResponsesUsageSchema.nullish()` */
function isUsage(value: unknown): boolean {
  if (value == null) return true;
  if (!isRecord(value) || !isNumber(value['input_tokens']) || !isNumber(value['output_tokens']) || !isNumber(value['total_tokens'])) return false;
  const input = value['input_tokens_details'];
  if (input != null && !(isRecord(input) && isNumber(input['cached_tokens']) && isNumber(input['cache_write_tokens']))) return false;
  const output = value['output_tokens_details'];
  return output == null || (isRecord(output) && isNumber(output['reasoning_tokens']));
}

/** `openaiResponsesResponseSchema.nullish()` */
function isResponse(value: unknown): boolean {
  if (value == null) return true;
  if (!isRecord(value) || typeof value['id'] !== 'string' || !isText(value['model']) || !isText(value['status'])) return false;
  if (!isNumber(value['created_at']) || !isUsage(value['usage'])) return false;
  const output = value['output'];
  if (output != null && !(Array.isArray(output) && output.every((item) => item != null && isOutputItem(item)))) return false;
  const incomplete = value['incomplete_details'];
  if (incomplete != null && !(isRecord(incomplete) && isText(incomplete['reason']))) return false;
  const error = value['error'];
  return error == null || (isRecord(error) && isText(error['code']) && isText(error['message']));
}

const eventTexts = ['item_id', 'delta', 'text', 'refusal', 'arguments', 'message'] as const;

/**
 * A parsed stream event whose `type` the decoder handles -> the event it reads, or undefined when a field
 * it reads has the wrong type (the same contract as `openaiResponsesStreamEventSchema`, which stays the
 * type and the documentation; read-openai-responses-stream-event.test.ts holds them to the same answers).
 * `type` is the event's own or, when it has none, the SSE event name. Checked by hand: the schema's
 * `safeParse` walked and copied every event after JSON.parse, the Response snapshots with all their
 * fields included, for fields that are only read.
 */
export function readOpenAIResponsesStreamEvent(value: Fields, type: string): OpenAIResponsesStreamEvent | undefined {
  if (!isPosition(value['output_index']) || !isPosition(value['content_index']) || !isPosition(value['summary_index'])) return undefined;
  if (!areTexts(value, eventTexts) || !isTextPart(value['part']) || !isCode(value['code'])) return undefined;
  const error = value['error'];
  if (error != null && !(isRecord(error) && isCode(error['code']) && isText(error['type']) && isText(error['message']))) return undefined;
  if (!isOutputItem(value['item']) || !isResponse(value['response'])) return undefined;
  return (value['type'] === type ? value : { ...value, type }) as OpenAIResponsesStreamEvent;
}
