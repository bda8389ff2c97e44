import { z } from 'zod';

/**
 * The Embeddings request: `model` and `input` are checked, the rest passes through.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
export const openaiEmbeddingsRequestSchema = z
  .looseObject({
    model: z.string().min(1).describe('Model name or alias; routed by the gateway.'),
    input: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]).describe('Text (or tokens) to embed.'),
    encoding_format: z.enum(['float', 'base64']).optional(),
    dimensions: z.number().int().positive().optional(),
  })
  .meta({ id: 'EmbeddingsRequest' });
