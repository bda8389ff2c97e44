import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../../errors/gateway-error.ts';
import type { GatewayServices } from '../gateway-services.ts';
import type { RequestContext } from '../request-context.ts';

/** `GET /metrics` in Prometheus text format; 404 with `metrics.enabled: false`. */
export async function handleMetricsRequest(
  _request: IncomingMessage,
  response: ServerResponse,
  context: RequestContext,
  services: GatewayServices,
): Promise<void> {
  if (!services.metrics.enabled) throw new GatewayError('GW_ERR_NOT_FOUND', { message: 'Metrics are disabled (metrics.enabled: false).' });
  const text = await services.metrics.registry.metrics();
  context.status = 200;
  response.writeHead(200, { 'content-type': services.metrics.registry.contentType, 'x-request-id': context.requestId });
  response.end(text);
}
