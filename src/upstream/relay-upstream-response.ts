import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { UpstreamDispatcher } from './upstream-dispatcher.ts';

/** How one upstream exchange ended, from the gateway's side. */
export type UpstreamOutcome =
  /** A 2xx answer, relayed to the client in full. */
  | { readonly kind: 'relayed'; readonly status: number }
  /** A non-2xx answer; nothing was sent to the client, so the caller may pass it on or try elsewhere. */
  | { readonly kind: 'error-response'; readonly status: number; readonly headers: IncomingHttpHeaders; readonly body: Buffer }
  /** No answer (connection refused, reset, timeout) before anything reached the client. */
  | { readonly kind: 'failed'; readonly error: Error }
  /** The answer broke after its head reached the client: the client's response must be ended in-band. */
  | { readonly kind: 'broken'; readonly error: Error }
  /** The client went away; the upstream request was aborted. */
  | { readonly kind: 'client-gone' };

/** What the relay writes to: node's ServerResponse fits. */
export interface RelaySink {
  /** Bytes relayed as they came, or text a translating sink made of them. */
  write(chunk: Buffer | string): boolean;
  /** A last chunk goes out with the end: one socket write instead of two. */
  end(chunk?: string): void;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

export interface RelayCallbacks {
  /** A 2xx head arrived: write the client's head (status, content type, gateway headers) now. */
  onResponseStart(status: number, headers: IncomingHttpHeaders): void;
  /** The exchange is over; called once. */
  onOutcome(outcome: UpstreamOutcome): void;
}

/** Error bodies are kept for the caller up to this size; the rest is dropped. */
const maxErrorBodyBytes = 64 * 1024;

class ClientGoneError extends Error {
  constructor() {
    super('client disconnected');
    this.name = 'ClientGoneError';
  }
}

/**
 * Sends one request upstream and writes a 2xx body to the sink chunk by chunk as it arrives (undici
 * `dispatch` with a handler: the cheapest relay measured, see ../shared/anchors/README.md). Backpressure
 * pauses the upstream; the client's disconnect aborts it at once. `callbacks.onOutcome` says how it ended.
 */
export function relayUpstreamResponse(dispatcher: UpstreamDispatcher, options: Dispatcher.DispatchOptions, sink: RelaySink, callbacks: RelayCallbacks): void {
  const relay = new UpstreamRelay(sink, callbacks);
  sink.once('close', () => relay.onClientClose());
  dispatcher.dispatch(options, relay);
}

/**
 * undici's handler for one exchange. A class, like undici's own handlers: one object per request, where a
 * handler of closures cost a closure per step, each named through `Object.defineProperty` by tsx's
 * keepNames. With the callbacks that replaced the promise (src/proxy/proxy-exchange.ts): 85 -> 75 µs CPU per
 * request non-stream, 104 -> 92 stream (c=64, docs/performance.md).
 */
class UpstreamRelay implements Dispatcher.DispatchHandler {
  readonly #sink: RelaySink;
  readonly #callbacks: RelayCallbacks;
  #controller: Dispatcher.DispatchController | undefined;
  #settled = false;
  /** A 2xx head arrived: the body goes to the sink. Otherwise it is kept for the caller. */
  #relaying = false;
  #status = 0;
  #errorHeaders: IncomingHttpHeaders = {};
  #errorChunks: Buffer[] | undefined;
  #errorBytes = 0;

  constructor(sink: RelaySink, callbacks: RelayCallbacks) {
    this.#sink = sink;
    this.#callbacks = callbacks;
  }

  onClientClose(): void {
    if (this.#settled || this.#sink.writableEnded) return;
    this.#controller?.abort(new ClientGoneError());
    this.#settle({ kind: 'client-gone' });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#sink.destroyed) controller.abort(new ClientGoneError());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    this.#status = status;
    if (status >= 200 && status < 300) {
      this.#relaying = true;
      this.#callbacks.onResponseStart(status, headers);
    } else {
      this.#errorHeaders = headers;
    }
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#relaying) {
      if (!this.#sink.write(chunk)) {
        controller.pause();
        this.#sink.once('drain', () => controller.resume());
      }
    } else if (this.#errorBytes < maxErrorBodyBytes) {
      this.#errorChunks ??= [];
      this.#errorChunks.push(chunk);
      this.#errorBytes += chunk.length;
    }
  }

  onResponseEnd(): void {
    if (this.#relaying) {
      this.#sink.end();
      this.#settle({ kind: 'relayed', status: this.#status });
    } else {
      const body = Buffer.concat(this.#errorChunks ?? []).subarray(0, maxErrorBodyBytes);
      this.#settle({ kind: 'error-response', status: this.#status, headers: this.#errorHeaders, body });
    }
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (error instanceof ClientGoneError || this.#sink.destroyed) this.#settle({ kind: 'client-gone' });
    else this.#settle(this.#relaying ? { kind: 'broken', error } : { kind: 'failed', error });
  }

  #settle(outcome: UpstreamOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#callbacks.onOutcome(outcome);
  }
}
