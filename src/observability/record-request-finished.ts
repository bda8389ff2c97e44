import type { Logger } from 'pino';
import type { RequestContext } from '../server/request-context.ts';
import type { GatewayMetrics } from './create-gateway-metrics.ts';

/** Label for models a client named but the config does not: keeps label sets bounded. */
const unknownModelLabel = 'other';

/**
 * The one owner of the per-request log line and metrics, called once when the response closes.
 * `logger` undefined: counted but not logged (health probes and metric scrapes would flood the log).
 */
export function recordRequestFinished(context: RequestContext, metrics: GatewayMetrics, logger: Logger | undefined): void {
  const durationSeconds = Number((context.endedAtNs ?? process.hrtime.bigint()) - context.startedAtNs) / 1e9;
  const model = context.model === undefined ? 'none' : context.modelIsKnown ? context.model : unknownModelLabel;
  const provider = context.provider ?? 'none';
  metrics.requestsTotal.inc({ method: context.method, endpoint: context.endpoint, model, provider, status_code: context.status });
  metrics.requestDurationSeconds.observe({ endpoint: context.endpoint, model, provider }, durationSeconds);
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
  };
  if (context.status >= 500) logger.warn(fields, 'request failed');
  else logger.info(fields, 'request finished');
}
