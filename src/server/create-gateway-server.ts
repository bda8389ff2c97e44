import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AdminApi } from '../admin/create-admin-api.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import { finishObservedRequest } from '../observability/finish-observed-request.ts';
import { anthropicMessagesAdapter, anthropicMessagesCountTokensSchema } from '../providers/anthropic-messages/anthropic-messages-adapter.ts';
import { openaiChatAdapter } from '../providers/openai-chat/openai-chat-adapter.ts';
import { openaiCompletionsRequestSchema } from '../providers/openai-completions/openai-completions-wire-schema.ts';
import { openaiEmbeddingsRequestSchema } from '../providers/openai-embeddings/openai-embeddings-wire-schema.ts';
import { openaiResponsesAdapter } from '../providers/openai-responses/openai-responses-adapter.ts';
import type { ProxyEndpoint } from '../proxy/proxy-endpoint.ts';
import { failRequest } from './fail-request.ts';
import type { GatewayServices } from './gateway-services.ts';
import { readRequestId } from './read-request-id.ts';
import { createRequestContext, type RequestContext } from './request-context.ts';
import { handleDocsRequest, handleOpenAPIRequest } from './routes/docs-route.ts';
import { handleDetailedHealthRequest, handleHealthRequest } from './routes/health-route.ts';
import { handleMetricsRequest } from './routes/metrics-route.ts';
import { handleModelsRequest } from './routes/models-route.ts';
import { handleProxyRequest } from './routes/proxy-route.ts';
import { writeJsonResponse } from './write-json-response.ts';

/** Answers the request, or throws; an asynchronous handler answers its own failures or rejects its promise. */
type RouteHandler = (request: IncomingMessage, response: ServerResponse, context: RequestContext, services: GatewayServices) => void | Promise<void>;

interface Route {
  readonly method: 'GET' | 'POST' | 'HEAD';
  readonly handle: RouteHandler;
  /** Operational endpoints (health, metrics, docs) are counted but not logged, so probes do not flood the log. */
  readonly quiet?: boolean;
}

export interface GatewayServer {
  readonly server: Server;
  /** Stop accepting, let in-flight requests and streams finish within `timeoutMs`, then close the rest. */
  shutdown(timeoutMs: number): Promise<void>;
}

const chatCompletions: ProxyEndpoint = { adapter: openaiChatAdapter };
const messages: ProxyEndpoint = { adapter: anthropicMessagesAdapter };
const countTokens: ProxyEndpoint = {
  adapter: anthropicMessagesAdapter,
  countTokens: { upstreamPath: '/messages/count_tokens', schema: anthropicMessagesCountTokensSchema },
};
const responses: ProxyEndpoint = { adapter: openaiResponsesAdapter };
const completions: ProxyEndpoint = { adapter: openaiChatAdapter, openaiOnly: { upstreamPath: '/completions', schema: openaiCompletionsRequestSchema } };
const embeddings: ProxyEndpoint = { adapter: openaiChatAdapter, openaiOnly: { upstreamPath: '/embeddings', schema: openaiEmbeddingsRequestSchema } };

function proxyRoute(endpoint: ProxyEndpoint): Route {
  return { method: 'POST', handle: (request, response, context, services) => handleProxyRequest(endpoint, request, response, context, services) };
}

