import { plainJsonStringPattern } from '../../streaming/json-string-pattern.ts';

/**
 * Regular-expression source for the fast readers of Chat stream events (read-openai-chat-content-delta.ts,
 * read-openai-chat-stream-ending.ts): each matches one common event shape exactly as OpenAI serializes
 * it (no whitespace), so that everything it accepts the full path (JSON.parse, readOpenAIChatChunk) reads
 * the same; anything else takes the full path.
 */

/** Numbers are JSON's exactly (no leading zeros): the reader takes nothing JSON.parse would refuse. */
const scalarPattern = String.raw`(?:${plainJsonStringPattern}|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|null|true|false)`;

/** Keys whose value a skipped member may not have: the ones the decoder reads. */
const readKeys = '(?:choices|error|usage|id|model)';

/**
 * A top-level member the decoder does not read past the first chunk, or reads as absent: `id` and `model`
 * as strings (the chunk check wants them so), any other key but `choices`, `error` and `usage` with a
 * scalar value; `usage` as null only where `usageNull` is true (an event that carries usage must not hold
 * a second `usage` member: JSON.parse keeps the last).
 */
export function skippedMemberPattern(usageNull: boolean): string {
  return `(?:"(?:id|model)":${plainJsonStringPattern}${usageNull ? '|"usage":null' : ''}|"(?!${readKeys}")[A-Za-z0-9_]+":${scalarPattern})`;
}
