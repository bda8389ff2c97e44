import type { ServerResponse } from 'node:http';
import type { RequestObservers } from '../observability/request-observers.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { ProtocolAdapter } from '../translation/protocol-adapter.ts';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';
import type { AnswerUsageSource } from './answer-usage-source.ts';
import { RelayedBodySink } from './relayed-body-sink.ts';
import { RelayedStreamSink } from './relayed-stream-sink.ts';
import { serializeAskingForStreamUsage } from './serialize-asking-for-stream-usage.ts';

/** A relayed answer's sink, and the upstream body to send for it (a Chat stream's asks for usage). */
export interface RelayedAnswer {
  readonly sink: RelaySink & AnswerUsageSource;
  readonly upstreamBody: string;
}

/**
 * Where a relayed (same-protocol) answer goes: to the client as its bytes come, with its usage picked up
 * on the way. `adapter` undefined: an OpenAI-only endpoint (`/v1/completions`, `/v1/embeddings`), whose
 * usage has Chat's shape. A Chat stream is asked for usage upstream (`stream_options.include_usage` in
 * the upstream body), and the extra chunk dropped for a client that did not ask for it.
 */
export function createRelayedAnswer(
  adapter: ProtocolAdapter | undefined,
  body: Record<string, unknown>,
  response: ServerResponse,
  context: RequestContext,
  observers: RequestObservers,
): RelayedAnswer {
  const protocol = adapter?.protocol ?? 'openai-chat';
  // No closure per request here (each costs an allocation, and under tsx's keepNames a defineProperty).
  if (!context.stream) return { sink: new RelayedBodySink(response, protocol, adapter, context, observers), upstreamBody: JSON.stringify(body) };
  // Only a Chat client's stream is asked for usage; an OpenAI-only endpoint's stream is relayed as it comes.
  const { json, asked } = adapter?.protocol === 'openai-chat' ? serializeAskingForStreamUsage(body) : { json: JSON.stringify(body), asked: false };
  return { sink: new RelayedStreamSink(response, context, observers, { protocol, stripUsageOnlyChunk: asked, adapter }), upstreamBody: json };
}
