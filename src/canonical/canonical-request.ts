import type { CacheControl, CanonicalMessage, TextPart } from './canonical-content.ts';

export interface CanonicalTool {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments. */
  readonly inputSchema: Readonly<Record<string, unknown>>;
  readonly strict?: boolean;
  readonly cacheControl?: CacheControl;
}

export type CanonicalToolChoice =
  | { readonly type: 'auto' }
  | { readonly type: 'required' }
  | { readonly type: 'none' }
  | { readonly type: 'tool'; readonly name: string };

export type CanonicalResponseFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json-object' }
  | {
      readonly type: 'json-schema';
      readonly name?: string;
      readonly description?: string;
      readonly schema: Readonly<Record<string, unknown>>;
      readonly strict?: boolean;
    };

/** OpenAI's effort names; Anthropic budgets map to and from them through one table. */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface CanonicalReasoning {
  /** false: reasoning explicitly off (OpenAI `none`, Anthropic `disabled`). */
  readonly enabled: boolean;
  readonly effort?: ReasoningEffort;
  /** Anthropic `thinking.budget_tokens`. */
  readonly budgetTokens?: number;
  /** Anthropic `thinking: {type: "adaptive"}`. */
  readonly adaptive?: boolean;
  /** Responses `reasoning.summary`. */
  readonly summary?: 'auto' | 'concise' | 'detailed';
}

export interface CanonicalRequest {
  readonly model: string;
  /** Top-level instructions (OpenAI system/developer messages at the start, Anthropic `system`, Responses `instructions`). */
  readonly system: readonly TextPart[];
  readonly messages: readonly CanonicalMessage[];
  readonly tools: readonly CanonicalTool[];
  readonly toolChoice?: CanonicalToolChoice;
  readonly parallelToolCalls?: boolean;
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly topK?: number;
  readonly stopSequences?: readonly string[];
  readonly stream: boolean;
  /** The client asked for usage in the stream (Chat `stream_options.include_usage`). */
  readonly streamUsage?: boolean;
  readonly reasoning?: CanonicalReasoning;
  readonly responseFormat?: CanonicalResponseFormat;
  /** End-user id: Chat/Responses `user` / `safety_identifier` ⇄ Anthropic `metadata.user_id`. */
  readonly userId?: string;
}
