import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { createSseDecoder } from '../../streaming/create-sse-decoder.ts';
import { anthropicMessagesStreamEventSchema } from './anthropic-messages-response-schema.ts';
import { createAnthropicMessagesStreamDecoder } from './create-anthropic-messages-stream-decoder.ts';
import { readAnthropicMessagesStreamEvent } from './read-anthropic-messages-stream-event.ts';

const cases: readonly unknown[] = [
  {
    type: 'message_start',
    message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, usage: { input_tokens: 3, output_tokens: 1 } },
  },
  {
    type: 'message_start',
    message: {
      content: [
        { type: 'text', text: 'Hi', citations: [{ any: 1 }] },
        { type: 'tool_use', id: 't', name: 'f', input: 'anything' },
      ],
    },
  },
  { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
  { type: 'content_block_start', index: 1, content_block: { type: 'server_tool_use', id: 's', input: {}, extra: [1] } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: { cited_text: 'x' } } },
  { type: 'content_block_stop', index: 0 },
  {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 9, output_tokens_details: { thinking_tokens: 4 } },
  },
  { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
  { type: 'ping', index: null, delta: null, usage: null, message: null, content_block: null, error: null },
  { type: 'x', index: -0 },
  {},
  { type: 7 },
  { type: 'content_block_delta', index: -1 },
  { type: 'content_block_delta', index: 1.5 },
  { type: 'content_block_delta', index: 2 ** 53 },
  { type: 'content_block_delta', index: '0' },
  { type: 'content_block_delta', delta: [] },
  { type: 'content_block_delta', delta: { text: 5 } },
  { type: 'content_block_delta', delta: 'text' },
  { type: 'content_block_start', content_block: {} },
  { type: 'content_block_start', content_block: { type: 'text', citations: {} } },
  { type: 'content_block_start', content_block: { type: 'tool_use', name: ['f'] } },
  { type: 'message_delta', usage: { output_tokens: '9' } },
  JSON.parse('{"type":"message_delta","usage":{"output_tokens":1e999}}'),
  JSON.parse('{"type":"content_block_delta","index":-1e999}'),
  { type: 'message_delta', usage: { output_tokens: 1e308, input_tokens: 2 ** 60 } },
  { type: 'message_delta', usage: { output_tokens_details: { thinking_tokens: 'many' } } },
  { type: 'message_delta', usage: { output_tokens_details: [] } },
  { type: 'message_delta', usage: [] },
  { type: 'message_start', message: [] },
  { type: 'message_start', message: { content: [null] } },
  { type: 'message_start', message: { content: {} } },
  { type: 'message_start', message: { usage: { cache_read_input_tokens: null, cache_creation_input_tokens: 'x' } } },
  { type: 'error', error: { message: 1 } },
  { type: 'error', error: 'overloaded' },
  JSON.parse('{"type":"message_delta","usage":{"__proto__":{"output_tokens":"bad"},"output_tokens":1}}'),
  [],
  'text',
  null,
];

/** Every value of a tree replaced in turn by each of a few values of other types: the schema's edges, field by field. */
function* variants(value: unknown): Generator<unknown> {
  const replacements: readonly unknown[] = [null, 'x', 1, -1, 0.5, true, [], {}, [null], { type: 'x' }];
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      for (const inner of variants(value[index])) yield value.map((item, at) => (at === index ? inner : item));
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, field] of Object.entries(value)) {
      for (const inner of variants(field)) yield { ...value, [key]: inner };
      const { [key]: _removed, ...rest } = value as Record<string, unknown>;
      yield rest;
    }
  }
  yield* replacements;
}

/** The value without own `__proto__` keys, which zod's copy leaves out (JSON.parse makes them plain keys). */
function withoutProtoKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProtoKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, field]) => (key === '__proto__' ? [] : [[key, withoutProtoKeys(field)]])));
}

function assertSameAnswer(value: unknown): void {
  const schema = anthropicMessagesStreamEventSchema.safeParse(value);
  const read = readAnthropicMessagesStreamEvent(value);
  assert.equal(read !== undefined, schema.success, JSON.stringify(value));
  // The decoder reads the value itself where it read the schema's copy: the same fields with the same values.
  if (schema.success) assert.deepEqual(withoutProtoKeys(read), schema.data, JSON.stringify(value));
}

test('readAnthropicMessagesStreamEvent accepts and refuses the same events as anthropicMessagesStreamEventSchema', () => {
  for (const value of cases) assertSameAnswer(value);
});

test('… and so does every one-field variant of the recorded stream events', () => {
  const events = ['stream-text.sse', 'stream-thinking.sse', 'stream-tool-use.sse', 'stream-tool-use-live.sse', 'stream-error.sse'].flatMap((name) => {
    const sse = createSseDecoder();
    return [...sse.push(readFileSync(new URL(`../../../../shared/fixtures/anthropic-messages/${name}`, import.meta.url))), ...sse.end()];
  });
  let count = 0;
  for (const event of events) {
    for (const value of variants(JSON.parse(event.data))) {
      assertSameAnswer(value);
      count += 1;
    }
  }
  assert.ok(count > 1000, `${count} variants`);
});

test("an own `__proto__` key, which the schema's copy left out and the value keeps, changes nothing the decoder gives", () => {
  const decode = (usage: string) => {
    const decoder = createAnthropicMessagesStreamDecoder();
    return [
      decoder.push({ event: 'message_start', data: `{"type":"message_start","message":{"id":"msg_1","model":"m","usage":${usage}}}` }),
      decoder.push({ event: 'message_delta', data: `{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":${usage}}` }),
    ];
  };
  assert.deepEqual(decode('{"__proto__":{"output_tokens":7},"input_tokens":2,"output_tokens":1}'), decode('{"input_tokens":2,"output_tokens":1}'));
  assert.deepEqual(decode('{"__proto__":{"output_tokens":7},"input_tokens":2}'), decode('{"input_tokens":2}'));
});
