import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { RedisConfig } from '../config/gateway-config-schema.ts';
import { MemoryTokenBucket } from '../limits/memory-token-bucket.ts';
import type { RateLimitStore } from '../limits/rate-limit-store.ts';
import { RedisRateLimitStore } from '../limits/redis-rate-limit-store.ts';
import { type CooldownTracker, MemoryCooldownTracker } from '../resilience/cooldown-tracker.ts';
import { RedisCooldownTracker } from '../resilience/redis-cooldown-tracker.ts';
import { SharedRedis } from './shared-redis.ts';

/** The state instances share (rate-limit buckets, cooldowns): in Redis with `redis.url`, else in memory. */
export interface SharedState {
  readonly rateLimits: RateLimitStore;
  readonly cooldowns: CooldownTracker;
  /** Resolves when the state is loaded (Redis: subscribed, running cooldowns read); at once in memory. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export function createSharedState(config: RedisConfig, logger: Logger, registry: Registry, now: () => number): SharedState {
  const url = config.url;
  if (url === undefined) {
    return { rateLimits: new MemoryTokenBucket(now), cooldowns: new MemoryCooldownTracker(now), ready: Promise.resolve(), close: async () => {} };
  }
  const redis = new SharedRedis({ ...config, url }, logger, registry);
  const cooldowns = new RedisCooldownTracker(redis, now);
  return { rateLimits: new RedisRateLimitStore(redis), cooldowns, ready: cooldowns.ready, close: () => redis.close() };
}
