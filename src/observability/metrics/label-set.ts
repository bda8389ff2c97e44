/** A label value as the caller has it; Prometheus sees its string form. */
export type LabelValue = string | number;

export type LabelSet<Label extends string> = Readonly<Record<Label, LabelValue>>;

/** One exported sample in prom-client's `get()` shape: what `Registry.metrics()` formats. */
export interface ExportedSample {
  readonly labels: Readonly<Record<string, LabelValue>>;
  readonly value: number;
  /** A histogram's `_bucket`, `_sum` and `_count` samples carry their own names. */
  readonly metricName?: string;
}

/** What `get()` answers for prom-client's `Registry` (the fields it reads). */
export interface ExportedMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly aggregator: 'sum';
  readonly values: ExportedSample[];
}

/** A map key for one label set: the values in the metric's label order, joined by NUL (not in label values). */
export function formatLabelKey<Label extends string>(labelNames: readonly Label[], labels: LabelSet<Label>): string {
  let key = '';
  for (const name of labelNames) key += `${labels[name]}\u0000`;
  return key;
}
