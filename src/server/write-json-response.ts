import type { ServerResponse } from 'node:http';
import type { RequestContext } from './request-context.ts';

/** The whole answer in one head and one write; the head carries the request id like every answer's. */
export function writeJsonResponse(
  response: ServerResponse,
  context: RequestContext,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...context.rateLimitHeaders,
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-request-id': context.requestId,
  });
  response.end(payload);
}
