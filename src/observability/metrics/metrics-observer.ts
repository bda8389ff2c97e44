import type { RequestContext } from '../../server/request-context.ts';
import type { GatewayMetrics } from '../create-gateway-metrics.ts';
import type { AttemptEndedEvent, AttemptStartedEvent, RequestObserver } from '../request-observer.ts';
import type { HistogramCell } from './labeled-histogram.ts';

/**
 * The per-attempt metrics, from the lifecycle events: retries (attempts beyond the first) and the
 * provider's latency to its response head. The per-request ones are recorded with the log line
 * (record-request-finished.ts), from the context.
 */
export class MetricsObserver implements RequestObserver {
  readonly #metrics: GatewayMetrics;
  /** Provider latency cells by provider name (bounded: configured names). */
  readonly #latencyCells = new Map<string, HistogramCell>();

  constructor(metrics: GatewayMetrics) {
    this.#metrics = metrics;
  }

  onAttemptStarted(_context: RequestContext, event: AttemptStartedEvent): void {
    if (event.attempt > 1) this.#metrics.retriesTotal.inc({ provider: event.provider });
  }

  onAttemptEnded(_context: RequestContext, event: AttemptEndedEvent): void {
    if (event.headersSeconds === undefined) return;
    let cell = this.#latencyCells.get(event.provider);
    if (cell === undefined) {
      cell = this.#metrics.providerLatencySeconds.cell({ provider: event.provider });
      this.#latencyCells.set(event.provider, cell);
    }
    cell.observe(event.headersSeconds);
  }
}
