import type { ServerResponse } from 'node:http';
import type { CanonicalRequest } from '../canonical/canonical-request.ts';
import type { ConversionWarning } from '../canonical/conversion-warning.ts';
import type { RequestObservers } from '../observability/request-observers.ts';
import type { RequestContext } from '../server/request-context.ts';
import { createTranslatingStreamSink, type TranslatingStreamSink } from '../translation/create-translating-stream-sink.ts';
import type { ClientAnswerWriter, ProtocolAdapter } from '../translation/protocol-adapter.ts';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';
import type { AnswerUsageSource } from './answer-usage-source.ts';
import type { GatewayAnswerHeaders } from './build-client-headers.ts';
import { ClientStreamTap } from './client-stream-tap.ts';
import { CollectingSink } from './collecting-sink.ts';
import { formatConversionWarnings } from './format-conversion-warnings.ts';
import { translateClientRequest } from './translate-client-request.ts';
import { TranslatedStreamUsage } from './translated-stream-usage.ts';
import { writeTranslatedBody } from './write-translated-body.ts';

/** What a translated attempt needs to know of its request, its provider and its client. */
export interface TranslatedAttemptSetup {
  readonly clientAdapter: ProtocolAdapter;
  readonly upstreamAdapter: ProtocolAdapter;
  /** The client's body (a copy per attempt). */
  readonly body: Record<string, unknown>;
  readonly upstreamModel: string;
  readonly systemPrompt: string | undefined;
  /** The provider's `max_output_tokens`. */
  readonly maxOutputTokens: number | undefined;
  readonly requestId: string;
  readonly nowSeconds: number;
  /** The attempt's gateway headers, before translation adds its own. */
  readonly headers: GatewayAnswerHeaders;
  readonly response: ServerResponse;
  readonly context: RequestContext;
  readonly observers: RequestObservers;
  /** A whole (non-stream) upstream answer arrived: the exchange calls `writeBody` with it. */
  readonly onBody: (body: Buffer) => void;
}

/**
 * One attempt whose provider speaks another protocol than the client: the request translated for the
 * provider, and where the answer goes. A stream is translated event by event into the client's response
 * (`streamSink`); a whole answer is collected, then converted and written (`writeBody`). Its usage is
 * read from the canonical parts or the converted answer (`usageSource`).
 */
export class TranslatedAttempt {
  /** `<client protocol>-><provider protocol>` (the `x-llm-proxy-translation` header, logs, metrics). */
  readonly translation: string;
  /** The upstream body, serialised. */
  readonly upstreamBody: string;
  /** The request in canonical form as sent: the prompt the tokenizer counts when the provider reports no usage. */
  readonly request: CanonicalRequest;
  /** What the request's translation dropped or adjusted. */
  readonly warnings: readonly ConversionWarning[];
  /** The client's gateway headers, the translation and its warnings included. */
  readonly headers: GatewayAnswerHeaders;
  readonly upstreamAdapter: ProtocolAdapter;
  /** Where the relay writes the upstream's answer. */
  readonly sink: RelaySink;
  /** A stream's translating sink (it can end the client's stream with an error event); undefined for a whole answer. */
  readonly streamSink: TranslatingStreamSink | undefined;
  /** The answer's usage: known from the start for a stream, once written for a whole answer. */
  usageSource: AnswerUsageSource | undefined;
  readonly #writer: ClientAnswerWriter;
  readonly #nowSeconds: number;
  readonly #response: ServerResponse;
  readonly #context: RequestContext;
  readonly #observers: RequestObservers;

  constructor(setup: TranslatedAttemptSetup) {
    const { clientAdapter, upstreamAdapter } = setup;
    const answerContext = { requestId: setup.requestId, model: setup.upstreamModel, nowSeconds: setup.nowSeconds };
    const translated = translateClientRequest(clientAdapter, upstreamAdapter, setup.body, answerContext, {
      upstreamModel: setup.upstreamModel,
      systemPrompt: setup.systemPrompt,
      maxOutputTokens: setup.maxOutputTokens,
    });
    this.translation = `${clientAdapter.protocol}->${upstreamAdapter.protocol}`;
    this.upstreamBody = translated.body;
    this.request = translated.request;
    this.warnings = translated.warnings;
    this.headers = { ...setup.headers, translation: this.translation, warnings: formatConversionWarnings(translated.warnings) };
    this.upstreamAdapter = upstreamAdapter;
    this.#writer = translated.writer;
    this.#nowSeconds = setup.nowSeconds;
    this.#response = setup.response;
    this.#context = setup.context;
    this.#observers = setup.observers;
    if (translated.stream) {
      const usage = new TranslatedStreamUsage();
      this.usageSource = usage;
      const target = new ClientStreamTap(setup.response, setup.context, setup.observers);
      this.streamSink = createTranslatingStreamSink(target, upstreamAdapter.createStreamDecoder(), translated.writer.createStreamEncoder(), usage);
      this.sink = this.streamSink;
    } else {
      this.usageSource = undefined;
      this.streamSink = undefined;
      this.sink = new CollectingSink(setup.response, setup.onBody);
    }
  }

  /**
   * A whole upstream answer, converted and written to the client (writeTranslatedBody); its usage becomes
   * `usageSource`. Returns what the answer's conversion dropped or adjusted; throws when it cannot be read.
   */
  writeBody(body: Buffer): readonly ConversionWarning[] {
    const parts = {
      upstreamAdapter: this.upstreamAdapter,
      writer: this.#writer,
      nowSeconds: this.#nowSeconds,
      headers: this.headers,
      requestWarnings: this.warnings,
    };
    const written = writeTranslatedBody(body, parts, this.#response, this.#context, this.#observers);
    this.usageSource = written.usage;
    return written.warnings;
  }
}
