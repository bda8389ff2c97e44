import { z } from 'zod';

/**
 * The Chat Completions request as the gateway validates it: the fields it reads are checked, every other
 * field passes through untouched to a same-protocol upstream (new vendor fields keep working). Also the
 * source of /openapi.json.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export const openaiChatRequestSchema = z
  .looseObject({
    model: z.string().min(1).describe('Model name or alias; routed by the gateway.'),
    messages: z
      .array(
        z.looseObject({
          role: z.string().min(1).describe('system, developer, user, assistant or tool'),
          content: z.unknown().optional(),
        }),
      )
      .min(1)
      .describe('The conversation so far.'),
    stream: z.boolean().nullish().describe('Answer as server-sent events.'),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
    max_tokens: z.number().int().positive().nullish(),
    max_completion_tokens: z.number().int().positive().nullish(),
    temperature: z.number().nullish(),
    top_p: z.number().nullish(),
    tools: z.array(z.looseObject({ type: z.string() })).nullish(),
  })
  .meta({ id: 'ChatCompletionRequest' });

export type OpenAIChatRequest = z.output<typeof openaiChatRequestSchema>;
