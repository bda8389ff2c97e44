import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { createSseDecoder } from '../../streaming/create-sse-decoder.ts';
import { openaiResponsesStreamEventSchema } from './openai-responses-stream-event-schema.ts';
import { readOpenAIResponsesStreamEvent } from './read-openai-responses-stream-event.ts';

const response = { id: 'resp_1', object: 'response', model: 'm', created_at: 1, status: 'completed', tools: [{ type: 'function' }], metadata: {} };
const cases: readonly Record<string, unknown>[] = [
  { type: 'response.created', response },
  { type: 'response.completed', response: { ...response, output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi', annotations: [] }] }] } },
  {
    type: 'response.completed',
    response: {
      ...response,
      usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
    },
  },
  { type: 'response.incomplete', response: { ...response, incomplete_details: { reason: 'max_output_tokens' } } },
  { type: 'response.failed', response: { ...response, error: { code: 'server_error', message: 'x' } } },
  {
    type: 'response.output_item.done',
    output_index: 0,
    item: { type: 'reasoning', id: 'rs', summary: [{ type: 'summary_text', text: 'a' }], encrypted_content: 'e' },
  },
  { type: 'response.output_item.added', output_index: 1, item: { type: 'function_call', call_id: 'c', name: 'f', arguments: '' } },
  { type: 'response.content_part.added', output_index: 0, content_index: 0, part: { type: 'refusal', refusal: 'no' } },
  { type: 'response.output_text.delta', item_id: 'msg', output_index: 0, content_index: 0, delta: 'Hi', logprobs: [], obfuscation: 'x' },
  { type: 'error', code: 429, message: 'slow down' },
  { type: 'error', error: { code: 'rate_limit_exceeded', type: 'tokens', message: 'slow down' } },
  { output_index: 0, delta: 'no own type: the SSE event name is the type' },
  { type: 'response.output_text.delta', output_index: -1 },
  { type: 'response.output_text.delta', content_index: 0.5 },
  { type: 'response.output_text.delta', summary_index: 2 ** 53 },
  { type: 'response.output_text.delta', delta: 5 },
  { type: 'response.output_text.delta', part: { text: 'no type' } },
  { type: 'response.output_text.delta', part: [] },
  { type: 'error', code: true },
  { type: 'error', code: {} },
  { type: 'error', error: { code: null, type: 1 } },
  { type: 'error', error: 'boom' },
  { type: 'response.created', response: {} },
  { type: 'response.created', response: { id: 1 } },
  { type: 'response.created', response: { id: 'r', created_at: '1' } },
  { type: 'response.created', response: { id: 'r', output: [null] } },
  { type: 'response.created', response: { id: 'r', output: [{ type: 'message', content: [null] }] } },
  { type: 'response.created', response: { id: 'r', output: {} } },
  { type: 'response.created', response: { id: 'r', usage: { input_tokens_details: { cache_write_tokens: 'x' } } } },
  { type: 'response.created', response: { id: 'r', error: { code: 500 } } },
  { type: 'response.created', response: { id: 'r', incomplete_details: 'max_output_tokens' } },
  { type: 'response.output_item.done', item: { id: 'no type' } },
  { type: 'response.output_item.done', item: { type: 'message', content: {} } },
  { type: 'response.output_item.done', item: { type: 'reasoning', summary: [{ type: 'summary_text', text: 1 }] } },
  JSON.parse('{"type":"error","code":1e999}'),
  JSON.parse('{"type":"response.completed","response":{"id":"r","usage":{"input_tokens":-1e999}}}'),
  JSON.parse('{"type":"response.completed","response":{"__proto__":{"id":5},"id":"r"}}'),
  Object.assign([1, 2], {}),
];

/** The value without own `__proto__` keys, which zod's copy leaves out (JSON.parse makes them plain keys). */
function withoutProtoKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProtoKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, field]) => (key === '__proto__' ? [] : [[key, withoutProtoKeys(field)]])));
}

/** As the decoder calls both: the event's own `type`, or the SSE event name when it has none. */
function assertSameAnswer(value: Record<string, unknown>): void {
  const type = value['type'] ?? 'response.output_text.delta';
  if (typeof type !== 'string') return;
  const schema = openaiResponsesStreamEventSchema.safeParse({ ...value, type });
  const read = readOpenAIResponsesStreamEvent(value, type);
  assert.equal(read !== undefined, schema.success, JSON.stringify(value));
  // The decoder reads the value itself where it read the schema's copy: the same fields with the same values.
  if (schema.success) assert.deepEqual(withoutProtoKeys(read), schema.data, JSON.stringify(value));
}

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

test('readOpenAIResponsesStreamEvent accepts and refuses the same events as openaiResponsesStreamEventSchema', () => {
  for (const value of cases) assertSameAnswer(value);
});

test('… and so does every one-field variant of the recorded stream events', () => {
  const events = ['stream-text.sse', 'stream-function-call.sse', 'stream-reasoning.sse'].flatMap((name) => {
    const sse = createSseDecoder();
    return [...sse.push(readFileSync(new URL(`../../../../shared/fixtures/responses/${name}`, import.meta.url))), ...sse.end()];
  });
  let count = 0;
  for (const event of events) {
    for (const value of variants(JSON.parse(event.data))) {
      if (typeof value !== 'object' || value === null) continue;
      assertSameAnswer(value as Record<string, unknown>);
      count += 1;
    }
  }
  assert.ok(count > 1000, `${count} variants`);
});
