import type { ServerResponse } from 'node:http';
import { GatewayError } from '../errors/gateway-error.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { ProtocolAdapter } from '../translation/protocol-adapter.ts';
import type { ProviderHealthTracker } from '../upstream/provider-health-tracker.ts';
import type { UpstreamOutcome } from '../upstream/relay-upstream-response.ts';

/**
 * A provider's 4xx that is the client's fault (not 401/403/429) reaches the client with its status: as
 * it is on the same-protocol path, or re-written in the client's protocol when `translated` (the
 * provider's error type and message kept). Anything else is the provider failing and becomes a 502 whose
 * message names the status, never the provider's body.
 */
export function passOnErrorResponse(
  outcome: Extract<UpstreamOutcome, { kind: 'error-response' }>,
  response: ServerResponse,
  context: RequestContext,
  health: ProviderHealthTracker,
  translated: { readonly upstream: ProtocolAdapter; readonly client: ProtocolAdapter } | undefined,
): void {
  const providerName = context.provider ?? 'unknown';
  // 401/403 mean the provider refused the gateway's own key: not the client's fault, and the body may quote it.
  if (outcome.status >= 400 && outcome.status < 500 && outcome.status !== 429 && outcome.status !== 401 && outcome.status !== 403) {
    context.status = outcome.status;
    let body = outcome.body;
    let contentType = outcome.headers['content-type'] ?? 'application/json';
    if (translated !== undefined) {
      const summary = translated.upstream.readUpstreamError(outcome.body.toString('utf8'));
      body = Buffer.from(JSON.stringify(translated.client.renderUpstreamError(outcome.status, summary, context.requestId)));
      contentType = 'application/json';
    }
    response.writeHead(outcome.status, {
      'content-type': contentType,
      'content-length': body.length,
      'x-request-id': context.requestId,
      'x-llm-proxy-provider': providerName,
      'x-llm-proxy-attempts': '1',
    });
    response.end(body);
    return;
  }
  health.recordFailure(providerName, `answered HTTP ${outcome.status}`, outcome.status);
  throw new GatewayError('GW_ERR_UPSTREAM_ERROR', {
    message: `Provider '${providerName}' answered with HTTP ${outcome.status}.`,
    upstream: { provider: providerName, status: outcome.status, body: outcome.body.toString('utf8', 0, 2048) },
  });
}
