import type { CanonicalUsage } from './canonical-usage.ts';
import type { FinishReason } from './finish-reason.ts';

/**
 * One step of a streamed answer, in canonical form. Decoders turn a provider's events into these as they
 * arrive; encoders turn them into the client's events. `index` is the canonical block index: every
 * block (text, reasoning, tool call) takes the next number, in order of appearance, from 0.
 */
export type StreamPart =
  | { readonly type: 'response-start'; readonly id: string; readonly model: string; readonly usage?: CanonicalUsage }
  | { readonly type: 'text-start'; readonly index: number }
  | { readonly type: 'text-delta'; readonly index: number; readonly delta: string }
  | { readonly type: 'text-end'; readonly index: number }
  | { readonly type: 'reasoning-start'; readonly index: number; readonly id?: string }
  | { readonly type: 'reasoning-delta'; readonly index: number; readonly delta: string }
  /** Opaque round-trip data of a reasoning block, sent before its end. */
  | {
      readonly type: 'reasoning-end';
      readonly index: number;
      readonly signature?: string;
      readonly redactedData?: string;
      readonly encryptedContent?: string;
    }
  | { readonly type: 'tool-call-start'; readonly index: number; readonly id: string; readonly name: string }
  | { readonly type: 'tool-input-delta'; readonly index: number; readonly delta: string }
  | { readonly type: 'tool-call-end'; readonly index: number }
  /** Usage so far; cumulative, so the last one wins. */
  | { readonly type: 'usage'; readonly usage: CanonicalUsage }
  | { readonly type: 'finish'; readonly finishReason: FinishReason }
  /** The provider reported an error inside the stream. */
  | { readonly type: 'error'; readonly errorType: string; readonly message: string };
