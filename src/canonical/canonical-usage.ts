/**
 * Token usage with OpenAI's meaning of input: `inputTokens` includes cached and cache-write tokens
 * (Anthropic's `input_tokens` excludes them; its converters add and subtract).
 */
export interface CanonicalUsage {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly totalTokens?: number;
  /** Input tokens read from the prompt cache. */
  readonly cachedInputTokens?: number;
  /** Input tokens written to the prompt cache. */
  readonly cacheWriteInputTokens?: number;
  /** Output tokens spent on reasoning (included in outputTokens). */
  readonly reasoningTokens?: number;
}
