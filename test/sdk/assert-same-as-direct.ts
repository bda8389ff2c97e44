import assert from 'node:assert/strict';
import type { NormalizedResult } from './normalize-sdk-result.ts';

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
