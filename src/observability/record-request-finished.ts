import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import { totalTokens } from '../canonical/total-tokens.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { GatewayMetrics } from './create-gateway-metrics.ts';

/** Label for models a client named but the config does not: keeps label sets bounded. */
const unknownModelLabel = 'other';
/** The limits a rejection may name (GatewayError.limit); anything else is counted as `other`. */
const limitLabels = new Set(['key', 'global', 'ip', 'model', 'tokens', 'queue']);

/**
 * The one owner of the per-request log line and metrics, called once when the response closed (after the
 * tokenizer, when usage had to be estimated: finish-observed-request.ts).
 * `logger` undefined: counted but not logged (health probes and metric scrapes would flood the log).
 */
export function recordRequestFinished(context: RequestContext, metrics: GatewayMetrics, logger: Logger | undefined): void {
  const durationSeconds = Number((context.endedAtNs ?? process.hrtime.bigint()) - context.startedAtNs) / 1e9;
  const model = context.model === undefined ? 'none' : context.modelIsKnown ? context.model : unknownModelLabel;
  const provider = context.provider ?? 'none';
  metrics.requestsTotal.inc({ method: context.method, endpoint: context.endpoint, model, provider, status_code: context.status });
  metrics.requestDurationSeconds.observe({ endpoint: context.endpoint, model, provider }, durationSeconds);
  const usage = context.usage;
  if (usage !== undefined) countTokens(metrics, model, provider, usage);
  if (context.stream && context.firstByteAtNs !== undefined) {
    metrics.timeToFirstTokenSeconds.observe({ model, provider }, Number(context.firstByteAtNs - context.startedAtNs) / 1e9);
  }
  if (context.upstreamProtocol !== undefined) {
    metrics.protocolRequestsTotal.inc({
      ingress: ingressProtocol(context),
      upstream: context.upstreamProtocol,
      mode: context.translation === undefined ? 'pass-through' : 'translated',
    });
  }
  if (context.errorCode === 'GW_ERR_RATE_LIMITED' || context.errorCode === 'GW_ERR_GATEWAY_BUSY') {
    const limit = context.rejectedBy ?? (context.errorCode === 'GW_ERR_GATEWAY_BUSY' ? 'queue' : 'other');
    metrics.rateLimitRejectionsTotal.inc({ limit: limitLabels.has(limit) ? limit : 'other' });
  }
  if (logger === undefined) return;
  const fields = {
    requestId: context.requestId,
    method: context.method,
    endpoint: context.endpoint,
    keyName: context.keyName,
    model: context.model,
    upstreamModel: context.upstreamModel,
    provider: context.provider,
    stream: context.stream,
    translation: context.translation,
    status: context.status,
    attempts: context.attempts,
    errorCode: context.errorCode,
    durationMs: Math.round(durationSeconds * 1e6) / 1e3,
    promptTokens: usage?.inputTokens,
    completionTokens: usage?.outputTokens,
    totalTokens: usage === undefined ? undefined : totalTokens(usage),
    cachedTokens: usage?.cachedInputTokens,
    reasoningTokens: usage?.reasoningTokens,
    tokensEstimated: context.usageEstimated ? true : undefined,
  };
  if (context.status >= 500) logger.warn(fields, 'request failed');
  else logger.info(fields, 'request finished');
}

/** `/v1/completions` and `/v1/embeddings` are protocols of their own; other endpoints speak their error protocol. */
function ingressProtocol(context: RequestContext): string {
  if (context.endpoint === '/v1/completions') return 'openai-completions';
  if (context.endpoint === '/v1/embeddings') return 'openai-embeddings';
  return context.errorProtocol;
}

/** The five token counters of one model and provider, bound once (labels are bounded: configured names). */
interface TokenCounters {
  readonly prompt: Counter.Internal;
  readonly completion: Counter.Internal;
  readonly total: Counter.Internal;
  readonly cached: Counter.Internal;
  readonly reasoning: Counter.Internal;
}

const tokenCounterCache = new WeakMap<GatewayMetrics, Map<string, TokenCounters>>();

/** `labels()` children cached per model and provider: one Map lookup instead of five label hashings. */
function countTokens(metrics: GatewayMetrics, model: string, provider: string, usage: CanonicalUsage): void {
  let byLabels = tokenCounterCache.get(metrics);
  if (byLabels === undefined) {
    byLabels = new Map();
    tokenCounterCache.set(metrics, byLabels);
  }
  const key = `${model}\u0000${provider}`;
  let counters = byLabels.get(key);
  if (counters === undefined) {
    const counter = metrics.tokensTotal;
    counters = {
      prompt: counter.labels({ model, provider, token_type: 'prompt_tokens' }),
      completion: counter.labels({ model, provider, token_type: 'completion_tokens' }),
      total: counter.labels({ model, provider, token_type: 'total_tokens' }),
      cached: counter.labels({ model, provider, token_type: 'cached_tokens' }),
      reasoning: counter.labels({ model, provider, token_type: 'reasoning_tokens' }),
    };
    byLabels.set(key, counters);
  }
  counters.prompt.inc(usage.inputTokens ?? 0);
  counters.completion.inc(usage.outputTokens ?? 0);
  counters.total.inc(totalTokens(usage));
  if (usage.cachedInputTokens !== undefined) counters.cached.inc(usage.cachedInputTokens);
  if (usage.reasoningTokens !== undefined) counters.reasoning.inc(usage.reasoningTokens);
}
