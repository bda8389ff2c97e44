import type { IncomingMessage } from 'node:http';

/**
 * Only what the upstream needs: content type, the provider's own key (and Anthropic's version), the
 * client's address when `proxy.forward_client_ip`, our request id. `anthropic-beta` is passed on to an
 * Anthropic provider when the client speaks Anthropic too (same-protocol path): the betas name features
 * of the body, which is passed on as it is. The client's own key never goes upstream.
 */
export function buildUpstreamHeaders(
  request: IncomingMessage,
  requestId: string,
  authHeaders: readonly string[],
  options: { readonly forwardClientIp: boolean; readonly passAnthropicBeta: boolean },
): string[] {
  const headers = ['content-type', 'application/json', 'x-request-id', requestId, ...authHeaders];
  if (options.forwardClientIp) {
    const clientAddress = request.socket.remoteAddress ?? 'unknown';
    const forwardedFor = request.headers['x-forwarded-for'];
    headers.push('x-forwarded-for', typeof forwardedFor === 'string' ? `${forwardedFor}, ${clientAddress}` : clientAddress);
  }
  if (options.passAnthropicBeta) {
    const beta = request.headers['anthropic-beta'];
    if (typeof beta === 'string') headers.push('anthropic-beta', beta);
  }
  return headers;
}
