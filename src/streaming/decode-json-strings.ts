/**
 * JSON string literals (each valid JSON, e.g. matched by json-string-pattern.ts) decoded and joined in
 * order, in one `JSON.parse`: how a stream translation that copied deltas across as literals gets their
 * text when it needs it (the done events of a Responses stream, the tokenizer's count).
 */
export function decodeJsonStrings(literals: readonly string[]): string {
  return (JSON.parse(`[${literals.join(',')}]`) as string[]).join('');
}

/** A place that keeps JSON string literals until their text is needed (a block of a translated stream). */
export interface PendingJsonStrings {
  pending: string[] | undefined;
}

/** Keeps `json` after the literals already kept. */
export function keepJsonString(holder: PendingJsonStrings, json: string): void {
  if (holder.pending === undefined) holder.pending = [json];
  else holder.pending.push(json);
}

/** The kept literals' text, decoded and joined ('' when none are kept); they are forgotten. */
export function takeJsonStrings(holder: PendingJsonStrings): string {
  if (holder.pending === undefined) return '';
  const text = decodeJsonStrings(holder.pending);
  holder.pending = undefined;
  return text;
}
