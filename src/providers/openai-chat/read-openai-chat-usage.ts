import { areNumbers, isRecord } from '../../streaming/json-field-checks.ts';
import type { OpenAIChatUsage } from './openai-chat-usage-schema.ts';

const countKeys = ['prompt_tokens', 'completion_tokens', 'total_tokens', 'prompt_cache_hit_tokens'];
const promptDetailKeys = ['cached_tokens', 'cache_write_tokens'];
const completionDetailKeys = ['reasoning_tokens'];

/**
 * Parsed JSON -> Chat `usage`, or undefined when a field the translators read has the wrong type: what
 * `openaiChatUsageSchema` accepts, checked by hand (its test proves they agree). The value is returned as
 * it is (only read, never changed); the schema stays the type and the documentation. Once per stream,
 * where zod's `safeParse` cost ~1 µs.
 */
export function readOpenAIChatUsage(value: unknown): OpenAIChatUsage | undefined {
  if (!isRecord(value) || !areNumbers(value, countKeys)) return undefined;
  const promptDetails = value['prompt_tokens_details'];
  if (promptDetails != null && !(isRecord(promptDetails) && areNumbers(promptDetails, promptDetailKeys))) return undefined;
  const completionDetails = value['completion_tokens_details'];
  if (completionDetails != null && !(isRecord(completionDetails) && areNumbers(completionDetails, completionDetailKeys))) return undefined;
  return value as OpenAIChatUsage;
}
