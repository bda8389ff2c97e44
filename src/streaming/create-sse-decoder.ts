import { StringDecoder } from 'node:string_decoder';

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
  return new LineSseDecoder();
}

/**
 * An event in one of the two forms upstreams write, `data: …` or `event: …` then `data: …`, each line
 * ending in `\n` and a blank line after, read from `buffer` at `start` in one step: one slice for its data
 * (and one for its name) instead of a slice and a field split per line. Returns where the next event
 * starts, or -1 (another form, or not complete yet): the caller then reads line by line, as the rules say.
 * Only for text without `\r` and with no event pending.
 */
function takeWholeEvent(buffer: string, start: number, events: SseEvent[]): number {
  let dataStart = start;
  let event: string | undefined;
  if (buffer.startsWith('event: ', start)) {
    const nameEnd = buffer.indexOf('\n', start + 7);
    if (nameEnd === -1 || !buffer.startsWith('data: ', nameEnd + 1)) return -1;
    event = buffer.slice(start + 7, nameEnd);
    dataStart = nameEnd + 1;
  } else if (!buffer.startsWith('data: ', start)) {
    return -1;
  }
  const dataEnd = buffer.indexOf('\n', dataStart + 6);
  if (dataEnd === -1 || buffer.charCodeAt(dataEnd + 1) !== 10) return -1;
  events.push({ event, data: buffer.slice(dataStart + 6, dataEnd) });
  return dataEnd + 2;
}

/**
 * Lines are found with `indexOf` (native) rather than a character loop, and text with node's
 * StringDecoder rather than a TextDecoder per stream: 21 -> ~6 µs CPU for a 12-event stream (bench/
 * translation-stages.bench.ts). Upstreams end lines with `\n`; text holding a `\r` takes the general path.
 */
class LineSseDecoder implements SseDecoder {
  readonly #text = new StringDecoder('utf8');
  #buffer = '';
  /** The previous text ended in `\r`: a `\n` starting the next one belongs to that line end. */
  #pendingCarriageReturn = false;
  #eventName: string | undefined;
  #data: string | undefined;

  push(chunk: Uint8Array): SseEvent[] {
    const events: SseEvent[] = [];
    this.#splitLines(this.#text.write(chunk as Buffer), events);
    return events;
  }

  end(): SseEvent[] {
    const events: SseEvent[] = [];
    this.#splitLines(this.#text.end(), events);
    if (this.#buffer !== '') this.#takeLine(this.#buffer, events);
    this.#buffer = '';
    this.#takeLine('', events);
    return events;
  }

  #splitLines(text: string, events: SseEvent[]): void {
    if (text === '') return;
    let buffer = this.#buffer === '' ? text : this.#buffer + text;
    if (this.#pendingCarriageReturn) {
      this.#pendingCarriageReturn = false;
      if (buffer.charCodeAt(0) === 10) buffer = buffer.slice(1);
    }
    let start = 0;
    if (buffer.indexOf('\r') === -1) {
      while (true) {
        const next = this.#data === undefined && this.#eventName === undefined ? takeWholeEvent(buffer, start, events) : -1;
        if (next !== -1) {
          start = next;
          continue;
        }
        const end = buffer.indexOf('\n', start);
        if (end === -1) break;
        this.#takeLine(buffer.slice(start, end), events);
        start = end + 1;
      }
    } else {
      for (let index = 0; index < buffer.length; index += 1) {
        const character = buffer.charCodeAt(index);
        if (character !== 10 && character !== 13) continue;
        this.#takeLine(buffer.slice(start, index), events);
        if (character === 13) {
          if (buffer.charCodeAt(index + 1) === 10) index += 1;
          else if (index + 1 === buffer.length) this.#pendingCarriageReturn = true;
        }
        start = index + 1;
      }
    }
    this.#buffer = start === 0 ? buffer : buffer.slice(start);
  }

  #takeLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.#data !== undefined || this.#eventName !== undefined) events.push({ event: this.#eventName, data: this.#data ?? '' });
      this.#eventName = undefined;
      this.#data = undefined;
      return;
    }
    const colon = line.indexOf(':');
    if (colon === 0) return;
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
    else if (field === 'event') this.#eventName = value;
  }
}
