import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

export interface RotatingLogFileOptions {
  readonly dir: string;
  /** `requests` -> `requests.log`, rotated to `requests-20261202-1.log`. */
  readonly baseName: string;
  /** Rotate once the file reaches this many bytes (and at midnight UTC in any case). */
  readonly maxFileSize: number;
  /** Rotated files older than this are deleted, when the file is opened and after each rotation. */
  readonly maxAgeDays: number;
  /** Bytes waiting for the disk past which new lines are dropped (and counted) instead of buffered. */
  readonly maxPendingBytes?: number;
  readonly now?: () => number;
  /** A write, rotation or clean-up failed (disk full, permissions): told once per failure, never thrown. */
  readonly onError?: (error: Error) => void;
}

/** One log file of `logging.dir`. */
export interface RotatingLogFile {
  write(line: string): void;
  /** Lines dropped because the disk did not keep up (bounded buffer). */
  readonly droppedLines: number;
  /** Writes what is pending and closes the file. */
  close(): Promise<void>;
  /** The rotation stream's events (`rotated`, `removed`, `error`), for tests and warnings. */
  readonly stream: RotatingFileStream;
}

const dayMs = 24 * 60 * 60 * 1000;

function formatDay(time: Date): string {
  return `${time.getUTCFullYear()}${String(time.getUTCMonth() + 1).padStart(2, '0')}${String(time.getUTCDate()).padStart(2, '0')}`;
}

/**
 * A log file rotated by day (UTC) and by size, with rotating-file-stream; it keeps no history file, so
 * files past `maxAgeDays` are found by name and modification time and deleted here.
 */
export function createRotatingLogFile(options: RotatingLogFileOptions): RotatingLogFile {
  const now = options.now ?? Date.now;
  const maxPendingBytes = options.maxPendingBytes ?? 16 * 1024 * 1024;
  const rotatedName = new RegExp(`^${options.baseName}-\\d{8}-\\d+\\.log$`);
  // The library calls the generator with no time for the file being written, and with the rotation time and a
  // counter for the name a full file moves to.
  const generator = (time: number | Date | null, index?: number): string =>
    time === null || time === undefined ? `${options.baseName}.log` : `${options.baseName}-${formatDay(new Date(time))}-${index ?? 1}.log`;
  mkdirSync(options.dir, { recursive: true });
  const stream = createStream(generator as (time: number | Date, index?: number) => string, {
    path: options.dir,
    size: `${options.maxFileSize}B`,
    interval: '1d',
    intervalBoundary: true,
    intervalUTC: true,
  });
  const removeExpired = (): void => {
    removeExpiredLogFiles(options.dir, rotatedName, now() - options.maxAgeDays * dayMs);
  };
  removeExpired();
  stream.on('rotated', removeExpired);
  // An 'error' event nobody listens to would end the process: a log file that cannot be written loses lines.
  stream.on('error', (error) => options.onError?.(error));
  stream.on('warning', (error) => options.onError?.(error));
  let droppedLines = 0;
  return {
    stream,
    write(line) {
      if (stream.writableLength > maxPendingBytes || stream.destroyed || stream.writableEnded) {
        droppedLines += 1;
        return;
      }
      stream.write(line);
    },
    get droppedLines() {
      return droppedLines;
    },
    close() {
      return new Promise<void>((resolve) => {
        if (stream.writableFinished || stream.destroyed) {
          resolve();
          return;
        }
        stream.once('error', () => resolve());
        stream.end(() => resolve());
      });
    },
  };
}

/** Deletes rotated files (by name) last modified before `olderThanMs`; a file that cannot be read is left. */
export function removeExpiredLogFiles(dir: string, rotatedName: RegExp, olderThanMs: number): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!rotatedName.test(name)) continue;
    try {
      const path = join(dir, name);
      if (statSync(path).mtimeMs < olderThanMs) unlinkSync(path);
    } catch {
      // gone meanwhile, or not ours to delete
    }
  }
}
