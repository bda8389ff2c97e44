/** Why generation stopped, unified across protocols; `raw` keeps the provider's own value. */
export type UnifiedFinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

export interface FinishReason {
  readonly unified: UnifiedFinishReason;
  readonly raw: string | undefined;
}
