import type { CanonicalRequest } from '../canonical/canonical-request.ts';
import { recordRequestUsage } from '../observability/record-request-usage.ts';
import type { RequestObservers } from '../observability/request-observers.ts';
import type { RequestContext } from '../server/request-context.ts';
import { estimateUsage, readPlainPrompt } from '../tokens/estimate-usage.ts';
import type { AnswerUsageSource } from './answer-usage-source.ts';
import type { ProxyEndpoint } from './proxy-endpoint.ts';
import type { TranslatedAttempt } from './translated-attempt.ts';

/**
 * Token accounting of a proxied request: where the current attempt's answer reports its usage, and what
 * the tokenizer counts as the prompt when it reports none. The prompt is kept as data and read only then
 * (#readPrompt): a closure per request here cost ~30 µs of CPU per request (docs/performance.md).
 */
export class AttemptUsage {
  readonly #endpoint: ProxyEndpoint;
  readonly #context: RequestContext;
  readonly #observers: RequestObservers;
  /** The fast path's sink, when something reads usage; undefined: the answer is relayed untouched. */
  #relayed: AnswerUsageSource | undefined;
  /** The body sent upstream on the fast path: the tokenizer's prompt. */
  #promptBody: Record<string, unknown> | undefined;
  /** A translated attempt: its `usageSource` (a whole answer's is set once written) and its canonical request. */
  #translated: TranslatedAttempt | undefined;

  constructor(endpoint: ProxyEndpoint, context: RequestContext, observers: RequestObservers) {
    this.#endpoint = endpoint;
    this.#context = context;
    this.#observers = observers;
  }

  /** Nothing to read (a new attempt, or the answer's usage recorded) until one of the two below says where from. */
  reset(): void {
    this.#relayed = undefined;
    this.#promptBody = undefined;
    this.#translated = undefined;
  }

  /** The fast path's sink picks the answer's usage up; `body` is the request as sent upstream. */
  readRelayed(source: AnswerUsageSource, body: Record<string, unknown>): void {
    this.#relayed = source;
    this.#promptBody = body;
  }

  readTranslated(translated: TranslatedAttempt): void {
    this.#translated = translated;
  }

  /**
   * An answer reached the client: the provider's usage is recorded, or, when it gave none, the tokenizer's
   * estimate is left for the request's end (`context.estimateUsage`, counted off the request path). What
   * it read is forgotten: once per request.
   */
  recordAnswered(): void {
    const context = this.#context;
    const translated = this.#translated;
    const body = this.#promptBody;
    const source = translated === undefined ? this.#relayed : translated.usageSource;
    this.reset();
    if (source === undefined || context.usage !== undefined) return;
    const usage = source.providerUsage();
    if (usage !== undefined) {
      recordRequestUsage(context, this.#observers, usage, false);
      return;
    }
    context.estimateUsage = (countText) => estimateUsage(countText, this.#readPrompt(translated, body), source.answerText());
  }

  /** The prompt for the tokenizer: the translated request, the client's body in its own protocol, or an OpenAI-only body. */
  #readPrompt(translated: TranslatedAttempt | undefined, body: Record<string, unknown> | undefined): CanonicalRequest | string {
    if (translated !== undefined) return translated.request;
    if (body === undefined) return '';
    if (this.#endpoint.openaiOnly !== undefined) return readPlainPrompt(body);
    const context = this.#context;
    return this.#endpoint.adapter.translateRequest(body, { requestId: context.requestId, model: context.upstreamModel ?? '', nowSeconds: 0 }).request.value;
  }
}
