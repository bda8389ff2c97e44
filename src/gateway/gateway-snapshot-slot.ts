import type { GatewaySnapshot } from './gateway-snapshot.ts';

/** One snapshot and the requests still using it; a retired lease's snapshot is closed when the count reaches 0. */
export interface SnapshotLease {
  readonly snapshot: GatewaySnapshot;
  activeRequests: number;
  retired: boolean;
}

/**
 * The gateway's current snapshot, swapped in one assignment on reload (DESIGN.md "One immutable
 * snapshot"). Each request holds a lease on the snapshot it started with from its start to its response's
 * 'close'; a replaced snapshot is handed to `onDrained` (which closes its upstream pools) once its last
 * request ended, so a stream that started before a reload finishes on the pools and config it started with.
 * Counting is two integer operations per request: no promise, no closure.
 */
export class GatewaySnapshotSlot {
  /** The snapshot a new request starts with: a plain field, read on every request. */
  current: GatewaySnapshot;
  #lease: SnapshotLease;
  readonly #retired = new Set<SnapshotLease>();
  readonly #closing = new Set<Promise<void>>();
  readonly #onDrained: (snapshot: GatewaySnapshot, stillOpen: readonly GatewaySnapshot[]) => Promise<void>;

  /**
   * `onDrained` closes a snapshot's pools except those `stillOpen` snapshots share (a reload reuses the
   * pool of a provider it did not change); it must not reject.
   */
  constructor(snapshot: GatewaySnapshot, onDrained: (snapshot: GatewaySnapshot, stillOpen: readonly GatewaySnapshot[]) => Promise<void>) {
    this.current = snapshot;
    this.#lease = { snapshot, activeRequests: 0, retired: false };
    this.#onDrained = onDrained;
  }

  /** At a request's start, in the same tick as its `currentSnapshot()` call, so both name the same snapshot. */
  acquire(): SnapshotLease {
    const lease = this.#lease;
    lease.activeRequests += 1;
    return lease;
  }

  /** When the request's response closed (finished or abandoned). */
  release(lease: SnapshotLease): void {
    lease.activeRequests -= 1;
    if (lease.activeRequests === 0 && lease.retired) this.#drain(lease);
  }

  /** Makes `snapshot` the one new requests start with; the previous one drains. Returns the previous snapshot. */
  swap(snapshot: GatewaySnapshot): GatewaySnapshot {
    const previous = this.#lease;
    this.#lease = { snapshot, activeRequests: 0, retired: false };
    this.current = snapshot;
    previous.retired = true;
    if (previous.activeRequests === 0) this.#drain(previous);
    else this.#retired.add(previous);
    return previous.snapshot;
  }

  /** Replaced snapshots still serving requests. */
  get retiredCount(): number {
    return this.#retired.size;
  }

  /** Shutdown: closes the current snapshot and every replaced one, drained or not, once each. */
  async closeAll(): Promise<void> {
    this.#lease.retired = true;
    for (const lease of [this.#lease, ...this.#retired]) this.#drain(lease);
    await Promise.all(this.#closing);
  }

  #drain(lease: SnapshotLease): void {
    this.#retired.delete(lease);
    if (lease.activeRequests < 0) return;
    // Marks the lease closed: a late release() cannot bring it back to 0 and close it twice.
    lease.activeRequests = Number.NEGATIVE_INFINITY;
    const stillOpen = [this.#lease, ...this.#retired].filter((open) => open.activeRequests >= 0).map((open) => open.snapshot);
    const closing = this.#onDrained(lease.snapshot, stillOpen).finally(() => this.#closing.delete(closing));
    this.#closing.add(closing);
  }
}
