import type { IncomingMessage } from 'node:http';
import type { ClientKey } from '../auth/client-key.ts';
import type { RateLimitSectionConfig } from '../config/gateway-config-schema.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { writeRequestLimitHeaders, writeTokenLimitHeaders } from './format-rate-limit-headers.ts';
import type { TakeResult, TokenBucketLimit } from './memory-token-bucket.ts';
import type { BucketTake } from './rate-limit-store.ts';

/** Which limit a bucket is: the 429's message and the rejection metric's label. */
export type LimitKind = 'ip' | 'global' | 'key' | 'model' | 'tokens';

export interface LimitTake extends BucketTake {
  readonly kind: LimitKind;
  /** The 429's message when this bucket refuses. */
  readonly refusal: string;
}

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

function requestLimit(rps: number, burstFactor: number): TokenBucketLimit {
  return { ratePerSecond: rps, capacity: Math.max(1, Math.ceil(rps * burstFactor)) };
}

/** A key's tokens-per-minute bucket: refills evenly over the minute, holds at most one minute's tokens. */
export function tokensPerMinuteLimit(tokensPerMinute: number): TokenBucketLimit {
  return { ratePerSecond: tokensPerMinute / 60, capacity: tokensPerMinute };
}

export function tokensBucketKey(clientKey: ClientKey): string {
  return `tokens:${clientKey.name}`;
}

/**
 * The takes that do not change from request to request, built once per config (the section and the key
 * objects belong to one snapshot) instead of per request: a request then allocates only its IP's bucket
 * name and its token estimate.
 */
interface SectionTakes {
  readonly ipLimit: TokenBucketLimit | undefined;
  readonly ipRefusal: string;
  readonly global: LimitTake | undefined;
  readonly models: ReadonlyMap<string, LimitTake>;
}

const sectionTakesCache = new WeakMap<RateLimitSectionConfig, SectionTakes>();
const keyTakeCache = new WeakMap<ClientKey, LimitTake>();
const tokenRefusalCache = new WeakMap<ClientKey, string>();

function sectionTakes(limits: RateLimitSectionConfig): SectionTakes {
  let cached = sectionTakesCache.get(limits);
  if (cached !== undefined) return cached;
  const on = limits.enabled;
  const models = new Map<string, LimitTake>();
  if (on) {
    for (const [model, rps] of Object.entries(limits.per_model_rps)) {
      models.set(model, {
        kind: 'model',
        bucketKey: `model:${model}`,
        limit: requestLimit(rps, limits.burst_factor),
        cost: 1,
        refusal: `Rate limit exceeded: per_model_rps of '${model}' (${rps} requests per second).`,
      });
    }
  }
  cached = {
    ipLimit: on && limits.per_ip_rps !== undefined ? requestLimit(limits.per_ip_rps, limits.burst_factor) : undefined,
    ipRefusal: `Rate limit exceeded: per_ip_rps for this client address (${limits.per_ip_rps} requests per second).`,
    global:
      on && limits.global_rps !== undefined
        ? {
            kind: 'global',
            bucketKey: 'global',
            limit: requestLimit(limits.global_rps, limits.burst_factor),
            cost: 1,
            refusal: `Rate limit exceeded: global_rps of the gateway (${limits.global_rps} requests per second).`,
          }
        : undefined,
    models,
  };
  sectionTakesCache.set(limits, cached);
  return cached;
}

function keyTake(clientKey: ClientKey, keyLimit: NonNullable<ClientKey['rateLimit']>): LimitTake {
  let take = keyTakeCache.get(clientKey);
  if (take === undefined) {
    take = {
      kind: 'key',
      bucketKey: `key:${clientKey.name}`,
      limit: { ratePerSecond: keyLimit.requests_per_second, capacity: keyLimit.burst_size },
      cost: 1,
      refusal: `Rate limit of API key '${clientKey.name}' exceeded (${keyLimit.requests_per_second} requests per second, burst ${keyLimit.burst_size}).`,
    };
    keyTakeCache.set(clientKey, take);
  }
  return take;
}

/**
 * What a request takes before its body is read: `rate_limit.per_ip_rps`, `global_rps`, then the key's
 * own request limit (one token each).
 */
export function connectionTakes(request: IncomingMessage, limits: RateLimitSectionConfig, trustProxy: boolean, clientKey: ClientKey | undefined): LimitTake[] {
  const section = sectionTakes(limits);
  const takes: LimitTake[] = [];
  if (section.ipLimit !== undefined) {
    takes.push({ kind: 'ip', bucketKey: `ip:${readClientIp(request, trustProxy)}`, limit: section.ipLimit, cost: 1, refusal: section.ipRefusal });
  }
  if (section.global !== undefined) takes.push(section.global);
  const keyLimit = clientKey?.rateLimit;
  if (clientKey !== undefined && keyLimit !== undefined) takes.push(keyTake(clientKey, keyLimit));
  return takes;
}

/**
 * What a request takes once its body named the model: `rate_limit.per_model_rps` for the client-facing
 * model, then the key's tokens per minute, charged the request's estimated tokens now and settled with
 * the real usage after the answer (token-charge-settler.ts). A key in token debt waits until it is paid off.
 */
export function modelTakes(model: string, limits: RateLimitSectionConfig, clientKey: ClientKey | undefined, estimatedTokens: number): LimitTake[] {
  const takes: LimitTake[] = [];
  const modelTake = sectionTakes(limits).models.get(model);
  if (modelTake !== undefined) takes.push(modelTake);
  const tokensPerMinute = clientKey?.tokensPerMinute;
  if (clientKey !== undefined && tokensPerMinute !== undefined) {
    let refusal = tokenRefusalCache.get(clientKey);
    if (refusal === undefined) {
      refusal = `Token limit of API key '${clientKey.name}' exceeded (${tokensPerMinute} tokens per minute).`;
      tokenRefusalCache.set(clientKey, refusal);
    }
    takes.push({ kind: 'tokens', bucketKey: tokensBucketKey(clientKey), limit: tokensPerMinuteLimit(tokensPerMinute), cost: estimatedTokens, refusal });
  }
  return takes;
}

/**
 * The x-ratelimit-* headers for the key's limits that were taken from (request and token limits), merged
 * into `headers`, and the 429 naming the limit that refused (with its Retry-After), if one did.
 */
export function readTakeResults(
  takes: readonly LimitTake[],
  results: readonly TakeResult[],
  headers: Record<string, string> | undefined,
): { readonly headers: Record<string, string> | undefined; readonly refusal: GatewayError | undefined } {
  let merged = headers;
  for (let index = 0; index < results.length; index += 1) {
    const take = takes[index] as LimitTake;
    const result = results[index] as TakeResult;
    if (take.kind === 'key') merged = writeRequestLimitHeaders(merged ?? {}, take.limit.capacity, result);
    else if (take.kind === 'tokens') merged = writeTokenLimitHeaders(merged ?? {}, take.limit.capacity, result);
    if (!result.allowed) {
      return {
        headers: merged,
        refusal: new GatewayError('GW_ERR_RATE_LIMITED', { message: take.refusal, retryAfterMs: result.retryAfterMs, limit: take.kind }),
      };
    }
  }
  return { headers: merged, refusal: undefined };
}
