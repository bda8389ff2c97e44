import assert from 'node:assert/strict';
import test from 'node:test';
import { openaiChatChunkSchema } from './openai-chat-chunk-schema.ts';
import { readOpenAIChatChunk } from './read-openai-chat-chunk.ts';

/** The hand-written check must accept and refuse exactly what the schema does. */
const cases: readonly unknown[] = [
  { id: 'c', model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }] },
  { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{"a"' } }] } }] },
  { choices: [{ index: 0, delta: { reasoning_content: 'think', reasoning: { any: 'shape' } } }], obfuscation: 'x' },
  { choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7, prompt_tokens_details: { cached_tokens: 1 } } },
  { choices: [{ delta: null, finish_reason: 'stop' }] },
  {},
  { choices: 'nope' },
  { choices: [null] },
  { choices: [{ index: '0' }] },
  { choices: [{ delta: { content: 5 } }] },
  { choices: [{ delta: { tool_calls: {} } }] },
  { choices: [{ delta: { tool_calls: [{ function: { arguments: 1 } }] } }] },
  { id: 7 },
  { choices: [{ index: Number.POSITIVE_INFINITY }] },
  { usage: { prompt_tokens: 'many' } },
  { usage: [] },
  [],
  'text',
  null,
];

test('readOpenAIChatChunk accepts and refuses the same chunks as openaiChatChunkSchema', () => {
  for (const value of cases) {
    const schema = openaiChatChunkSchema.safeParse(value);
    const read = readOpenAIChatChunk(value);
    assert.equal(read !== undefined, schema.success, JSON.stringify(value));
    if (schema.success) assert.deepEqual(read?.usage, schema.data.usage, JSON.stringify(value));
  }
});
