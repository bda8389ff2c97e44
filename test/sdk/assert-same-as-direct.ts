import assert from 'node:assert/strict';
import type { NormalizedResult } from './normalize-sdk-result.ts';
import type { StreamedEvents } from './send-with-sdk.ts';

/**
 * The result through the gateway says what the direct call said: text, tool calls (id, name, parsed
 * arguments), stop reason and usage. Usage is compared only when the direct result has it (a Chat stream
 * without a usage chunk has none to compare); reasoning is left to the thinking tests, since Chat drops it.
 */
export function assertSameAsDirect(actual: NormalizedResult, direct: NormalizedResult, message?: string): void {
  const pick = (result: NormalizedResult) => ({
    text: result.text,
    toolCalls: result.toolCalls,
    stopReason: result.stopReason,
    usage: direct.usage === undefined ? undefined : result.usage,
  });
  assert.deepEqual(pick(actual), pick(direct), message);
}

/**
 * A stream helper's events agree with its final result: the text deltas join to the final text, each tool
 * call was announced once, complete, in order, and Responses events are numbered 0, 1, 2... without gaps.
 */
export function assertStreamMatchesFinal(streamed: StreamedEvents | undefined, final: NormalizedResult): void {
  assert.ok(streamed !== undefined, 'a stream result carries its events');
  assert.equal(streamed.text, final.text, 'the text deltas join to the final text');
  assert.deepEqual(
    streamed.toolCalls,
    final.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments })),
    'each tool call announced once, complete',
  );
  if (streamed.sequenceNumbers.length > 0) {
    assert.deepEqual(
      streamed.sequenceNumbers,
      streamed.sequenceNumbers.map((_number, index) => index),
      'sequence_number counts from 0 without gaps',
    );
  }
}
