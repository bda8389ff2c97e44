import { symbols } from 'pino';
import type { LogDestination } from '../create-log-destination.ts';
import type { RotatingLogFile } from './create-rotating-log-file.ts';
import type { SecretFieldCheck, SecretMasker } from './create-secret-masker.ts';

/** The messages of the per-request line (observability/record-request-finished.ts): what `requests.log` holds. */
export const requestLineMessages: ReadonlySet<string> = new Set(['request finished', 'request failed']);

/**
 * The request line's string fields that can carry text a client chose (the model it named, its
 * x-request-id, a mapped model built from it, a key name); its other fields are numbers or come from the
 * config and the code.
 */
const requestLineClientFields = ['model', 'upstreamModel', 'requestId', 'keyName'];

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
  lastObj: Record<string, unknown> | undefined;
}

/**
 * A pino destination that masks secrets and copies lines into `logging.dir`'s files as well as stdout. It
 * asks pino for each line's level, message and object (the `pino.metadata` symbol, as pino.multistream
 * does) rather than parsing the line. The per-request line, the one line every request writes, is masked
 * only when one of its client-given fields may hold a secret (~10 ns a line); any other line goes through
 * the whole-line masker (~0.4 µs, a regular expression over the line), which is rare enough not to matter.
 */
export function createRoutedLogDestination(options: RoutedLogDestinationOptions): RoutedLogDestination {
  const { main, requests, errors, mask } = options;
  return {
    [symbols.needsMetadataGsym]: true,
    lastLevel: 0,
    lastMsg: undefined,
    lastObj: undefined,
    write(text) {
      const isRequestLine = this.lastMsg !== undefined && requestLineMessages.has(this.lastMsg);
      let line = text;
      if (mask !== undefined && (!isRequestLine || requestLineMayHoldSecret(this.lastObj, mask.field))) line = mask.line(text);
      main.write(line);
      if (requests !== undefined && isRequestLine) requests.write(line);
      if (errors !== undefined && this.lastLevel >= warnLevel) errors.write(line);
      return true;
    },
    flushSync() {
      main.flushSync?.();
    },
    flush(callback) {
      try {
        main.flushSync?.();
        callback?.();
      } catch (error) {
        callback?.(error as Error);
      }
    },
    get droppedLines() {
      return (requests?.droppedLines ?? 0) + (errors?.droppedLines ?? 0);
    },
  };
}

function requestLineMayHoldSecret(fields: Record<string, unknown> | undefined, check: SecretFieldCheck): boolean {
  if (fields === undefined) return true;
  for (const name of requestLineClientFields) if (check(fields[name])) return true;
  return false;
}
