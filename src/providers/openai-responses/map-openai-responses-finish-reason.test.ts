import assert from 'node:assert/strict';
import test from 'node:test';
import type { UnifiedFinishReason } from '../../canonical/finish-reason.ts';
import { mapOpenAIResponsesFinishReason } from './map-openai-responses-finish-reason.ts';
import { mapToOpenAIResponsesStatus } from './map-to-openai-responses-status.ts';

test('status / incomplete reason -> canonical, for every status', () => {
  const cases: [string | undefined, string | undefined, boolean, UnifiedFinishReason, string | undefined][] = [
    ['completed', undefined, false, 'stop', 'completed'],
    ['completed', undefined, true, 'tool-calls', 'completed'],
    ['incomplete', 'max_output_tokens', false, 'length', 'max_output_tokens'],
    ['incomplete', 'content_filter', false, 'content-filter', 'content_filter'],
    ['incomplete', 'something_new', false, 'other', 'something_new'],
    ['incomplete', undefined, false, 'other', 'incomplete'],
    ['failed', undefined, false, 'error', 'failed'],
    ['cancelled', undefined, false, 'error', 'cancelled'],
    ['in_progress', undefined, false, 'other', 'in_progress'],
    [undefined, undefined, false, 'other', undefined],
  ];
  for (const [status, reason, hasToolCalls, unified, raw] of cases) {
    assert.deepEqual(mapOpenAIResponsesFinishReason(status, reason, hasToolCalls), { unified, raw }, `${status}/${reason}`);
  }
});

test('canonical -> status, for every unified reason, and back', () => {
  const expected: Record<UnifiedFinishReason, ReturnType<typeof mapToOpenAIResponsesStatus>> = {
    stop: { status: 'completed' },
    'tool-calls': { status: 'completed' },
    other: { status: 'completed' },
    length: { status: 'incomplete', reason: 'max_output_tokens' },
    'content-filter': { status: 'incomplete', reason: 'content_filter' },
    error: { status: 'failed' },
  };
  for (const [unified, status] of Object.entries(expected) as [UnifiedFinishReason, ReturnType<typeof mapToOpenAIResponsesStatus>][]) {
    assert.deepEqual(mapToOpenAIResponsesStatus({ unified, raw: 'x' }), status, unified);
    const back = mapOpenAIResponsesFinishReason(status.status, 'reason' in status ? status.reason : undefined, unified === 'tool-calls').unified;
    assert.equal(back, unified === 'other' ? 'stop' : unified, `${unified} round trip`);
  }
});
