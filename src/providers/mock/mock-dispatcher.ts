import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { UpstreamDispatcher } from '../../upstream/upstream-dispatcher.ts';
import { buildMockResponse } from './build-mock-response.ts';

/**
 * The `mock` provider as an in-process dispatcher: it speaks undici's handler protocol, so the gateway
 * relays its answers through exactly the code that relays a real upstream's. Chunks are emitted one per
 * event-loop turn, honouring pause/resume and abort.
 */
export function createMockDispatcher(now: () => number): UpstreamDispatcher {
  return {
    dispatch(options, handler) {
      setImmediate(() => runMockExchange(options, handler, now));
      return true;
    },
    close: async () => {},
  };
}

function runMockExchange(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler, now: () => number): void {
  let aborted = false;
  let paused = false;
  let resumeWaiter: (() => void) | undefined;
  const controller: Dispatcher.DispatchController = {
    get aborted() {
      return aborted;
    },
    get paused() {
      return paused;
    },
    get reason() {
      return null;
    },
    abort(reason) {
      if (aborted) return;
      aborted = true;
      handler.onResponseError?.(controller, reason);
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      const waiter = resumeWaiter;
      resumeWaiter = undefined;
      waiter?.();
    },
  };
  handler.onRequestStart?.(controller, {});
  if (aborted) return;
  const body = parseBody(options.body);
  const response = buildMockResponse(options.path, body, {
    id: `chatcmpl-mock-${randomUUID()}`,
    createdSeconds: Math.floor(now() / 1000),
  });
  handler.onResponseStart?.(controller, response.status, { 'content-type': response.contentType }, 'OK');
  let index = 0;
  const sendNext = (): void => {
    if (aborted) return;
    if (paused) {
      resumeWaiter = () => setImmediate(sendNext);
      return;
    }
    const chunk = response.chunks[index];
    if (chunk === undefined) {
      handler.onResponseEnd?.(controller, {});
      return;
    }
    index += 1;
    handler.onResponseData?.(controller, Buffer.from(chunk));
    setImmediate(sendNext);
  };
  sendNext();
}

function parseBody(body: Dispatcher.DispatchOptions['body']): Record<string, unknown> {
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
