import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { LabeledCounter } from './metrics/labeled-counter.ts';
import { LabeledHistogram } from './metrics/labeled-histogram.ts';
import { RequestMetricCells } from './metrics/request-metric-cells.ts';

/**
 * The gateway's metrics on its own registry (never the global one); names per docs/interface.md. The
 * labeled ones are `LabeledCounter`/`LabeledHistogram` (metrics/), whose cells a request path keeps
 * (`requestCells`) instead of hashing labels on each call; process metrics and gauges read at scrape time
 * are prom-client's own.
 */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** `metrics.enabled`: false, nothing is recorded per request and `/metrics` answers 404. */
  readonly enabled: boolean;
  readonly requestsTotal: LabeledCounter<'method' | 'endpoint' | 'model' | 'provider' | 'status_code'>;
  readonly requestDurationSeconds: LabeledHistogram<'endpoint' | 'model' | 'provider'>;
  /** Requests being handled now, streams included: add and subtract on `value`; the gauge reads it at scrape. */
  readonly activeRequests: { value: number };
  /** The per-request cells of `requestsTotal`, `requestDurationSeconds`, `tokensTotal`, `timeToFirstTokenSeconds`, `protocolRequestsTotal`. */
  readonly requestCells: RequestMetricCells;
  /** Every attempt that failed before its answer reached the client (failover or not). */
  readonly attemptFailuresTotal: LabeledCounter<'provider' | 'reason'>;
  /** Failed attempts after which another provider was tried. */
  readonly fallbacksTotal: LabeledCounter<'provider'>;
  /** Times a provider was put in cooldown. */
  readonly cooldownsTotal: LabeledCounter<'provider'>;
  /** Tokens of answered requests: prompt, completion, total, and cached/reasoning when the provider says. */
  readonly tokensTotal: LabeledCounter<'model' | 'provider' | 'token_type'>;
  /** Per attempt: time from sending the request to the provider's response head. */
  readonly providerLatencySeconds: LabeledHistogram<'provider'>;
  /** Streams: time from receiving the request to the first byte written to the client. */
  readonly timeToFirstTokenSeconds: LabeledHistogram<'model' | 'provider'>;
  /** Attempts beyond a request's first (a retry or a fallback), by the provider tried. */
  readonly retriesTotal: LabeledCounter<'provider'>;
  /** Requests refused by one of the gateway's own limits (429 GW_ERR_RATE_LIMITED, 503 GW_ERR_GATEWAY_BUSY). */
  readonly rateLimitRejectionsTotal: LabeledCounter<'limit'>;
  /** Requests that reached a provider, by the client's protocol, the provider's, and whether the gateway translated. */
  readonly protocolRequestsTotal: LabeledCounter<'ingress' | 'upstream' | 'mode'>;
}

/** 5 ms to 5 min: LLM calls range from cached embeddings to long reasoning streams. */
const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];
/** 1 ms to 2 min: a provider's head or a stream's first token comes before a long answer ends. */
const firstResponseBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120];

export function createGatewayMetrics(options: { collectProcessMetrics: boolean; enabled?: boolean }): GatewayMetrics {
  const registry = new Registry();
  const enabled = options.enabled ?? true;
  if (enabled && options.collectProcessMetrics) collectDefaultMetrics({ register: registry, prefix: 'llm_proxy_' });
  const activeRequests = { value: 0 };
  new Gauge({
    name: 'llm_proxy_active_requests',
    help: 'Requests being handled now, streams included.',
    registers: [registry],
    collect() {
      this.set(activeRequests.value);
    },
  });
  const metrics = {
    registry,
    enabled,
    activeRequests,
    requestsTotal: new LabeledCounter({
      name: 'llm_proxy_requests_total',
      help: 'Requests answered, by endpoint, configured model (or "other"), provider and HTTP status (499: client went away).',
      labelNames: ['method', 'endpoint', 'model', 'provider', 'status_code'],
      registry,
    }),
    requestDurationSeconds: new LabeledHistogram({
      name: 'llm_proxy_request_duration_seconds',
      help: 'Time from receiving a request to the end of its response, streams included.',
      labelNames: ['endpoint', 'model', 'provider'],
      buckets: durationBuckets,
      registry,
    }),
    attemptFailuresTotal: new LabeledCounter({
      name: 'llm_proxy_attempt_failures_total',
      help: 'Upstream attempts that failed before the answer reached the client, by provider and reason (timeout, connection, status, pattern).',
      labelNames: ['provider', 'reason'],
      registry,
    }),
    fallbacksTotal: new LabeledCounter({
      name: 'llm_proxy_fallbacks_total',
      help: 'Failed attempts after which the request went on to another provider, by the provider that failed.',
      labelNames: ['provider'],
      registry,
    }),
    cooldownsTotal: new LabeledCounter({
      name: 'llm_proxy_cooldowns_total',
      help: 'Times a provider was put in cooldown after a failure.',
      labelNames: ['provider'],
      registry,
    }),
    tokensTotal: new LabeledCounter({
      name: 'llm_proxy_tokens_total',
      help: "Tokens of answered requests by configured model, provider and token_type (prompt_tokens, completion_tokens, total_tokens, cached_tokens, reasoning_tokens); the provider's counts, or the tokenizer's when it gave none.",
      labelNames: ['model', 'provider', 'token_type'],
      registry,
    }),
    providerLatencySeconds: new LabeledHistogram({
      name: 'llm_proxy_provider_latency_seconds',
      help: "Per upstream attempt: time from sending the request to the provider's response head.",
      labelNames: ['provider'],
      buckets: firstResponseBuckets,
      registry,
    }),
    timeToFirstTokenSeconds: new LabeledHistogram({
      name: 'llm_proxy_time_to_first_token_seconds',
      help: 'Streams: time from receiving the request to the first byte of the answer written to the client.',
      labelNames: ['model', 'provider'],
      buckets: firstResponseBuckets,
      registry,
    }),
    retriesTotal: new LabeledCounter({
      name: 'llm_proxy_retries_total',
      help: "Upstream attempts beyond a request's first (retries and fallbacks), by the provider tried.",
      labelNames: ['provider'],
      registry,
    }),
    rateLimitRejectionsTotal: new LabeledCounter({
      name: 'llm_proxy_rate_limit_rejections_total',
      help: 'Requests refused by a gateway limit: key, global, ip, model, tokens (429) or queue (503, concurrency).',
      labelNames: ['limit'],
      registry,
    }),
    protocolRequestsTotal: new LabeledCounter({
      name: 'llm_proxy_protocol_requests_total',
      help: 'Requests that reached a provider, by ingress and upstream protocol; mode pass-through (same protocol) or translated.',
      labelNames: ['ingress', 'upstream', 'mode'],
      registry,
    }),
  };
  return { ...metrics, requestCells: new RequestMetricCells(metrics) };
}
