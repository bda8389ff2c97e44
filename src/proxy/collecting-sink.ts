import type { ServerResponse } from 'node:http';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';

/**
 * A relay sink that keeps a non-streamed upstream answer whole, for translation: the client's head and
 * body can only be written once the answer is converted. `onEnd` gets the body; close and destroyed
 * state are the client response's, so a client that leaves still aborts the upstream.
 */
export class CollectingSink implements RelaySink {
  readonly #response: ServerResponse;
  readonly #onEnd: (body: Buffer) => void;
  readonly #chunks: Buffer[] = [];
  #ended = false;

  constructor(response: ServerResponse, onEnd: (body: Buffer) => void) {
    this.#response = response;
    this.#onEnd = onEnd;
  }

  write(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#onEnd(Buffer.concat(this.#chunks));
  }

  once(event: 'drain' | 'close', listener: () => void): unknown {
    return this.#response.once(event, listener);
  }

  get writableEnded(): boolean {
    return this.#response.writableEnded;
  }

  get destroyed(): boolean {
    return this.#response.destroyed;
  }
}
