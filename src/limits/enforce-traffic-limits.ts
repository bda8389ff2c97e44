import type { IncomingMessage } from 'node:http';
import type { RateLimitSectionConfig } from '../config/gateway-config-schema.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { MemoryTokenBucket } from './memory-token-bucket.ts';

/**
 * The client's address for per-IP limits: the socket's, or with `server.trust_proxy` the first entry of
 * X-Forwarded-For (the one the load balancer saw). Without trust_proxy the header is ignored: any client
 * could write it.
 */
export function readClientIp(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first !== undefined && first !== '') return first;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

function take(limiter: MemoryTokenBucket, bucketKey: string, rps: number, burstFactor: number, what: string): void {
  const result = limiter.take(bucketKey, { ratePerSecond: rps, capacity: Math.max(1, Math.ceil(rps * burstFactor)) });
  if (!result.allowed) {
    throw new GatewayError('GW_ERR_RATE_LIMITED', { message: `Rate limit exceeded: ${what} (${rps} requests per second).`, retryAfterMs: result.retryAfterMs });
  }
}

/** `rate_limit.per_ip_rps`, then `rate_limit.global_rps`, before the body is read; a 429 names the limit. */
export function enforceConnectionLimits(request: IncomingMessage, limits: RateLimitSectionConfig, trustProxy: boolean, limiter: MemoryTokenBucket): void {
  if (!limits.enabled) return;
  if (limits.per_ip_rps !== undefined) take(limiter, `ip:${readClientIp(request, trustProxy)}`, limits.per_ip_rps, limits.burst_factor, 'per_ip_rps for this client address');
  if (limits.global_rps !== undefined) take(limiter, 'global', limits.global_rps, limits.burst_factor, 'global_rps of the gateway');
}

/** `rate_limit.per_model_rps` for the client-facing model name, once the body named it. */
export function enforceModelLimit(model: string, limits: RateLimitSectionConfig, limiter: MemoryTokenBucket): void {
  if (!limits.enabled) return;
  const rps = limits.per_model_rps[model];
  if (rps !== undefined) take(limiter, `model:${model}`, rps, limits.burst_factor, `per_model_rps of '${model}'`);
}
