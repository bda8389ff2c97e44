import type { CanonicalResponse } from '../../canonical/canonical-response.ts';
import type { Converted } from '../../canonical/conversion-warning.ts';
import type { ClientAnswerWriter } from '../../translation/protocol-adapter.ts';
import type { StreamEncoder } from '../../translation/stream-codec.ts';
import { convertToAnthropicMessagesResponse } from './convert-to-anthropic-messages-response.ts';
import { createAnthropicMessagesStreamEncoder } from './create-anthropic-messages-stream-encoder.ts';

/**
 * A translated request's answer in Messages, with the `msg_…` id and the model it shows. A class: an
 * object of two closures made per request cost an allocation each and, under tsx's keepNames, a
 * `defineProperty` each (seen in the translated stream's profile).
 */
export class AnthropicMessagesAnswerWriter implements ClientAnswerWriter {
  readonly #id: string;
  readonly #model: string;

  constructor(id: string, model: string) {
    this.#id = id;
    this.#model = model;
  }

  encodeResponse(response: CanonicalResponse): Converted<unknown> {
    return convertToAnthropicMessagesResponse({ ...response, id: this.#id });
  }

  createStreamEncoder(): StreamEncoder {
    return createAnthropicMessagesStreamEncoder({ id: this.#id, model: this.#model });
  }
}
