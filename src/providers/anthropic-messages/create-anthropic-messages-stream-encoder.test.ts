import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { createSseDecoder } from '../../streaming/create-sse-decoder.ts';
import { createAnthropicMessagesStreamDecoder } from './create-anthropic-messages-stream-decoder.ts';
import { createAnthropicMessagesStreamEncoder } from './create-anthropic-messages-stream-encoder.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../../../shared/fixtures/anthropic-messages/${name}`, import.meta.url), 'utf8');

type Event = { type: string } & Record<string, unknown>;

/** SSE text -> the JSON of each event, checking that every event has an `event:` line equal to its `type`. */
function parseEvents(text: string): Event[] {
  const decoder = createSseDecoder();
  return [...decoder.push(Buffer.from(text)), ...decoder.end()].map((sse) => {
    const data = JSON.parse(sse.data) as Event;
    assert.equal(sse.event, data.type, 'the event: line names the event');
    return data;
  });
}

function decodeFixture(name: string): StreamPart[] {
  const decoder = createAnthropicMessagesStreamDecoder();
  const sse = createSseDecoder();
  return [...[...sse.push(Buffer.from(fixture(name))), ...sse.end()].flatMap((event) => decoder.push(event)), ...decoder.end()];
}

function encode(parts: readonly StreamPart[], options = { id: 'msg_gw', model: 'claude-gw' }, end = true): Event[] {
  const encoder = createAnthropicMessagesStreamEncoder(options);
  return parseEvents(parts.map((part) => encoder.encode(part)).join('') + (end ? encoder.end() : ''));
}

/** What a translation cannot reproduce byte for byte: usage (compared on its own), `caller`, the empty first input_json_delta. */
function comparable(events: readonly Event[]): unknown[] {
  return events
    .filter((event) => !(event.type === 'content_block_delta' && (event['delta'] as { partial_json?: string }).partial_json === ''))
    .map((event) => JSON.parse(JSON.stringify(event, (key, value) => (key === 'usage' || key === 'caller' ? undefined : value))));
}

const usageOf = (events: readonly Event[]) => [
  (events.find((event) => event.type === 'message_start')?.['message'] as { usage?: unknown } | undefined)?.usage,
  events.find((event) => event.type === 'message_delta')?.['usage'],
];

