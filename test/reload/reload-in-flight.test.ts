import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import test, { type TestContext } from 'node:test';
import { answerJson, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.ts';
import { parseTestConfig } from './parse-test-config.ts';

/** Requests that started before a swap finish on the snapshot they started with; its pools close after them. */

const streamEvents = readFixture('openai-chat/stream-text.sse').split(/(?<=\n\n)/);
const okAnswer = readFixture('openai-chat/nonstream-text.json');

/** Polls `check` every 10 ms until it is true; fails after `timeoutMs`. */
async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function activeRequests(gateway: TestGateway): Promise<number> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('llm_proxy_active_requests '));
  return Number(line?.split(' ')[1]);
}

/**
 * An upstream that sends the head and the first event of a stream, then holds the rest until `release()`.
 * `openSockets` counts its connections, to see the gateway's pool close them.
 */
async function startHeldStreamUpstream(t: TestContext) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const sockets = new Set<Socket>();
  // A long keep-alive hint: only the gateway's pool closing can end the connection within the test.
  const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(streamEvents[0]);
      void released.then(() => {
        for (const event of streamEvents.slice(1)) response.write(event);
        response.end();
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    release();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, release, openSockets: () => sockets.size };
}

test('a stream in flight at the swap finishes on the old config; the old pool closes after its last byte', async (t) => {
  const held = await startHeldStreamUpstream(t);
  const replacement = await startFakeUpstream(answerJson(200, okAnswer));
  t.after(() => replacement.close());
  const gateway = await startTestGateway({ providers: [{ name: 'old', type: 'openai', api_base: `${held.url}/v1` }] });
  t.after(() => gateway.shutdown());

  const streaming = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(streaming.status, 200);
  assert.equal(streaming.headers.get('x-llm-proxy-provider'), 'old');
  const reader = (streaming.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let received = decoder.decode((await reader.read()).value);

  await gateway.reload(parseTestConfig({ providers: [{ name: 'new', type: 'openai', api_base: `${replacement.url}/v1` }] }));
  const after = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await after.text();
  assert.equal(after.headers.get('x-llm-proxy-provider'), 'new', 'a request after the swap uses the new config');
  assert.equal(held.openSockets(), 1, 'the old pool is still open for the stream');

  held.release();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += decoder.decode(chunk.value, { stream: true });
  assert.equal(received, streamEvents.join(''), 'the whole stream arrived, unchanged');
  await waitFor(() => held.openSockets() === 0, 'the old pool to close its connection after the last request');
});

test('a request whose body was still arriving at the swap is sent on the config it started with', async (t) => {
  const [before, after] = await Promise.all([startFakeUpstream(answerJson(200, okAnswer)), startFakeUpstream(answerJson(200, okAnswer))]);
  t.after(() => Promise.all([before.close(), after.close()]));
  const gateway = await startTestGateway({ providers: [{ name: 'before', type: 'openai', api_base: `${before.url}/v1` }] });
  t.after(() => gateway.shutdown());
  // A first request opens the old pool's connection, so closing the pool too early has something to break.
  const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  const warmUp = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(warmUp.status, 200, await warmUp.text());

  const answer = new Promise<{ status: number; provider: string | undefined; text: string }>((resolve, reject) => {
    const slow = httpRequest(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, provider: response.headers['x-llm-proxy-provider'] as string | undefined, text }));
    });
    slow.on('error', reject);
    slow.write(body.slice(0, 10));
    void waitFor(async () => (await activeRequests(gateway)) === 1, 'the gateway to start the slow request').then(async () => {
      await gateway.reload(parseTestConfig({ providers: [{ name: 'after', type: 'openai', api_base: `${after.url}/v1` }] }));
      slow.end(body.slice(10));
    }, reject);
  });

  const { status, provider, text } = await answer;
  assert.equal(status, 200, text);
  assert.equal(provider, 'before');
  assert.equal(before.requests.length, 2);
  assert.equal(after.requests.length, 0);
});

/** Answers every request at once, counting the connections opened to it and those still open. */
async function startCountingUpstream(t: TestContext) {
  const open = new Set<Socket>();
  let opened = 0;
  const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(okAnswer);
    });
  });
  server.on('connection', (socket) => {
    opened += 1;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, opened: () => opened, open: () => open.size };
}

test("a reload keeps the pool and warm connection of a provider it did not change, and replaces a changed provider's", async (t) => {
  const upstream = await startCountingUpstream(t);
  const provider = { name: 'kept', type: 'openai', api_base: `${upstream.url}/v1` };
  const gateway = await startTestGateway({ providers: [provider] });
  t.after(() => gateway.shutdown());
  const send = async (): Promise<number> => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
    await response.text();
    return response.status;
  };
  assert.equal(await send(), 200);
  assert.equal(upstream.opened(), 1);

  await gateway.reload(parseTestConfig({ providers: [provider], provider_suffix: 'Proxy' }));
  assert.equal(await send(), 200);
  assert.equal(upstream.opened(), 1, 'the same connection served the request after the reload');

  await gateway.reload(parseTestConfig({ providers: [{ ...provider, weight: 2 }], provider_suffix: 'Proxy' }));
  assert.equal(await send(), 200);
  assert.equal(upstream.opened(), 2, 'a changed provider gets a new pool');
  await waitFor(() => upstream.open() === 1, 'the replaced pool to close its connection');
});
