import type { z } from 'zod';
import { validateRequestBody } from '../server/validate-request-body.ts';
import type { RoutableRequest } from './protocol-adapter.ts';

/** Checks a body with an endpoint's schema (a 400 naming the field) and keeps what routing reads. */
export function readRoutableRequest(schema: z.ZodType<{ model: string; stream?: boolean | null | undefined }>, body: unknown): RoutableRequest {
  const request = validateRequestBody(schema, body) as RoutableRequest['body'] & { model: string; stream?: boolean | null };
  return { model: request.model, stream: request.stream === true, body: request };
}
