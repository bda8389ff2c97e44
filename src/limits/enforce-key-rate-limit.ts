import type { ClientKey } from '../auth/client-key.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { formatRateLimitHeaders } from './format-rate-limit-headers.ts';
import type { GatewayServices } from '../server/gateway-services.ts';
import type { RequestContext } from '../server/request-context.ts';

/**
 * Takes one request from the key's token bucket, or throws the 429 with its Retry-After; either way the
 * key's `x-ratelimit-*` headers go on the answer (context.rateLimitHeaders).
 */
export function enforceKeyRateLimit(clientKey: ClientKey, services: GatewayServices, context: RequestContext): void {
  if (clientKey.rateLimit === undefined) return;
  const result = services.keyRateLimiter.take(`key:${clientKey.name}`, {
    ratePerSecond: clientKey.rateLimit.requests_per_second,
    capacity: clientKey.rateLimit.burst_size,
  });
  context.rateLimitHeaders = formatRateLimitHeaders(clientKey.rateLimit.burst_size, result);
  if (!result.allowed) {
    throw new GatewayError('GW_ERR_RATE_LIMITED', {
      message: `Rate limit of API key '${clientKey.name}' exceeded (${clientKey.rateLimit.requests_per_second} requests per second, burst ${clientKey.rateLimit.burst_size}).`,
      retryAfterMs: result.retryAfterMs,
    });
  }
}
