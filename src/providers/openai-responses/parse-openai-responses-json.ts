/**
 * The one place this folder turns text from the network (stream event data, upstream error bodies) into
 * JSON. Never throws: junk from an upstream is reported, not raised. Parsed values are only read, never
 * merged into other objects, so an own `__proto__` key stays an inert property.
 */
export function parseOpenAIResponsesJson(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
