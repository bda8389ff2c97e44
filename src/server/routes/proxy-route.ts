import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateRequest } from '../../auth/authenticate-request.ts';
import { enforceConnectionLimits } from '../../limits/enforce-traffic-limits.ts';
import { enforceKeyRateLimit } from '../../limits/enforce-key-rate-limit.ts';
import type { ProxyEndpoint } from '../../proxy/proxy-endpoint.ts';
import { ProxyExchange } from '../../proxy/proxy-exchange.ts';
import type { GatewayServices } from '../gateway-services.ts';
import { readRequestBody } from '../read-request-body.ts';
import type { RequestContext } from '../request-context.ts';

/**
 * Every proxied client endpoint: errors from here on are in the endpoint's protocol; authenticate and
 * limit before the body is read (throws), then the exchange takes over (proxy-exchange.ts).
 */
export function handleProxyRequest(
  endpoint: ProxyEndpoint,
  request: IncomingMessage,
  response: ServerResponse,
  context: RequestContext,
  services: GatewayServices,
): void {
  context.errorProtocol = endpoint.adapter.protocol;
  const snapshot = services.currentSnapshot();
  const clientKey = authenticateRequest(request.headers, snapshot.keyStore);
  context.keyName = clientKey?.name;
  enforceConnectionLimits(request, snapshot.config.rate_limit, snapshot.config.server.trust_proxy, services.keyRateLimiter);
  if (clientKey !== undefined) enforceKeyRateLimit(clientKey, services, context);
  const exchange = new ProxyExchange(endpoint, request, response, context, services, snapshot, clientKey);
  const gate = services.concurrencyGate;
  if (gate === undefined) {
    readRequestBody(request, snapshot.config.server.body_limit, (body) => exchange.onBody(body), (error) => exchange.fail(error));
    return;
  }
  // The slot is held until the response is over (a stream's last byte, or the client leaving); a request
  // still queued when its client leaves gives its place up.
  const ticket = gate.acquire(
    () => readRequestBody(request, snapshot.config.server.body_limit, (body) => exchange.onBody(body), (error) => exchange.fail(error)),
    (error) => exchange.fail(error),
  );
  response.once('close', () => ticket.release());
}
