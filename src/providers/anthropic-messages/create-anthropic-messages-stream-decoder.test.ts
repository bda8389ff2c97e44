import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { createSseDecoder, type SseEvent } from '../../streaming/create-sse-decoder.ts';
import { createAnthropicMessagesStreamDecoder } from './create-anthropic-messages-stream-decoder.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../../../shared/fixtures/anthropic-messages/${name}`, import.meta.url), 'utf8');

function sseEvents(text: string, pieceSize = text.length): SseEvent[] {
  const bytes = Buffer.from(text, 'utf8');
  const decoder = createSseDecoder();
  const events: SseEvent[] = [];
  for (let offset = 0; offset < bytes.length; offset += pieceSize) events.push(...decoder.push(bytes.subarray(offset, offset + pieceSize)));
  return [...events, ...decoder.end()];
}

function decode(text: string, pieceSize?: number): StreamPart[] {
  const decoder = createAnthropicMessagesStreamDecoder();
  return [...sseEvents(text, pieceSize).flatMap((event) => decoder.push(event)), ...decoder.end()];
}

const event = (type: string, payload: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;

test('stream-text.sse: start with usage, one text block, cumulative usage, finish', () => {
  assert.deepEqual(decode(fixture('stream-text.sse')), [
    {
      type: 'response-start',
      id: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY',
      model: 'claude-3-5-sonnet-20241022',
      usage: { inputTokens: 25, outputTokens: 1, totalTokens: 26 },
    },
    { type: 'usage', usage: { inputTokens: 25, outputTokens: 1, totalTokens: 26 } },
    { type: 'text-start', index: 0 },
    { type: 'text-delta', index: 0, delta: 'Hello' },
    { type: 'text-delta', index: 0, delta: '!' },
    { type: 'text-end', index: 0 },
    // message_delta gives output only: input is kept from message_start (overwrite field by field, never add).
    { type: 'usage', usage: { inputTokens: 25, outputTokens: 15, totalTokens: 40 } },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } },
  ]);
});

test('stream-tool-use.sse: text at 0, tool_use at 1, the empty first input_json_delta skipped', () => {
  const parts = decode(fixture('stream-tool-use.sse'));
  const text = parts.filter((part) => part.type === 'text-delta').map((part) => (part.type === 'text-delta' ? part.delta : ''));
  assert.equal(text.join(''), "Okay, let's check the weather for San Francisco, CA:");
  assert.deepEqual(
    parts.filter((part) => part.type !== 'text-delta'),
    [
      {
        type: 'response-start',
        id: 'msg_014p7gG3wDgGV9EUtLvnow3U',
        model: 'claude-3-haiku-20240307',
        usage: { inputTokens: 472, outputTokens: 2, totalTokens: 474 },
      },
      { type: 'usage', usage: { inputTokens: 472, outputTokens: 2, totalTokens: 474 } },
      { type: 'text-start', index: 0 },
      { type: 'text-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' },
      { type: 'tool-input-delta', index: 1, delta: '{"location":' },
      { type: 'tool-input-delta', index: 1, delta: ' "San' },
      { type: 'tool-input-delta', index: 1, delta: ' Francisc' },
      { type: 'tool-input-delta', index: 1, delta: 'o,' },
      { type: 'tool-input-delta', index: 1, delta: ' CA"' },
      { type: 'tool-input-delta', index: 1, delta: ', ' },
      { type: 'tool-input-delta', index: 1, delta: '"unit": "fah' },
      { type: 'tool-input-delta', index: 1, delta: 'renheit"}' },
      { type: 'tool-call-end', index: 1 },
      { type: 'usage', usage: { inputTokens: 472, outputTokens: 89, totalTokens: 561 } },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
    ],
  );
});

