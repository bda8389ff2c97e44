import type { z } from 'zod';
import { GatewayError } from '../../errors/gateway-error.ts';

/**
 * Checks one part of a Responses request (an input item, a tool) against its schema; the first problem
 * becomes a 400 naming the field the way OpenAI does (`input[3].content[0].image_url`).
 */
export function parseOpenAIResponsesField<Schema extends z.ZodType>(schema: Schema, value: unknown, param: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`)).join('');
  const fullParam = `${param}${path}`;
  throw new GatewayError('GW_ERR_INVALID_REQUEST', {
    message: `Invalid '${fullParam}': ${issue?.message ?? 'invalid value'}.`,
    param: fullParam,
  });
}
