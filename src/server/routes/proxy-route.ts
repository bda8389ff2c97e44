import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateRequest } from '../../auth/authenticate-request.ts';
import { connectionTakes, readTakeResults } from '../../limits/request-limits.ts';
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
  context.apiRequest = true;
  const snapshot = services.currentSnapshot();
  const clientKey = authenticateRequest(request.headers, snapshot.keyStore);
  context.keyName = clientKey?.name;
  const exchange = new ProxyExchange(endpoint, request, response, context, services, snapshot, clientKey);
  const takes = connectionTakes(request, snapshot.config.rate_limit, snapshot.config.server.trust_proxy, clientKey);
  if (takes.length === 0) {
    admit(exchange, request, response, services, snapshot.config.server.body_limit);
    return;
  }
  // Memory buckets answer before takeInOrder returns; Redis ones after a round trip (or fail open).
  services.rateLimits.takeInOrder(takes, (results) => {
    try {
      const { headers, refusal } = readTakeResults(takes, results, undefined);
      context.rateLimitHeaders = headers;
      if (refusal !== undefined) throw refusal;
    } catch (error) {
      exchange.fail(error);
      return;
    }
    admit(exchange, request, response, services, snapshot.config.server.body_limit);
  });
}

/** Past the rate limits: a concurrency slot (when `concurrency.enabled`), then the body, then the exchange. */
function admit(exchange: ProxyExchange, request: IncomingMessage, response: ServerResponse, services: GatewayServices, bodyLimit: number): void {
  const gate = services.concurrencyGate;
  if (gate === undefined) {
    readRequestBody(
      request,
      bodyLimit,
      (body) => exchange.onBody(body),
      (error) => exchange.fail(error),
    );
    return;
  }
  // The slot is held until the response is over (a stream's last byte, or the client leaving); a request
  // still queued when its client leaves gives its place up.
  const ticket = gate.acquire(
    () =>
      readRequestBody(
        request,
        bodyLimit,
        (body) => exchange.onBody(body),
        (error) => exchange.fail(error),
      ),
    (error) => exchange.fail(error),
  );
  response.once('close', () => ticket.release());
}
