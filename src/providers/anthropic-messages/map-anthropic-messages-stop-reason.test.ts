import assert from 'node:assert/strict';
import test from 'node:test';
import type { UnifiedFinishReason } from '../../canonical/finish-reason.ts';
import { convertAnthropicMessagesUsageToCanonical, convertToAnthropicMessagesUsage } from './convert-anthropic-messages-usage.ts';
import { mapAnthropicMessagesStopReason, mapToAnthropicMessagesStopReason } from './map-anthropic-messages-stop-reason.ts';

test('every AM stop reason -> canonical, and back to itself', () => {
  const expected: Record<string, UnifiedFinishReason> = {
    end_turn: 'stop',
    stop_sequence: 'stop',
    pause_turn: 'stop',
    max_tokens: 'length',
    model_context_window_exceeded: 'length',
    tool_use: 'tool-calls',
    refusal: 'content-filter',
  };
  for (const [raw, unified] of Object.entries(expected)) {
    const finishReason = mapAnthropicMessagesStopReason(raw);
    assert.deepEqual(finishReason, { unified, raw });
    assert.equal(mapToAnthropicMessagesStopReason(finishReason), raw);
  }
  assert.deepEqual(mapAnthropicMessagesStopReason('something_new'), { unified: 'other', raw: 'something_new' });
  assert.deepEqual(mapAnthropicMessagesStopReason(null), { unified: 'other', raw: undefined });
});

test('canonical finish reasons from other protocols -> AM stop reasons', () => {
  const cases: [UnifiedFinishReason, string | undefined, string][] = [
    ['stop', 'stop', 'end_turn'],
    ['length', 'length', 'max_tokens'],
    ['length', 'max_output_tokens', 'max_tokens'],
    ['tool-calls', 'tool_calls', 'tool_use'],
    ['content-filter', 'content_filter', 'refusal'],
    ['error', 'failed', 'end_turn'],
    ['other', undefined, 'end_turn'],
    // An AM raw value with another meaning is not trusted.
    ['stop', 'max_tokens', 'end_turn'],
  ];
  for (const [unified, raw, expected] of cases) assert.equal(mapToAnthropicMessagesStopReason({ unified, raw }), expected, `${unified}/${raw}`);
});

test('usage: AM input excludes the cache, canonical includes it; the reverse subtracts', () => {
  const usage = {
    input_tokens: 50,
    output_tokens: 20,
    cache_read_input_tokens: 1000,
    cache_creation_input_tokens: 200,
    output_tokens_details: { thinking_tokens: 7 },
  };
  const canonical = convertAnthropicMessagesUsageToCanonical(usage);
  assert.deepEqual(canonical, {
    inputTokens: 1250,
    outputTokens: 20,
    totalTokens: 1270,
    cachedInputTokens: 1000,
    cacheWriteInputTokens: 200,
    reasoningTokens: 7,
  });
  assert.deepEqual(convertToAnthropicMessagesUsage(canonical), usage);
  assert.deepEqual(convertAnthropicMessagesUsageToCanonical({ output_tokens: 15 }), { outputTokens: 15 });
  assert.deepEqual(convertAnthropicMessagesUsageToCanonical({ input_tokens: 3, cache_read_input_tokens: null }), { inputTokens: 3 });
  assert.deepEqual(convertToAnthropicMessagesUsage({}), { input_tokens: 0, output_tokens: 0 });
  assert.deepEqual(convertToAnthropicMessagesUsage({}, true), {
    input_tokens: 0,
    output_tokens: 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  });
  assert.deepEqual(convertToAnthropicMessagesUsage({ inputTokens: 10, cachedInputTokens: 40 }), {
    input_tokens: 0,
    output_tokens: 0,
    cache_read_input_tokens: 40,
  });
});
