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
  };
}
