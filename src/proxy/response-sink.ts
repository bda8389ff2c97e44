import type { ServerResponse } from 'node:http';

/**
 * What every sink writing to the client's response shares: the relay waits on the response's `drain`
 * and `close` and asks whether it ended or was destroyed. Subclasses add `write` and `end`.
 */
export abstract class ResponseSink {
  protected readonly response: ServerResponse;

  constructor(response: ServerResponse) {
    this.response = response;
  }

  once(event: 'drain' | 'close', listener: () => void): unknown {
    return this.response.once(event, listener);
  }

  get writableEnded(): boolean {
    return this.response.writableEnded;
  }

  get destroyed(): boolean {
    return this.response.destroyed;
  }
}
