import { write, writeSync } from 'node:fs';

/** What pino needs of a destination, plus a synchronous flush for exit. */
export interface LogDestination {
  write(line: string): boolean;
  flushSync(): void;
  /** pino's `logger.flush(callback)` calls this: everything pending is written before the callback. */
  flush(callback?: (error?: Error) => void): void;
  /** Lines dropped because the output could not keep up (bounded buffer). */
  readonly droppedLines: number;
}

export interface LogDestinationOptions {
  /** File descriptor to write to; 1 = stdout. */
  readonly fd: number;
  /** Pending text that triggers a write at once rather than at the end of this event-loop turn. */
  readonly flushAtChars?: number;
  /** Pending text past which new lines are dropped (and counted) instead of buffered. */
  readonly maxPendingChars?: number;
}

/**
 * An asynchronous, batching log sink for pino: lines collect in an array and go out in one `fs.write`
 * per event-loop turn (or per `flushAtChars`). Measured against pino's default sonic-boom destination,
 * whose async mode measures the byte length of its whole pending buffer on every line: ~3 µs a line at
 * our request rates, the largest single cost of a proxied request (docs/performance.md). The buffer is
 * bounded, so a stuck stdout drops log lines, never memory or requests.
 */
export function createLogDestination(options: LogDestinationOptions): LogDestination {
  const flushAtChars = options.flushAtChars ?? 64 * 1024;
  const maxPendingChars = options.maxPendingChars ?? 16 * 1024 * 1024;
  let pending: string[] = [];
  let pendingChars = 0;
  let writing = false;
  let scheduled = false;
  let droppedLines = 0;

  /** Bytes taken out of `pending` whose write has not completed yet (kept for partial writes and EAGAIN). */
  let inFlight: Buffer | undefined;

  const writeInFlight = (): void => {
    const data = inFlight as Buffer;
    write(options.fd, data, 0, data.length, null, (error, written) => {
      if (error !== null) {
        // A non-blocking stdout pipe that is full says EAGAIN: wait a little and retry the same bytes.
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          setTimeout(writeInFlight, 10).unref();
          return;
        }
        droppedLines += 1;
      } else if (written < data.length) {
        inFlight = data.subarray(written);
        writeInFlight();
        return;
      }
      inFlight = undefined;
      writing = false;
      if (pending.length > 0) flush();
    });
  };

  const flush = (): void => {
    scheduled = false;
    if (writing || pending.length === 0) return;
    inFlight = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingChars = 0;
    writing = true;
    writeInFlight();
  };

  return {
    write(line) {
      if (pendingChars > maxPendingChars) {
        droppedLines += 1;
        return false;
      }
      pending.push(line);
      pendingChars += line.length;
      if (pendingChars >= flushAtChars) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      return true;
    },
    flushSync() {
      // At exit: what an unfinished async write holds goes first, then the rest, in order.
      const text = pending.join('');
      pending = [];
      pendingChars = 0;
      if (inFlight !== undefined) writeSync(options.fd, inFlight);
      inFlight = undefined;
      if (text !== '') writeSync(options.fd, text);
    },
    flush(callback) {
      try {
        this.flushSync();
        callback?.();
      } catch (error) {
        callback?.(error as Error);
      }
    },
    get droppedLines() {
      return droppedLines;
    },
  };
}
