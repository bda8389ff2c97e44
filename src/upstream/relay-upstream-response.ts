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
  write(chunk: Buffer): boolean;
  end(): void;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

export interface RelayCallbacks {
  /** A 2xx head arrived: write the client's head (status, content type, gateway headers) now. */
  onResponseStart(status: number, headers: IncomingHttpHeaders): void;
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
 * pauses the upstream; the client's disconnect aborts it at once.
 */
export function relayUpstreamResponse(
  dispatcher: UpstreamDispatcher,
  options: Dispatcher.DispatchOptions,
  sink: RelaySink,
  callbacks: RelayCallbacks,
): Promise<UpstreamOutcome> {
  return new Promise((resolve) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let relaying = false;
    let relayStatus = 0;
    let errorStatus = 0;
    let errorHeaders: IncomingHttpHeaders = {};
    const errorChunks: Buffer[] = [];
    let errorBytes = 0;

    const settle = (outcome: UpstreamOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const onClientClose = (): void => {
      if (settled || sink.writableEnded) return;
      controller?.abort(new ClientGoneError());
      settle({ kind: 'client-gone' });
    };
    sink.once('close', onClientClose);

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(requestController) {
        controller = requestController;
        if (sink.destroyed) requestController.abort(new ClientGoneError());
      },
      onResponseStart(_controller, status, headers) {
        if (status >= 200 && status < 300) {
          relaying = true;
          relayStatus = status;
          callbacks.onResponseStart(status, headers);
        } else {
          errorStatus = status;
          errorHeaders = headers;
        }
      },
      onResponseData(responseController, chunk) {
        if (relaying) {
          if (!sink.write(chunk)) {
            responseController.pause();
            sink.once('drain', () => responseController.resume());
          }
        } else if (errorBytes < maxErrorBodyBytes) {
          errorChunks.push(chunk);
          errorBytes += chunk.length;
        }
      },
      onResponseEnd() {
        if (relaying) {
          sink.end();
          settle({ kind: 'relayed', status: relayStatus });
        } else {
          const body = Buffer.concat(errorChunks).subarray(0, maxErrorBodyBytes);
          settle({ kind: 'error-response', status: errorStatus, headers: errorHeaders, body });
        }
      },
      onResponseError(_controller, error) {
        if (error instanceof ClientGoneError || sink.destroyed) settle({ kind: 'client-gone' });
        else settle(relaying ? { kind: 'broken', error } : { kind: 'failed', error });
      },
    };
    dispatcher.dispatch(options, handler);
  });
}
