import type { CanonicalUsage } from '../canonical/canonical-usage.ts';

/** What an answer's sink learned for token accounting; read once the upstream exchange is over. */
export interface AnswerUsageSource {
  /** The provider's usage, when the answer carried it. */
  providerUsage(): CanonicalUsage | undefined;
  /** The generated text, for the tokenizer when the provider gave no usage (called after the response closed). */
  answerText(): string;
}
