import { z } from 'zod';

/**
 * What the gateway reads from an Anthropic upstream: answers, stream events and error bodies. Lenient:
 * only the fields read, `.nullish()` everywhere, unknown fields and block types let through (the
 * converters decide what an unknown block means).
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/api/messages-streaming
 */

const count = z.number().nullish();

export const anthropicMessagesUsageSchema = z.looseObject({
  input_tokens: count,
  output_tokens: count,
  cache_creation_input_tokens: count,
  cache_read_input_tokens: count,
  output_tokens_details: z.looseObject({ thinking_tokens: count }).nullish(),
});

/** One content block, any type, flat: each type reads its own fields. */
export const anthropicMessagesResponseBlockSchema = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  thinking: z.string().nullish(),
  signature: z.string().nullish(),
  data: z.string().nullish(),
  id: z.string().nullish(),
  name: z.string().nullish(),
  input: z.unknown().optional(),
  citations: z.array(z.unknown()).nullish(),
});

export const anthropicMessagesResponseSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  model: z.string().nullish(),
  content: z.array(anthropicMessagesResponseBlockSchema).nullish(),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: anthropicMessagesUsageSchema.nullish(),
});

/** Every stream event in one flat shape; `type` says which fields are there. */
export const anthropicMessagesStreamEventSchema = z.looseObject({
  type: z.string(),
  message: anthropicMessagesResponseSchema.nullish(),
  index: z.number().int().nonnegative().nullish(),
  content_block: anthropicMessagesResponseBlockSchema.nullish(),
  delta: z
    .looseObject({
      type: z.string().nullish(),
      text: z.string().nullish(),
      thinking: z.string().nullish(),
      signature: z.string().nullish(),
      partial_json: z.string().nullish(),
      stop_reason: z.string().nullish(),
      stop_sequence: z.string().nullish(),
    })
    .nullish(),
  usage: anthropicMessagesUsageSchema.nullish(),
  error: z.looseObject({ type: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

export type AnthropicMessagesUsage = z.output<typeof anthropicMessagesUsageSchema>;
export type AnthropicMessagesResponseBlock = z.output<typeof anthropicMessagesResponseBlockSchema>;
export type AnthropicMessagesResponse = z.output<typeof anthropicMessagesResponseSchema>;
export type AnthropicMessagesStreamEvent = z.output<typeof anthropicMessagesStreamEventSchema>;
