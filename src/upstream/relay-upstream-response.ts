import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { ReadEndFlush } from '../streaming/read-end-flush.ts';
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
  | { readonly kind: 'client-gone' }
  /** A 2xx stream whose first chunk `inspectFirstChunk` refused (an error pattern): aborted, nothing sent to the client. */
  | { readonly kind: 'first-chunk-rejected'; readonly status: number; readonly body: Buffer };

/** What the relay writes to: node's ServerResponse fits. */
export interface RelaySink {
  /** The body bytes of one socket read, or text a translating sink made of them. */
  write(chunk: Buffer | string): boolean;
  /** The answer's last bytes (or text) go out with the end: one socket write instead of two. */
  end(chunk?: Buffer | string): void;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

export interface RelayOptions {
  /** Abort the exchange after this long, head and body (`timeouts.total`). */
  readonly totalTimeoutMs?: number;
  /**
   * Hold a 2xx answer's head until its first body chunk and ask this whether to relay it: false aborts the
   * upstream and settles `first-chunk-rejected` (a stream whose first event carries an error pattern).
   */
  readonly inspectFirstChunk?: (chunk: Buffer) => boolean;
}

export interface RelayCallbacks {
  /** The upstream's response head arrived, any status (the provider's latency). */
  onUpstreamHead?(status: number): void;
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

/** `timeouts.total` ran out; named so that the outcome reads as a timeout (504). */
class TotalTimeoutError extends Error {
  readonly code = 'LLM_PROXY_TOTAL_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`the upstream exchange took longer than ${timeoutMs} ms`);
    this.name = 'TotalTimeoutError';
  }
}

class FirstChunkRejectedError extends Error {
  constructor() {
    super('the first chunk of the answer carried an error pattern');
    this.name = 'FirstChunkRejectedError';
  }
}

/**
 * Sends one request upstream and writes a 2xx body to the sink as it arrives (undici `dispatch` with a
 * handler: the cheapest relay measured, see ../shared/anchors/README.md): what one socket read brought, in
 * one write (ReadEndFlush), rather than each HTTP chunk of it: undici hands them over one at a time, and
 * each `response.write` of a chunked answer is four socket writes in node (3–6 % of a streamed request's
 * CPU, docs/performance.md). Backpressure pauses the upstream; the client's disconnect aborts it at once.
 * `callbacks.onOutcome` says how it ended.
 */
export function relayUpstreamResponse(
  dispatcher: UpstreamDispatcher,
  options: Dispatcher.DispatchOptions,
  sink: RelaySink,
  callbacks: RelayCallbacks,
  relayOptions: RelayOptions = {},
): void {
  const relay = new UpstreamRelay(sink, callbacks, relayOptions);
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
  readonly #inspectFirstChunk: ((chunk: Buffer) => boolean) | undefined;
  #totalTimer: NodeJS.Timeout | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  /** A 2xx head waiting for its first chunk to be inspected. */
  #heldHeaders: IncomingHttpHeaders | undefined;
  #settled = false;
  /** A 2xx head arrived: the body goes to the sink. Otherwise it is kept for the caller. */
  #relaying = false;
  #status = 0;
  #errorHeaders: IncomingHttpHeaders = {};
  #errorChunks: Buffer[] | undefined;
  #errorBytes = 0;
  /** A 2xx body's chunks of the current socket read, written by the flush (or with the end). */
  #pending: Buffer[] = [];
  readonly #flush = new ReadEndFlush(() => this.#writePending());

  constructor(sink: RelaySink, callbacks: RelayCallbacks, options: RelayOptions) {
    this.#sink = sink;
    this.#callbacks = callbacks;
    this.#inspectFirstChunk = options.inspectFirstChunk;
    const totalTimeoutMs = options.totalTimeoutMs;
    if (totalTimeoutMs !== undefined) {
      this.#totalTimer = setTimeout(() => this.#abort(new TotalTimeoutError(totalTimeoutMs)), totalTimeoutMs);
      this.#totalTimer.unref();
    }
  }

  onClientClose(): void {
    if (this.#settled || this.#sink.writableEnded) return;
    this.#controller?.abort(new ClientGoneError());
    this.#settle({ kind: 'client-gone' });
  }

  /** Ends the exchange from the gateway's side (a timeout): the abort reaches onResponseError. */
  #abort(error: Error): void {
    if (this.#settled) return;
    if (this.#controller === undefined) this.#settle({ kind: 'failed', error });
    else this.#controller.abort(error);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#settled || this.#sink.destroyed) controller.abort(new ClientGoneError());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    this.#status = status;
    this.#callbacks.onUpstreamHead?.(status);
    if (status >= 200 && status < 300) {
      if (this.#inspectFirstChunk !== undefined) {
        this.#heldHeaders = headers;
        return;
      }
      this.#relaying = true;
      this.#callbacks.onResponseStart(status, headers);
    } else {
      this.#errorHeaders = headers;
    }
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const held = this.#heldHeaders;
    if (held !== undefined) {
      this.#heldHeaders = undefined;
      if (this.#inspectFirstChunk?.(chunk) === false) {
        this.#settle({ kind: 'first-chunk-rejected', status: this.#status, body: chunk });
        controller.abort(new FirstChunkRejectedError());
        return;
      }
      this.#relaying = true;
      this.#callbacks.onResponseStart(this.#status, held);
    }
    if (this.#relaying) {
      this.#pending.push(chunk);
      this.#flush.request();
    } else if (this.#errorBytes < maxErrorBodyBytes) {
      this.#errorChunks ??= [];
      this.#errorChunks.push(chunk);
      this.#errorBytes += chunk.length;
    }
  }

  onResponseEnd(): void {
    const held = this.#heldHeaders;
    if (held !== undefined) {
      // A 2xx answer with an empty body: nothing to inspect.
      this.#heldHeaders = undefined;
      this.#relaying = true;
      this.#callbacks.onResponseStart(this.#status, held);
    }
    if (this.#relaying) {
      this.#sink.end(this.#takePending());
      this.#settle({ kind: 'relayed', status: this.#status });
    } else {
      const body = Buffer.concat(this.#errorChunks ?? []).subarray(0, maxErrorBodyBytes);
      this.#settle({ kind: 'error-response', status: this.#status, headers: this.#errorHeaders, body });
    }
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (error instanceof ClientGoneError || this.#sink.destroyed) {
      this.#settle({ kind: 'client-gone' });
      return;
    }
    // What came before the break reaches the client before the break is told (endBrokenAnswer).
    if (this.#relaying) this.#writePending();
    this.#settle(this.#relaying ? { kind: 'broken', error } : { kind: 'failed', error });
  }

  /** This read's chunks to the sink in one write; the upstream pauses while the client is behind. */
  #writePending(): void {
    const bytes = this.#takePending();
    if (bytes === undefined || this.#settled || this.#sink.destroyed) return;
    if (!this.#sink.write(bytes)) {
      const controller = this.#controller;
      controller?.pause();
      this.#sink.once('drain', () => controller?.resume());
    }
  }

  #takePending(): Buffer | undefined {
    const pending = this.#pending;
    if (pending.length === 0) return undefined;
    this.#pending = [];
    return pending.length === 1 ? pending[0] : Buffer.concat(pending);
  }

  #settle(outcome: UpstreamOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#totalTimer);
    this.#callbacks.onOutcome(outcome);
  }
}
