import assert from 'node:assert/strict';
import { connect } from 'node:net';
import test from 'node:test';
import { answerJson, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

interface OpenAIError {
  error: { message: string; type: string; code: string; param: string | null };
}

async function startGateway(t: test.TestContext) {
  const upstream = await startFakeUpstream(answerJson(200, { ok: true }));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    server: { body_limit: '1KiB' },
    providers: [{ name: 'main', type: 'openai', api_base: `${upstream.url}/v1`, model_mapping: { 'gpt-4o': 'gpt-4o' } }],
  });
  t.after(() => gateway.shutdown());
  const post = async (body: string, path = '/v1/chat/completions') => {
    const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, body: (await response.json()) as OpenAIError };
  };
  return { gateway, upstream, post };
}

test('bad bodies get a clear 400 naming the field, and nothing goes upstream', async (t) => {
  const { post, upstream } = await startGateway(t);
  const cases: [string, string, string | null, RegExp][] = [
    ['{"model": "gpt-4o", "messages": [', 'GW_ERR_INVALID_JSON', null, /not valid JSON/],
    ['', 'GW_ERR_INVALID_JSON', null, /empty/],
    ['[1,2]', 'GW_ERR_INVALID_REQUEST', null, /JSON object/],
    ['{"messages": [{"role": "user", "content": "hi"}]}', 'GW_ERR_INVALID_REQUEST', 'model', /'model' is required/],
    ['{"model": "gpt-4o"}', 'GW_ERR_INVALID_REQUEST', 'messages', /'messages' is required/],
    ['{"model": 42, "messages": [{"role": "user", "content": "hi"}]}', 'GW_ERR_INVALID_REQUEST', 'model', /got number/],
    ['{"model": "gpt-4o", "messages": []}', 'GW_ERR_INVALID_REQUEST', 'messages', /messages/],
    ['{"model": "gpt-4o", "messages": [{"content": "hi"}]}', 'GW_ERR_INVALID_REQUEST', 'messages[0].role', /required/],
  ];
  for (const [body, code, param, message] of cases) {
    const response = await post(body);
    assert.equal(response.status, 400, body);
    assert.equal(response.body.error.code, code, body);
    assert.equal(response.body.error.type, 'invalid_request_error', body);
    assert.equal(response.body.error.param, param, body);
    assert.match(response.body.error.message, message, body);
  }
  const embeddings = await post('{"model": "gpt-4o"}', '/v1/embeddings');
  assert.equal(embeddings.body.error.param, 'input');
  assert.equal(upstream.requests.length, 0);
});

test('a body over the limit is 413, whether declared or streamed, and the gateway keeps serving', async (t) => {
  const { post, gateway } = await startGateway(t);
  const big = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(2048) }] });
  const declared = await post(big);
  assert.equal(declared.status, 413);
  assert.equal(declared.body.error.code, 'GW_ERR_BODY_TOO_LARGE');

  // Chunked, no Content-Length: the limit is enforced while reading.
  const chunked = await new Promise<string>((resolve, reject) => {
    const socket = connect(gateway.port, '127.0.0.1');
    let received = '';
    socket.on('data', (data) => {
      received += data.toString();
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    socket.write(`${(2048).toString(16)}\r\n${'x'.repeat(2048)}\r\n`);
    socket.end('0\r\n\r\n');
  });
  assert.match(chunked, /^HTTP\/1\.1 413/);

  const ok = await post(JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }));
  assert.equal(ok.status, 200);
});

test('an unknown model is 404, an unknown path 404, a wrong method 405', async (t) => {
  const { post, gateway } = await startGateway(t);
  const unknownModel = await post(JSON.stringify({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }));
  assert.equal(unknownModel.status, 404);
  assert.equal(unknownModel.body.error.code, 'GW_ERR_MODEL_NOT_FOUND');
  assert.equal(unknownModel.body.error.param, 'model');
  const unknownPath = await fetch(`${gateway.url}/v1/nothing`);
  assert.equal(unknownPath.status, 404);
  assert.equal(((await unknownPath.json()) as OpenAIError).error.code, 'GW_ERR_NOT_FOUND');
  const wrongMethod = await fetch(`${gateway.url}/v1/chat/completions`);
  assert.equal(wrongMethod.status, 405);
});

test('garbage on the socket does not take the gateway down', async (t) => {
  const { gateway, post } = await startGateway(t);
  await new Promise<void>((resolve) => {
    const socket = connect(gateway.port, '127.0.0.1');
    socket.resume();
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
    socket.end('NOT HTTP AT ALL\r\n\r\n\u0000\u0001');
  });
  const ok = await post(JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }));
  assert.equal(ok.status, 200);
});

test('HEAD is answered only on GET routes: a POST route answers 405, not an unauthenticated 200', async (t) => {
  const { gateway } = await startGateway(t);
  assert.equal((await fetch(`${gateway.url}/`, { method: 'HEAD' })).status, 200);
  assert.equal((await fetch(`${gateway.url}/health`, { method: 'HEAD' })).status, 200);
  assert.equal((await fetch(`${gateway.url}/v1/chat/completions`, { method: 'HEAD' })).status, 405);
});
