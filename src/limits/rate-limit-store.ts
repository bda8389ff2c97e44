import type { TakeResult, TokenBucketLimit } from './memory-token-bucket.ts';

/** One bucket to take from: `cost` tokens, once it holds at least one. */
export interface BucketTake {
  readonly bucketKey: string;
  readonly limit: TokenBucketLimit;
  readonly cost: number;
}

/**
 * Where the rate-limit token buckets live: this process's memory (memory-token-bucket.ts), or Redis so
 * that several instances enforce one limit together (redis-rate-limit-store.ts). One interface, one
 * algorithm; callbacks rather than promises so that the memory store answers synchronously.
 */
export interface RateLimitStore {
  /**
   * Takes from each bucket in order and stops at the first that refuses; `done` gets one result per bucket
   * taken from (the last is the refusal, if any). Memory: `done` runs before this returns. Redis: after one
   * round trip for all of them, or with every bucket allowed when Redis fails (fail open, logged, counted).
   */
  takeInOrder(takes: readonly BucketTake[], done: (results: readonly TakeResult[]) => void): void;
  /** Spends `tokens` more from a bucket without refusing (negative gives tokens back): usage known after the answer. */
  charge(bucketKey: string, limit: TokenBucketLimit, tokens: number): void;
  /**
   * After a reload: forget the buckets `keep` says no to (removed keys and models). Memory only: Redis
   * buckets expire on their own and other instances may still use them.
   */
  retainOnly?(keep: (bucketKey: string) => boolean): void;
  close(): Promise<void>;
}
