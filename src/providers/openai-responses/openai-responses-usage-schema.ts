import { z } from 'zod';

/**
 * `usage` of a Response, as read from an upstream: lenient (every count optional).
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export const openaiResponsesUsageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  input_tokens_details: z.looseObject({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() }).nullish(),
  output_tokens: z.number().nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
  total_tokens: z.number().nullish(),
});

export type OpenAIResponsesUsage = z.output<typeof openaiResponsesUsageSchema>;
