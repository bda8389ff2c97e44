import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { AttemptEndedEvent, AttemptStartedEvent, RequestObserver, RequestReceivedEvent } from './request-observer.ts';

/**
 * The gateway's observers (request-observer.ts), one list per event holding only the observers that
 * implement it: an event nobody listens to is a length check. `wantsChunks` is true when any observer
 * asked for client chunks. `add` may be called while requests run (a sink enabled at start or reload).
 */
export class RequestObservers {
  #received: RequestObserver[] = [];
  #attemptStarted: RequestObserver[] = [];
  #attemptEnded: RequestObserver[] = [];
  #responseStarted: RequestObserver[] = [];
  #clientChunk: RequestObserver[] = [];
  #usage: RequestObserver[] = [];
  #finished: RequestObserver[] = [];
  wantsChunks = false;

  constructor(observers: readonly RequestObserver[] = []) {
    for (const observer of observers) this.add(observer);
  }

  add(observer: RequestObserver): void {
    // Copies, not pushes: an event being emitted keeps iterating the list it started with.
    if (observer.onRequestReceived !== undefined) this.#received = [...this.#received, observer];
    if (observer.onAttemptStarted !== undefined) this.#attemptStarted = [...this.#attemptStarted, observer];
    if (observer.onAttemptEnded !== undefined) this.#attemptEnded = [...this.#attemptEnded, observer];
    if (observer.onResponseStarted !== undefined) this.#responseStarted = [...this.#responseStarted, observer];
    if (observer.onClientChunk !== undefined && observer.wantsChunks === true) {
      this.#clientChunk = [...this.#clientChunk, observer];
      this.wantsChunks = true;
    }
    if (observer.onUsage !== undefined) this.#usage = [...this.#usage, observer];
    if (observer.onRequestFinished !== undefined) this.#finished = [...this.#finished, observer];
  }

  requestReceived(context: RequestContext, event: RequestReceivedEvent): void {
    context.received = true;
    for (const observer of this.#received) observer.onRequestReceived?.(context, event);
  }

  attemptStarted(context: RequestContext, event: AttemptStartedEvent): void {
    for (const observer of this.#attemptStarted) observer.onAttemptStarted?.(context, event);
  }

  attemptEnded(context: RequestContext, event: AttemptEndedEvent): void {
    for (const observer of this.#attemptEnded) observer.onAttemptEnded?.(context, event);
  }

  responseStarted(context: RequestContext, status: number): void {
    for (const observer of this.#responseStarted) observer.onResponseStarted?.(context, status);
  }

  clientChunk(context: RequestContext, chunk: Buffer | string): void {
    for (const observer of this.#clientChunk) observer.onClientChunk?.(context, chunk);
  }

  usage(context: RequestContext, usage: CanonicalUsage): void {
    for (const observer of this.#usage) observer.onUsage?.(context, usage);
  }

  requestFinished(context: RequestContext): void {
    for (const observer of this.#finished) observer.onRequestFinished?.(context);
  }
}
