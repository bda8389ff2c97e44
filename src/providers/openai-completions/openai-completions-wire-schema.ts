import { z } from 'zod';

/**
 * The legacy Completions request: `model` and `prompt` are checked, the rest passes through.
 * @see https://platform.openai.com/docs/api-reference/completions/create
 */
export const openaiCompletionsRequestSchema = z
  .looseObject({
    model: z.string().min(1).describe('Model name or alias; routed by the gateway.'),
    prompt: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]).describe('Text (or tokens) to complete.'),
    stream: z.boolean().nullish(),
    max_tokens: z.number().int().nonnegative().nullish(),
  })
  .meta({ id: 'CompletionRequest' });
