import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../src/observability/create-logger.ts';

/** A logger (the gateway's own, createLogger) writing into memory: `text()` is everything written so far. */
export function createCapturingLogger(level: string): { readonly logger: Logger; text(): string } {
  let text = '';
  const logger = createLogger(
    level,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        text += chunk.toString('utf8');
        callback();
      },
    }),
  );
  return { logger, text: () => text };
}
