import type { IncomingHttpHeaders } from 'node:http';

/** The gateway's own headers on every proxied answer. */
export interface GatewayAnswerHeaders {
  readonly requestId: string;
  readonly providerName: string;
  /** `anthropic-messages->openai-chat` when the answer was translated. */
  readonly translation: string | undefined;
  /** What the translation could not carry across, one header (format-conversion-warnings.ts). */
  readonly warnings: string | undefined;
  /** Which attempt answered (1 = the first), for `x-llm-proxy-attempts`. */
  readonly attempts: number;
  /** The key's `x-ratelimit-*` headers, when it has a limit. */
  readonly rateLimit: Readonly<Record<string, string>> | undefined;
}

/** The head of a relayed (same-protocol) answer: the upstream's type and length, and the gateway's headers. */
export function buildRelayedAnswerHeaders(upstreamHeaders: IncomingHttpHeaders, gateway: GatewayAnswerHeaders): Record<string, string> {
  const contentType = upstreamHeaders['content-type'] ?? 'application/json';
  const headers = buildGatewayHeaders(contentType, gateway);
  // The body is relayed unchanged, so the upstream's length holds: the client gets one plain write, not chunks.
  const contentLength = upstreamHeaders['content-length'];
  if (contentLength !== undefined) headers['content-length'] = contentLength;
  return headers;
}

/** Content type, stream headers for SSE, and the gateway's headers. */
export function buildGatewayHeaders(contentType: string, gateway: GatewayAnswerHeaders): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-request-id': gateway.requestId,
    'x-llm-proxy-provider': gateway.providerName,
    'x-llm-proxy-attempts': String(gateway.attempts),
  };
  if (gateway.rateLimit !== undefined) Object.assign(headers, gateway.rateLimit);
  if (gateway.translation !== undefined) headers['x-llm-proxy-translation'] = gateway.translation;
  if (gateway.warnings !== undefined) headers['x-llm-proxy-warnings'] = gateway.warnings;
  if (contentType.startsWith('text/event-stream')) {
    headers['cache-control'] = 'no-cache';
    headers['x-accel-buffering'] = 'no';
  }
  return headers;
}
