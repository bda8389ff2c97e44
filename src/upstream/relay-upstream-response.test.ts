import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import test from 'node:test';
import type { Dispatcher } from 'undici';
import { type RelaySink, relayUpstreamResponse, type UpstreamOutcome } from './relay-upstream-response.ts';
import type { UpstreamDispatcher } from './upstream-dispatcher.ts';

/** A sink that records each write and the end; `accepts` is what write returns (false: the client is behind). */
class RecordingSink extends EventEmitter implements RelaySink {
  readonly writes: string[] = [];
  ended: string | undefined;
  writableEnded = false;
  destroyed = false;
  accepts = true;
  write(chunk: Buffer | string): boolean {
    this.writes.push(chunk.toString());
    return this.accepts;
  }
  end(chunk?: Buffer | string): void {
    this.ended = chunk?.toString() ?? '';
    this.writableEnded = true;
  }
}

/** Drives the relay's handler by hand, the way undici calls it for one exchange. */
function startExchange(sink: RecordingSink) {
  let handler: Dispatcher.DispatchHandler | undefined;
  const state = { paused: false, aborted: false };
  const controller = {
    get paused() {
      return state.paused;
    },
    get aborted() {
      return state.aborted;
    },
    reason: null,
    pause() {
      state.paused = true;
    },
    resume() {
      state.paused = false;
    },
    abort(reason: Error) {
      state.aborted = true;
      handler?.onResponseError?.(controller, reason);
    },
  } as Dispatcher.DispatchController;
  const dispatcher: UpstreamDispatcher = {
    dispatch(_options, given) {
      handler = given;
      given.onRequestStart?.(controller, {});
      return true;
    },
    close: () => Promise.resolve(),
  };
  const outcomes: UpstreamOutcome[] = [];
  const writesAtOutcome: number[] = [];
  relayUpstreamResponse(dispatcher, { method: 'POST', path: '/v1/chat/completions' }, sink, {
    onResponseStart() {},
    onOutcome(outcome) {
      outcomes.push(outcome);
      writesAtOutcome.push(sink.writes.length);
    },
  });
  const h = handler as Dispatcher.DispatchHandler;
  h.onResponseStart?.(controller, 200, {}, 'OK');
  return {
    controller,
    outcomes,
    writesAtOutcome,
    data: (text: string) => h.onResponseData?.(controller, Buffer.from(text)),
    end: () => h.onResponseEnd?.(controller, {}),
    error: (error: Error) => h.onResponseError?.(controller, error),
  };
}

/** Lets the microtasks queued so far run: the end of a socket read's handling. */
const afterRead = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('the chunks of one socket read reach the sink in one write; a read that ends the answer goes with the end', async () => {
  const sink = new RecordingSink();
  const exchange = startExchange(sink);
  exchange.data('a');
  exchange.data('b');
  assert.deepEqual(sink.writes, [], 'nothing before the read is handled');
  await afterRead();
  assert.deepEqual(sink.writes, ['ab']);
  exchange.data('c');
  exchange.data('d');
  exchange.end();
  assert.deepEqual(sink.writes, ['ab'], 'the last read is not written apart');
  assert.equal(sink.ended, 'cd');
  assert.deepEqual(exchange.outcomes, [{ kind: 'relayed', status: 200 }]);
  await afterRead();
  assert.deepEqual(sink.writes, ['ab'], 'nothing after the end');
});

test('a read the client cannot take yet pauses the upstream until the sink drains', async () => {
  const sink = new RecordingSink();
  const exchange = startExchange(sink);
  sink.accepts = false;
  exchange.data('a');
  await afterRead();
  assert.equal(exchange.controller.paused, true);
  sink.emit('drain');
  assert.equal(exchange.controller.paused, false);
});

test('an answer that breaks in the read that brought its last bytes: they reach the sink before the break is told', () => {
  const sink = new RecordingSink();
  const exchange = startExchange(sink);
  exchange.data('a');
  exchange.error(new Error('socket hang up'));
  assert.deepEqual(sink.writes, ['a']);
  assert.equal(exchange.outcomes[0]?.kind, 'broken');
  assert.deepEqual(exchange.writesAtOutcome, [1]);
});

test('a client gone: what the read brought is dropped', async () => {
  const sink = new RecordingSink();
  const exchange = startExchange(sink);
  exchange.data('a');
  sink.destroyed = true;
  sink.emit('close');
  await afterRead();
  assert.deepEqual(sink.writes, []);
  assert.equal(exchange.outcomes[0]?.kind, 'client-gone');
});
