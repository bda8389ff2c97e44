import type { Metric, Registry } from 'prom-client';
import { type ExportedMetric, type ExportedSample, formatLabelKey, type LabelSet } from './label-set.ts';

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

export interface LabeledHistogramOptions<Label extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly Label[];
  /** Upper bounds, ascending (`le`); `+Inf` is added. */
  readonly buckets: readonly number[];
  readonly registry: Registry;
}

/**
 * A Prometheus histogram whose label sets are cells the caller keeps (see labeled-counter.ts for why):
 * prom-client's `Histogram.observe(labels, v)` validates and hashes the labels and copies them into a
 * new object on each call. Exported through prom-client's `Registry` as `_bucket{le}` (cumulative),
 * `_sum` and `_count`, as prom-client's own histogram is.
 */
export class LabeledHistogram<Label extends string> {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #labelNames: readonly Label[];
  readonly #upperBounds: readonly number[];
  readonly #cells = new Map<string, { readonly labels: LabelSet<Label>; readonly cell: HistogramCell }>();

  constructor(options: LabeledHistogramOptions<Label>) {
    this.name = options.name;
    this.help = options.help;
    this.#labelNames = options.labelNames;
    this.#upperBounds = [...options.buckets].sort((left, right) => left - right);
    // prom-client's Registry reads `name`, `type` and `get()` of what it holds; its type names its own classes.
    options.registry.registerMetric(this as unknown as Metric);
  }

  /** The cell of one label set, created empty the first time. */
  cell(labels: LabelSet<Label>): HistogramCell {
    const key = formatLabelKey(this.#labelNames, labels);
    let entry = this.#cells.get(key);
    if (entry === undefined) {
      entry = { labels: { ...labels }, cell: new HistogramCell(this.#upperBounds) };
      this.#cells.set(key, entry);
    }
    return entry.cell;
  }

  /** For paths that run rarely: looks the cell up each time. */
  observe(labels: LabelSet<Label>, value: number): void {
    this.cell(labels).observe(value);
  }

  async get(): Promise<ExportedMetric> {
    const values: ExportedSample[] = [];
    const bucketName = `${this.name}_bucket`;
    for (const { labels, cell } of this.#cells.values()) {
      let cumulative = 0;
      this.#upperBounds.forEach((bound, index) => {
        cumulative += cell.bucketCounts[index] as number;
        values.push({ labels: { le: bound, ...labels }, value: cumulative, metricName: bucketName });
      });
      values.push({ labels: { le: '+Inf', ...labels }, value: cell.count, metricName: bucketName });
      values.push({ labels, value: cell.sum, metricName: `${this.name}_sum` });
      values.push({ labels, value: cell.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** `Registry.resetMetrics()`: every cell emptied (cells held by callers stay valid). */
  reset(): void {
    for (const { cell } of this.#cells.values()) cell.reset();
  }
}
