import type { Logger } from 'pino';
import type { GatewaySnapshot } from '../gateway/gateway-snapshot.ts';
import type { GatewaySnapshotSlot } from '../gateway/gateway-snapshot-slot.ts';
import type { BackendLoad } from '../limits/backend-load.ts';
import type { ConcurrencyGate } from '../limits/concurrency-gate.ts';
import type { RateLimitStore } from '../limits/rate-limit-store.ts';
import type { GatewayMetrics } from '../observability/create-gateway-metrics.ts';
import type { PendingFinishes } from '../observability/pending-finishes.ts';
import type { RequestObservers } from '../observability/request-observers.ts';
import type { CooldownTracker } from '../resilience/cooldown-tracker.ts';
import type { ProviderHealthChecker } from '../resilience/provider-health-checker.ts';
import type { ProviderHealthTracker } from '../upstream/provider-health-tracker.ts';

/** What the HTTP layer is given by the composition root (main.ts); tests build their own. */
export interface GatewayServices {
  /** The config snapshot a new request starts with. */
  currentSnapshot(): GatewaySnapshot;
  /** Keeps the snapshot a request started with open (its upstream pools) until the request's response closes. */
  readonly snapshotLeases: Pick<GatewaySnapshotSlot, 'acquire' | 'release'>;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** Lifecycle event subscribers (observability/request-observer.ts): metrics, logs, journal, tracing. */
  readonly observers: RequestObservers;
  /** Rate-limit token buckets: memory, or Redis with `redis.url` (shared by every instance). */
  readonly rateLimits: RateLimitStore;
  readonly providerHealth: ProviderHealthTracker;
  /** Providers skipped after a failure (fallback.cooldown_seconds). */
  readonly cooldowns: CooldownTracker;
  /** Active probes (`health_checks`); their last results whether or not they run periodically. */
  readonly healthChecker: ProviderHealthChecker;
  /** `concurrency.enabled`: the in-flight limit and its queue; undefined when off. */
  readonly concurrencyGate: ConcurrencyGate | undefined;
  /** In-flight attempts per provider (`concurrency.per_backend_limit`). */
  readonly backendLoad: BackendLoad;
  readonly now: () => number;
  /**
   * Whether anything reads an answer's token usage besides a tokens-per-minute limit: metrics, the
   * info-level request line, the journal or tracing. When nothing does (and the request's key has no
   * token limit), the fast path relays the answer untouched: no usage asked for, picked up or estimated.
   * Set once the observability sinks are started.
   */
  usageWanted: boolean;
  /** Requests whose log line and records wait for the tokenizer; shutdown waits for them. */
  readonly pendingFinishes: PendingFinishes;
}