/** `admin`: DB mode's Admin API, which answers every path under `/admin/` (absent: those paths are 404). */
export function createGatewayServer(services: GatewayServices, options: { version: string; admin?: AdminApi | undefined }): GatewayServer {
  /** Exact paths only: the query string is ignored (Claude Code sends `/v1/messages?beta=true`). */
  const routes = new Map<string, Route>([
    ['/v1/chat/completions', proxyRoute(chatCompletions)],
    ['/v2/chat/completions', proxyRoute(chatCompletions)],
    ['/v1/messages', proxyRoute(messages)],
    ['/v2/messages', proxyRoute(messages)],
    ['/v1/messages/count_tokens', proxyRoute(countTokens)],
    ['/v2/messages/count_tokens', proxyRoute(countTokens)],
    ['/v1/responses', proxyRoute(responses)],
    ['/v2/responses', proxyRoute(responses)],
    ['/v1/completions', proxyRoute(completions)],
    ['/v1/embeddings', proxyRoute(embeddings)],
    ['/v1/models', { method: 'GET', handle: handleModelsRequest }],
    ['/health', { method: 'GET', handle: handleHealthRequest, quiet: true }],
    ['/health/detailed', { method: 'GET', handle: handleDetailedHealthRequest, quiet: true }],
    ['/metrics', { method: 'GET', handle: handleMetricsRequest, quiet: true }],
    [
      '/openapi.json',
      { method: 'GET', handle: (request, response, context) => handleOpenAPIRequest(request, response, context, options.version), quiet: true },
    ],
    ['/', { method: 'GET', handle: (_request, response, context) => writeRoot(response, context, options.version), quiet: true }],
  ]);
  let shuttingDown = false;
  let inFlight = 0;
  let onIdle: (() => void) | undefined;

  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    const requestId = readRequestId(request.headers['x-request-id']);
    // Each answer writes x-request-id in its head's one header object: a setHeader here would put every
    // writeHead on node's slower merging path (~2.3 µs CPU per proxied request, measured).
    if (shuttingDown) response.setHeader('connection', 'close');
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const route = routes.get(path);
    const context = createRequestContext(
      requestId,
      request.method ?? 'GET',
      route === undefined ? (path.startsWith('/docs') ? '/docs' : options.admin !== undefined && path.startsWith('/admin/') ? '/admin' : 'unmatched') : path,
    );
    inFlight += 1;
    // Taken in the same tick as the handler's currentSnapshot(), so it covers the snapshot the request uses:
    // a reload's replaced snapshot closes its pools only after its last request (gateway-snapshot-slot.ts).
    const lease = services.snapshotLeases.acquire();
    // Operational endpoints are counted in requests_total but not logged and not "active": a scrape of
    // /metrics would otherwise always see itself in llm_proxy_active_requests.
    const quiet = route?.quiet === true || context.endpoint === '/docs';
    if (!quiet) services.metrics.activeRequests.value += 1;
    // 'close' comes once per response, finished or abandoned: `on` spares once()'s wrapper.
    response.on('close', () => {
      if (!response.writableFinished) context.status = 499;
      if (!quiet) services.metrics.activeRequests.value -= 1;
      finishObservedRequest(context, services, quiet);
      services.snapshotLeases.release(lease);
      inFlight -= 1;
      if (inFlight === 0) onIdle?.();
    });
    try {
      if (route === undefined && options.admin !== undefined && context.endpoint === '/admin') {
        options.admin.handle(request, response, context).catch((error: unknown) => failRequest(error, response, context, services.logger));
        return;
      }
      if (route === undefined) {
        if (request.method === 'GET' && handleDocsRequest(request, response, context)) return;
        throw new GatewayError('GW_ERR_NOT_FOUND', { message: `No such endpoint: ${request.method ?? ''} ${path.slice(0, 200)}.` });
      }
      if (request.method !== route.method) {
        // HEAD only where GET is the method (Claude Code sends `HEAD /`); a POST route stays behind its auth.
        if (request.method === 'HEAD' && route.method === 'GET') return endEmpty(response, context);
        throw new GatewayError('GW_ERR_METHOD_NOT_ALLOWED', { message: `${path} accepts ${route.method} only.` });
      }
      const result = route.handle(request, response, context, services);
      if (result !== undefined) result.catch((error: unknown) => failRequest(error, response, context, services.logger));
    } catch (error) {
      failRequest(error, response, context, services.logger);
    }
  });

  return {
    server,
    async shutdown(timeoutMs) {
      shuttingDown = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => {
            onIdle = resolve;
          }),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, timeoutMs);
          }),
        ]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

function endEmpty(response: ServerResponse, context: RequestContext): void {
  context.status = 200;
  response.writeHead(200, { 'x-request-id': context.requestId }).end();
}

function writeRoot(response: ServerResponse, context: RequestContext, version: string): void {
  context.status = 200;
  writeJsonResponse(response, context, 200, { name: 'llm-proxy', version, docs: '/docs', health: '/health' });
}
