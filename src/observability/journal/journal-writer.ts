import { close, closeSync, mkdirSync, openSync, write, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** One journal record: serialized to a JSON line when its batch is written, never on the request path. */
export interface JournalRecord {
  readonly type: 'request' | 'provider_request' | 'provider_response' | 'response';
  readonly request_id: string;
  /** When the event happened (epoch ms); written as an ISO time. */
  readonly time: number;
  readonly [field: string]: unknown;
}

export interface JournalWriterOptions {
  readonly path: string;
  /** Records waiting to be written; past it a record is dropped and counted. */
  readonly bufferSize: number;
  /** Applied to each serialized line (`logging.mask_sensitive`). */
  readonly mask?: ((line: string) => string) | undefined;
  /** Called once per dropped record (the dropped-records counter). */
  readonly onDrop?: () => void;
  /** How long a record may wait for its batch. */
  readonly flushIntervalMs?: number;
}

/**
 * The JSONL request journal's file: `append` only pushes the record into a bounded array (the request
 * path's whole cost); a timer turns the batch into lines and writes it with one `fs.write` on the one file
 * descriptor. While a batch is being written the next one fills, so at most `bufferSize` records wait
 * besides the batch in flight; a record that does not fit is dropped and counted, never buffered.
 */
export class JournalWriter {
  readonly #options: JournalWriterOptions;
  readonly #fd: number;
  #pending: JournalRecord[] = [];
  #writing = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #whenIdle: (() => void)[] = [];
  dropped = 0;

  constructor(options: JournalWriterOptions) {
    this.#options = options;
    mkdirSync(dirname(options.path), { recursive: true });
    // Owner-only: the journal holds prompts and completions (an existing file keeps its mode).
    this.#fd = openSync(options.path, 'a', 0o600);
  }

  append(record: JournalRecord): void {
    if (this.#closed || this.#pending.length >= this.#options.bufferSize) {
      this.dropped += 1;
      this.#options.onDrop?.();
      return;
    }
    this.#pending.push(record);
    if (this.#timer === undefined && !this.#writing) this.#timer = setTimeout(this.#writeBatch, this.#options.flushIntervalMs ?? 50).unref();
  }

  /** Resolves once every record appended so far is written. */
  flush(): Promise<void> {
    if (this.#pending.length === 0 && !this.#writing) return Promise.resolve();
    return new Promise((resolve) => {
      this.#whenIdle.push(resolve);
      if (!this.#writing) this.#writeBatch();
    });
  }

  /** Writes what is pending and closes the file; later records are dropped. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    await new Promise<void>((resolve) => close(this.#fd, () => resolve()));
  }

  /** At process exit, when nothing asynchronous will run any more. */
  closeSync(): void {
    if (this.#closed) return;
    this.#closed = true;
    const text = this.#serialize(this.#pending);
    this.#pending = [];
    if (text.length > 0) writeSync(this.#fd, text);
    closeSync(this.#fd);
  }

  #serialize(records: readonly JournalRecord[]): string {
    const mask = this.#options.mask;
    let text = '';
    for (const record of records) {
      try {
        const line = serializeJournalRecord(record);
        text += `${mask === undefined ? line : mask(line)}\n`;
      } catch {
        // A record that cannot be serialized (a cycle would be a bug) is dropped, not the batch.
        this.dropped += 1;
        this.#options.onDrop?.();
      }
    }
    return text;
  }

  readonly #writeBatch = (): void => {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#writing) return;
    if (this.#pending.length === 0) {
      for (const resolve of this.#whenIdle.splice(0)) resolve();
      return;
    }
    const batch = this.#pending;
    this.#pending = [];
    const buffer = Buffer.from(this.#serialize(batch));
    this.#writing = true;
    const writeFrom = (offset: number): void => {
      write(this.#fd, buffer, offset, buffer.length - offset, null, (error, written) => {
        if (error === null && offset + written < buffer.length) {
          writeFrom(offset + written);
          return;
        }
        // A failed write loses its batch (counted); the journal never retries into unbounded memory.
        if (error !== null) {
          this.dropped += batch.length;
          for (let index = 0; index < batch.length; index += 1) this.#options.onDrop?.();
        }
        this.#writing = false;
        this.#writeBatch();
      });
    };
    writeFrom(0);
  };
}

/**
 * A JSON text (a request body) kept as the gateway had it and spliced into its record's line when the
 * batch is written: no parse or copy on the request path.
 */
export class RawJsonText {
  constructor(readonly text: string | Buffer) {}
}

/** One line: the record's fields, `time` as ISO, and a `body` RawJsonText spliced in as JSON. */
export function serializeJournalRecord(record: JournalRecord): string {
  const { type, request_id: requestId, time, body, ...fields } = record;
  const head = JSON.stringify({ type, request_id: requestId, time: new Date(time).toISOString(), ...fields });
  if (!(body instanceof RawJsonText)) return body === undefined ? head : `${head.slice(0, -1)},"body":${JSON.stringify(body)}}`;
  return `${head.slice(0, -1)},"body":${oneLineJson(body.text.toString())}}`;
}

/** The text itself when it is JSON on one line (what the gateway writes upstream); else re-serialized. */
function oneLineJson(text: string): string {
  if (!/[\n\r\u2028\u2029]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return JSON.stringify(text);
  }
}
