import type { ServerResponse } from 'node:http';
import type { CanonicalUsage } from '../canonical/canonical-usage.ts';
import type { RequestObservers } from '../observability/request-observers.ts';
import { isOpenAIChatUsageOnlyChunk } from '../providers/openai-chat/is-openai-chat-usage-only-chunk.ts';
import type { RequestContext } from '../server/request-context.ts';
import { findUsageJson } from '../tokens/find-usage-json.ts';
import { readWireUsage } from '../tokens/read-wire-usage.ts';
import type { WireProtocol } from '../translation/wire-protocol.ts';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';
import type { AnswerUsageSource } from './answer-usage-source.ts';
import { noteClientWrite } from './client-stream-tap.ts';

const usageKey = Buffer.from('"usage"');
const newline = 0x0a;
/** Upstream bytes kept for the tokenizer until usage shows up; a longer answer is estimated from its start. */
const maxRetainedBytes = 4 * 1024 * 1024;
/** A line longer than this is not followed across chunks (no usage event is that long but a huge Responses snapshot). */
const maxLineBytes = 4 * 1024 * 1024;

export interface RelayedStreamOptions {
  /** The usage's shape: the provider's protocol (Chat's for `/v1/completions`). */
  readonly protocol: WireProtocol;
  /** Drop Chat's usage-only chunk: the gateway asked for it (`stream_options.include_usage`), the client did not. */
  readonly stripUsageOnlyChunk: boolean;
  /** The generated text of the kept upstream bytes, for the tokenizer. */
  readonly decodeText: (chunks: readonly Buffer[]) => string;
}

/**
 * The fast path's stream sink: the upstream's bytes go to the client as they come, and on the way the
 * usage is picked out without decoding the stream. Each chunk costs a native `indexOf` of `"usage"`; only
 * a line holding one is looked at (findUsageJson parses the usage object alone), so ordinary events are
 * never parsed. Usage events: Chat's usage chunk (or usage on the last chunk), Anthropic's message_start and
 * message_delta (merged: the latter carries the final output count), Responses' response.completed.
 * Lines split across chunks are followed (the bytes of an unfinished line are kept by reference); when
 * stripping, an unfinished line is held back until its end arrives so that the usage-only chunk can go.
 * Until usage is seen the upstream chunks are kept (by reference) for the tokenizer fallback.
 */
export class RelayedStreamSink implements RelaySink, AnswerUsageSource {
  readonly #response: ServerResponse;
  readonly #context: RequestContext;
  readonly #observers: RequestObservers;
  readonly #options: RelayedStreamOptions;
  readonly #strip: boolean;
  /** The unfinished last line: already written (not stripping), or held back (stripping). */
  #tail: Buffer | undefined;
  #usage: Record<string, unknown> | undefined;
  #chunks: Buffer[] | undefined = [];
  #retainedBytes = 0;

  constructor(response: ServerResponse, context: RequestContext, observers: RequestObservers, options: RelayedStreamOptions) {
    this.#response = response;
    this.#context = context;
    this.#observers = observers;
    this.#options = options;
    this.#strip = options.stripUsageOnlyChunk;
  }

  write(chunk: Buffer): boolean {
    const chunks = this.#chunks;
    if (chunks !== undefined && this.#retainedBytes < maxRetainedBytes) {
      chunks.push(chunk);
      this.#retainedBytes += chunk.length;
    }
    const out = this.#scan(chunk);
    if (out.length === 0) return true;
    noteClientWrite(this.#context, this.#observers, out);
    return this.#response.write(out);
  }

  end(): void {
    const tail = this.#tail;
    this.#tail = undefined;
    if (tail !== undefined && this.#readLine(tail, 0, tail.length) && this.#strip) {
      this.#response.end();
      return;
    }
    if (tail === undefined || !this.#strip) {
      this.#response.end();
      return;
    }
    noteClientWrite(this.#context, this.#observers, tail);
    this.#response.end(tail);
  }

  once(event: 'drain' | 'close', listener: () => void): unknown {
    return this.#response.once(event, listener);
  }

  get writableEnded(): boolean {
    return this.#response.writableEnded;
  }

  get destroyed(): boolean {
    return this.#response.destroyed;
  }

  providerUsage(): CanonicalUsage | undefined {
    return this.#usage === undefined ? undefined : readWireUsage(this.#options.protocol, this.#usage);
  }

  answerText(): string {
    return this.#chunks === undefined ? '' : this.#options.decodeText(this.#chunks);
  }

  /** Reads the usage lines completed by `chunk`; returns the bytes to write (the chunk itself unless stripping). */
  #scan(chunk: Buffer): Buffer {
    let buffer = chunk;
    let from = 0;
    const tail = this.#tail;
    if (tail !== undefined) {
      this.#tail = undefined;
      if (this.#strip) buffer = Buffer.concat([tail, chunk]);
      else {
        const lineEnd = chunk.indexOf(newline);
        if (lineEnd === -1) {
          if (tail.length + chunk.length <= maxLineBytes) this.#tail = Buffer.concat([tail, chunk]);
          return chunk;
        }
        const line = Buffer.concat([tail, chunk.subarray(0, lineEnd)]);
        this.#readLine(line, 0, line.length);
        from = lineEnd + 1;
      }
    }
    const lastNewline = buffer.lastIndexOf(newline);
    let drops: number[] | undefined;
    let at = lastNewline < from ? -1 : buffer.indexOf(usageKey, from);
    while (at !== -1 && at < lastNewline) {
      const lineStart = buffer.lastIndexOf(newline, at) + 1;
      const lineEnd = buffer.indexOf(newline, at);
      if (this.#readLine(buffer, lineStart, lineEnd) && this.#strip) {
        drops ??= [];
        drops.push(lineStart, endOfEvent(buffer, lineEnd));
      }
      at = buffer.indexOf(usageKey, lineEnd);
    }
    let end = buffer.length;
    const tailStart = Math.max(lastNewline + 1, from);
    if (tailStart < buffer.length && buffer.length - tailStart <= maxLineBytes) {
      this.#tail = buffer.subarray(tailStart);
      if (this.#strip) end = tailStart;
    }
    if (!this.#strip) return chunk;
    if (drops === undefined) return end === buffer.length ? buffer : buffer.subarray(0, end);
    const pieces: Buffer[] = [];
    let start = 0;
    for (let index = 0; index < drops.length; index += 2) {
      pieces.push(buffer.subarray(start, drops[index]));
      start = drops[index + 1] ?? end;
    }
    pieces.push(buffer.subarray(start, end));
    return Buffer.concat(pieces);
  }

  /** Takes the usage from a line holding one; true when it is Chat's usage-only chunk. */
  #readLine(buffer: Buffer, start: number, end: number): boolean {
    const usage = findUsageJson(buffer, start, end);
    if (usage === undefined) return false;
    this.#usage = this.#usage === undefined ? usage : { ...this.#usage, ...usage };
    this.#chunks = undefined;
    if (!this.#strip) return false;
    const line = buffer.toString('utf8', start, end).trimEnd();
    return line.startsWith('data:') && isOpenAIChatUsageOnlyChunk(line.slice(5).trimStart());
  }
}

/** After a line's `\n`: past the blank line that ends its event, when it follows. */
function endOfEvent(buffer: Buffer, lineEnd: number): number {
  let index = lineEnd + 1;
  if (buffer[index] === 0x0d) index += 1;
  if (buffer[index] === newline) return index + 1;
  return lineEnd + 1;
}
