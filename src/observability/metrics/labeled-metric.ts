import type { Metric, Registry } from 'prom-client';
import { type ExportedMetric, type ExportedSample, formatLabelKey, type LabelSet } from './label-set.ts';

export interface LabeledMetricOptions<Label extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly Label[];
  readonly registry: Registry;
}

/**
 * What a labeled counter and histogram share: a cell per label set, looked up once and kept by the caller
 * (labeled-counter.ts says why), registered in a prom-client `Registry`, which reads `name`, `type` and
 * `get()` (prom-client's shape) of what it holds. Subclasses say how a cell is made, exported and reset.
 */
export abstract class LabeledMetric<Label extends string, Cell> {
  readonly name: string;
  readonly help: string;
  readonly aggregator = 'sum';
  abstract readonly type: ExportedMetric['type'];
  readonly #labelNames: readonly Label[];
  readonly #cells = new Map<string, { readonly labels: LabelSet<Label>; readonly cell: Cell }>();

  constructor(options: LabeledMetricOptions<Label>) {
    this.name = options.name;
    this.help = options.help;
    this.#labelNames = options.labelNames;
    // Its type names prom-client's own classes; what it uses of a metric is above.
    options.registry.registerMetric(this as unknown as Metric);
  }

  /** The cell of one label set, created empty the first time. */
  cell(labels: LabelSet<Label>): Cell {
    const key = formatLabelKey(this.#labelNames, labels);
    let entry = this.#cells.get(key);
    if (entry === undefined) {
      entry = { labels: { ...labels }, cell: this.createCell() };
      this.#cells.set(key, entry);
    }
    return entry.cell;
  }

  async get(): Promise<ExportedMetric> {
    const values: ExportedSample[] = [];
    for (const { labels, cell } of this.#cells.values()) this.exportCell(labels, cell, values);
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** `Registry.resetMetrics()`: every cell emptied; cells held by callers stay valid (series stay, at 0). */
  reset(): void {
    for (const { cell } of this.#cells.values()) this.resetCell(cell);
  }

  protected abstract createCell(): Cell;
  protected abstract exportCell(labels: LabelSet<Label>, cell: Cell, into: ExportedSample[]): void;
  protected abstract resetCell(cell: Cell): void;
}
