import type { StreamPart } from '../canonical/stream-part.ts';
import type { SseEvent } from '../streaming/create-sse-decoder.ts';

/** A provider protocol's events -> canonical parts, as they arrive (every protocol folder has one). */
export interface StreamDecoder {
  push(event: SseEvent): StreamPart[];
  /** The upstream stream closed. */
  end(): StreamPart[];
  /**
   * Optional shortcut for a stream's most frequent event. When `event` is nothing but a non-empty text
   * delta of a text block already started, that text as the JSON string literal the provider wrote (valid
   * JSON: `push` would make of the event exactly one `text-delta` part, of block `textDeltaIndex`);
   * undefined for any other event, which then goes to `push`. Changes nothing `push` reads.
   */
  textDeltaJson?(event: SseEvent): string | undefined;
  /** The canonical block index of the text delta `textDeltaJson` last gave a literal for. */
  readonly textDeltaIndex?: number;
}

/** Canonical parts -> a client protocol's SSE text (every protocol folder has one). */
export interface StreamEncoder {
  encode(part: StreamPart): string;
  /** Flush what is held and write the protocol's terminator. */
  end(): string;
  /** The protocol's in-band error event after HTTP 200, then a proper close. */
  fail(errorType: string, message: string): string;
  /**
   * Optional shortcut: what `encode({ type: 'text-delta', index, delta })` writes, with `delta` given as
   * its JSON string literal (copied into the client's event as it is); undefined when the encoder needs
   * the part itself, which the caller then decodes and encodes the usual way.
   */
  encodeTextDeltaJson?(index: number, json: string): string | undefined;
}
