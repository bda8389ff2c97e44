import assert from 'node:assert/strict';
import test from 'node:test';
import type { RequestObserver } from '../../src/observability/request-observer.ts';
import { answerJson, answerSse, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';
import { waitFor } from './read-metric.ts';

/** The lifecycle events other sinks (journal, tracing) subscribe to: order, payloads, usage before the end. */

function recorder(wantsChunks: boolean): { observer: RequestObserver; events: string[]; payloads: Record<string, unknown>[] } {
  const events: string[] = [];
  const payloads: Record<string, unknown>[] = [];
  const observer: RequestObserver = {
    wantsChunks,
    onRequestReceived: (context, event) => {
      events.push(`received ${context.model}`);
      payloads.push({ rawBody: event.rawBody?.toString('utf8'), body: event.body });
    },
    onAttemptStarted: (_context, event) => {
      events.push(`attempt ${event.attempt} ${event.provider} ${event.protocol} ${event.path}`);
      payloads.push({ body: JSON.parse(event.body) as unknown, upstreamModel: event.upstreamModel });
    },
    onAttemptEnded: (_context, event) => {
      events.push(`ended ${event.attempt} ${event.status} ${event.failureReason ?? 'ok'}`);
      assert.ok(event.headersSeconds !== undefined && event.headersSeconds >= 0 && event.headersSeconds <= event.durationSeconds);
    },
    onResponseStarted: (_context, status) => events.push(`response ${status}`),
    onClientChunk: (_context, chunk) => events.push(`chunk ${chunk.length > 0}`),
    onUsage: (context, usage) => events.push(`usage ${usage.totalTokens} ${context.usage === usage}`),
    onRequestFinished: (context) => events.push(`finished ${context.status} ${context.usage?.totalTokens}`),
  };
  return { observer, events, payloads };
}

test('a stream that fails over: received, two attempts, response, chunks, usage, finished; the upstream body as sent', async (t) => {
  const failing = await startFakeUpstream(answerJson(503, { error: { message: 'busy' } }));
  const working = await startFakeUpstream(answerSse(readFixture('openai-chat/stream-usage.sse')));
  t.after(() => Promise.all([failing.close(), working.close()]));
  const gateway = await startTestGateway({
    providers: [
      { name: 'a', type: 'openai', api_base: `${failing.url}/v1`, priority: 1 },
      { name: 'b', type: 'openai', api_base: `${working.url}/v1`, priority: 2 },
    ],
    models: {
      chat: {
        routes: [
          { provider: 'a', model: 'up-a' },
          { provider: 'b', model: 'up-b' },
        ],
      },
    },
  });
  t.after(() => gateway.shutdown());
  const { observer, events, payloads } = recorder(true);
  gateway.observers.add(observer);
  const body = { model: 'chat', stream: true, messages: [{ role: 'user', content: 'hi' }] };
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200);
  await response.text();
  await waitFor(() => events.some((event) => event.startsWith('finished')), 'request finished');
  const chunks = events.filter((event) => event.startsWith('chunk'));
  assert.ok(chunks.length > 0 && chunks.every((event) => event === 'chunk true'));
  assert.deepEqual(
    events.filter((event) => !event.startsWith('chunk')),
    [
      'received chat',
      'attempt 1 a openai-chat /v1/chat/completions',
      'ended 1 503 status',
      'attempt 2 b openai-chat /v1/chat/completions',
      'response 200',
      'ended 2 200 ok',
      'usage 29 true',
      'finished 200 29',
    ],
  );
  assert.deepEqual(payloads[0], { rawBody: JSON.stringify(body), body });
  assert.deepEqual(payloads[2], { body: { ...body, model: 'up-b', stream_options: { include_usage: true } }, upstreamModel: 'up-b' });
});

test('without an observer that wants chunks, none is sent', async (t) => {
  const upstream = await startFakeUpstream(answerSse(readFixture('openai-chat/stream-usage.sse')));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'a', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());
  const { observer, events } = recorder(false);
  gateway.observers.add(observer);
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.text();
  await waitFor(() => events.some((event) => event.startsWith('finished')), 'request finished');
  assert.equal(events.filter((event) => event.startsWith('chunk')).length, 0);
});
