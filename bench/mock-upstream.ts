/**
 * A fast OpenAI-compatible upstream for the benchmark, run as its own process so that it can be pinned to
 * its own core:
 *   node --import tsx bench/mock-upstream.ts PORT [CHUNK_DELAY_MS]
 * Prints `ready <port>` once listening (PORT 0 picks a free port).
 *
 * - `POST /v1/chat/completions`: reads the whole body, then answers a fixed chat.completion, or ~10 SSE
 *   chunks and `data: [DONE]` when the body asks for `"stream": true` (plus a usage chunk when it asks for
 *   `stream_options.include_usage`). The first chunk carries the role and the first token together, so a
 *   proxy that holds the response until the first content event is not penalised for it.
 * - `GET /count`: `{"count":N}`, the chat requests received so far (the runner checks that proxied
 *   requests really reached the upstream).
 * - `POST /chunk-delay?ms=N`: sets the delay between stream chunks (0 = write them back to back); the
 *   runner sets 10 ms for the time-to-first-byte measurement and 0 for throughput.
 *
 * The body is matched with regular expressions rather than JSON.parse: the mock shares a core with the
 * load generator and must stay cheap; the proxies under test re-serialise JSON, so whitespace may vary.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildMockStreamChunks, mockCompletionBody } from './mock-answer.ts';

const streamPattern = /"stream"\s*:\s*true/;
const includeUsagePattern = /"include_usage"\s*:\s*true/;
const streamChunks = buildMockStreamChunks(false);
const streamChunksWithUsage = buildMockStreamChunks(true);

let chatRequestCount = 0;
let chunkDelayMs = Number(process.argv[3] ?? '0');

function sendCompletion(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': mockCompletionBody.length });
  response.end(mockCompletionBody);
}

function sendStream(response: ServerResponse, includeUsage: boolean): void {
  const chunks = includeUsage ? streamChunksWithUsage : streamChunks;
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  if (chunkDelayMs <= 0) {
    for (const chunk of chunks.slice(0, -1)) response.write(chunk);
    response.end(chunks[chunks.length - 1]);
    return;
  }
  let index = 0;
  const writeNext = (): void => {
    if (response.destroyed) return;
    const chunk = chunks[index];
    index += 1;
    if (index >= chunks.length) {
      response.end(chunk);
      return;
    }
    response.write(chunk);
    setTimeout(writeNext, chunkDelayMs);
  };
  writeNext();
}

function handleChat(request: IncomingMessage, response: ServerResponse): void {
  chatRequestCount += 1;
  const parts: Buffer[] = [];
  request.on('data', (part: Buffer) => parts.push(part));
  request.on('end', () => {
    const body = parts.length === 1 ? (parts[0] as Buffer).toString() : Buffer.concat(parts).toString();
    if (streamPattern.test(body)) sendStream(response, includeUsagePattern.test(body));
    else sendCompletion(response);
  });
}

function sendJson(response: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

const server = createServer((request, response) => {
  const url = request.url ?? '/';
  if (request.method === 'POST' && url === '/v1/chat/completions') {
    handleChat(request, response);
  } else if (request.method === 'GET' && url === '/count') {
    sendJson(response, 200, { count: chatRequestCount });
  } else if (request.method === 'POST' && url.startsWith('/chunk-delay')) {
    chunkDelayMs = Number(new URL(url, 'http://mock').searchParams.get('ms') ?? '0');
    request.resume();
    request.on('end', () => sendJson(response, 200, { chunk_delay_ms: chunkDelayMs }));
  } else if (request.method === 'GET' && url === '/health') {
    sendJson(response, 200, { status: 'ok' });
  } else {
    request.resume();
    sendJson(response, 404, { error: { message: `no route ${request.method} ${url}`, type: 'not_found' } });
  }
});
// Clients keep connections for the whole run; never let the server close an idle one in between cells.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;

const port = Number(process.argv[2] ?? '0');
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${(server.address() as AddressInfo).port}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
