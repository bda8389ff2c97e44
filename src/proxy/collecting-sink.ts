import type { ServerResponse } from 'node:http';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';
import { ResponseSink } from './response-sink.ts';

/**
 * A relay sink that keeps a non-streamed upstream answer whole, for translation: the client's head and
 * body can only be written once the answer is converted. `onEnd` gets the body; close and destroyed
 * state are the client response's, so a client that leaves still aborts the upstream.
 */
export class CollectingSink extends ResponseSink implements RelaySink {
  readonly #onEnd: (body: Buffer) => void;
  readonly #chunks: Buffer[] = [];
  #ended = false;

  constructor(response: ServerResponse, onEnd: (body: Buffer) => void) {
    super(response);
    this.#onEnd = onEnd;
  }

  write(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  end(last?: Buffer): void {
    if (this.#ended) return;
    this.#ended = true;
    if (last !== undefined) this.#chunks.push(last);
    this.#onEnd(Buffer.concat(this.#chunks));
  }
}
