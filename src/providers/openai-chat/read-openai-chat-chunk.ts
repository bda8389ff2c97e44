import { isNumber, isRecord, isText } from '../../streaming/json-field-checks.ts';
import type { OpenAIChatChunk } from './openai-chat-chunk-schema.ts';
import { readOpenAIChatUsage } from './read-openai-chat-usage.ts';

function isOptional(value: unknown, type: 'string' | 'number'): boolean {
  return type === 'string' ? isText(value) : isNumber(value);
}

function isToolCall(value: unknown): boolean {
  if (!isRecord(value) || !isOptional(value['index'], 'number') || !isOptional(value['id'], 'string')) return false;
  const fn = value['function'];
  return fn == null || (isRecord(fn) && isOptional(fn['name'], 'string') && isOptional(fn['arguments'], 'string'));
}

function isDelta(value: unknown): boolean {
  if (value == null) return true;
  if (!isRecord(value)) return false;
  if (!isOptional(value['content'], 'string') || !isOptional(value['refusal'], 'string') || !isOptional(value['reasoning_content'], 'string')) return false;
  const toolCalls = value['tool_calls'];
  return toolCalls == null || (Array.isArray(toolCalls) && toolCalls.every(isToolCall));
}

function isChoice(value: unknown): boolean {
  return isRecord(value) && isOptional(value['index'], 'number') && isOptional(value['finish_reason'], 'string') && isDelta(value['delta']);
}

/**
 * A parsed stream event -> the chunk the decoder reads, or undefined when a field it reads has the wrong
 * type (the same contract as `openaiChatChunkSchema`, which stays the type and the documentation). Checked
 * by hand: the schema's `safeParse` walked and copied every chunk a second time after JSON.parse (~9 µs of
 * a 12-event stream, bench/translation-stages.bench.ts); usage too (read-openai-chat-usage.ts).
 */
export function readOpenAIChatChunk(value: unknown): OpenAIChatChunk | undefined {
  if (!isRecord(value) || !isOptional(value['id'], 'string') || !isOptional(value['model'], 'string')) return undefined;
  const choices = value['choices'];
  if (choices != null && !(Array.isArray(choices) && choices.every(isChoice))) return undefined;
  const usage = value['usage'];
  if (usage == null) return value as OpenAIChatChunk;
  return readOpenAIChatUsage(usage) === undefined ? undefined : (value as OpenAIChatChunk);
}
