import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayServices } from '../gateway-services.ts';
import type { RequestContext } from '../request-context.ts';

/** `GET /metrics` in Prometheus text format. */
export async function handleMetricsRequest(
  _request: IncomingMessage,
  response: ServerResponse,
  context: RequestContext,
  services: GatewayServices,
): Promise<void> {
  const text = await services.metrics.registry.metrics();
  context.status = 200;
  response.writeHead(200, { 'content-type': services.metrics.registry.contentType, 'x-request-id': context.requestId });
  response.end(text);
}
