import type { CanonicalResponse } from '../../canonical/canonical-response.ts';
import type { Converted } from '../../canonical/conversion-warning.ts';
import type { AnswerContext, ClientAnswerWriter } from '../../translation/protocol-adapter.ts';
import type { StreamEncoder } from '../../translation/stream-codec.ts';
import { convertToOpenAIChatResponse } from './convert-to-openai-chat-response.ts';
import { createOpenAIChatStreamEncoder } from './create-openai-chat-stream-encoder.ts';

/**
 * A translated request's answer in Chat Completions, with the `chatcmpl_…` id, the model and creation
 * time it shows, and whether the client asked for a usage chunk. A class rather than two closures per
 * request (see anthropic-messages-answer-writer.ts).
 */
export class OpenAIChatAnswerWriter implements ClientAnswerWriter {
  readonly #id: string;
  readonly #context: AnswerContext;
  readonly #includeUsage: boolean;

  constructor(id: string, context: AnswerContext, includeUsage: boolean) {
    this.#id = id;
    this.#context = context;
    this.#includeUsage = includeUsage;
  }

  encodeResponse(response: CanonicalResponse): Converted<unknown> {
    return convertToOpenAIChatResponse({ ...response, id: this.#id });
  }

  createStreamEncoder(): StreamEncoder {
    const context = this.#context;
    return createOpenAIChatStreamEncoder({ id: this.#id, model: context.model, createdSeconds: context.nowSeconds, includeUsage: this.#includeUsage });
  }
}
