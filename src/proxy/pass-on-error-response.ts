import type { ServerResponse } from 'node:http';
import type { RequestContext } from '../server/request-context.ts';
import type { ProtocolAdapter } from '../translation/protocol-adapter.ts';
import type { UpstreamOutcome } from '../upstream/relay-upstream-response.ts';

/**
 * A provider's 4xx that is the client's fault (resilience/classify-upstream-error.ts) reaches the client
 * with its status: as it is on the same-protocol path, or re-written in the client's protocol when
 * `translated` (the provider's error type and message kept).
 */
export function passOnErrorResponse(
  outcome: Extract<UpstreamOutcome, { kind: 'error-response' }>,
  response: ServerResponse,
  context: RequestContext,
  translated: { readonly upstream: ProtocolAdapter; readonly client: ProtocolAdapter } | undefined,
): void {
  context.status = outcome.status;
  let body = outcome.body;
  let contentType = outcome.headers['content-type'] ?? 'application/json';
  if (translated !== undefined) {
    const summary = translated.upstream.readUpstreamError(outcome.body.toString('utf8'));
    body = Buffer.from(JSON.stringify(translated.client.renderUpstreamError(outcome.status, summary, context.requestId)));
    contentType = 'application/json';
  }
  context.errorBody = body;
  response.writeHead(outcome.status, {
    ...context.rateLimitHeaders,
    'content-type': contentType,
    'content-length': body.length,
    'x-request-id': context.requestId,
    'x-llm-proxy-provider': context.provider ?? 'unknown',
    'x-llm-proxy-attempts': String(context.attempts),
  });
  response.end(body);
}
