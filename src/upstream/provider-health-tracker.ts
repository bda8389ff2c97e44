/** What the gateway last saw of each provider, by name; kept across config reloads. */
export interface ProviderHealthRecord {
  lastError: { readonly message: string; readonly status: number | undefined; readonly atMs: number } | undefined;
  lastSuccessAtMs: number | undefined;
}

export class ProviderHealthTracker {
  readonly #records = new Map<string, ProviderHealthRecord>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  recordSuccess(provider: string): void {
    this.#recordFor(provider).lastSuccessAtMs = this.#now();
  }

  /** `message` must be client-safe: no keys, no upstream bodies. */
  recordFailure(provider: string, message: string, status?: number): void {
    this.#recordFor(provider).lastError = { message, status, atMs: this.#now() };
  }

  get(provider: string): ProviderHealthRecord | undefined {
    return this.#records.get(provider);
  }

  /** After a reload: forget providers no longer configured. */
  retainOnly(providers: ReadonlySet<string>): void {
    for (const provider of this.#records.keys()) if (!providers.has(provider)) this.#records.delete(provider);
  }

  #recordFor(provider: string): ProviderHealthRecord {
    let record = this.#records.get(provider);
    if (record === undefined) {
      record = { lastError: undefined, lastSuccessAtMs: undefined };
      this.#records.set(provider, record);
    }
    return record;
  }
}
