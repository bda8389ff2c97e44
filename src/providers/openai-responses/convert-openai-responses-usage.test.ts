import assert from 'node:assert/strict';
import test from 'node:test';
import { convertOpenAIResponsesUsage } from './convert-openai-responses-usage.ts';
import { convertToOpenAIResponsesUsage } from './convert-to-openai-responses-usage.ts';

const full = {
  input_tokens: 1200,
  input_tokens_details: { cached_tokens: 1024, cache_write_tokens: 100 },
  output_tokens: 300,
  output_tokens_details: { reasoning_tokens: 256 },
  total_tokens: 1500,
};

test('usage with cache and reasoning tokens round-trips exactly', () => {
  const canonical = convertOpenAIResponsesUsage(full);
  assert.deepEqual(canonical, {
    inputTokens: 1200,
    outputTokens: 300,
    totalTokens: 1500,
    cachedInputTokens: 1024,
    cacheWriteInputTokens: 100,
    reasoningTokens: 256,
  });
  assert.deepEqual(convertToOpenAIResponsesUsage(canonical), full);
});

test('missing counts: only what was reported is canonical; the body fills zeros and computes the total', () => {
  assert.deepEqual(convertOpenAIResponsesUsage({ input_tokens: 5, output_tokens: null }), { inputTokens: 5 });
  assert.deepEqual(convertToOpenAIResponsesUsage({ inputTokens: 5, outputTokens: 7 }), {
    input_tokens: 5,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: 7,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 12,
  });
});
