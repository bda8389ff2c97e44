import type { ServerResponse } from 'node:http';
import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import type { RequestObservers } from '../observability/request-observers.ts';
import type { RequestContext } from '../server/request-context.ts';
import { findUsageJson } from '../tokens/find-usage-json.ts';
import { readWireUsage } from '../tokens/read-wire-usage.ts';
import type { ProtocolAdapter } from '../translation/protocol-adapter.ts';
import type { WireProtocol } from '../translation/wire-protocol.ts';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';
import type { AnswerUsageSource } from './answer-usage-source.ts';
import { readBodyAnswerText, readCompletionsBodyText } from './read-answer-text.ts';
import { ResponseSink } from './response-sink.ts';

/** A body longer than this is relayed but not kept: its usage is estimated from nothing but the prompt. */
const maxKeptBytes = 8 * 1024 * 1024;

/**
 * The fast path's sink for a whole (non-streamed) answer: each chunk goes to the client as it comes and is
 * kept by reference; once the body is out, its usage object alone is found and parsed (findUsageJson), once.
 */
export class RelayedBodySink extends ResponseSink implements RelaySink, AnswerUsageSource {
  readonly #context: RequestContext;
  readonly #observers: RequestObservers;
  readonly #protocol: WireProtocol;
  readonly #adapter: ProtocolAdapter | undefined;
  #chunks: Buffer[] | undefined = [];
  #bytes = 0;
  #body: Buffer | undefined;

  /** `adapter`: the protocol whose answer text the tokenizer reads; undefined: an OpenAI-only endpoint's body. */
  constructor(response: ServerResponse, protocol: WireProtocol, adapter: ProtocolAdapter | undefined, context: RequestContext, observers: RequestObservers) {
    super(response);
    this.#context = context;
    this.#observers = observers;
    this.#protocol = protocol;
    this.#adapter = adapter;
  }

  write(chunk: Buffer): boolean {
    this.#keep(chunk);
    return this.response.write(chunk);
  }

  /** `last`: the body's last bytes, sent with the end. */
  end(last?: Buffer): void {
    if (last !== undefined) this.#keep(last);
    this.response.end(last);
    // The whole body as one client chunk, for observers that record answers (the journal).
    if (this.#observers.wantsChunks) {
      const body = this.#wholeBody();
      if (body !== undefined) this.#observers.clientChunk(this.#context, body);
    }
  }

  providerUsage(): CanonicalUsage | undefined {
    const body = this.#wholeBody();
    if (body === undefined) return undefined;
    const usage = findUsageJson(body);
    return usage === undefined ? undefined : readWireUsage(this.#protocol, usage);
  }

  answerText(): string {
    const body = this.#wholeBody();
    if (body === undefined) return '';
    return this.#adapter === undefined ? readCompletionsBodyText(body) : readBodyAnswerText(this.#adapter, body);
  }

  #keep(chunk: Buffer): void {
    if (this.#chunks === undefined) return;
    this.#bytes += chunk.length;
    if (this.#bytes <= maxKeptBytes) this.#chunks.push(chunk);
    else this.#chunks = undefined;
  }

  #wholeBody(): Buffer | undefined {
    const chunks = this.#chunks;
    if (this.#body === undefined && chunks !== undefined) this.#body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    return this.#body;
  }
}
