import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { WireProtocol } from '../translation/wire-protocol.ts';

/**
 * The client's request, parsed and routed: the configured model is known (`context.model`). A client API
 * request refused before that (401, 400, 404, 429...) is announced too, just before it finishes, with
 * neither body (none was read, or it was not JSON).
 */
export interface RequestReceivedEvent {
  /** The body as the client sent it (not copied: read it, never change it). */
  readonly rawBody: Buffer | undefined;
  /** The parsed body (the same object the gateway reads; never change it). */
  readonly body: Readonly<Record<string, unknown>> | undefined;
}

/** One upstream attempt goes out (the first, a retry, or a fallback to another provider). */
export interface AttemptStartedEvent {
  /** 1 for the first attempt of the request. */
  readonly attempt: number;
  readonly provider: string;
  readonly protocol: WireProtocol;
  readonly upstreamModel: string;
  /** The upstream request's path (`/v1/chat/completions`), without the provider's host. */
  readonly path: string;
  /** The upstream request's body, exactly as sent (a string the gateway built anyway: no copy). */
  readonly body: string;
  /** `anthropic-messages->openai-chat` when translated; undefined on the same-protocol path. */
  readonly translation: string | undefined;
}

/** How an attempt ended; `failureReason` undefined: its answer (2xx or a passed-on 4xx) went to the client. */
export interface AttemptEndedEvent {
  readonly attempt: number;
  readonly provider: string;
  /** The upstream's HTTP status, when one came. */
  readonly status: number | undefined;
  /**
   * Why the attempt failed: `timeout`, `connection`, `status`, `pattern` (resilience/attempt-failure.ts),
   * `broken` (after the head reached the client), `client-gone`; undefined when it did not fail.
   */
  readonly failureReason: string | undefined;
  /** Seconds from the attempt's start to the upstream's response head (undefined: no head came). */
  readonly headersSeconds: number | undefined;
  /** Seconds from the attempt's start to its end (the last byte relayed, or the failure). */
  readonly durationSeconds: number;
}

/**
 * Lifecycle events of one client request, for observability to subscribe to (design: "Observability
 * listens, it does not interleave"). Handlers emit; metrics, the request log line, the JSONL journal and
 * tracing implement the methods they need. Every method is optional and an observer that leaves one out
 * is not called for it (request-observers.ts keeps one list per event), so a disabled sink costs nothing.
 *
 * Order for a proxied request: `onRequestReceived`, then per attempt `onAttemptStarted` and
 * `onAttemptEnded`, `onResponseStarted` once the client's head is written, `onClientChunk` per write of
 * a stream (only when an observer sets `wantsChunks`), `onUsage` once token usage is known, and
 * `onRequestFinished` last, exactly once per request (also for requests that failed before routing, and
 * for operational endpoints, which have `context.endpoint` `/health`, `/metrics`...).
 * `context.usage` is set before `onRequestFinished` runs when the request had an upstream answer.
 *
 * Observers must not throw and must not block: they run on the request's path. Names here are stable
 * (other code subscribes); fields may be added.
 */
export interface RequestObserver {
  /** Ask for `onClientChunk`; without it the stream relay does no per-chunk work for this observer. */
  readonly wantsChunks?: boolean;
  onRequestReceived?(context: RequestContext, event: RequestReceivedEvent): void;
  onAttemptStarted?(context: RequestContext, event: AttemptStartedEvent): void;
  onAttemptEnded?(context: RequestContext, event: AttemptEndedEvent): void;
  /** The client's response head was written with `status` (for a stream: the moment before its first event). */
  onResponseStarted?(context: RequestContext, status: number): void;
  /** Bytes written to the client during a stream (relayed or translated), in order. */
  onClientChunk?(context: RequestContext, chunk: Buffer | string): void;
  /** Token usage is known (from the provider, or estimated: `context.usageEstimated`); also on `context.usage`. */
  onUsage?(context: RequestContext, usage: CanonicalUsage): void;
  /** The response is over (finished, failed, or the client left: status 499); called once. */
  onRequestFinished?(context: RequestContext): void;
}
