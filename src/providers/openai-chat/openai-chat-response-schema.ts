import { z } from 'zod';
import { openaiChatUsageSchema } from './openai-chat-usage-schema.ts';

const toolCall = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

/** Some compatible providers (Mistral) answer with content parts; only `text` parts are read. */
const content = z.union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().nullish() }))]);

/**
 * A non-streaming Chat Completions answer as the translators read it: lenient (only the fields read,
 * all optional, unknown fields pass), so a compatible provider's extras never fail a response.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export const openaiChatResponseSchema = z.looseObject({
  id: z.string().nullish(),
  created: z.number().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        finish_reason: z.string().nullish(),
        message: z
          .looseObject({
            content: content.nullish(),
            refusal: z.string().nullish(),
            tool_calls: z.array(toolCall).nullish(),
            function_call: z.unknown().optional(),
            reasoning_content: z.string().nullish(),
            reasoning: z.unknown().optional(),
            annotations: z.array(z.unknown()).nullish(),
            audio: z.unknown().optional(),
          })
          .nullish(),
      }),
    )
    .nullish(),
  usage: openaiChatUsageSchema.nullish(),
});

export type OpenAIChatResponse = z.output<typeof openaiChatResponseSchema>;
