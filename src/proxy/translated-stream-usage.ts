import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import type { StreamPart } from '../canonical/stream-part.ts';
import { keepJsonString, type PendingJsonStrings, takeJsonStrings } from '../streaming/decode-json-strings.ts';
import { streamPartText } from '../tokens/estimate-usage.ts';
import type { StreamPartObserver } from '../translation/create-translating-stream-sink.ts';
import type { AnswerUsageSource } from './answer-usage-source.ts';

/**
 * Usage of a translated stream, from the canonical parts the provider's decoder makes anyway (the
 * translating sink's `observe`): the decoders already read each protocol's usage events. The generated
 * text is kept for the tokenizer until usage shows up. Deltas that took the codecs' shortcut come as JSON
 * string literals: kept as they are, and decoded in one `JSON.parse` only when another part's text
 * follows them or the text is asked for, so the text keeps its order.
 */
export class TranslatedStreamUsage implements AnswerUsageSource, StreamPartObserver {
  #usage: CanonicalUsage | undefined;
  #texts: string[] | undefined = [];
  /** Shortcut deltas since the last decoded text, as JSON literals. */
  readonly #literals: PendingJsonStrings = { pending: undefined };

  /** A method, not an arrow field: no closure per translated stream. */
  observe(part: StreamPart): void {
    if (part.type === 'usage') this.#take(part.usage);
    else if (part.type === 'response-start' && part.usage !== undefined) this.#take(part.usage);
    else if (this.#texts !== undefined) {
      const text = streamPartText(part);
      if (text === undefined) return;
      if (this.#literals.pending !== undefined) this.#texts.push(takeJsonStrings(this.#literals));
      this.#texts.push(text);
    }
  }

  observeDeltaJson(json: string): void {
    if (this.#texts !== undefined) keepJsonString(this.#literals, json);
  }

  providerUsage(): CanonicalUsage | undefined {
    return this.#usage;
  }

  answerText(): string {
    if (this.#texts === undefined) return '';
    if (this.#literals.pending !== undefined) this.#texts.push(takeJsonStrings(this.#literals));
    return this.#texts.join('');
  }

  #take(usage: CanonicalUsage): void {
    if (usage.inputTokens === undefined && usage.outputTokens === undefined) return;
    // Cumulative: a later report wins field by field (Anthropic's message_delta carries only the output count).
    this.#usage = this.#usage === undefined ? usage : { ...this.#usage, ...usage };
    this.#texts = undefined;
    this.#literals.pending = undefined;
  }
}
