/**
 * JSON string literals (each valid JSON, e.g. matched by json-string-pattern.ts) decoded and joined in
 * order, in one `JSON.parse`: how a stream translation that copied deltas across as literals gets their
 * text when it needs it (the done events of a Responses stream, the tokenizer's count).
 */
export function decodeJsonStrings(literals: readonly string[]): string {
  return (JSON.parse(`[${literals.join(',')}]`) as string[]).join('');
}
