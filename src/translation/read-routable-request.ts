import type { z } from 'zod';
import { validateRequestBody } from '../server/validate-request-body.ts';
import { isRecord } from '../streaming/json-field-checks.ts';
import type { RoutableRequest } from './protocol-adapter.ts';

/**
 * Checks a body with an endpoint's schema (a 400 naming the field) and keeps what routing reads.
 * `isRoutable`: the same check by hand, never looser (routable-request-checks.ts), tried first: a body it
 * accepts is kept as the client sent it (members in their order), without zod's copy; one it refuses goes
 * to the schema, which accepts it after all or words the 400.
 */
export function readRoutableRequest(
  schema: z.ZodType<{ model: string; stream?: boolean | null | undefined }>,
  body: unknown,
  isRoutable?: (body: Readonly<Record<string, unknown>>) => boolean,
): RoutableRequest {
  if (isRoutable !== undefined && isRecord(body) && isRoutable(body)) {
    return { model: body['model'] as string, stream: body['stream'] === true, body: body as RoutableRequest['body'] };
  }
  const request = validateRequestBody(schema, body) as RoutableRequest['body'] & { model: string; stream?: boolean | null };
  return { model: request.model, stream: request.stream === true, body: request };
}
