import type { z } from 'zod';
import { GatewayError } from '../../errors/gateway-error.ts';
import { type AnthropicMessagesRequest, anthropicMessagesRequestSchema } from './anthropic-messages-wire-schema.ts';

/**
 * Checks the fields the translators read; the first problem becomes a 400 naming the field the way
 * Anthropic does (`messages.1.content.0.text: …`). In a union (a content block, a tool), the problem
 * reported is the deepest one (the shape the client most likely meant: an array of blocks rather than a
 * string), the first alternative on a tie (a known block type rather than an unknown one).
 */
export function parseAnthropicMessagesRequest(body: unknown): AnthropicMessagesRequest {
  const result = anthropicMessagesRequestSchema.safeParse(body);
  if (result.success) return result.data;
  const { path, message } = firstIssue(result.error.issues, []);
  const param = path.map(String).join('.');
  if (param === '') throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: `Invalid request: ${message}.` });
  throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: `${param}: ${message}.`, param });
}

function firstIssue(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): { path: PropertyKey[]; message: string } {
  const issue = issues[0];
  if (issue === undefined) return { path: [...prefix], message: 'invalid input' };
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    let best: { path: PropertyKey[]; message: string } | undefined;
    for (const alternative of issue.errors) {
      if (alternative.length === 0) continue;
      const candidate = firstIssue(alternative, path);
      if (best === undefined || candidate.path.length > best.path.length) best = candidate;
    }
    if (best !== undefined) return best;
  }
  return { path, message: issue.message };
}
