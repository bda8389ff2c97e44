import type { SharedRedis } from '../redis/shared-redis.ts';
import type { TakeResult, TokenBucketLimit } from './memory-token-bucket.ts';
import type { BucketTake, RateLimitStore } from './rate-limit-store.ts';

/**
 * The token bucket of memory-token-bucket.ts, run inside Redis so that it is atomic across instances:
 * one script call takes from every bucket of a request in order, stopping at the first refusal. Time is
 * Redis's own (TIME), so instances with skewed clocks agree. A bucket is a hash {tokens, at}, expiring
 * once it would be full again (a missing bucket is a full one).
 *
 * ARGV per bucket: rate per second, capacity, cost, force (1: charge without refusing).
 * Returns per bucket taken from: allowed (1/0), whole tokens remaining, retry-after ms, reset ms.
 *
 * Why a script and not rate-limiter-flexible: that library counts fixed windows (integer points per
 * whole-second duration), not token buckets; with it the Redis mode would admit up to twice the burst
 * across a window edge and could not express fractional rates, so one configured limit would behave
 * differently with and without Redis (docs/limits.md).
 */
const takeScript = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local out = {}
for index, key in ipairs(KEYS) do
  local base = (index - 1) * 4
  local rate = tonumber(ARGV[base + 1])
  local capacity = tonumber(ARGV[base + 2])
  local cost = tonumber(ARGV[base + 3])
  local force = ARGV[base + 4] == '1'
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = capacity
  if state[1] then
    tokens = math.min(capacity, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) / 1000 * rate)
  end
  local allowed = 0
  if force or tokens >= 1 then
    tokens = math.min(capacity, tokens - cost)
    allowed = 1
  end
  local reset = 60000
  local retry = 0
  if rate > 0 then
    reset = math.ceil((capacity - tokens) / rate * 1000)
    if allowed == 0 then retry = math.ceil((1 - tokens) / rate * 1000) end
  elseif allowed == 0 then
    retry = 60000
  end
  if allowed == 0 and capacity < 1 then retry = 60000 end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('PEXPIRE', key, math.max(1000, reset + 1000))
  out[#out + 1] = allowed
  out[#out + 1] = math.max(0, math.floor(tokens))
  out[#out + 1] = retry
  out[#out + 1] = reset
  if allowed == 0 then break end
end
return out
`;

type TakeCommand = (keys: number, ...keysAndArgs: (string | number)[]) => Promise<number[]>;

export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: SharedRedis;
  readonly #run: TakeCommand;

  constructor(redis: SharedRedis) {
    this.#redis = redis;
    redis.client.defineCommand('llmProxyTakeTokens', { lua: takeScript });
    this.#run = (redis.client as unknown as Record<'llmProxyTakeTokens', TakeCommand>).llmProxyTakeTokens.bind(redis.client);
  }

  takeInOrder(takes: readonly BucketTake[], done: (results: readonly TakeResult[]) => void): void {
    this.#call(takes, false).then(
      (reply) => done(readResults(reply)),
      (error: unknown) => {
        this.#redis.reportError('rate_limit', error);
        done(takes.map(({ limit }) => ({ allowed: true, remaining: Math.floor(limit.capacity), resetMs: 0 })));
      },
    );
  }

  charge(bucketKey: string, limit: TokenBucketLimit, tokens: number): void {
    this.#call([{ bucketKey, limit, cost: tokens }], true).catch((error: unknown) => this.#redis.reportError('rate_limit_charge', error));
  }

  async close(): Promise<void> {}

  #call(takes: readonly BucketTake[], force: boolean): Promise<number[]> {
    const keys = takes.map(({ bucketKey }) => `${this.#redis.keyPrefix}bucket:${bucketKey}`);
    const args = takes.flatMap(({ limit, cost }) => [limit.ratePerSecond, limit.capacity, cost, force ? 1 : 0]);
    return this.#run(keys.length, ...keys, ...args);
  }
}

function readResults(reply: readonly number[]): TakeResult[] {
  const results: TakeResult[] = [];
  for (let offset = 0; offset + 3 < reply.length; offset += 4) {
    const remaining = reply[offset + 1] ?? 0;
    const retryAfterMs = reply[offset + 2] ?? 0;
    const resetMs = reply[offset + 3] ?? 0;
    results.push(reply[offset] === 1 ? { allowed: true, remaining, resetMs } : { allowed: false, retryAfterMs, remaining: 0, resetMs });
  }
  return results;
}