test('stream-tool-use-live.sse: padded JSON, cache counts, message_delta with input; same parts however the bytes are cut', () => {
  const text = fixture('stream-tool-use-live.sse');
  const usageStart = { inputTokens: 656, outputTokens: 26, totalTokens: 682, cachedInputTokens: 0, cacheWriteInputTokens: 0 };
  const whole = decode(text);
  assert.deepEqual(whole, [
    { type: 'response-start', id: 'msg_01AusY9WEbCaj3N7Tv5J4YjH', model: 'claude-haiku-4-5-20251001', usage: usageStart },
    { type: 'usage', usage: usageStart },
    { type: 'tool-call-start', index: 0, id: 'toolu_018acGYLtfR52q9yDbWaEdQZ', name: 'get_weather' },
    ...['{"', 'loca', 'tio', 'n": ', '"San Fr', 'anci', 'sco, CA"', ', "', 'units": "f"}'].map((delta) => ({ type: 'tool-input-delta', index: 0, delta })),
    { type: 'tool-call-end', index: 0 },
    { type: 'usage', usage: { inputTokens: 656, outputTokens: 74, totalTokens: 730, cachedInputTokens: 0, cacheWriteInputTokens: 0 } },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
  ]);
  for (const size of [1, 7, 64]) assert.deepEqual(decode(text, size), whole, `pieces of ${size} bytes`);
});

test('stream-thinking.sse: reasoning at 0 ends with its signature, text at 1', () => {
  const parts = decode(fixture('stream-thinking.sse'));
  const usage = { inputTokens: 46, outputTokens: 4, totalTokens: 50, cachedInputTokens: 0, cacheWriteInputTokens: 0 };
  assert.deepEqual(parts, [
    { type: 'response-start', id: 'msg_01HtJ4ZSMjhRkSGnUv2nVrqu', model: 'claude-sonnet-4-5-20250929', usage },
    { type: 'usage', usage },
    { type: 'reasoning-start', index: 0 },
    { type: 'reasoning-delta', index: 0, delta: 'Let me solve this step by step:\n\n1. First break down 27 * 453' },
    { type: 'reasoning-delta', index: 0, delta: '\n2. 453 = 400 + 50 + 3' },
    { type: 'reasoning-delta', index: 0, delta: '\n3. 27 * 400 = 10,800' },
    { type: 'reasoning-delta', index: 0, delta: '\n4. 27 * 50 = 1,350' },
    { type: 'reasoning-delta', index: 0, delta: '\n5. 27 * 3 = 81' },
    { type: 'reasoning-delta', index: 0, delta: '\n6. 10,800 + 1,350 + 81 = 12,231' },
    { type: 'reasoning-end', index: 0, signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...' },
    { type: 'text-start', index: 1 },
    { type: 'text-delta', index: 1, delta: '27 * 453 = 12,231' },
    { type: 'text-end', index: 1 },
    { type: 'usage', usage: { inputTokens: 46, outputTokens: 112, totalTokens: 158, cachedInputTokens: 0, cacheWriteInputTokens: 0 } },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } },
  ]);
});

test('stream-error.sse: the error event is an error part, with no finish and nothing after it', () => {
  assert.deepEqual(decode(fixture('stream-error.sse')).slice(2), [
    { type: 'text-start', index: 0 },
    { type: 'text-delta', index: 0, delta: 'Here is' },
    { type: 'error', errorType: 'overloaded_error', message: 'Overloaded' },
  ]);
});

test('parts come out as each event arrives, not at the end', () => {
  const decoder = createAnthropicMessagesStreamDecoder();
  const counts = sseEvents(fixture('stream-text.sse')).map((sse) => decoder.push(sse).length);
  // message_start, block start, ping, 2 deltas, block stop, message_delta, message_stop
  assert.deepEqual(counts, [2, 1, 0, 1, 1, 1, 2, 0]);
  assert.deepEqual(decoder.end(), []);
});

