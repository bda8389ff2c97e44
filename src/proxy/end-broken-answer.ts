import type { ServerResponse } from 'node:http';
import { GatewayError } from '../errors/gateway-error.ts';
import type { RequestContext } from '../server/request-context.ts';
import type { TranslatingStreamSink } from '../translation/create-translating-stream-sink.ts';
import type { ProtocolAdapter } from '../translation/protocol-adapter.ts';

/**
 * An answer that broke after its head reached the client cannot be told with a status: a translated
 * stream ends through its encoder, a relayed stream with the client protocol's error event, a whole
 * answer by closing the connection (its length promised more). Never a fake normal end.
 */
export function endBrokenAnswer(
  response: ServerResponse,
  context: RequestContext,
  clientAdapter: ProtocolAdapter,
  streamSink: TranslatingStreamSink | undefined,
  nowSeconds: number,
): void {
  const error = new GatewayError('GW_ERR_UPSTREAM_CONNECTION', { message: `Provider '${context.provider ?? 'unknown'}' broke off the response.` });
  context.errorCode = error.code;
  context.status = 502;
  if (streamSink !== undefined) {
    streamSink.fail('upstream_error', error.message);
  } else if (context.stream) {
    response.end(clientAdapter.renderStreamFailure(error, { requestId: context.requestId, model: context.upstreamModel ?? '', nowSeconds }));
  } else {
    response.destroy();
  }
}
