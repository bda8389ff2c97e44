import assert from 'node:assert/strict';
import { connect } from 'node:net';
import test from 'node:test';
import { answerSse, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

/**
 * How many HTTP chunks a streamed answer reaches the client in: one per client write. The events of one
 * upstream socket read go out in one write (src/streaming/read-end-flush.ts); events that arrive apart
 * go out apart, as they come.
 */

const upstreamStream = readFixture('openai-chat/stream-usage.sse');
const upstreamEvents = upstreamStream.split(/(?<=\n\n)/).length;

/** POSTs `body` over a raw socket and returns the answer's chunked body as its chunks (`Connection: close`). */
function postRaw(origin: string, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; chunks: string[] }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on('data', (data: Buffer) => received.push(data));
    socket.on('error', reject);
    socket.on('end', () => {
      const raw = Buffer.concat(received).toString('latin1');
      const headEnd = raw.indexOf('\r\n\r\n');
      const status = Number(raw.slice(9, 12));
      if (!/transfer-encoding: chunked/i.test(raw.slice(0, headEnd))) {
        reject(new Error(`not a chunked answer: ${raw.slice(0, 600)}`));
        return;
      }
      const chunks: string[] = [];
      let at = headEnd + 4;
      for (;;) {
        const lineEnd = raw.indexOf('\r\n', at);
        const size = Number.parseInt(raw.slice(at, lineEnd), 16);
        if (!(size > 0)) break;
        chunks.push(raw.slice(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      resolve({ status, chunks });
    });
    const head = Object.entries({ ...headers, host: `${hostname}:${port}`, connection: 'close', 'content-length': String(Buffer.byteLength(body)) })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    // Not `end()`: a client that half-closes its side gets its request aborted by node's server.
    socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n${body}`);
  });
}

const chatRequest = JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] });
const anthropicRequest = JSON.stringify({ model: 'gpt-4o', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] });
const json = { 'content-type': 'application/json' };

async function startGatewayFor(t: test.TestContext, delayMs: number, extraConfig: Record<string, unknown> = {}) {
  const upstream = await startFakeUpstream(answerSse(upstreamStream, delayMs));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1` }], ...extraConfig });
  t.after(() => gateway.shutdown());
  return gateway;
}

test('an upstream stream that arrives at once reaches the client in one or two writes, not one per event', async (t) => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['fast path, usage read', {}, '/v1/chat/completions', chatRequest],
    ['fast path, nothing reads usage', { metrics: { enabled: false }, logging: { level: 'warn' } }, '/v1/chat/completions', chatRequest],
    ['translated to Anthropic', {}, '/v1/messages', anthropicRequest],
  ];
  assert.ok(upstreamEvents >= 10, 'the fixture has many events');
  for (const [name, config, path, body] of cases) {
    const gateway = await startGatewayFor(t, 0, config);
    const { status, chunks } = await postRaw(gateway.url, path, json, body);
    assert.equal(status, 200, name);
    assert.ok(chunks.length >= 1 && chunks.length <= 2, `${name}: ${chunks.length} client writes for ${upstreamEvents} upstream events`);
    assert.match(chunks.join(''), path === '/v1/messages' ? /event: message_stop/ : /data: \[DONE\]/, name);
  }
});

test('events that arrive apart reach the client apart, as they come', async (t) => {
  const gateway = await startGatewayFor(t, 15);
  const { status, chunks } = await postRaw(gateway.url, '/v1/chat/completions', json, chatRequest);
  assert.equal(status, 200);
  assert.ok(chunks.length >= upstreamEvents / 2, `${chunks.length} client writes for ${upstreamEvents} upstream events 15 ms apart`);
  assert.match(chunks.join(''), /data: \[DONE\]/);
});

test('a stream that breaks in the same read as its last good chunks still delivers them, then the error event', async (t) => {
  const { createServer } = await import('node:net');
  const good = 'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n';
  // One write: the head, a good chunk, then chunk framing undici refuses (a size that is not hex).
  const upstream = createServer((socket) => {
    socket.once('data', () => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n${good.length.toString(16)}\r\n${good}\r\nzz\r\n`);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  t.after(() => upstream.close());
  const address = upstream.address() as { port: number };
  for (const config of [{}, { metrics: { enabled: false }, logging: { level: 'warn' } }]) {
    const gateway = await startTestGateway({ providers: [{ name: 'main', type: 'openai', api_base: `http://127.0.0.1:${address.port}/v1` }], ...config });
    t.after(() => gateway.shutdown());
    const { status, chunks } = await postRaw(gateway.url, '/v1/chat/completions', json, chatRequest);
    const text = chunks.join('');
    assert.equal(status, 200);
    assert.ok(text.startsWith(good), `the good chunk first: ${JSON.stringify(text)}`);
    assert.match(text, /GW_ERR_UPSTREAM_CONNECTION/);
  }
});
