import type { SharedRedis } from '../redis/shared-redis.ts';
import { type CooldownTracker, MemoryCooldownTracker } from './cooldown-tracker.ts';

/** How long a starting gateway waits for the subscription before serving without it. */
const readyWaitMs = 1_000;

/** A notice between instances: a provider cooled down for `remainingMs` (relative: clocks may differ), or cleared. */
interface CooldownNotice {
  readonly provider: string;
  readonly remainingMs?: number;
}

/**
 * Cooldowns shared by every instance on one Redis. Reads stay in this process's memory (routing asks on
 * every request, so no round trip there); each change is written to Redis (a key per provider expiring
 * with the cooldown) and published, and every instance applies what the others publish. An instance
 * that starts or reconnects loads the cooldowns still running. Redis down: this instance keeps its own
 * cooldowns (logged, counted) and the others catch up from the keys when they next load them.
 */
export class RedisCooldownTracker implements CooldownTracker {
  readonly #local: MemoryCooldownTracker;
  readonly #redis: SharedRedis;
  readonly #now: () => number;
  readonly #channel: string;
  readonly #keyPrefix: string;
  /** Resolves once the subscription is active and running cooldowns are loaded (tests wait on it). */
  readonly ready: Promise<void>;

  constructor(redis: SharedRedis, now: () => number) {
    this.#local = new MemoryCooldownTracker(now);
    this.#redis = redis;
    this.#now = now;
    this.#channel = `${redis.keyPrefix}cooldowns`;
    this.#keyPrefix = `${redis.keyPrefix}cooldown:`;
    const subscriber = redis.subscriber();
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.#channel) this.#apply(message);
    });
    const subscribed = subscriber.subscribe(this.#channel).then(
      () => undefined,
      (error: unknown) => redis.reportError('cooldown_subscribe', error),
    );
    const connected = redis.client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => redis.client.once('ready', () => resolve()));
    const loaded = Promise.all([subscribed, connected]).then(async () => {
      await this.#loadRunning();
      // After a reconnect: notices published while this instance was cut off are in the keys.
      redis.client.on('ready', () => void this.#loadRunning());
    });
    // A Redis that is down at start must not hold the gateway back: it starts on its own cooldowns and
    // catches up when the connection comes up.
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, readyWaitMs);
    });
    this.ready = Promise.race([loaded, waited]).finally(() => clearTimeout(timer));
  }

  coolDown(provider: string, untilMs: number): void {
    this.#local.coolDown(provider, untilMs);
    const remainingMs = Math.max(1, Math.ceil(untilMs - this.#now()));
    const notice: CooldownNotice = { provider, remainingMs };
    this.#redis.client
      .multi()
      .set(this.#keyPrefix + provider, String(remainingMs), 'PX', remainingMs)
      .publish(this.#channel, JSON.stringify(notice))
      .exec()
      .catch((error: unknown) => this.#redis.reportError('cooldown_write', error));
  }

  isCoolingDown(provider: string): boolean {
    return this.#local.isCoolingDown(provider);
  }

  clear(provider: string): void {
    this.#local.clear(provider);
    const notice: CooldownNotice = { provider };
    this.#redis.client
      .multi()
      .del(this.#keyPrefix + provider)
      .publish(this.#channel, JSON.stringify(notice))
      .exec()
      .catch((error: unknown) => this.#redis.reportError('cooldown_write', error));
  }

  lastFailedAtMs(provider: string): number | undefined {
    return this.#local.lastFailedAtMs(provider);
  }

  #apply(message: string): void {
    let notice: CooldownNotice;
    try {
      notice = JSON.parse(message) as CooldownNotice;
    } catch {
      return;
    }
    if (typeof notice.provider !== 'string') return;
    if (typeof notice.remainingMs === 'number') this.#local.coolDown(notice.provider, this.#now() + notice.remainingMs);
    else this.#local.clear(notice.provider);
  }

  async #loadRunning(): Promise<void> {
    try {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await this.#redis.client.scan(cursor, 'MATCH', `${this.#keyPrefix}*`, 'COUNT', 100);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      for (const key of keys) {
        const remainingMs = await this.#redis.client.pttl(key);
        if (remainingMs > 0) this.#local.coolDown(key.slice(this.#keyPrefix.length), this.#now() + remainingMs);
      }
    } catch (error) {
      this.#redis.reportError('cooldown_load', error);
    }
  }
}
