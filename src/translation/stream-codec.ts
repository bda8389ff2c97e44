import type { StreamPart } from '../canonical/stream-part.ts';
import type { SseEvent } from '../streaming/create-sse-decoder.ts';

/** The parts the delta shortcut carries (deltaJson, encodeDeltaJson). */
export type DeltaJsonType = 'text-delta' | 'reasoning-delta' | 'tool-input-delta';

/** A provider protocol's events -> canonical parts, as they arrive (every protocol folder has one). */
export interface StreamDecoder {
  push(event: SseEvent): StreamPart[];
  /** The upstream stream closed. */
  end(): StreamPart[];
  /**
   * Optional shortcut for a stream's most frequent events. When `event` is nothing but a non-empty text,
   * reasoning or tool-input delta of a block already started, that text as the JSON string literal the provider wrote
   * (valid JSON): `push` would make of the event exactly one part, of type `deltaType` and block
   * `deltaIndex`, with that text. Undefined for any other event, which then goes to `push`. Changes
   * nothing `push` reads (see `commitDeltaJson`).
   */
  deltaJson?(event: SseEvent): string | undefined;
  /** The part type of the delta `deltaJson` last gave a literal for. */
  readonly deltaType?: DeltaJsonType;
  /** Its canonical block index. */
  readonly deltaIndex?: number;
  /**
   * The caller used the literal `deltaJson` last gave (the client's encoder took it). A decoder that keeps
   * what it decoded (to complete it from a later event) records it now; until then `deltaJson` has changed
   * nothing, so an event the encoder declines can still go to `push`.
   */
  commitDeltaJson?(): void;
}

/** Canonical parts -> a client protocol's SSE text (every protocol folder has one). */
export interface StreamEncoder {
  encode(part: StreamPart): string;
  /** Flush what is held and write the protocol's terminator. */
  end(): string;
  /** The protocol's in-band error event after HTTP 200, then a proper close. */
  fail(errorType: string, message: string): string;
  /**
   * Optional shortcut: what `encode({ type, index, delta })` writes, with `delta` given as its JSON string
   * literal (copied into the client's event as it is); undefined when the encoder needs the part itself,
   * which the caller then decodes and encodes the usual way.
   */
  encodeDeltaJson?(type: DeltaJsonType, index: number, json: string): string | undefined;
}
