import { GatewayError } from '../errors/gateway-error.ts';

/** A request's place in the gate; released once, when the request ends (answered, failed or abandoned). */
export interface GateTicket {
  release(): void;
}

interface Waiter {
  readonly onGranted: () => void;
  timer: NodeJS.Timeout | undefined;
  state: 'waiting' | 'granted' | 'done';
}

/**
 * `concurrency.max_requests` in flight, then a FIFO queue of `max_queue_size` waiting at most
 * `queue_timeout`; a full queue or a wait that times out is a 503 `GW_ERR_GATEWAY_BUSY`. Callbacks, not
 * promises: a request goes on in the same tick when a slot is free (the common case). Releasing a ticket
 * that still waits takes it out of the queue (the client went away).
 */
export class ConcurrencyGate {
  readonly #maxInFlight: number;
  readonly #maxQueued: number;
  readonly #queueTimeoutMs: number;
  readonly #queue: Waiter[] = [];
  #inFlight = 0;

  constructor(maxInFlight: number, maxQueued: number, queueTimeoutMs: number) {
    this.#maxInFlight = maxInFlight;
    this.#maxQueued = maxQueued;
    this.#queueTimeoutMs = queueTimeoutMs;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get queued(): number {
    return this.#queue.length;
  }

  acquire(onGranted: () => void, onRejected: (error: GatewayError) => void): GateTicket {
    const waiter: Waiter = { onGranted, timer: undefined, state: 'waiting' };
    if (this.#inFlight < this.#maxInFlight && this.#queue.length === 0) {
      this.#inFlight += 1;
      waiter.state = 'granted';
      onGranted();
    } else if (this.#queue.length >= this.#maxQueued) {
      waiter.state = 'done';
      onRejected(
        new GatewayError('GW_ERR_GATEWAY_BUSY', {
          message: `The gateway is at its limit of ${this.#maxInFlight} requests in flight and ${this.#maxQueued} waiting.`,
          retryAfterMs: 1_000,
          limit: 'queue',
        }),
      );
    } else {
      waiter.timer = setTimeout(() => {
        if (waiter.state !== 'waiting') return;
        waiter.state = 'done';
        this.#remove(waiter);
        onRejected(
          new GatewayError('GW_ERR_GATEWAY_BUSY', {
            message: `No request slot came free within ${this.#queueTimeoutMs} ms.`,
            retryAfterMs: 1_000,
            limit: 'queue',
          }),
        );
      }, this.#queueTimeoutMs);
      this.#queue.push(waiter);
    }
    return { release: () => this.#release(waiter) };
  }

  #release(waiter: Waiter): void {
    if (waiter.state === 'waiting') {
      clearTimeout(waiter.timer);
      this.#remove(waiter);
    } else if (waiter.state === 'granted') {
      this.#free();
    }
    waiter.state = 'done';
  }

  /** A slot frees: the longest waiter takes it, or the slot count goes down. */
  #free(): void {
    const next = this.#queue.shift();
    if (next === undefined) {
      this.#inFlight -= 1;
      return;
    }
    clearTimeout(next.timer);
    next.state = 'granted';
    next.onGranted();
  }

  #remove(waiter: Waiter): void {
    const index = this.#queue.indexOf(waiter);
    if (index !== -1) this.#queue.splice(index, 1);
  }
}
