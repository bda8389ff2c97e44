import assert from 'node:assert/strict';
import test from 'node:test';
import type { StreamPart } from '../canonical/stream-part.ts';
import { createTranslatingStreamSink, type TranslatingSinkTarget } from './create-translating-stream-sink.ts';
import type { StreamDecoder, StreamEncoder } from './stream-codec.ts';

function recordingTarget(): TranslatingSinkTarget & { written: string[]; ended: boolean; writableNeedDrain: boolean } {
  const target = {
    written: [] as string[],
    ended: false,
    writableNeedDrain: false,
    write(chunk: Buffer | string) {
      target.written.push(chunk.toString());
      return true;
    },
    end(chunk?: string) {
      if (chunk !== undefined) target.written.push(chunk);
      target.ended = true;
    },
    once: () => target,
    get writableEnded() {
      return target.ended;
    },
    destroyed: false,
  };
  return target;
}

/** Each `data:` becomes one text delta; the stream's end becomes a finish. */
const decoder: StreamDecoder = {
  push: (event) => [{ type: 'text-delta', index: 0, delta: event.data }],
  end: () => [{ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } }],
};

/** Writes each delta upper-cased as its own event; `end` writes a terminator. */
const encoder: StreamEncoder = {
  encode: (part) => (part.type === 'text-delta' ? `event: delta\ndata: ${part.delta.toUpperCase()}\n\n` : ''),
  end: () => 'event: stop\ndata: {}\n\n',
  fail: (errorType, message) => `event: error\ndata: ${errorType}: ${message}\n\n`,
};

/** Lets the microtasks queued so far run: the end of a socket read's handling. */
const afterRead = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('each complete upstream event is translated and written once its read is handled; a partial one waits for its end', async () => {
  const target = recordingTarget();
  const observed: StreamPart[] = [];
  const sink = createTranslatingStreamSink(target, decoder, encoder, { observe: (part) => observed.push(part) });
  sink.write(Buffer.from('data: hello\n\ndata: wor'));
  await afterRead();
  assert.deepEqual(target.written, ['event: delta\ndata: HELLO\n\n']);
  sink.write(Buffer.from('ld\n\n'));
  await afterRead();
  assert.deepEqual(target.written.at(-1), 'event: delta\ndata: WORLD\n\n');
  sink.end();
  assert.equal(target.written.at(-1), 'event: stop\ndata: {}\n\n');
  assert.equal(target.ended, true);
  assert.deepEqual(
    observed.map((part) => part.type),
    ['text-delta', 'text-delta', 'finish'],
  );
});

test('the chunks of one socket read go to the client in one write', async () => {
  const target = recordingTarget();
  const sink = createTranslatingStreamSink(target, decoder, encoder);
  sink.write(Buffer.from('data: a\n\n'));
  sink.write(Buffer.from('data: b\n\n'));
  sink.write(Buffer.from('data: c'));
  assert.deepEqual(target.written, [], 'nothing is written before the read is handled');
  await afterRead();
  assert.deepEqual(target.written, ['event: delta\ndata: A\n\nevent: delta\ndata: B\n\n']);
  sink.write(Buffer.from('\n\n'));
  await afterRead();
  assert.deepEqual(target.written.at(-1), 'event: delta\ndata: C\n\n');
});

test('a read that ends the stream goes out with the end: one write', () => {
  const target = recordingTarget();
  const sink = createTranslatingStreamSink(target, decoder, encoder);
  sink.write(Buffer.from('data: a\n\n'));
  sink.write(Buffer.from('data: b\n\n'));
  sink.end();
  assert.deepEqual(target.written, ['event: delta\ndata: A\n\nevent: delta\ndata: B\n\nevent: stop\ndata: {}\n\n']);
  assert.equal(target.ended, true);
});

test("the client's backpressure reaches the relay: write is false while the response needs to drain", async () => {
  const target = recordingTarget();
  const sink = createTranslatingStreamSink(target, decoder, encoder);
  assert.equal(sink.write(Buffer.from('data: a\n\n')), true);
  target.writableNeedDrain = true;
  assert.equal(sink.write(Buffer.from('data: b\n\n')), false);
  await afterRead();
  assert.deepEqual(target.written, ['event: delta\ndata: A\n\nevent: delta\ndata: B\n\n'], 'what was taken is still written');
  target.writableNeedDrain = false;
  assert.equal(sink.write(Buffer.from('data: c\n\n')), true);
});

test('an upstream that breaks off ends the client stream with its protocol error event, once', async () => {
  const target = recordingTarget();
  const sink = createTranslatingStreamSink(target, decoder, encoder);
  sink.write(Buffer.from('data: partial\n\n'));
  await afterRead();
  sink.write(Buffer.from('data: more\n\n'));
  sink.fail('overloaded_error', 'Provider broke off the response.');
  sink.fail('again', 'ignored');
  sink.end();
  await afterRead();
  assert.deepEqual(target.written, [
    'event: delta\ndata: PARTIAL\n\n',
    'event: delta\ndata: MORE\n\nevent: error\ndata: overloaded_error: Provider broke off the response.\n\n',
  ]);
  assert.equal(target.ended, true);
});

test('nothing is written after the client response ended or was destroyed', async () => {
  const target = recordingTarget();
  const sink = createTranslatingStreamSink(target, decoder, encoder);
  sink.write(Buffer.from('data: a\n\n'));
  target.ended = true;
  await afterRead();
  assert.deepEqual(target.written, []);
});