test('parallel tool calls keep their own indexes; server-tool blocks leave no gap; redacted thinking carries its data', () => {
  const stream = [
    event('message_start', { message: { id: 'msg_p', model: 'claude', usage: { input_tokens: 5, output_tokens: 1, cache_read_input_tokens: 100 } } }),
    event('content_block_start', { index: 0, content_block: { type: 'redacted_thinking', data: 'opaque==' } }),
    event('content_block_stop', { index: 0 }),
    event('content_block_start', { index: 1, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } }),
    event('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: '{"query":"x"}' } }),
    event('content_block_stop', { index: 1 }),
    event('content_block_start', { index: 2, content_block: { type: 'tool_use', id: 'toolu_a', name: 'read', input: {} } }),
    event('content_block_delta', { index: 2, delta: { type: 'input_json_delta', partial_json: '{"path":"a"}' } }),
    event('content_block_stop', { index: 2 }),
    event('content_block_start', { index: 3, content_block: { type: 'tool_use', id: 'toolu_b', name: 'read', input: {} } }),
    event('content_block_delta', { index: 3, delta: { type: 'input_json_delta', partial_json: '{"path":"b"}' } }),
    event('content_block_stop', { index: 3 }),
    event('message_delta', {
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 40, output_tokens_details: { thinking_tokens: 12 } },
    }),
    event('message_stop', {}),
  ].join('');
  assert.deepEqual(decode(stream), [
    { type: 'response-start', id: 'msg_p', model: 'claude', usage: { inputTokens: 105, outputTokens: 1, totalTokens: 106, cachedInputTokens: 100 } },
    { type: 'usage', usage: { inputTokens: 105, outputTokens: 1, totalTokens: 106, cachedInputTokens: 100 } },
    { type: 'reasoning-start', index: 0 },
    { type: 'reasoning-end', index: 0, redactedData: 'opaque==' },
    { type: 'tool-call-start', index: 1, id: 'toolu_a', name: 'read' },
    { type: 'tool-input-delta', index: 1, delta: '{"path":"a"}' },
    { type: 'tool-call-end', index: 1 },
    { type: 'tool-call-start', index: 2, id: 'toolu_b', name: 'read' },
    { type: 'tool-input-delta', index: 2, delta: '{"path":"b"}' },
    { type: 'tool-call-end', index: 2 },
    { type: 'usage', usage: { inputTokens: 105, outputTokens: 40, totalTokens: 145, cachedInputTokens: 100, reasoningTokens: 12 } },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
  ]);
});

test('every stop reason reaches the finish part', () => {
  for (const [raw, unified] of [
    ['max_tokens', 'length'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'stop'],
    ['model_context_window_exceeded', 'length'],
    ['stop_sequence', 'stop'],
  ]) {
    const parts = decode(
      event('message_start', { message: { id: 'm', model: 'c' } }) + event('message_delta', { delta: { stop_reason: raw }, usage: { output_tokens: 1 } }),
    );
    assert.deepEqual(parts.at(-1), { type: 'finish', finishReason: { unified, raw } });
  }
});

test('a stream cut short: message_stop without a stop reason finishes as other; a close before message_stop is an error', () => {
  const start = event('message_start', { message: { id: 'm', model: 'c' } });
  assert.deepEqual(decode(start + event('message_stop', {})), [
    { type: 'response-start', id: 'm', model: 'c' },
    { type: 'finish', finishReason: { unified: 'other', raw: undefined } },
  ]);
  assert.deepEqual(decode(start + event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } })).at(-1), {
    type: 'error',
    errorType: 'api_error',
    message: 'The upstream stream ended before the message was complete.',
  });
});

test('junk is ignored: pings, unknown events and deltas, data that is not JSON, deltas for unknown blocks', () => {
  const stream = [
    event('message_start', { message: { id: 'm', model: 'c' } }),
    'event: ping\ndata: {"type": "ping"}\n\n',
    'data: not json\n\n',
    event('future_event', { index: 0 }),
    event('content_block_delta', { index: 9, delta: { type: 'text_delta', text: 'lost' } }),
    event('content_block_start', { index: 0, content_block: { type: 'text', text: '', citations: null } }),
    event('content_block_delta', { index: 0, delta: { type: 'citations_delta', citation: {} } }),
    event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'kept' } }),
    event('content_block_stop', { index: 0 }),
    event('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }),
    event('message_stop', {}),
  ].join('');
  assert.deepEqual(decode(stream), [
    { type: 'response-start', id: 'm', model: 'c' },
    { type: 'text-start', index: 0 },
    { type: 'text-delta', index: 0, delta: 'kept' },
    { type: 'text-end', index: 0 },
    { type: 'usage', usage: { outputTokens: 2 } },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } },
  ]);
});

