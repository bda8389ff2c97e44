import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { createSseDecoder, type SseEvent } from './create-sse-decoder.ts';
import { formatSseEvent } from './format-sse-event.ts';

const fixture = (path: string) => readFileSync(new URL(`../../../shared/fixtures/${path}`, import.meta.url), 'utf8');

function decodeInPieces(text: string, pieceSize: number): SseEvent[] {
  const bytes = Buffer.from(text, 'utf8');
  const decoder = createSseDecoder();
  const events: SseEvent[] = [];
  for (let offset = 0; offset < bytes.length; offset += pieceSize) events.push(...decoder.push(bytes.subarray(offset, offset + pieceSize)));
  events.push(...decoder.end());
  return events;
}

test('Anthropic fixture: every event has its name, and data.type equals it, whatever the chunking', () => {
  const text = fixture('anthropic-messages/stream-tool-use-live.sse');
  const whole = decodeInPieces(text, text.length);
  assert.ok(whole.length > 5);
  for (const event of whole) assert.equal((JSON.parse(event.data) as { type: string }).type, event.event);
  for (const size of [1, 2, 3, 7, 64]) assert.deepEqual(decodeInPieces(text, size), whole, `pieces of ${size} bytes`);
});

test('Chat fixture: data-only events and the [DONE] terminator', () => {
  const events = decodeInPieces(fixture('openai-chat/stream-tool-calls.sse'), 5);
  assert.equal(events.at(-1)?.data, '[DONE]');
  assert.ok(events.every((event) => event.event === undefined));
});

test('CRLF and CR line endings, split anywhere, and UTF-8 characters split across chunks', () => {
  const text = 'event: a\r\ndata: {"t":"héllo ✓"}\r\n\r\nevent: b\rdata: x\r\r';
  const expected = [
    { event: 'a', data: '{"t":"héllo ✓"}' },
    { event: 'b', data: 'x' },
  ];
  for (const size of [1, 2, 3, 5]) assert.deepEqual(decodeInPieces(text, size), expected, `pieces of ${size}`);
});

test('comments are skipped, multi-line data joined, and a last event without a blank line is kept', () => {
  assert.deepEqual(decodeInPieces(': ping\ndata: one\ndata: two\n\ndata: tail', 4), [
    { event: undefined, data: 'one\ntwo' },
    { event: undefined, data: 'tail' },
  ]);
});

test('formatSseEvent writes what the decoder reads back, and refuses CR/LF in names', () => {
  const text = formatSseEvent('{"a":1}', 'message_start') + formatSseEvent('line one\nline two');
  assert.equal(text, 'event: message_start\ndata: {"a":1}\n\ndata: line one\ndata: line two\n\n');
  assert.deepEqual(decodeInPieces(text, 3), [
    { event: 'message_start', data: '{"a":1}' },
    { event: undefined, data: 'line one\nline two' },
  ]);
  assert.throws(() => formatSseEvent('{}', 'bad\nevent: x'));
});

test('events in the common forms and in others read the same, whatever the chunking', () => {
  const text = [
    'data: {"a":1}\n\n',
    'event: message_start\ndata: {"b":2}\n\n',
    'data:no-space\n\n',
    'event: only-name\n\n',
    'data: one\ndata: two\n\n',
    'event: e\nid: 7\ndata: with id\n\n',
    'data: \n\n',
    ': comment\ndata: after comment\n\n',
    'event: x\ndata: last',
  ].join('');
  const expected = [
    { event: undefined, data: '{"a":1}' },
    { event: 'message_start', data: '{"b":2}' },
    { event: undefined, data: 'no-space' },
    { event: 'only-name', data: '' },
    { event: undefined, data: 'one\ntwo' },
    { event: 'e', data: 'with id' },
    { event: undefined, data: '' },
    { event: undefined, data: 'after comment' },
    { event: 'x', data: 'last' },
  ];
  for (let size = 1; size <= text.length; size += 1) assert.deepEqual(decodeInPieces(text, size), expected, `pieces of ${size}`);
});
