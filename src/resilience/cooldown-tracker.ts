/** Which providers are being skipped after a failure, and since when; one per gateway, kept across reloads. */
export interface CooldownTracker {
  /** Skip `provider` until `untilMs` (a later end already set is kept). */
  coolDown(provider: string, untilMs: number): void;
  isCoolingDown(provider: string): boolean;
  /** Ends a cooldown early (a passing health check). */
  clear(provider: string): void;
  /** When the provider last failed, for picking the least recently failed one when all are cooling down. */
  lastFailedAtMs(provider: string): number | undefined;
  /**
   * After a reload: forget providers no longer configured, so one re-added later starts fresh. Memory
   * only: shared cooldowns expire on their own and other instances may still have the provider.
   */
  retainOnly?(providers: ReadonlySet<string>): void;
}

/**
 * Cooldowns in this process's memory, with an injectable clock (tests step time instead of sleeping).
 * Issue 5 adds a Redis-backed tracker behind the same interface, for several instances.
 */
export class MemoryCooldownTracker implements CooldownTracker {
  readonly #now: () => number;
  readonly #until = new Map<string, number>();
  readonly #failedAt = new Map<string, number>();

  constructor(now: () => number) {
    this.#now = now;
  }

  coolDown(provider: string, untilMs: number): void {
    this.#failedAt.set(provider, this.#now());
    const current = this.#until.get(provider);
    if (current === undefined || current < untilMs) this.#until.set(provider, untilMs);
  }

  isCoolingDown(provider: string): boolean {
    const until = this.#until.get(provider);
    if (until === undefined) return false;
    if (until > this.#now()) return true;
    this.#until.delete(provider);
    return false;
  }

  lastFailedAtMs(provider: string): number | undefined {
    return this.#failedAt.get(provider);
  }

  clear(provider: string): void {
    this.#until.delete(provider);
  }

  retainOnly(providers: ReadonlySet<string>): void {
    for (const provider of this.#failedAt.keys()) if (!providers.has(provider)) this.#failedAt.delete(provider);
    for (const provider of this.#until.keys()) if (!providers.has(provider)) this.#until.delete(provider);
  }
}
