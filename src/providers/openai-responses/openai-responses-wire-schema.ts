import { z } from 'zod';

const itemOrTool = z.looseObject({ type: z.string().nullish() });

/**
 * The Responses request as the gateway validates it at ingress: the top-level fields it reads are
 * type-checked, every other field passes through untouched to a same-protocol upstream (new vendor fields
 * keep working). Input items and tools are only required to be objects here; the translator checks each
 * one against openai-responses-input-item-schema.ts / openai-responses-tool-schema.ts when the provider
 * speaks another protocol (an unknown item or tool type is dropped with a warning there, not rejected).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export const openaiResponsesRequestSchema = z
  .looseObject({
    model: z.string().min(1).describe('Model name or alias; routed by the gateway.'),
    input: z
      .union([z.string(), z.array(itemOrTool)])
      .optional()
      .describe('A user message, or the conversation as input items.'),
    instructions: z.string().nullish().describe('System (developer) instructions.'),
    stream: z.boolean().nullish().describe('Answer as server-sent events.'),
    tools: z.array(itemOrTool).nullish(),
    tool_choice: z.union([z.string(), z.looseObject({ type: z.string(), name: z.string().nullish() })]).nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    max_output_tokens: z.number().int().positive().nullish(),
    temperature: z.number().nullish(),
    top_p: z.number().nullish(),
    reasoning: z.looseObject({ effort: z.string().nullish(), summary: z.string().nullish(), generate_summary: z.string().nullish() }).nullish(),
    text: z
      .looseObject({
        format: z
          .looseObject({
            type: z.string(),
            name: z.string().nullish(),
            description: z.string().nullish(),
            schema: z.record(z.string(), z.unknown()).nullish(),
            strict: z.boolean().nullish(),
          })
          .nullish(),
        verbosity: z.string().nullish(),
      })
      .nullish(),
    store: z.boolean().nullish(),
    include: z.array(z.string()).nullish(),
    previous_response_id: z.string().nullish(),
    conversation: z.unknown().optional(),
    background: z.boolean().nullish(),
    prompt: z.unknown().optional(),
    user: z.string().nullish(),
    safety_identifier: z.string().nullish(),
    prompt_cache_key: z.string().nullish(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
  })
  .meta({ id: 'ResponsesRequest' });

export type OpenAIResponsesRequest = z.output<typeof openaiResponsesRequestSchema>;
