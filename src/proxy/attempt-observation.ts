import type { RequestObservers } from '../observability/request-observers.ts';
import { describeAttemptFailure } from '../resilience/attempt-failure.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { WireProtocol } from '../translation/wire-protocol.ts';
import type { UpstreamOutcome } from '../upstream/relay-upstream-response.ts';

/** What an attempt sends, for the attempt-started event. */
export interface ObservedAttempt {
  readonly provider: string;
  readonly protocol: WireProtocol;
  readonly path: string;
  readonly body: string;
}

/**
 * The timing of the current upstream attempt and its lifecycle events (request-observer.ts): started,
 * the upstream's head, ended with how. One per exchange, reset by each attempt.
 */
export class AttemptObservation {
  readonly #context: RequestContext;
  readonly #observers: RequestObservers;
  #startedAtNs = 0n;
  #headAtNs: bigint | undefined;
  #status: number | undefined;

  constructor(context: RequestContext, observers: RequestObservers) {
    this.#context = context;
    this.#observers = observers;
  }

  started(attempt: ObservedAttempt): void {
    const context = this.#context;
    context.upstreamProtocol = attempt.protocol;
    this.#startedAtNs = process.hrtime.bigint();
    this.#headAtNs = undefined;
    this.#status = undefined;
    this.#observers.attemptStarted(context, {
      attempt: context.attempts,
      provider: attempt.provider,
      protocol: attempt.protocol,
      upstreamModel: context.upstreamModel ?? '',
      path: attempt.path,
      body: attempt.body,
      translation: context.translation,
    });
  }

  upstreamHead(status: number): void {
    this.#headAtNs = process.hrtime.bigint();
    this.#status = status;
  }

  ended(outcome: UpstreamOutcome): void {
    const context = this.#context;
    const headAtNs = this.#headAtNs;
    this.#observers.attemptEnded(context, {
      attempt: context.attempts,
      provider: context.provider ?? 'unknown',
      status: this.#status,
      failureReason: attemptFailureReason(outcome),
      headersSeconds: headAtNs === undefined ? undefined : Number(headAtNs - this.#startedAtNs) / 1e9,
      durationSeconds: Number(process.hrtime.bigint() - this.#startedAtNs) / 1e9,
    });
  }
}

/** The observers' word for how an attempt ended (request-observer.ts AttemptEndedEvent); undefined: a 2xx answer relayed. */
function attemptFailureReason(outcome: UpstreamOutcome): string | undefined {
  switch (outcome.kind) {
    case 'relayed':
      return undefined;
    case 'error-response':
    case 'failed':
    case 'first-chunk-rejected':
      return describeAttemptFailure(outcome, 0).kind;
    case 'broken':
      return 'broken';
    case 'client-gone':
      return 'client-gone';
  }
}
