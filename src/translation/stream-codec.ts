import type { StreamPart } from '../canonical/stream-part.ts';
import type { SseEvent } from '../streaming/create-sse-decoder.ts';

/** A provider protocol's events -> canonical parts, as they arrive (every protocol folder has one). */
export interface StreamDecoder {
  push(event: SseEvent): StreamPart[];
  /** The upstream stream closed. */
  end(): StreamPart[];
}

/** Canonical parts -> a client protocol's SSE text (every protocol folder has one). */
export interface StreamEncoder {
  encode(part: StreamPart): string;
  /** Flush what is held and write the protocol's terminator. */
  end(): string;
  /** The protocol's in-band error event after HTTP 200, then a proper close. */
  fail(errorType: string, message: string): string;
}
