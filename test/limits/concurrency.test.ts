import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import test from 'node:test';
import { answerJson, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

const okAnswer = readFixture('openai-chat/nonstream-text.json');

function post(url: string, stream = false) {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', stream, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

/** An upstream that holds every answer until `release()`, then answers them all. */
async function holdingUpstream() {
  const held: ServerResponse[] = [];
  const upstream = await startFakeUpstream((_request, response) => {
    held.push(response);
  });
  return {
    upstream,
    held,
    release() {
      for (const response of held.splice(0)) answerJson(200, okAnswer)(upstream.requests[0] as never, response, 0);
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('max_requests in flight, a FIFO queue of max_queue_size, then 503; a queued request goes on when a slot frees', async (t) => {
  const { upstream, held, release } = await holdingUpstream();
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    providers: [{ name: 'a', type: 'openai', api_base: `${upstream.url}/v1` }],
    concurrency: { enabled: true, max_requests: 1, max_queue_size: 1, queue_timeout: '5s' },
  });
  t.after(() => gateway.shutdown());

  const first = post(gateway.url);
  await until(() => held.length === 1);
  const second = post(gateway.url);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(upstream.requests.length, 1, 'the second request waits in the queue, not upstream');
  const third = await post(gateway.url);
  assert.equal(third.status, 503);
  assert.equal(third.headers.get('retry-after'), '1');
  assert.equal(((await third.json()) as { error: { code: string } }).error.code, 'GW_ERR_GATEWAY_BUSY');

  release();
  assert.equal((await first).status, 200);
  await until(() => held.length === 1);
  release();
  assert.equal((await second).status, 200, 'the queued request ran once the first was over');
});

test('a request that waits longer than queue_timeout gets 503', async (t) => {
  const { upstream, held, release } = await holdingUpstream();
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    providers: [{ name: 'a', type: 'openai', api_base: `${upstream.url}/v1` }],
    concurrency: { enabled: true, max_requests: 1, max_queue_size: 10, queue_timeout: '200ms' },
  });
  t.after(() => gateway.shutdown());
  const first = post(gateway.url);
  await until(() => held.length === 1);
  const waited = await post(gateway.url);
  assert.equal(waited.status, 503);
  assert.match(((await waited.json()) as { error: { message: string } }).error.message, /within 200 ms/);
  release();
  assert.equal((await first).status, 200);
});

test('per_backend_limit: a provider at its limit is skipped for another, and used anyway when it is the only one', async (t) => {
  const a = await holdingUpstream();
  const b = await startFakeUpstream(answerJson(200, okAnswer));
  t.after(() => Promise.all([a.upstream.close(), b.close()]));
  const gateway = await startTestGateway({
    providers: [
      { name: 'a', type: 'openai', api_base: `${a.upstream.url}/v1`, priority: 1 },
      { name: 'b', type: 'openai', api_base: `${b.url}/v1`, priority: 2 },
    ],
    concurrency: { enabled: true, per_backend_limit: 1 },
  });
  t.after(() => gateway.shutdown());
  const first = post(gateway.url);
  await until(() => a.held.length === 1);
  const second = await post(gateway.url);
  assert.equal(second.headers.get('x-llm-proxy-provider'), 'b', 'a is at its limit');
  assert.equal(second.headers.get('x-llm-proxy-attempts'), '1');
  a.release();
  assert.equal((await first).headers.get('x-llm-proxy-provider'), 'a');

  const only = await holdingUpstream();
  t.after(() => only.upstream.close());
  const single = await startTestGateway({
    providers: [{ name: 'a', type: 'openai', api_base: `${only.upstream.url}/v1` }],
    concurrency: { enabled: true, per_backend_limit: 1 },
  });
  t.after(() => single.shutdown());
  const one = post(single.url);
  const two = post(single.url);
  await until(() => only.held.length === 2);
  only.release();
  assert.deepEqual([(await one).status, (await two).status], [200, 200], 'the only provider is not waited on');
});
