import { symbols } from 'pino';
import type { LogDestination } from '../create-log-destination.ts';
import type { RotatingLogFile } from './create-rotating-log-file.ts';

/** The messages of the per-request line (observability/record-request-finished.ts): what `requests.log` holds. */
export const requestLineMessages: ReadonlySet<string> = new Set(['request finished', 'request failed']);

/** pino's `warn`: this level and above also go to `errors.log`. */
const warnLevel = 40;

export interface RoutedLogDestinationOptions {
  /** Every line (stdout: the batching destination or pino-pretty). */
  readonly main: { write(line: string): unknown; flushSync?: () => void };
  /** The per-request lines. */
  readonly requests?: RotatingLogFile | undefined;
  /** Lines at warn and above. */
  readonly errors?: RotatingLogFile | undefined;
}

/** What pino writes to, with the two fields pino sets before each write (see `pino.metadata`). */
export interface RoutedLogDestination extends LogDestination {
  readonly [symbols.needsMetadataGsym]: true;
  lastLevel: number;
  lastMsg: string | undefined;
}

/**
 * A pino destination that copies lines into `logging.dir`'s files as well as stdout. It asks pino for each
 * line's level and message (the `pino.metadata` symbol, as pino.multistream does) rather than parsing the line.
 */
export function createRoutedLogDestination(options: RoutedLogDestinationOptions): RoutedLogDestination {
  const { main, requests, errors } = options;
  return {
    [symbols.needsMetadataGsym]: true,
    lastLevel: 0,
    lastMsg: undefined,
    write(line) {
      main.write(line);
      if (requests !== undefined && this.lastMsg !== undefined && requestLineMessages.has(this.lastMsg)) requests.write(line);
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
