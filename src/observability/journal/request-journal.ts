import { Counter, type Registry } from 'prom-client';
import type { JournalConfig } from '../../config/gateway-config-schema.ts';
import type { RequestContext } from '../../server/request-context.ts';
import type { AttemptEndedEvent, AttemptStartedEvent, RequestObserver, RequestReceivedEvent } from '../request-observer.ts';
import { JournalWriter, RawJsonText } from './journal-writer.ts';

/** Bytes of stream chunks kept for one request's `chunk_sequence`; the rest is left out and flagged. */
const maxChunkBytesPerRequest = 4 * 1024 * 1024;

/** What the journal keeps of a request between its events. */
interface JournalRequestState {
  chunks: (Buffer | string)[] | undefined;
  chunkBytes: number;
  chunksTruncated: boolean;
}

export interface RequestJournalOptions {
  readonly config: JournalConfig;
  readonly registry: Registry;
  readonly mask: ((line: string) => string) | undefined;
  readonly now: () => number;
}

/**
 * `logging.jsonl`: a request observer that appends `request`, `provider_request`, `provider_response` (one
 * pair per attempt) and `response` records, linked by `request_id`, to the journal file. A stream's chunks,
 * as the client received them and in order, are the `response` record's `chunk_sequence`. Each event only
 * pushes a record of references (bodies are the gateway's own strings and buffers) into the writer's
 * bounded buffer; serializing, masking and writing happen in the writer's batch, off the request path.
 * A client API request refused before it was routed (401, 400, 404, 429...) gets a `request` record
 * without a body and its `response`; an error answer's `body` is the error as the client got it.
 */
export class RequestJournal implements RequestObserver {
  readonly wantsChunks = true;
  readonly #writer: JournalWriter;
  readonly #now: () => number;
  readonly #requests = new WeakMap<RequestContext, JournalRequestState>();

  constructor(options: RequestJournalOptions) {
    const dropped = new Counter({
      name: 'llm_proxy_journal_dropped_total',
      help: 'Request journal records dropped because its buffer (logging.jsonl.buffer_size) was full or a write failed.',
      registers: [options.registry],
    });
    this.#writer = new JournalWriter({ path: options.config.path, bufferSize: options.config.buffer_size, mask: options.mask, onDrop: () => dropped.inc() });
    this.#now = options.now;
  }

  get droppedRecords(): number {
    return this.#writer.dropped;
  }

  onRequestReceived(context: RequestContext, event: RequestReceivedEvent): void {
    this.#requests.set(context, { chunks: context.stream ? [] : undefined, chunkBytes: 0, chunksTruncated: false });
    this.#writer.append({
      type: 'request',
      request_id: context.requestId,
      time: this.#now(),
      method: context.method,
      endpoint: context.endpoint,
      key_name: context.keyName,
      model: context.model,
      stream: context.stream,
      // Undefined for a request refused before its body was read (or was JSON).
      body: event.rawBody === undefined ? undefined : new RawJsonText(event.rawBody),
    });
  }

  onAttemptStarted(context: RequestContext, event: AttemptStartedEvent): void {
    if (!this.#requests.has(context)) return;
    this.#writer.append({
      type: 'provider_request',
      request_id: context.requestId,
      time: this.#now(),
      attempt: event.attempt,
      provider: event.provider,
      protocol: event.protocol,
      upstream_model: event.upstreamModel,
      path: event.path,
      translation: event.translation,
      body: new RawJsonText(event.body),
    });
  }

  onAttemptEnded(context: RequestContext, event: AttemptEndedEvent): void {
    if (!this.#requests.has(context)) return;
    this.#writer.append({
      type: 'provider_response',
      request_id: context.requestId,
      time: this.#now(),
      attempt: event.attempt,
      provider: event.provider,
      status: event.status,
      failure_reason: event.failureReason,
      headers_ms: event.headersSeconds === undefined ? undefined : event.headersSeconds * 1000,
      duration_ms: event.durationSeconds * 1000,
    });
  }

  onClientChunk(context: RequestContext, chunk: Buffer | string): void {
    const state = this.#requests.get(context);
    if (state === undefined || state.chunksTruncated) return;
    state.chunkBytes += chunk.length;
    if (state.chunkBytes > maxChunkBytesPerRequest) state.chunksTruncated = true;
    else if (state.chunks === undefined) state.chunks = [chunk];
    else state.chunks.push(chunk);
  }

  onRequestFinished(context: RequestContext): void {
    const state = this.#requests.get(context);
    if (state === undefined) return;
    this.#requests.delete(context);
    const endedAtNs = context.endedAtNs ?? process.hrtime.bigint();
    this.#writer.append({
      type: 'response',
      request_id: context.requestId,
      time: this.#now(),
      status: context.status,
      error_code: context.errorCode,
      provider: context.provider,
      upstream_model: context.upstreamModel,
      attempts: context.attempts,
      stream: context.stream,
      duration_ms: Number(endedAtNs - context.startedAtNs) / 1e6,
      time_to_first_byte_ms: context.firstByteAtNs === undefined ? undefined : Number(context.firstByteAtNs - context.startedAtNs) / 1e6,
      usage: context.usage,
      usage_estimated: context.usage === undefined ? undefined : context.usageEstimated,
      chunk_sequence: state.chunks === undefined || !context.stream || context.errorBody !== undefined ? undefined : new ChunkSequence(state.chunks),
      body: answerBody(context, state),
      chunk_sequence_truncated: state.chunksTruncated ? true : undefined,
    });
  }

  /** Resolves once everything appended so far is on disk. */
  flush(): Promise<void> {
    return this.#writer.flush();
  }

  close(): Promise<void> {
    return this.#writer.close();
  }
}

/** What the client got as a whole answer: the error it was answered with, or the relayed body. */
function answerBody(context: RequestContext, state: JournalRequestState): unknown {
  const error = context.errorBody;
  if (error !== undefined) return Buffer.isBuffer(error) ? new AnswerBody([error]) : error;
  return state.chunks === undefined || context.stream ? undefined : new AnswerBody(state.chunks);
}

/** The chunks of a stream, decoded to text only when the record is serialized. */
/** A whole (non-streamed) answer as the client received it: its JSON when it is JSON, else its text. */
class AnswerBody {
  constructor(readonly chunks: readonly (Buffer | string)[]) {}

  toJSON(): unknown {
    const text = this.chunks.map((chunk) => (typeof chunk === 'string' ? chunk : chunk.toString('utf8'))).join('');
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
}

class ChunkSequence {
  constructor(readonly chunks: readonly (Buffer | string)[]) {}

  toJSON(): string[] {
    return this.chunks.map((chunk) => (typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
  }
}
