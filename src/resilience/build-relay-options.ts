import type { RelayOptions } from '../upstream/relay-upstream-response.ts';
import { containsErrorPattern } from './classify-upstream-error.ts';

/**
 * One attempt's relay options: `timeouts.total`, and for a stream when `detection.error_patterns` is set,
 * the first-chunk check (the answer's head is held until the first chunk passed it).
 */
export function buildRelayOptions(totalTimeoutMs: number, stream: boolean, errorPatterns: readonly string[]): RelayOptions {
  if (!stream || errorPatterns.length === 0) return { totalTimeoutMs };
  return { totalTimeoutMs, inspectFirstChunk: (chunk) => !containsErrorPattern(chunk.toString('utf8'), errorPatterns) };
}
