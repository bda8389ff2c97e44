import type { ServerResponse } from 'node:http';
import type { RequestObservers } from '../observability/request-observers.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';
import { ResponseSink } from './response-sink.ts';

/** A stream's write to the client: the first one is the time to first token; chunk observers see each. */
export function noteClientWrite(context: RequestContext, observers: RequestObservers, chunk: Buffer | string): void {
  if (context.firstByteAtNs === undefined) context.firstByteAtNs = process.hrtime.bigint();
  if (observers.wantsChunks) observers.clientChunk(context, chunk);
}

/** The client's response as the target of a translating stream sink, noting each write (noteClientWrite). */
export class ClientStreamTap extends ResponseSink implements RelaySink {
  readonly #context: RequestContext;
  readonly #observers: RequestObservers;

  constructor(response: ServerResponse, context: RequestContext, observers: RequestObservers) {
    super(response);
    this.#context = context;
    this.#observers = observers;
  }

  write(chunk: Buffer | string): boolean {
    noteClientWrite(this.#context, this.#observers, chunk);
    return this.response.write(chunk);
  }

  end(chunk?: Buffer | string): void {
    if (chunk === undefined || chunk.length === 0) {
      this.response.end();
      return;
    }
    noteClientWrite(this.#context, this.#observers, chunk);
    this.response.end(chunk);
  }
}
