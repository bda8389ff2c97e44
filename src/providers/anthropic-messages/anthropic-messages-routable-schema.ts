import { z } from 'zod';

/**
 * What routing needs, checked on every request: the same-protocol fast path passes everything else to
 * Anthropic untouched (new block types and beta fields keep working); translation checks the rest
 * (anthropic-messages-wire-schema.ts).
 */
export const anthropicMessagesRoutableSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.unknown() })),
  stream: z.boolean().nullish(),
});
