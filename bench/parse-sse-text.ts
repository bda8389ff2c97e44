/** One server-sent event of a whole response body: its `event:` name (if any) and its data lines joined. */
export interface SseTextEvent {
  event: string | undefined;
  data: string;
}

/**
 * A complete SSE body -> its events, for the preflight's answer checks (not for the hot path: it reads a
 * whole buffered body). Comments and events without data are skipped.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function parseSseText(text: string): SseTextEvent[] {
  const events: SseTextEvent[] = [];
  for (const block of text.split(/\r\n\r\n|\n\n|\r\r/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r\n|\n|\r/)) {
      const colon = line.indexOf(':');
      if (colon === 0 || line === '') continue;
      const name = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'event') event = value;
      else if (name === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return events;
}

/** JSON.parse that answers undefined for bytes that are not JSON (these are a target's answers, to be judged). */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `value[key]` when `value` is an object, else undefined. */
export function readField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
