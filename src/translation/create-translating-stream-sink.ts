import type { StreamPart } from '../canonical/stream-part.ts';
import { createSseDecoder } from '../streaming/create-sse-decoder.ts';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';
import type { StreamDecoder, StreamEncoder } from './stream-codec.ts';

export interface TranslatingStreamSink extends RelaySink {
  /** The upstream broke off after the client's head was sent: end with the client protocol's error event. */
  fail(errorType: string, message: string): void;
}

/**
 * Sits between the upstream relay and the client's response when the two protocols differ: upstream
 * bytes -> SSE events -> canonical parts (provider decoder) -> client events (client encoder), chunk by
 * chunk as they arrive; nothing is buffered beyond an incomplete SSE event. `observe` sees every part
 * (usage and finish reason for accounting). Backpressure and close pass through to the client response.
 */
export function createTranslatingStreamSink(
  target: RelaySink,
  decoder: StreamDecoder,
  encoder: StreamEncoder,
  observe?: (part: StreamPart) => void,
): TranslatingStreamSink {
  const sseDecoder = createSseDecoder();
  let failed = false;
  const encodeParts = (parts: readonly StreamPart[]): string => {
    let text = '';
    for (const part of parts) {
      observe?.(part);
      text += encoder.encode(part);
    }
    return text;
  };
  return {
    write(chunk) {
      let text = '';
      for (const event of sseDecoder.push(chunk)) text += encodeParts(decoder.push(event));
      return text === '' ? true : target.write(Buffer.from(text));
    },
    end() {
      if (failed) return;
      let text = '';
      for (const event of sseDecoder.end()) text += encodeParts(decoder.push(event));
      text += encodeParts(decoder.end());
      text += encoder.end();
      if (text !== '') target.write(Buffer.from(text));
      target.end();
    },
    fail(errorType, message) {
      if (failed || target.writableEnded || target.destroyed) return;
      failed = true;
      target.write(Buffer.from(encoder.fail(errorType, message)));
      target.end();
    },
    once(event, listener) {
      return target.once(event, listener);
    },
    get writableEnded() {
      return target.writableEnded;
    },
    get destroyed() {
      return target.destroyed;
    },
  };
}
