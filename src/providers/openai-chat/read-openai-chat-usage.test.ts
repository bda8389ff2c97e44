import assert from 'node:assert/strict';
import test from 'node:test';
import { openaiChatUsageSchema } from './openai-chat-usage-schema.ts';
import { readOpenAIChatUsage } from './read-openai-chat-usage.ts';

/** The hand-written check must accept and refuse exactly what the schema does, and read the same values. */
const cases: readonly unknown[] = [
  { prompt_tokens: 19, completion_tokens: 10, total_tokens: 29 },
  {
    prompt_tokens: 19,
    completion_tokens: 10,
    total_tokens: 29,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0 },
  },
  { prompt_tokens: 5, prompt_cache_hit_tokens: 3, prompt_cache_miss_tokens: 2 },
  { prompt_tokens: null, completion_tokens: null, total_tokens: null, prompt_tokens_details: null, completion_tokens_details: null },
  { prompt_tokens_details: { cache_write_tokens: 4 } },
  {},
  { extra: { nested: ['anything'] } },
  { prompt_tokens: '19' },
  { completion_tokens: Number.POSITIVE_INFINITY },
  { total_tokens: Number.NaN },
  { prompt_cache_hit_tokens: true },
  { prompt_tokens_details: [] },
  { prompt_tokens_details: { cached_tokens: '1' } },
  { completion_tokens_details: 0 },
  { completion_tokens_details: { reasoning_tokens: {} } },
  [],
  null,
  7,
  'usage',
];

test('readOpenAIChatUsage accepts and refuses the same values as openaiChatUsageSchema, and reads the same', () => {
  for (const value of cases) {
    const schema = openaiChatUsageSchema.safeParse(value);
    const read = readOpenAIChatUsage(value);
    assert.equal(read !== undefined, schema.success, JSON.stringify(value));
    if (schema.success) assert.deepEqual(read, schema.data, JSON.stringify(value));
  }
});
