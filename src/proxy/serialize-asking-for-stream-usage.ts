/** The usage option a fast-path Chat stream adds, as JSON: appended to the serialized body. */
const includeUsageMember = '"stream_options":{"include_usage":true}';

/**
 * Fast-path Chat stream: the upstream body as JSON, asking for `stream_options.include_usage` (keeping
 * the client's other stream options) unless the client asked for usage itself. `asked` is true when the
 * gateway asked, so the usage-only chunk is the gateway's to drop.
 *
 * A body without `stream_options` (nearly every one) gets the member appended to its JSON: adding a
 * property to the parsed body before `JSON.stringify` cost ~1.6–2.3 µs per request in a micro-benchmark
 * (the new property moves the object off `JSON.stringify`'s fast path), the append ~0.2 µs.
 */
export function serializeAskingForStreamUsage(body: Record<string, unknown>): { readonly json: string; readonly asked: boolean } {
  if (!Object.hasOwn(body, 'stream_options')) {
    const json = JSON.stringify(body);
    // A JSON object of at least one member (the model): `{...}` becomes `{...,"stream_options":{...}}`.
    return { json: json === '{}' ? `{${includeUsageMember}}` : `${json.slice(0, -1)},${includeUsageMember}}`, asked: true };
  }
  const options = body['stream_options'];
  const current = typeof options === 'object' && options !== null && !Array.isArray(options) ? (options as Record<string, unknown>) : {};
  if (current['include_usage'] === true) return { json: JSON.stringify(body), asked: false };
  body['stream_options'] = { ...current, include_usage: true };
  return { json: JSON.stringify(body), asked: true };
}
