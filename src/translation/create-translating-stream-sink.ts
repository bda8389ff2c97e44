import type { StreamPart } from '../canonical/stream-part.ts';
import { createSseDecoder, type SseDecoder, type SseEvent } from '../streaming/create-sse-decoder.ts';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';
import type { StreamDecoder, StreamEncoder } from './stream-codec.ts';

/** Sees every canonical part of a translated stream (usage and finish reason, for accounting). */
export interface StreamPartObserver {
  observe(part: StreamPart): void;
  /** A delta (text, reasoning or tool input) that took the codecs' shortcut, its text as a JSON string literal; without this, no shortcut is taken. */
  observeDeltaJson?(json: string): void;
}

export interface TranslatingStreamSink extends RelaySink {
  /** The upstream broke off after the client's head was sent: end with the client protocol's error event. */
  fail(errorType: string, message: string): void;
}

/**
 * Sits between the upstream relay and the client's response when the two protocols differ: upstream
 * bytes -> SSE events -> canonical parts (provider decoder) -> client events (client encoder), chunk by
 * chunk as they arrive; nothing is buffered beyond an incomplete SSE event. `observer` sees every part
 * (usage and finish reason for accounting). Backpressure and close pass through to the client response.
 * Where both codecs have the delta shortcut (stream-codec.ts), a text, reasoning or tool-input delta goes
 * from the provider's event to the client's without a canonical part: its text, a JSON string literal, is
 * copied across undecoded.
 */
export function createTranslatingStreamSink(
  target: RelaySink,
  decoder: StreamDecoder,
  encoder: StreamEncoder,
  observer?: StreamPartObserver,
): TranslatingStreamSink {
  return new TranslatingStreamSinkImpl(target, decoder, encoder, observer);
}

/**
 * A class, not an object literal with getters: the literal's per-instance getter closures gave every sink
 * its own hidden class and kept a stream's short-lived objects alive through collections (GC was ~50 of the
 * sink's ~115 µs per 12-event stream; bench/translation-stages.bench.ts).
 */
class TranslatingStreamSinkImpl implements TranslatingStreamSink {
  readonly #target: RelaySink;
  readonly #decoder: StreamDecoder;
  readonly #encoder: StreamEncoder;
  readonly #observer: StreamPartObserver | undefined;
  readonly #sseDecoder: SseDecoder = createSseDecoder();
  /** Both codecs (and the observer) take deltas as JSON literals. */
  readonly #deltaShortcut: boolean;
  #failed = false;

  constructor(target: RelaySink, decoder: StreamDecoder, encoder: StreamEncoder, observer: StreamPartObserver | undefined) {
    this.#target = target;
    this.#decoder = decoder;
    this.#encoder = encoder;
    this.#observer = observer;
    this.#deltaShortcut =
      decoder.deltaJson !== undefined && encoder.encodeDeltaJson !== undefined && (observer === undefined || observer.observeDeltaJson !== undefined);
  }

  write(chunk: Buffer): boolean {
    const text = this.#translate(chunk);
    return text === '' ? true : this.#target.write(text);
  }

  /** `last`: the answer's last bytes, translated and written with the closing events in one end. */
  end(last?: Buffer): void {
    if (this.#failed) return;
    let text = last === undefined ? '' : this.#translate(last);
    for (const event of this.#sseDecoder.end()) text += this.#encodeParts(this.#decoder.push(event));
    text += this.#encodeParts(this.#decoder.end());
    text += this.#encoder.end();
    // The closing events ride with the end of the response: one socket write fewer per stream.
    if (text === '') this.#target.end();
    else this.#target.end(text);
  }

  fail(errorType: string, message: string): void {
    if (this.#failed || this.#target.writableEnded || this.#target.destroyed) return;
    this.#failed = true;
    this.#target.end(this.#encoder.fail(errorType, message));
  }

  once(event: 'drain' | 'close', listener: () => void): unknown {
    return this.#target.once(event, listener);
  }

  get writableEnded(): boolean {
    return this.#target.writableEnded;
  }

  get destroyed(): boolean {
    return this.#target.destroyed;
  }

  /** The client text of the complete events in `chunk` (an incomplete one waits for its end). */
  #translate(chunk: Buffer): string {
    let text = '';
    for (const event of this.#sseDecoder.push(chunk)) {
      const shortcut = this.#deltaShortcut ? this.#shortcutDelta(event) : undefined;
      text += shortcut ?? this.#encodeParts(this.#decoder.push(event));
    }
    return text;
  }

  /** The client text of `event` when it is a delta both codecs take as a JSON literal; undefined otherwise. */
  #shortcutDelta(event: SseEvent): string | undefined {
    const decoder = this.#decoder as Required<StreamDecoder>;
    const json = decoder.deltaJson(event);
    if (json === undefined) return undefined;
    const text = (this.#encoder as Required<StreamEncoder>).encodeDeltaJson(decoder.deltaType, decoder.deltaIndex, json);
    if (text === undefined) return undefined;
    decoder.commitDeltaJson?.();
    this.#observer?.observeDeltaJson?.(json);
    return text;
  }

  #encodeParts(parts: readonly StreamPart[]): string {
    let text = '';
    for (const part of parts) {
      this.#observer?.observe(part);
      text += this.#encoder.encode(part);
    }
    return text;
  }
}
