import assert from 'node:assert/strict';
import test from 'node:test';
import { readWireUsage } from './read-wire-usage.ts';

test("each protocol's usage through its own converter", () => {
  assert.deepEqual(
    readWireUsage('openai-chat', {
      prompt_tokens: 19,
      completion_tokens: 10,
      total_tokens: 29,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 2 },
    }),
    { inputTokens: 19, outputTokens: 10, totalTokens: 29, cachedInputTokens: 4, reasoningTokens: 2 },
  );
  assert.deepEqual(readWireUsage('anthropic-messages', { input_tokens: 25, cache_read_input_tokens: 5, output_tokens: 15 }), {
    inputTokens: 30,
    outputTokens: 15,
    totalTokens: 45,
    cachedInputTokens: 5,
  });
  assert.deepEqual(
    readWireUsage('openai-responses', { input_tokens: 37, output_tokens: 11, total_tokens: 48, output_tokens_details: { reasoning_tokens: 3 } }),
    {
      inputTokens: 37,
      outputTokens: 11,
      totalTokens: 48,
      reasoningTokens: 3,
    },
  );
  assert.deepEqual(readWireUsage('openai-chat', { prompt_tokens: 7, total_tokens: 7 }), { inputTokens: 7, totalTokens: 7 }, 'embeddings');
});

test('only counts are read: strings, arrays, non-finite numbers and __proto__ keys are left out', () => {
  const hostile = JSON.parse(
    '{"prompt_tokens":"12","completion_tokens":3,"total_tokens":[1],"__proto__":{"prompt_tokens":99},"prompt_tokens_details":{"cached_tokens":{"x":1}}}',
  ) as Record<string, unknown>;
  assert.deepEqual(readWireUsage('openai-chat', hostile), { outputTokens: 3 });
  assert.equal(readWireUsage('openai-chat', { note: 'no counts' }), undefined);
});
