import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { RedisConfig } from '../config/gateway-config-schema.ts';

/** One logged line per operation at most this often while Redis keeps failing: a dead Redis must not flood the log. */
const errorLogIntervalMs = 10_000;

/**
 * The gateway's Redis connections (`redis.url`) and how their failures are reported. Commands fail at
 * once while disconnected (no offline queue) and after `redis.command_timeout` when Redis hangs, so a
 * request never waits on a dead Redis: its callers fail open. Reconnects in the background.
 */
export class SharedRedis {
  readonly client: Redis;
  readonly keyPrefix: string;
  readonly #config: RedisConfig & { readonly url: string };
  readonly #logger: Logger;
  readonly #errors: Counter<'operation'>;
  readonly #lastLoggedAt = new Map<string, number>();
  #subscriber: Redis | undefined;

  constructor(config: RedisConfig & { readonly url: string }, logger: Logger, registry: Registry) {
    this.#config = config;
    this.#logger = logger;
    this.keyPrefix = config.key_prefix;
    this.#errors = new Counter({
      name: 'llm_proxy_redis_errors_total',
      help: 'Redis commands that failed or timed out; the limit or cooldown they served was applied from this instance alone (fail open).',
      labelNames: ['operation'],
      registers: [registry],
    });
    this.client = this.#connect('commands');
  }

  /** A second connection in subscriber mode (cooldown notices), made on first use. */
  subscriber(): Redis {
    this.#subscriber ??= this.#connect('subscriber');
    return this.#subscriber;
  }

  /** Counts the failure and logs it, at most once per operation every 10 s; never logs the URL (it may hold a password). */
  reportError(operation: string, error: unknown): void {
    this.#errors.inc({ operation });
    const now = Date.now();
    const last = this.#lastLoggedAt.get(operation);
    if (last !== undefined && now - last < errorLogIntervalMs) return;
    this.#lastLoggedAt.set(operation, now);
    this.#logger.error({ operation, error: error instanceof Error ? error.message : String(error) }, 'redis unavailable: failing open');
  }

  async close(): Promise<void> {
    const connections = [this.client, this.#subscriber].filter((connection) => connection !== undefined);
    // QUIT only on a working connection: on one still connecting it would wait in the queue forever.
    await Promise.all(
      connections.map(async (connection) => {
        if (connection.status !== 'ready') return connection.disconnect();
        await connection.quit().catch(() => connection.disconnect());
      }),
    );
  }

  #connect(role: string): Redis {
    const connection = new Redis(this.#config.url, {
      // The subscriber queues its SUBSCRIBE until connected (and resubscribes after a reconnect); commands never wait.
      enableOfflineQueue: role === 'subscriber',
      commandTimeout: this.#config.command_timeout,
      connectTimeout: Math.max(1_000, this.#config.command_timeout),
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    // Without a listener an 'error' event would crash the process; each is reported (throttled).
    connection.on('error', (error: Error) => this.reportError(`connection:${role}`, error));
    return connection;
  }
}
