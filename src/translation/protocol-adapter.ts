import type { CanonicalRequest } from '../canonical/canonical-request.ts';
import type { CanonicalResponse } from '../canonical/canonical-response.ts';
import type { Converted } from '../canonical/conversion-warning.ts';
import type { GatewayError } from '../errors/gateway-error.ts';
import type { StreamDecoder, StreamEncoder } from './stream-codec.ts';
import type { WireProtocol } from './wire-protocol.ts';

/** The fields routing reads from any protocol's request; `body` is the parsed JSON, checked by the protocol's schema. */
export interface RoutableRequest {
  readonly model: string;
  readonly stream: boolean;
  readonly body: Record<string, unknown>;
}

/** What an answer in the client's protocol is built from, besides the canonical answer. */
export interface AnswerContext {
  /** The gateway's request id: the seed of the ids the client sees (`msg_…`, `resp_…`, `chatcmpl-…`). */
  readonly requestId: string;
  /** The model name the client sees (the upstream's, as a direct call would show). */
  readonly model: string;
  readonly nowSeconds: number;
}

/** Writes one request's answer in the client's protocol; holds what the client's request said that the answer must echo. */
export interface ClientAnswerWriter {
  encodeResponse(response: CanonicalResponse): Converted<unknown>;
  createStreamEncoder(): StreamEncoder;
}

/** A client request in canonical form and the writer for its answer. */
export interface IngressTranslation {
  readonly request: Converted<CanonicalRequest>;
  readonly writer: ClientAnswerWriter;
}

/** An upstream error body, read in its own protocol. */
export interface UpstreamErrorSummary {
  readonly errorType: string;
  readonly message: string;
}

/**
 * Everything the proxy needs to know about one protocol, on both sides: as the client's protocol
 * (ingress: validate, rewrite on the fast path, translate to canonical, errors in its shape) and as a
 * provider's (upstream: path, request from canonical, answer and stream to canonical, error bodies).
 * One per protocol folder; src/translation/protocol-adapters.ts lists them.
 */
export interface ProtocolAdapter {
  readonly protocol: WireProtocol;

  // --- ingress -------------------------------------------------------------------------------------
  /** A 400 in this protocol's words when the fields routing needs are missing or malformed. */
  readRoutableRequest(body: unknown): RoutableRequest;
  /** Fast path (same protocol upstream): set the upstream model and prepend the injected system prompt, in place. */
  rewriteSameProtocol(body: Record<string, unknown>, upstreamModel: string, systemPrompt: string | undefined): void;
  /** Translation path: the client's request in canonical form (a 400 naming the field when it cannot be). */
  translateRequest(body: Record<string, unknown>, context: AnswerContext): IngressTranslation;
  /** The error body this protocol's clients read. */
  renderError(error: GatewayError, requestId: string): unknown;
  /** An upstream's error of another protocol, passed on to the client with its status, in this protocol's shape. */
  renderUpstreamError(status: number, error: UpstreamErrorSummary, requestId: string): unknown;
  /** The in-band end of a stream that broke after its head was sent (fast path: no encoder state). */
  renderStreamFailure(error: GatewayError, context: AnswerContext): string;

  // --- upstream ------------------------------------------------------------------------------------
  /** The endpoint path after the provider's api_base path. */
  upstreamPath(basePath: string): string;
  buildUpstreamRequest(request: CanonicalRequest): Converted<unknown>;
  readUpstreamResponse(body: unknown, nowSeconds: number): Converted<CanonicalResponse>;
  createStreamDecoder(): StreamDecoder;
  readUpstreamError(body: string): UpstreamErrorSummary;
}
