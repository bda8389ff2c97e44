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
  };
}
