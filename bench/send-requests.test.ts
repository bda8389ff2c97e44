import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'node:test';
import { buildTargetRequest, streamEndMarker } from './build-target-request.ts';
import { sendRequests } from './send-requests.ts';

/** A server that answers every third request with a 500, the others with a complete stream; counts them. */
async function startCountingServer(): Promise<{ origin: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      if (received % 3 === 0) {
        response.writeHead(500).end('{}');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end('data: {"choices":[]}\n\ndata: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('sendRequests sends exactly the number asked for, over the connections asked for, and counts the answers that are not a complete 200', async () => {
  const server = await startCountingServer();
  try {
    const failed = await sendRequests({
      origin: server.origin,
      request: buildTargetRequest('openai-chat', true, 'sk-test'),
      expected: streamEndMarker('openai-chat'),
      requests: 31,
      concurrency: 4,
    });
    assert.equal(server.received(), 31);
    assert.equal(failed, 10);
  } finally {
    await server.close();
  }
});
