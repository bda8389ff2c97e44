/**
 * The yardstick: the least a correct Node gateway must do for a chat request, and nothing more.
 *   node --import tsx bench/pass-through.ts PORT UPSTREAM_URL      (UPSTREAM_URL: the API base, e.g. http://127.0.0.1:9000/v1)
 * node:http server; reads the body, JSON.parse, rewrites `model`, sends it upstream with undici
 * `Pool.dispatch`, and writes each upstream chunk straight to the client response — the cheapest relay
 * measured in ../shared/anchors/README.md (~62 µs CPU per request, against ~82 for `Pool.request` +
 * `for await` and ~176 for `stream.pipeline`). Aborts the upstream request when the client goes away.
 * `GET /health` answers 200 (readiness, startup time). Prints `ready <port>` once listening.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Dispatcher, Pool } from 'undici';

const upstreamApiKey = 'sk-upstream-bench';
const [portArgument, upstreamUrl] = process.argv.slice(2);
if (portArgument === undefined || upstreamUrl === undefined) {
  process.stderr.write('usage: node --import tsx bench/pass-through.ts PORT UPSTREAM_URL\n');
  process.exit(2);
}
const upstreamBasePath = new URL(upstreamUrl).pathname.replace(/\/$/, '');
const pool = new Pool(new URL(upstreamUrl).origin, { keepAliveTimeout: 60_000 });

/** Stands in for the gateway's model resolution: `Proxy/gpt-4o` -> `gpt-4o`, like `provider_suffix`. */
function rewriteModel(model: unknown): string {
  const name = typeof model === 'string' ? model : '';
  return name.startsWith('Proxy/') ? name.slice('Proxy/'.length) : name;
}

function sendError(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify({ error: { message, type: 'proxy_error', code: null, param: null } });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Relays the upstream response as it arrives: status and content headers, then each chunk, with backpressure. */
function createRelayHandler(response: ServerResponse): Dispatcher.DispatchHandler {
  return {
    onRequestStart(controller) {
      response.on('close', () => {
        if (!response.writableFinished && !controller.aborted) controller.abort(new Error('client closed'));
      });
      response.on('drain', () => controller.resume());
    },
    onResponseStart(_controller, statusCode, headers) {
      const relayed: Record<string, string> = {};
      for (const name of ['content-type', 'content-length', 'cache-control']) {
        const value = headers[name];
        if (typeof value === 'string') relayed[name] = value;
      }
      response.writeHead(statusCode, relayed);
    },
    onResponseData(controller, chunk) {
      if (!response.write(chunk)) controller.pause();
    },
    onResponseEnd() {
      response.end();
    },
    onResponseError(_controller, error) {
      sendError(response, 502, `upstream error: ${error.message}`);
    },
  };
}

function relayChat(body: Buffer, response: ServerResponse): void {
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString());
  } catch {
    sendError(response, 400, 'invalid JSON body');
    return;
  }
  if (!isRecord(payload)) {
    sendError(response, 400, 'the body must be a JSON object');
    return;
  }
  payload['model'] = rewriteModel(payload['model']);
  const upstreamBody = JSON.stringify(payload);
  pool.dispatch(
    {
      method: 'POST',
      path: `${upstreamBasePath}/chat/completions`,
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(upstreamBody)),
        authorization: `Bearer ${upstreamApiKey}`,
      },
      body: upstreamBody,
    },
    createRelayHandler(response),
  );
}

function handleRequest(request: IncomingMessage, response: ServerResponse): void {
  if (request.method === 'GET' && request.url === '/health') {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': 15 });
    response.end('{"status":"ok"}');
    return;
  }
  if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
    request.resume();
    sendError(response, 404, 'not found');
    return;
  }
  const parts: Buffer[] = [];
  request.on('data', (part: Buffer) => parts.push(part));
  request.on('end', () => relayChat(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts), response));
}

const server = createServer(handleRequest);
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;
server.listen(Number(portArgument), '127.0.0.1', () => {
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void pool.close();
    process.exit(0);
  });
}
