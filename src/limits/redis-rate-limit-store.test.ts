import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import test from 'node:test';
import pino from 'pino';
import { Registry } from 'prom-client';
import { SharedRedis } from '../redis/shared-redis.ts';
import { MemoryTokenBucket, type TakeResult } from './memory-token-bucket.ts';
import type { BucketTake, RateLimitStore } from './rate-limit-store.ts';
import { RedisRateLimitStore } from './redis-rate-limit-store.ts';

const redisUrl = process.env['TEST_REDIS_URL'];
const skip = redisUrl === undefined ? 'TEST_REDIS_URL is not set: the Redis token bucket is not compared with the memory one' : false;

function takeInOrder(store: RateLimitStore, takes: readonly BucketTake[]): Promise<readonly TakeResult[]> {
  return new Promise((resolve) => store.takeInOrder(takes, resolve));
}

/** Rates so slow that the milliseconds a Redis round trip takes refill nothing measurable. */
const slow = { ratePerSecond: 0.001, capacity: 3 };

test('the Redis bucket answers like the memory one: burst, refusal, stop at the first refusal, debt and settling', { skip }, async (t) => {
  const prefix = `llm-proxy-test:${randomUUID()}:`;
  const redis = new SharedRedis({ url: redisUrl as string, key_prefix: prefix, command_timeout: 1_000 }, pino({ level: 'silent' }), new Registry());
  t.after(async () => {
    const keys = await redis.client.keys(`${prefix}*`);
    if (keys.length > 0) await redis.client.del(...keys);
    await redis.close();
  });
  // Commands fail at once until the connection is up (no offline queue): the gateway waits for it at start.
  if (redis.client.status !== 'ready') await new Promise((resolve) => redis.client.once('ready', resolve));
  const clock = 1_000_000;
  const stores: Record<string, RateLimitStore> = { memory: new MemoryTokenBucket(() => clock), redis: new RedisRateLimitStore(redis) };
  const outcomes: Record<string, unknown[]> = {};
  for (const [name, store] of Object.entries(stores)) {
    const seen: unknown[] = [];
    const summarize = (results: readonly TakeResult[]) =>
      results.map((result) => (result.allowed ? `ok ${result.remaining}` : `refused ${Math.round(result.retryAfterMs / 1000)}s`));
    for (let index = 0; index < 4; index += 1) seen.push(summarize(await takeInOrder(store, [{ bucketKey: 'a', limit: slow, cost: 1 }])));
    // The refusing first bucket stops the take: 'b' is not touched.
    seen.push(
      summarize(
        await takeInOrder(store, [
          { bucketKey: 'a', limit: slow, cost: 1 },
          { bucketKey: 'b', limit: slow, cost: 1 },
        ]),
      ),
    );
    seen.push(summarize(await takeInOrder(store, [{ bucketKey: 'b', limit: slow, cost: 1 }])));
    // A tokens bucket: let through while it holds one token, into debt, refused until paid, settled back.
    const tokens = { ratePerSecond: 0.001, capacity: 100 };
    seen.push(summarize(await takeInOrder(store, [{ bucketKey: 't', limit: tokens, cost: 30 }])));
    store.charge('t', tokens, 120);
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen.push(summarize(await takeInOrder(store, [{ bucketKey: 't', limit: tokens, cost: 1 }])));
    store.charge('t', tokens, -200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen.push(summarize(await takeInOrder(store, [{ bucketKey: 't', limit: tokens, cost: 10 }])));
    outcomes[name] = seen;
  }
  assert.deepEqual(outcomes['memory'], [
    ['ok 2'],
    ['ok 1'],
    ['ok 0'],
    ['refused 1000s'],
    ['refused 1000s'],
    ['ok 2'],
    ['ok 70'],
    ['refused 51000s'],
    ['ok 90'],
  ]);
  assert.deepEqual(outcomes['redis'], outcomes['memory']);
});
