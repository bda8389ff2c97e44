import { takeJsonStrings } from '../../streaming/decode-json-strings.ts';

/** One canonical block of a Responses stream being decoded (create-openai-responses-stream-decoder.ts). */
export interface Block {
  readonly index: number;
  readonly kind: 'text' | 'tool' | 'reasoning';
  /** What was emitted so far (text, arguments, or the current summary part), to complete it from a `*.done` event. */
  emitted: string;
  /** Deltas that went to the client as JSON literals (the delta shortcut), not yet in `emitted`. */
  pending: string[] | undefined;
  summaryParts: number;
  ended: boolean;
}

/** The block's kept literals decoded onto its emitted text (one JSON.parse for all): before anything reads it. */
export function settle(block: Block): void {
  if (block.pending !== undefined) block.emitted += takeJsonStrings(block);
}
