import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import type { StreamPart } from '../canonical/stream-part.ts';
import { collectStreamPartText } from '../tokens/estimate-usage.ts';
import type { StreamPartObserver } from '../translation/create-translating-stream-sink.ts';
import type { AnswerUsageSource } from './answer-usage-source.ts';

/**
 * Usage of a translated stream, from the canonical parts the provider's decoder makes anyway (the
 * translating sink's `observe`): the decoders already read each protocol's usage events. The generated
 * text is kept for the tokenizer until usage shows up.
 */
export class TranslatedStreamUsage implements AnswerUsageSource, StreamPartObserver {
  #usage: CanonicalUsage | undefined;
  #texts: string[] | undefined = [];

  /** A method, not an arrow field: no closure per translated stream. */
  observe(part: StreamPart): void {
    if (part.type === 'usage') this.#take(part.usage);
    else if (part.type === 'response-start' && part.usage !== undefined) this.#take(part.usage);
    else if (this.#texts !== undefined) collectStreamPartText(part, this.#texts);
  }

  providerUsage(): CanonicalUsage | undefined {
    return this.#usage;
  }

  answerText(): string {
    return this.#texts === undefined ? '' : this.#texts.join('');
  }

  #take(usage: CanonicalUsage): void {
    if (usage.inputTokens === undefined && usage.outputTokens === undefined) return;
    // Cumulative: a later report wins field by field (Anthropic's message_delta carries only the output count).
    this.#usage = this.#usage === undefined ? usage : { ...this.#usage, ...usage };
    this.#texts = undefined;
  }
}
