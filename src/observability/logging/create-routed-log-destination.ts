import { symbols } from 'pino';
import type { LogDestination } from '../create-log-destination.ts';
import type { RotatingLogFile } from './create-rotating-log-file.ts';
import type { SecretFieldCheck, SecretMasker } from './create-secret-masker.ts';
import { requestFailedMessage, requestFinishedMessage } from './write-request-line.ts';

/** The messages of the per-request line (write-request-line.ts): what `requests.log` holds. */
export const requestLineMessages: ReadonlySet<string> = new Set([requestFinishedMessage, requestFailedMessage]);

/**
 * The request line's string fields that can carry text a client chose (the model it named, its
 * x-request-id, a mapped model built from it, a key name); its other fields are numbers or come from the
 * config and the code.
 */
export const requestLineClientFields = ['model', 'upstreamModel', 'requestId', 'keyName'] as const;

/** pino's `warn`: this level and above also go to `errors.log`. */
const warnLevel = 40;

export interface RoutedLogDestinationOptions {
  /** Every line (stdout: the batching destination or pino-pretty). */
  readonly main: { write(line: string): unknown; flushSync?: () => void };
  /** The per-request lines. */
  readonly requests?: RotatingLogFile | undefined;
  /** Lines at warn and above. */
  readonly errors?: RotatingLogFile | undefined;
  /** `mask_sensitive`: the masker for a whole line, and the cheap check of one field value. */
  readonly mask?: { readonly line: SecretMasker; readonly field: SecretFieldCheck } | undefined;
}

/** What pino writes to, with the fields pino sets before each write (see `pino.metadata`). */
export interface RoutedLogDestination extends LogDestination {
  readonly [symbols.needsMetadataGsym]: true;
  lastLevel: number;
  lastMsg: string | undefined;
  lastObj: RequestLineFields | undefined;
}

/**
 * A pino destination that masks secrets and copies lines into `logging.dir`'s files as well as stdout. It
 * asks pino for each line's level, message and object (the `pino.metadata` symbol, as pino.multistream
 * does) rather than parsing the line. The per-request line, the one line every request writes, is masked
 * only when one of its client-given fields may hold a secret (~10 ns a line); any other line goes through
 * the whole-line masker (~0.4 µs, a regular expression over the line), which is rare enough not to matter.
 */
export function createRoutedLogDestination(options: RoutedLogDestinationOptions): RoutedLogDestination {
  return new RoutedDestination(options);
}

/** A class, not an object literal with a getter: pino writes five fields on it per line, kept as fast properties. */
class RoutedDestination implements RoutedLogDestination {
  declare readonly [symbols.needsMetadataGsym]: true;
  lastLevel = 0;
  lastMsg: string | undefined = undefined;
  lastObj: RequestLineFields | undefined = undefined;
  lastTime: string | undefined = undefined;
  lastLogger: unknown = undefined;
  readonly #main: RoutedLogDestinationOptions['main'];
  readonly #requests: RotatingLogFile | undefined;
  readonly #errors: RotatingLogFile | undefined;
  readonly #mask: RoutedLogDestinationOptions['mask'];

  constructor(options: RoutedLogDestinationOptions) {
    this.#main = options.main;
    this.#requests = options.requests;
    this.#errors = options.errors;
    this.#mask = options.mask;
  }

  write(text: string): boolean {
    const isRequestLine = this.lastMsg !== undefined && requestLineMessages.has(this.lastMsg);
    const mask = this.#mask;
    let line = text;
    if (mask !== undefined && (!isRequestLine || requestLineMayHoldSecret(this.lastObj, mask.field))) line = mask.line(text);
    this.#main.write(line);
    if (this.#requests !== undefined && isRequestLine) this.#requests.write(line);
    if (this.#errors !== undefined && this.lastLevel >= warnLevel) this.#errors.write(line);
    return true;
  }

  flushSync(): void {
    this.#main.flushSync?.();
  }

  flush(callback?: (error?: Error) => void): void {
    try {
      this.#main.flushSync?.();
      callback?.();
    } catch (error) {
      callback?.(error as Error);
    }
  }

  get droppedLines(): number {
    return (this.#requests?.droppedLines ?? 0) + (this.#errors?.droppedLines ?? 0);
  }
}
(RoutedDestination.prototype as unknown as Record<symbol, boolean>)[symbols.needsMetadataGsym] = true;

/** Named loads, not a loop over `requestLineClientFields` (keyed loads on this wide object measured slower). */
function requestLineMayHoldSecret(fields: RequestLineFields | undefined, check: SecretFieldCheck): boolean {
  return fields === undefined || check(fields.model) || check(fields.upstreamModel) || check(fields.requestId) || check(fields.keyName);
}

interface RequestLineFields {
  readonly model?: unknown;
  readonly upstreamModel?: unknown;
  readonly requestId?: unknown;
  readonly keyName?: unknown;
}
