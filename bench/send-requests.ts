import { Pool } from 'undici';
import type { TargetRequest } from './build-target-request.ts';

export interface SendRequestsOptions {
  /** Origin of the target, e.g. http://127.0.0.1:9000. */
  origin: string;
  request: TargetRequest;
  /** Text every answer must contain (a stream's end marker, or the answer's text). */
  expected: string;
  requests: number;
  concurrency: number;
}

/**
 * Sends exactly `requests` requests over `concurrency` keep-alive connections, each as soon as one
 * finishes (a closed loop, like wrk's, but by count rather than for a time: count-instructions.ts divides
 * by it). Resolves with the number of answers that were not a 200 containing `expected`.
 */
export async function sendRequests(options: SendRequestsOptions): Promise<number> {
  const pool = new Pool(options.origin, { connections: options.concurrency, keepAliveTimeout: 60_000 });
  const { path, headers, body } = options.request;
  let sent = 0;
  let failed = 0;
  const loop = async (): Promise<void> => {
    while (sent < options.requests) {
      sent += 1;
      const response = await pool.request({ method: 'POST', path, headers, body });
      const text = await response.body.text();
      if (response.statusCode !== 200 || !text.includes(options.expected)) failed += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, loop));
  } finally {
    await pool.close();
  }
  return failed;
}
