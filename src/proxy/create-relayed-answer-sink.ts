import type { ServerResponse } from 'node:http';
import type { RequestObservers } from '../observability/request-observers.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { ProtocolAdapter } from '../translation/protocol-adapter.ts';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';
import type { AnswerUsageSource } from './answer-usage-source.ts';
import { askForStreamUsage } from './ask-for-stream-usage.ts';
import { RelayedBodySink } from './relayed-body-sink.ts';
import { RelayedStreamSink } from './relayed-stream-sink.ts';

/**
 * Where a relayed (same-protocol) answer goes: to the client as its bytes come, with its usage picked up
 * on the way. `adapter` undefined: an OpenAI-only endpoint (`/v1/completions`, `/v1/embeddings`), whose
 * usage has Chat's shape. A Chat stream is asked for usage upstream (`body` gets
 * `stream_options.include_usage`), and the extra chunk dropped for a client that did not ask for it.
 */
export function createRelayedAnswerSink(
  adapter: ProtocolAdapter | undefined,
  body: Record<string, unknown>,
  response: ServerResponse,
  context: RequestContext,
  observers: RequestObservers,
): RelaySink & AnswerUsageSource {
  if (adapter === undefined) {
    return context.stream
      ? new RelayedStreamSink(response, context, observers, { protocol: 'openai-chat', stripUsageOnlyChunk: false, adapter: undefined })
      : new RelayedBodySink(response, 'openai-chat', undefined, context, observers);
  }
  // No closure per request here (each costs an allocation, and under tsx's keepNames a defineProperty).
  if (!context.stream) return new RelayedBodySink(response, adapter.protocol, adapter, context, observers);
  const stripUsageOnlyChunk = adapter.protocol === 'openai-chat' && askForStreamUsage(body);
  return new RelayedStreamSink(response, context, observers, { protocol: adapter.protocol, stripUsageOnlyChunk, adapter });
}
