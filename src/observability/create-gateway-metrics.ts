import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's metrics on its own registry (never the global one); names per docs/interface.md. */
export interface GatewayMetrics {
  readonly registry: Registry;
  readonly requestsTotal: Counter<'method' | 'endpoint' | 'model' | 'provider' | 'status_code'>;
  readonly requestDurationSeconds: Histogram<'endpoint' | 'model' | 'provider'>;
  readonly activeRequests: Gauge;
  /** Every attempt that failed before its answer reached the client (failover or not). */
  readonly attemptFailuresTotal: Counter<'provider' | 'reason'>;
  /** Failed attempts after which another provider was tried. */
  readonly fallbacksTotal: Counter<'provider'>;
  /** Times a provider was put in cooldown. */
  readonly cooldownsTotal: Counter<'provider'>;
}

/** 5 ms to 5 min: LLM calls range from cached embeddings to long reasoning streams. */
const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];

export function createGatewayMetrics(options: { collectProcessMetrics: boolean }): GatewayMetrics {
  const registry = new Registry();
  if (options.collectProcessMetrics) collectDefaultMetrics({ register: registry, prefix: 'llm_proxy_' });
  return {
    registry,
    requestsTotal: new Counter({
      name: 'llm_proxy_requests_total',
      help: 'Requests answered, by endpoint, configured model (or "other"), provider and HTTP status (499: client went away).',
      labelNames: ['method', 'endpoint', 'model', 'provider', 'status_code'],
      registers: [registry],
    }),
    requestDurationSeconds: new Histogram({
      name: 'llm_proxy_request_duration_seconds',
      help: 'Time from receiving a request to the end of its response, streams included.',
      labelNames: ['endpoint', 'model', 'provider'],
      buckets: durationBuckets,
      registers: [registry],
    }),
    activeRequests: new Gauge({
      name: 'llm_proxy_active_requests',
      help: 'Requests being handled now, streams included.',
      registers: [registry],
    }),
    attemptFailuresTotal: new Counter({
      name: 'llm_proxy_attempt_failures_total',
      help: 'Upstream attempts that failed before the answer reached the client, by provider and reason (timeout, connection, status, pattern).',
      labelNames: ['provider', 'reason'],
      registers: [registry],
    }),
    fallbacksTotal: new Counter({
      name: 'llm_proxy_fallbacks_total',
      help: 'Failed attempts after which the request went on to another provider, by the provider that failed.',
      labelNames: ['provider'],
      registers: [registry],
    }),
    cooldownsTotal: new Counter({
      name: 'llm_proxy_cooldowns_total',
      help: 'Times a provider was put in cooldown after a failure.',
      labelNames: ['provider'],
      registers: [registry],
    }),
  };
}
