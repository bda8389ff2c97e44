import { z } from 'zod';

/**
 * Chat `usage` as the translators read it (lenient: only these fields, each optional, unknown ones pass).
 * `prompt_cache_hit_tokens` is DeepSeek's name for cached input tokens.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export const openaiChatUsageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  total_tokens: z.number().nullish(),
  prompt_tokens_details: z.looseObject({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
  prompt_cache_hit_tokens: z.number().nullish(),
});

export type OpenAIChatUsage = z.output<typeof openaiChatUsageSchema>;