test('every fixture stream, decoded and encoded again, gives the same events (usage in full, with the cache counts)', () => {
  const cases: [string, unknown[]][] = [
    [
      'stream-text.sse',
      [
        { input_tokens: 25, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
        { output_tokens: 15, input_tokens: 25, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      ],
    ],
    [
      'stream-tool-use.sse',
      [
        { input_tokens: 472, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
        { output_tokens: 89, input_tokens: 472, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      ],
    ],
    [
      'stream-tool-use-live.sse',
      [
        { input_tokens: 656, output_tokens: 26, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
        { output_tokens: 74, input_tokens: 656, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      ],
    ],
    [
      'stream-thinking.sse',
      [
        { input_tokens: 46, output_tokens: 4, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
        { output_tokens: 112, input_tokens: 46, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      ],
    ],
  ];
  for (const [name, usage] of cases) {
    const original = parseEvents(fixture(name));
    const start = original[0]?.['message'] as { id: string; model: string };
    const translated = encode(decodeFixture(name), { id: start.id, model: start.model });
    assert.deepEqual(comparable(translated), comparable(original), name);
    assert.deepEqual(usageOf(translated), usage, name);
  }
});

test('stream-error.sse: the error part becomes the same error event, and nothing follows it', () => {
  const original = parseEvents(fixture('stream-error.sse'));
  const encoder = createAnthropicMessagesStreamEncoder({ id: 'msg_01XFDUDYJgAACzvnptvVoYEL', model: 'claude-sonnet-4-5-20250929' });
  const text = decodeFixture('stream-error.sse')
    .map((part) => encoder.encode(part))
    .join('');
  assert.deepEqual(comparable(parseEvents(text)), comparable(original));
  assert.equal(encoder.end(), '');
  assert.equal(encoder.encode({ type: 'text-delta', index: 0, delta: 'late' }), '');
});

test('a Chat-style stream: message_start before usage is known, parallel tool calls, usage after the finish releases message_delta', () => {
  const encoder = createAnthropicMessagesStreamEncoder({ id: 'msg_1', model: 'gpt-5-mini', createdSeconds: 1 });
  const emitted = (
    [
      { type: 'response-start', id: 'chatcmpl-1', model: 'gpt-5-mini' },
      { type: 'text-start', index: 0 },
      { type: 'text-delta', index: 0, delta: 'Checking both.' },
      { type: 'tool-call-start', index: 1, id: 'call_a', name: 'weather' },
      { type: 'tool-input-delta', index: 1, delta: '{"city":' },
      { type: 'tool-input-delta', index: 1, delta: '"Paris"}' },
      { type: 'tool-call-start', index: 2, id: 'call_b', name: 'weather' },
      { type: 'tool-input-delta', index: 2, delta: '{"city":"Rome"}' },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' } },
    ] satisfies StreamPart[]
  ).map((part) => encoder.encode(part));
  assert.deepEqual(
    parseEvents(emitted.at(-1) ?? ''),
    [{ type: 'content_block_stop', index: 2 }],
    'the finish closes the open block; message_delta waits for usage',
  );
  const usage = encoder.encode({
    type: 'usage',
    usage: { inputTokens: 1200, outputTokens: 60, totalTokens: 1260, cachedInputTokens: 1000, reasoningTokens: 20 },
  });
  assert.equal(encoder.end(), '', 'usage after the finish already ended the message');
  assert.deepEqual(parseEvents(emitted.join('') + usage), [
    {
      type: 'message_start',
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'gpt-5-mini',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'ping' },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Checking both.' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_a', name: 'weather', input: {} } },
    { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
    { type: 'content_block_stop', index: 1 },
    { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_b', name: 'weather', input: {} } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city":"Rome"}' } },
    { type: 'content_block_stop', index: 2 },
    {
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: {
        output_tokens: 60,
        input_tokens: 200,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 1000,
        output_tokens_details: { thinking_tokens: 20 },
      },
    },
    { type: 'message_stop' },
  ]);
});

test('canonical indexes with gaps or reasoning left out still give contiguous AM indexes', () => {
  const events = encode([
    { type: 'response-start', id: 'r', model: 'm' },
    { type: 'reasoning-start', index: 0 },
    { type: 'reasoning-end', index: 0, encryptedContent: 'enc' },
    { type: 'tool-call-start', index: 3, id: 'call_1', name: 'f' },
    { type: 'tool-call-end', index: 3 },
    { type: 'text-start', index: 7 },
    { type: 'text-delta', index: 7, delta: 'done' },
    { type: 'text-end', index: 7 },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } },
  ]);
  assert.deepEqual(
    events.filter((event) => event.type.startsWith('content_block')).map((event) => `${event.type}@${String(event['index'])}`),
    ['content_block_start@0', 'content_block_stop@0', 'content_block_start@1', 'content_block_delta@1', 'content_block_stop@1'],
  );
  assert.deepEqual(events.at(-2), {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 0 },
  });
});

test('reasoning: text and signature, signature only, redacted only, text without a signature', () => {
  const blocks = (parts: StreamPart[]) =>
    encode([{ type: 'response-start', id: 'r', model: 'm' }, ...parts, { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } }]).filter(
      (event) => event.type.startsWith('content_block'),
    );
  assert.deepEqual(
    blocks([
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'think' },
      { type: 'reasoning-end', index: 0, signature: 'sig==' },
    ]),
    [
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'think' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig==' } },
      { type: 'content_block_stop', index: 0 },
    ],
  );
  assert.deepEqual(
    blocks([
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-end', index: 0, signature: 'sig==' },
    ]),
    [
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig==' } },
      { type: 'content_block_stop', index: 0 },
    ],
  );
  assert.deepEqual(
    blocks([
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-end', index: 0, redactedData: 'opaque==' },
    ]),
    [
      { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'opaque==' } },
      { type: 'content_block_stop', index: 0 },
    ],
  );
  assert.deepEqual(
    blocks([
      { type: 'reasoning-start', index: 0, id: 'rs_1' },
      { type: 'reasoning-delta', index: 0, delta: 'summary' },
      { type: 'reasoning-end', index: 0, encryptedContent: 'enc' },
      { type: 'text-start', index: 1 },
      { type: 'text-delta', index: 1, delta: 'hi' },
    ]),
    [
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'summary' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'hi' } },
      { type: 'content_block_stop', index: 1 },
    ],
  );
});

