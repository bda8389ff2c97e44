import { z } from 'zod';
import { openaiChatUsageSchema } from './openai-chat-usage-schema.ts';

/**
 * One streamed `chat.completion.chunk` as the decoder reads it: lenient (only the fields read, all
 * optional, unknown fields such as `obfuscation` pass).
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export const openaiChatChunkSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        finish_reason: z.string().nullish(),
        delta: z
          .looseObject({
            content: z.string().nullish(),
            refusal: z.string().nullish(),
            /** DeepSeek, vLLM, Qwen, Kimi. */
            reasoning_content: z.string().nullish(),
            /** OpenRouter. */
            reasoning: z.unknown().optional(),
            tool_calls: z
              .array(
                z.looseObject({
                  index: z.number().nullish(),
                  id: z.string().nullish(),
                  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
  usage: openaiChatUsageSchema.nullish(),
});

export type OpenAIChatChunk = z.output<typeof openaiChatChunkSchema>;
