import assert from 'node:assert/strict';
import test from 'node:test';
import type { StreamPart } from '../canonical/stream-part.ts';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';
import { createTranslatingStreamSink } from './create-translating-stream-sink.ts';
import type { StreamDecoder, StreamEncoder } from './stream-codec.ts';

function recordingTarget(): RelaySink & { written: string[]; ended: boolean } {
  const target = {
    written: [] as string[],
    ended: false,
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

test('each complete upstream event is translated and written at once; a partial one waits for its end', () => {
  const target = recordingTarget();
  const observed: StreamPart[] = [];
  const sink = createTranslatingStreamSink(target, decoder, encoder, { observe: (part) => observed.push(part) });
  sink.write(Buffer.from('data: hello\n\ndata: wor'));
  assert.deepEqual(target.written, ['event: delta\ndata: HELLO\n\n']);
  sink.write(Buffer.from('ld\n\n'));
  assert.deepEqual(target.written.at(-1), 'event: delta\ndata: WORLD\n\n');
  sink.end();
  assert.equal(target.written.at(-1), 'event: stop\ndata: {}\n\n');
  assert.equal(target.ended, true);
  assert.deepEqual(
    observed.map((part) => part.type),
    ['text-delta', 'text-delta', 'finish'],
  );
});

test('an upstream that breaks off ends the client stream with its protocol error event, once', () => {
  const target = recordingTarget();
  const sink = createTranslatingStreamSink(target, decoder, encoder);
  sink.write(Buffer.from('data: partial\n\n'));
  sink.fail('overloaded_error', 'Provider broke off the response.');
  sink.fail('again', 'ignored');
  sink.end();
  assert.deepEqual(target.written, ['event: delta\ndata: PARTIAL\n\n', 'event: error\ndata: overloaded_error: Provider broke off the response.\n\n']);
  assert.equal(target.ended, true);
});

test('the last bytes handed to end are translated and go out with the closing events, in one end', () => {
  const target = recordingTarget();
  const sink = createTranslatingStreamSink(target, decoder, encoder);
  sink.write(Buffer.from('data: a\n\n'));
  sink.end(Buffer.from('data: b\n\ndata: c\n\n'));
  assert.deepEqual(target.written, ['event: delta\ndata: A\n\n', 'event: delta\ndata: B\n\nevent: delta\ndata: C\n\nevent: stop\ndata: {}\n\n']);
  assert.equal(target.ended, true);
});
