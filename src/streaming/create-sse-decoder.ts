/** One server-sent event: its `event:` name (if any) and its `data:` lines joined with `\n`. */
export interface SseEvent {
  readonly event: string | undefined;
  readonly data: string;
}

export interface SseDecoder {
  /** Feed bytes as they arrive; returns the events completed by them. */
  push(chunk: Uint8Array): SseEvent[];
  /** End of stream: returns a last event not closed by a blank line. */
  end(): SseEvent[];
}

/**
 * Bytes -> lines -> events, per the WHATWG server-sent events parsing rules: lines end in `\n`, `\r\n` or
 * `\r` (also split across chunks), UTF-8 characters split across chunks are kept whole, `:` lines are
 * comments, an event ends at a blank line. Modelled on openai-node's `LineDecoder` / `SSEDecoder`.
 */
export function createSseDecoder(): SseDecoder {
  const textDecoder = new TextDecoder('utf-8');
  let buffer = '';
  let pendingCarriageReturn = false;
  let eventName: string | undefined;
  let dataLines: string[] = [];

  const takeLine = (line: string, events: SseEvent[]): void => {
    if (line === '') {
      if (dataLines.length > 0 || eventName !== undefined) events.push({ event: eventName, data: dataLines.join('\n') });
      eventName = undefined;
      dataLines = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') dataLines.push(value);
  };

  const splitLines = (text: string, events: SseEvent[]): void => {
    buffer += text;
    let start = 0;
    for (let index = 0; index < buffer.length; index += 1) {
      const character = buffer.charCodeAt(index);
      if (character === 10 && pendingCarriageReturn) {
        // The `\n` of a `\r\n` whose `\r` ended the previous line.
        pendingCarriageReturn = false;
        start = index + 1;
        continue;
      }
      pendingCarriageReturn = false;
      if (character === 10 || character === 13) {
        takeLine(buffer.slice(start, index), events);
        if (character === 13) {
          if (buffer.charCodeAt(index + 1) === 10) index += 1;
          else if (index + 1 === buffer.length) pendingCarriageReturn = true;
        }
        start = index + 1;
      }
    }
    buffer = buffer.slice(start);
  };

  return {
    push(chunk) {
      const events: SseEvent[] = [];
      splitLines(textDecoder.decode(chunk, { stream: true }), events);
      return events;
    },
    end() {
      const events: SseEvent[] = [];
      splitLines(textDecoder.decode(), events);
      if (buffer !== '') takeLine(buffer, events);
      buffer = '';
      takeLine('', events);
      return events;
    },
  };
}
