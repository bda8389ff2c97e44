import type { AssistantContentPart } from './canonical-content.ts';
import type { CanonicalUsage } from './canonical-usage.ts';
import type { FinishReason } from './finish-reason.ts';

export interface CanonicalResponse {
  readonly id: string;
  readonly model: string;
  /** Unix seconds. */
  readonly createdSeconds: number;
  readonly content: readonly AssistantContentPart[];
  readonly finishReason: FinishReason;
  readonly usage: CanonicalUsage;
}