test('deltaJson: the literal of a text_delta of a started text block, compact, padded or spaced; nothing for any other event', () => {
  const decoder = createAnthropicMessagesStreamDecoder();
  const sse = (data: string): SseEvent => ({ event: 'content_block_delta', data });
  const compact = (index: number, literal: string): SseEvent =>
    sse(`{"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":${literal}}}`);
  assert.equal(decoder.deltaJson?.(compact(0, '"Hi"')), undefined, 'no block started');
  decoder.push(sse(JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } })));
  assert.equal(decoder.deltaJson?.(compact(0, '"Hi"')), undefined, 'a thinking block');
  decoder.push(sse(JSON.stringify({ type: 'content_block_stop', index: 0 })));
  decoder.push(sse(JSON.stringify({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } })));
  assert.equal(decoder.deltaJson?.(compact(1, String.raw`"a \"b\" \u00e9"`)), String.raw`"a \"b\" \u00e9"`);
  assert.equal(decoder.deltaIndex, 1, 'the canonical index: the thinking block was 0');
  assert.equal(decoder.deltaJson?.(sse('{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"padded"}}            ')), '"padded"');
  assert.equal(decoder.deltaJson?.(sse('{"type": "content_block_delta", "index": 1, "delta": {"type": "text_delta", "text": "spaced"}}')), '"spaced"');
  for (const data of [
    '{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":""}}',
    '{"type":"content_block_delta","index":2,"delta":{"type":"text_delta","text":"x"}}',
    '{"type":"content_block_delta","index":01,"delta":{"type":"text_delta","text":"x"}}',
    '{"index":1,"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}}',
    '{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"\\x"}}',
    '{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"x","extra":1}}',
    '{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"x"}}\u00a0',
  ]) {
    assert.equal(decoder.deltaJson?.(sse(data)), undefined, data);
  }
  // Asking changed nothing: the event pushed makes the same one text delta.
  assert.deepEqual(decoder.push(compact(1, '"Hi"')), [{ type: 'text-delta', index: 1, delta: 'Hi' }]);
  decoder.push(sse(JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'busy' } })));
  assert.equal(decoder.deltaJson?.(compact(1, '"Hi"')), undefined, 'after an error');
});

test('deltaJson: the literal of an input_json_delta of a started tool block, as push reads it', () => {
  const decoder = createAnthropicMessagesStreamDecoder();
  const sse = (data: string): SseEvent => ({ event: 'content_block_delta', data });
  const partial = (index: number, literal: string): SseEvent =>
    sse(`{"type":"content_block_delta","index":${index},"delta":{"type":"input_json_delta","partial_json":${literal}}}              `);
  decoder.push(sse(JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })));
  assert.equal(decoder.deltaJson?.(partial(0, '"{"')), undefined, 'partial JSON for a text block');
  decoder.push(sse(JSON.stringify({ type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} } })));
  assert.equal(decoder.deltaJson?.(partial(1, '""')), undefined, 'the first, empty fragment makes no part');
  assert.equal(decoder.deltaJson?.(partial(1, String.raw`"{\"q\": 1"`)), String.raw`"{\"q\": 1"`);
  assert.deepEqual([decoder.deltaType, decoder.deltaIndex], ['tool-input-delta', 1]);
  assert.equal(
    decoder.deltaJson?.(sse('{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"x"}}')),
    undefined,
    'text for a tool block',
  );
  assert.equal(
    decoder.deltaJson?.(sse('{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","text":"x"}}')),
    undefined,
    'the wrong member',
  );
  assert.deepEqual(decoder.push(partial(1, '"{}"')), [{ type: 'tool-input-delta', index: 1, delta: '{}' }]);
});

test('deltaJson: the literal of a thinking_delta of a started thinking block', () => {
  const decoder = createAnthropicMessagesStreamDecoder();
  const sse = (data: string): SseEvent => ({ event: 'content_block_delta', data });
  const thinking = (index: number, literal: string): SseEvent =>
    sse(`{"type":"content_block_delta","index":${index},"delta":{"type":"thinking_delta","thinking":${literal}}}`);
  assert.equal(decoder.deltaJson?.(thinking(0, '"hm"')), undefined, 'no block started');
  decoder.push(sse(JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } })));
  assert.equal(decoder.deltaJson?.(thinking(0, String.raw`"Let me see:\n1."`)), String.raw`"Let me see:\n1."`);
  assert.deepEqual([decoder.deltaType, decoder.deltaIndex], ['reasoning-delta', 0]);
  assert.equal(
    decoder.deltaJson?.(sse('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}}')),
    undefined,
    'text for a thinking block',
  );
  assert.deepEqual(decoder.push(thinking(0, '"ok"')), [{ type: 'reasoning-delta', index: 0, delta: 'ok' }]);
});
