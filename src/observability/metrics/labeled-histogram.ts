import type { ExportedSample, LabelSet } from './label-set.ts';
import { LabeledMetric, type LabeledMetricOptions } from './labeled-metric.ts';

/**
 * One label set's histogram: a count per bucket (not cumulative: the export adds them up), the sum and
 * the count. Keep the cell a request path uses and call `observe`.
 */
export class HistogramCell {
  readonly #upperBounds: readonly number[];
  readonly bucketCounts: number[];
  sum = 0;
  count = 0;

  constructor(upperBounds: readonly number[]) {
    this.#upperBounds = upperBounds;
    // One slot per bound, and the last for values above them all (+Inf).
    this.bucketCounts = new Array<number>(upperBounds.length + 1).fill(0);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    const bounds = this.#upperBounds;
    let index = 0;
    while (index < bounds.length && value > (bounds[index] as number)) index += 1;
    this.bucketCounts[index] = (this.bucketCounts[index] as number) + 1;
    this.sum += value;
    this.count += 1;
  }

  reset(): void {
    this.bucketCounts.fill(0);
    this.sum = 0;
    this.count = 0;
  }
}

export interface LabeledHistogramOptions<Label extends string> extends LabeledMetricOptions<Label> {
  /** Upper bounds, ascending (`le`); `+Inf` is added. */
  readonly buckets: readonly number[];
}

/**
 * A Prometheus histogram whose label sets are cells the caller keeps (see labeled-counter.ts for why):
 * prom-client's `Histogram.observe(labels, v)` validates and hashes the labels and copies them into a
 * new object on each call. Exported as `_bucket{le}` (cumulative), `_sum` and `_count`, in the same text
 * as prom-client's own histogram (tested).
 */
export class LabeledHistogram<Label extends string> extends LabeledMetric<Label, HistogramCell> {
  readonly type = 'histogram';
  readonly #upperBounds: readonly number[];

  constructor(options: LabeledHistogramOptions<Label>) {
    super(options);
    this.#upperBounds = [...options.buckets].sort((left, right) => left - right);
  }

  /** For paths that run rarely: looks the cell up each time. */
  observe(labels: LabelSet<Label>, value: number): void {
    this.cell(labels).observe(value);
  }

  protected createCell(): HistogramCell {
    return new HistogramCell(this.#upperBounds);
  }

  protected exportCell(labels: LabelSet<Label>, cell: HistogramCell, into: ExportedSample[]): void {
    const bucketName = `${this.name}_bucket`;
    let cumulative = 0;
    this.#upperBounds.forEach((bound, index) => {
      cumulative += cell.bucketCounts[index] as number;
      into.push({ labels: { le: bound, ...labels }, value: cumulative, metricName: bucketName });
    });
    into.push({ labels: { le: '+Inf', ...labels }, value: cell.count, metricName: bucketName });
    into.push({ labels, value: cell.sum, metricName: `${this.name}_sum` });
    into.push({ labels, value: cell.count, metricName: `${this.name}_count` });
  }

  protected resetCell(cell: HistogramCell): void {
    cell.reset();
  }
}
