import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import type { TokenBucketLimit } from '../limits/memory-token-bucket.ts';
import type { WireProtocol } from '../translation/wire-protocol.ts';

/** What one request has become so far; observability reads it when the request is over. */
export interface RequestContext {
  readonly requestId: string;
  readonly method: string;
  /** The route's path pattern (`/v1/chat/completions`), never the raw URL. */
  readonly endpoint: string;
  readonly startedAtNs: bigint;
  keyName: string | undefined;
  /** Client-facing model name, once the body was read. */
  model: string | undefined;
  /** Whether `model` is a configured name (bounded for metric labels) rather than anything a client sent. */
  modelIsKnown: boolean;
  provider: string | undefined;
  upstreamModel: string | undefined;
  attempts: number;
  /** HTTP status sent, or 499 when the client went away first. */
  status: number;
  errorCode: string | undefined;
  stream: boolean;
  /** The protocol whose error shape the client reads (its endpoint's); OpenAI's until a route says otherwise. */
  errorProtocol: WireProtocol;
  /** `anthropic-messages->openai-chat` when the request was translated; undefined on the same-protocol path. */
  translation: string | undefined;
  /** The key's `x-ratelimit-*` headers, on every answer to a key with a rate limit. */
  rateLimitHeaders: Record<string, string> | undefined;
  /**
   * Token usage of the answer: the provider's, or estimated with the tokenizer when it gave none
   * (`usageEstimated`). Set before the request-finished observers run; undefined when no upstream
   * answer came (errors before or at the upstream, count_tokens, the client gone before any usage).
   */
  usage: CanonicalUsage | undefined;
  usageEstimated: boolean;
  /**
   * Set by the proxy when the answer may carry no usage: counts it with the tokenizer (prompt from the
   * request, completion from the answer text). Run after the response closed, off the request's path,
   * only when `usage` is still undefined then.
   */
  estimateUsage: ((countText: (text: string) => number) => CanonicalUsage | undefined) | undefined;
  /** When the response closed (the request's duration ends here, even when usage is counted after). */
  endedAtNs: bigint | undefined;
  /** The protocol of the provider the last attempt went to (with `errorProtocol` and `translation`: the protocol pair). */
  upstreamProtocol: WireProtocol | undefined;
  /** When the first byte of a streamed answer was written to the client (time to first token). */
  firstByteAtNs: bigint | undefined;
  /** What the key's tokens-per-minute bucket was charged up front, settled with the real usage when the request ends. */
  tokenCharge: { readonly bucketKey: string; readonly limit: TokenBucketLimit; readonly tokens: number } | undefined;
  /** Which limit refused the request (`key`, `global`, `ip`, `model`, `tokens`, `queue`), for its metric. */
  rejectedBy: string | undefined;
  /**
   * An error answer's body as the client got it (for the journal): the gateway's error object, or the
   * provider's error passed on (its bytes, or the object re-written in the client's protocol).
   */
  errorBody: unknown;
  /** A client API request (a proxied endpoint), refused or not: its observers hear of it even when it never reached a provider. */
  apiRequest: boolean;
  /** The request-received event was sent (observability/request-observers.ts). */
  received: boolean;
}

export function createRequestContext(requestId: string, method: string, endpoint: string): RequestContext {
  return {
    requestId,
    method,
    endpoint,
    startedAtNs: process.hrtime.bigint(),
    keyName: undefined,
    model: undefined,
    modelIsKnown: false,
    provider: undefined,
    upstreamModel: undefined,
    attempts: 0,
    status: 0,
    errorCode: undefined,
    stream: false,
    errorProtocol: 'openai-chat',
    translation: undefined,
    rateLimitHeaders: undefined,
    usage: undefined,
    usageEstimated: false,
    estimateUsage: undefined,
    endedAtNs: undefined,
    firstByteAtNs: undefined,
    upstreamProtocol: undefined,
    rejectedBy: undefined,
    tokenCharge: undefined,
    errorBody: undefined,
    apiRequest: false,
    received: false,
  };
}
