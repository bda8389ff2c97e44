import type { ServerResponse } from 'node:http';
import type { RequestObservers } from '../observability/request-observers.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';

/** A stream's write to the client: the first one is the time to first token; chunk observers see each. */
export function noteClientWrite(context: RequestContext, observers: RequestObservers, chunk: Buffer | string): void {
  if (context.firstByteAtNs === undefined) context.firstByteAtNs = process.hrtime.bigint();
  if (observers.wantsChunks) observers.clientChunk(context, chunk);
}

/** The client's response as the target of a translating stream sink, noting each write (noteClientWrite). */
export class ClientStreamTap implements RelaySink {
  readonly #response: ServerResponse;
  readonly #context: RequestContext;
  readonly #observers: RequestObservers;

  constructor(response: ServerResponse, context: RequestContext, observers: RequestObservers) {
    this.#response = response;
    this.#context = context;
    this.#observers = observers;
  }

  write(chunk: Buffer | string): boolean {
    noteClientWrite(this.#context, this.#observers, chunk);
    return this.#response.write(chunk);
  }

  end(chunk?: string): void {
    if (chunk === undefined || chunk === '') {
      this.#response.end();
      return;
    }
    noteClientWrite(this.#context, this.#observers, chunk);
    this.#response.end(chunk);
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
