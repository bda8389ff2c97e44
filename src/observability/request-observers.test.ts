import assert from 'node:assert/strict';
import test from 'node:test';
import { createRequestContext } from '../server/request-context.ts';
import type { RequestObserver } from './request-observer.ts';
import { RequestObservers } from './request-observers.ts';

test('each event reaches the observers that implement it, in order; chunks only when asked for', () => {
  const calls: string[] = [];
  const finishing: RequestObserver = { onRequestFinished: () => calls.push('a:finished') };
  const chunkWithoutAsking: RequestObserver = { onClientChunk: () => calls.push('b:chunk') };
  const observers = new RequestObservers([finishing, chunkWithoutAsking]);
  const context = createRequestContext('r', 'POST', '/v1/chat/completions');
  observers.clientChunk(context, 'x');
  assert.equal(observers.wantsChunks, false, 'onClientChunk alone does not ask for chunks');
  observers.add({
    wantsChunks: true,
    onClientChunk: (_context, chunk) => calls.push(`c:chunk ${String(chunk)}`),
    onRequestFinished: () => calls.push('c:finished'),
  });
  assert.equal(observers.wantsChunks, true);
  observers.clientChunk(context, 'y');
  observers.usage(context, { inputTokens: 1 });
  observers.requestFinished(context);
  assert.deepEqual(calls, ['c:chunk y', 'a:finished', 'c:finished']);
});
