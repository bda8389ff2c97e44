import type { Logger } from 'pino';
import { totalTokens } from '../canonical/total-tokens.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { GatewayMetrics } from './create-gateway-metrics.ts';
import { writeRequestLine } from './logging/write-request-line.ts';

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
  if (metrics.enabled) countRequest(context, metrics, durationSeconds);
  if (logger === undefined) return;
  const usage = context.usage;
  writeRequestLine(logger, {
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
  });
}

/** The request's metrics: its count, duration, tokens, time to first token, protocol pair, and a limit's refusal. */
function countRequest(context: RequestContext, metrics: GatewayMetrics, durationSeconds: number): void {
  const model = context.model === undefined ? 'none' : context.modelIsKnown ? context.model : unknownModelLabel;
  const provider = context.provider ?? 'none';
  const cells = metrics.requestCells.of(context.method, context.endpoint, model, provider);
  cells.countRequest(context.status);
  cells.duration.observe(durationSeconds);
  if (context.usage !== undefined) cells.countTokens(context.usage);
  if (context.stream && context.firstByteAtNs !== undefined) cells.observeTimeToFirstToken(Number(context.firstByteAtNs - context.startedAtNs) / 1e9);
  if (context.upstreamProtocol !== undefined) {
    cells.countProtocolPair(ingressProtocol(context), context.upstreamProtocol, context.translation === undefined ? 'pass-through' : 'translated');
  }
  if (context.errorCode === 'GW_ERR_RATE_LIMITED' || context.errorCode === 'GW_ERR_GATEWAY_BUSY') {
    const limit = context.rejectedBy ?? (context.errorCode === 'GW_ERR_GATEWAY_BUSY' ? 'queue' : 'other');
    metrics.rateLimitRejectionsTotal.inc({ limit: limitLabels.has(limit) ? limit : 'other' });
  }
}

/** `/v1/completions` and `/v1/embeddings` are protocols of their own; other endpoints speak their error protocol. */
function ingressProtocol(context: RequestContext): string {
  if (context.endpoint === '/v1/completions') return 'openai-completions';
  if (context.endpoint === '/v1/embeddings') return 'openai-embeddings';
  return context.errorProtocol;
}
