import { z } from 'zod';
import { openaiResponsesOutputItemSchema, openaiResponsesResponseSchema } from './openai-responses-response-schema.ts';

/**
 * A Responses stream event, as read from an upstream: one lenient shape for the events the decoder reads
 * (each reads only its own fields; unknown fields and event types pass).
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export const openaiResponsesStreamEventSchema = z.looseObject({
  type: z.string(),
  /** response.created / in_progress / completed / incomplete / failed */
  response: openaiResponsesResponseSchema.nullish(),
  output_index: z.number().int().nonnegative().nullish(),
  content_index: z.number().int().nonnegative().nullish(),
  summary_index: z.number().int().nonnegative().nullish(),
  item_id: z.string().nullish(),
  /** response.output_item.added / done */
  item: openaiResponsesOutputItemSchema.nullish(),
  /** response.content_part.added / done */
  part: z.looseObject({ type: z.string(), text: z.string().nullish(), refusal: z.string().nullish() }).nullish(),
  delta: z.string().nullish(),
  /** *.done events: the full text / refusal / arguments */
  text: z.string().nullish(),
  refusal: z.string().nullish(),
  arguments: z.string().nullish(),
  /** error: OpenAI's flat `code`/`message`, or an `error` object from other backends */
  code: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
  error: z.looseObject({ code: z.union([z.string(), z.number()]).nullish(), type: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

export type OpenAIResponsesStreamEvent = z.output<typeof openaiResponsesStreamEventSchema>;
