/** Something a converter could not carry across; logged and reported in one response header. */
export interface ConversionWarning {
  readonly type: 'unsupported' | 'dropped' | 'adjusted';
  /** The field or feature, in the source protocol's words (`top_k`, `n`, `logit_bias`). */
  readonly feature: string;
  readonly detail?: string;
}

/** What every converter returns: the value and what it could not carry across. */
export interface Converted<Value> {
  readonly value: Value;
  readonly warnings: readonly ConversionWarning[];
}
