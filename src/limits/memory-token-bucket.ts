import type { BucketTake, RateLimitStore } from './rate-limit-store.ts';

export interface TokenBucketLimit {
  /** Tokens added per second. */
  readonly ratePerSecond: number;
  /** Most tokens the bucket holds (the burst). */
  readonly capacity: number;
}

/** `remaining`: whole tokens left after this take; `resetMs`: until the bucket is full again. */
export type TakeResult =
  | { readonly allowed: true; readonly remaining: number; readonly resetMs: number }
  | { readonly allowed: false; readonly retryAfterMs: number; readonly remaining: 0; readonly resetMs: number };

interface BucketState {
  tokens: number;
  updatedAtMs: number;
  limit: TokenBucketLimit;
}

/**
 * Past this many buckets (per-IP limits make one per client address), full buckets are dropped: a full
 * bucket and a missing one behave the same, so memory stays bounded by the clients active in a refill time.
 */
const pruneAboveBuckets = 50_000;

/** When a limit can never let a request through (0 rps, 0 burst), how long to tell the client to wait. */
const blockedRetryAfterMs = 60_000;

/**
 * Until a bucket holding `tokens` is full again. A module function, not a closure in take(): a closure
 * per take cost an allocation and, under tsx's keepNames, a defineProperty, five times a request.
 */
function msUntilFull(limit: TokenBucketLimit, tokens: number): number {
  return limit.ratePerSecond <= 0 ? blockedRetryAfterMs : Math.ceil(((limit.capacity - tokens) / limit.ratePerSecond) * 1000);
}

/**
 * In-memory token buckets keyed by name (a key name, an IP, a model). The clock is injected so that tests
 * step time instead of sleeping. Buckets start full. The same algorithm runs in Redis for several
 * instances (redis-rate-limit-store.ts); this one is synchronous, so the single-instance path costs no
 * promise or round trip.
 */
export class MemoryTokenBucket implements RateLimitStore {
  readonly #buckets = new Map<string, BucketState>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  takeInOrder(takes: readonly BucketTake[], done: (results: readonly TakeResult[]) => void): void {
    const results: TakeResult[] = [];
    for (const { bucketKey, limit, cost } of takes) {
      const result = this.take(bucketKey, limit, cost);
      results.push(result);
      if (!result.allowed) break;
    }
    done(results);
  }

  charge(bucketKey: string, limit: TokenBucketLimit, tokens: number): void {
    const state = this.#refill(bucketKey, limit, this.#now());
    state.tokens = Math.min(limit.capacity, state.tokens - tokens);
  }

  async close(): Promise<void> {}

  /**
   * Takes `cost` tokens when the bucket holds at least one: a request bucket (cost 1) refuses when empty;
   * a tokens-per-minute bucket charged an estimate may go into debt, which later requests wait out.
   */
  take(bucketKey: string, limit: TokenBucketLimit, cost = 1): TakeResult {
    const state = this.#refill(bucketKey, limit, this.#now());
    if (state.tokens >= 1) {
      state.tokens -= cost;
      return { allowed: true, remaining: Math.max(0, Math.floor(state.tokens)), resetMs: msUntilFull(limit, state.tokens) };
    }
    if (limit.ratePerSecond <= 0 || limit.capacity < 1)
      return { allowed: false, retryAfterMs: blockedRetryAfterMs, remaining: 0, resetMs: blockedRetryAfterMs };
    return {
      allowed: false,
      retryAfterMs: Math.ceil(((1 - state.tokens) / limit.ratePerSecond) * 1000),
      remaining: 0,
      resetMs: msUntilFull(limit, state.tokens),
    };
  }

  #refill(bucketKey: string, limit: TokenBucketLimit, now: number): BucketState {
    let state = this.#buckets.get(bucketKey);
    if (state === undefined) {
      if (this.#buckets.size >= pruneAboveBuckets) this.#pruneFull(now);
      state = { tokens: limit.capacity, updatedAtMs: now, limit };
      this.#buckets.set(bucketKey, state);
    } else {
      const elapsedSeconds = Math.max(0, now - state.updatedAtMs) / 1000;
      state.tokens = Math.min(limit.capacity, state.tokens + elapsedSeconds * limit.ratePerSecond);
      state.updatedAtMs = now;
      state.limit = limit;
    }
    return state;
  }

  /** How many buckets are held (tests: memory stays bounded). */
  get size(): number {
    return this.#buckets.size;
  }

  #pruneFull(now: number): void {
    for (const [bucketKey, state] of this.#buckets) {
      const refilled = state.tokens + (Math.max(0, now - state.updatedAtMs) / 1000) * state.limit.ratePerSecond;
      if (refilled >= state.limit.capacity) this.#buckets.delete(bucketKey);
    }
  }

  /** Forgets the buckets `keep` says no to: those of keys and models a reload removed. */
  retainOnly(keep: (bucketKey: string) => boolean): void {
    for (const bucketKey of this.#buckets.keys()) {
      if (!keep(bucketKey)) this.#buckets.delete(bucketKey);
    }
  }
}
