/**
 * Requests in flight per provider, for `concurrency.per_backend_limit`: an attempt counts from its
 * dispatch to the end of its exchange (a stream's last byte, or its failure).
 */
export class BackendLoad {
  readonly #inFlight = new Map<string, number>();
  readonly #limit: number | undefined;

  constructor(limit: number | undefined) {
    this.#limit = limit;
  }

  isBusy(provider: string): boolean {
    return this.#limit !== undefined && (this.#inFlight.get(provider) ?? 0) >= this.#limit;
  }

  start(provider: string): void {
    this.#inFlight.set(provider, (this.#inFlight.get(provider) ?? 0) + 1);
  }

  finish(provider: string): void {
    const count = (this.#inFlight.get(provider) ?? 0) - 1;
    if (count <= 0) this.#inFlight.delete(provider);
    else this.#inFlight.set(provider, count);
  }

  inFlight(provider: string): number {
    return this.#inFlight.get(provider) ?? 0;
  }
}