test('blocks without a start, blocks interleaved, and a stream that ends without a finish', () => {
  const events = encode([
    { type: 'text-delta', index: 0, delta: 'a' },
    { type: 'tool-call-start', index: 1, id: 'call_1', name: 'f' },
    { type: 'text-delta', index: 0, delta: 'b' },
    { type: 'tool-input-delta', index: 1, delta: '{}' },
    { type: 'tool-input-delta', index: 9, delta: 'no block' },
  ]);
  assert.deepEqual(
    events.map((event) =>
      [event.type, event['index'], (event['delta'] as Record<string, unknown> | undefined)?.['type']].filter((value) => value !== undefined).join(' '),
    ),
    [
      'message_start',
      'content_block_start 0',
      'ping',
      'content_block_delta 0 text_delta',
      'content_block_stop 0',
      'content_block_start 1',
      'content_block_stop 1',
      // Text after another block opened goes on in a new text block; a late tool fragment keeps its block's index.
      'content_block_start 2',
      'content_block_delta 2 text_delta',
      'content_block_delta 1 input_json_delta',
      'content_block_stop 2',
      'message_delta',
      'message_stop',
    ],
  );
  assert.deepEqual(events.at(-2)?.['delta'], { stop_reason: 'end_turn', stop_sequence: null });
});

test('an empty answer still has message_start, message_delta and message_stop', () => {
  assert.deepEqual(
    encode([]).map((event) => event.type),
    ['message_start', 'message_delta', 'message_stop'],
  );
});

test('fail writes the error event with an Anthropic error type, once; an error part does the same', () => {
  const encoder = createAnthropicMessagesStreamEncoder({ id: 'm', model: 'c' });
  encoder.encode({ type: 'text-delta', index: 0, delta: 'partial' });
  assert.deepEqual(parseEvents(encoder.fail('rate_limit_exceeded', 'Slow down')), [
    { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } },
  ]);
  assert.equal(encoder.fail('api_error', 'again'), '');
  assert.equal(encoder.end(), '');
  assert.deepEqual(encode([{ type: 'error', errorType: 'server_error', message: 'boom' }], undefined, false), [
    { type: 'error', error: { type: 'api_error', message: 'boom' } },
  ]);
  assert.deepEqual(encode([{ type: 'error', errorType: 'overloaded_error', message: 'Overloaded' }], undefined, false)[0], {
    type: 'error',
    error: { type: 'overloaded_error', message: 'Overloaded' },
  });
});

test('encodeDeltaJson writes what encode writes for a text delta of the open text block or partial JSON of a started tool block, and declines any other', () => {
  const options = { id: 'msg_gw', model: 'claude-gw' };
  const encoder = createAnthropicMessagesStreamEncoder(options);
  const reference = createAnthropicMessagesStreamEncoder(options);
  /** Both encoders get the part; they must write the same. */
  const both = (part: StreamPart): void => assert.equal(encoder.encode(part), reference.encode(part));
  assert.equal(encoder.encodeDeltaJson?.('text-delta', 0, '"x"'), undefined, 'no block open yet');
  both({ type: 'response-start', id: 'up', model: 'm' });
  both({ type: 'text-start', index: 0 });
  both({ type: 'text-delta', index: 0, delta: 'Hi' });
  assert.equal(encoder.encodeDeltaJson?.('text-delta', 0, JSON.stringify('a "b"\n')), reference.encode({ type: 'text-delta', index: 0, delta: 'a "b"\n' }));
  assert.equal(encoder.encodeDeltaJson?.('text-delta', 1, '"x"'), undefined, 'another canonical block');
  both({ type: 'text-end', index: 0 });
  assert.equal(encoder.encodeDeltaJson?.('text-delta', 0, '"x"'), undefined, 'the block was closed');
  both({ type: 'reasoning-start', index: 1 });
  both({ type: 'reasoning-delta', index: 1, delta: 'hmm' });
  assert.equal(encoder.encodeDeltaJson?.('text-delta', 1, '"x"'), undefined, 'a thinking block is open');
  both({ type: 'reasoning-end', index: 1 });
  both({ type: 'tool-call-start', index: 2, id: 'toolu_1', name: 'lookup' });
  assert.equal(
    encoder.encodeDeltaJson?.('tool-input-delta', 2, JSON.stringify('{"q":')),
    reference.encode({ type: 'tool-input-delta', index: 2, delta: '{"q":' }),
  );
  assert.equal(encoder.encodeDeltaJson?.('tool-input-delta', 3, '"x"'), undefined, 'no such tool block');
  assert.equal(encoder.encodeDeltaJson?.('text-delta', 2, '"x"'), undefined, 'a tool block is not text');
  encoder.fail('upstream_error', 'broken');
  assert.equal(encoder.encodeDeltaJson?.('tool-input-delta', 2, '"x"'), '', 'nothing after the error event');
});
