import { z } from 'zod';
import { openaiResponsesUsageSchema } from './openai-responses-usage-schema.ts';

const textPart = z.looseObject({ type: z.string(), text: z.string().nullish(), refusal: z.string().nullish() });

/** One `output[]` item, as read from an upstream: lenient, one shape for every type (unknown types pass). */
export const openaiResponsesOutputItemSchema = z.looseObject({
  type: z.string(),
  id: z.string().nullish(),
  status: z.string().nullish(),
  /** message */
  content: z.array(textPart).nullish(),
  /** function_call */
  call_id: z.string().nullish(),
  name: z.string().nullish(),
  arguments: z.string().nullish(),
  /** reasoning */
  summary: z.array(textPart).nullish(),
  encrypted_content: z.string().nullish(),
});

/**
 * A Response object (a non-streaming body, or the snapshot in `response.*` stream events), as read from
 * an upstream: only the fields the gateway reads, everything optional where it can be.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export const openaiResponsesResponseSchema = z.looseObject({
  id: z.string(),
  model: z.string().nullish(),
  created_at: z.number().nullish(),
  status: z.string().nullish(),
  output: z.array(openaiResponsesOutputItemSchema).nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
  usage: openaiResponsesUsageSchema.nullish(),
});

export type OpenAIResponsesResponse = z.output<typeof openaiResponsesResponseSchema>;
export type OpenAIResponsesOutputItem = z.output<typeof openaiResponsesOutputItemSchema>;
