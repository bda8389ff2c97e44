/**
 * Requests whose end is being recorded later (their usage counted by the tokenizer first,
 * finish-observed-request.ts). Shutdown waits for them before closing the journal, tracing and the log,
 * so the last requests' records are not lost.
 */
export class PendingFinishes {
  #pending = 0;
  #waiters: (() => void)[] = [];

  get count(): number {
    return this.#pending;
  }

  start(): void {
    this.#pending += 1;
  }

  done(): void {
    this.#pending -= 1;
    if (this.#pending > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves once none is pending (at once when none is). */
  settled(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}
