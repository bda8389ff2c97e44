import { Client } from 'undici';
import type { TargetRequest } from './build-target-request.ts';
import type { TtfbMeasurement } from './target-result.ts';

export interface TtfbOptions {
  /** Origin of the target, e.g. http://127.0.0.1:9000. */
  origin: string;
  /** A stream request in the target's client protocol (bench/build-target-request.ts). */
  request: TargetRequest;
  /** The text every stream must end with (`data: [DONE]`, `event: message_stop`). */
  endMarker: string;
  requests: number;
  warmupRequests: number;
}

/** Time from sending one stream request to its first body byte, in µs; checks the stream ends with the end marker. */
function timeFirstByte(client: Client, options: TtfbOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    let firstByteUs: number | undefined;
    let status = 0;
    let tail = '';
    client.dispatch(
      {
        method: 'POST',
        path: options.request.path,
        headers: { ...options.request.headers, 'content-length': String(Buffer.byteLength(options.request.body)) },
        body: options.request.body,
      },
      {
        // undici treats a handler without onRequestStart as a legacy (onConnect/onData) one.
        onRequestStart() {},
        onResponseStart(_controller, statusCode) {
          status = statusCode;
        },
        onResponseData(_controller, chunk) {
          firstByteUs ??= (performance.now() - startedAt) * 1000;
          tail = (tail + chunk.toString()).slice(-128);
        },
        onResponseEnd() {
          if (status !== 200) reject(new Error(`status ${status}: ${tail}`));
          else if (firstByteUs === undefined || !tail.includes(options.endMarker)) reject(new Error(`stream did not end with ${options.endMarker} (…${tail})`));
          else resolve(firstByteUs);
        },
        onResponseError(_controller, error) {
          reject(error);
        },
      },
    );
  });
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Stream time to first byte at concurrency 1 over one keep-alive connection: shows a proxy that buffers
 * (the mock waits between chunks, so buffering shows as tens of milliseconds).
 */
export async function measureTtfb(options: TtfbOptions): Promise<TtfbMeasurement> {
  const client = new Client(options.origin, { keepAliveTimeout: 60_000 });
  try {
    for (let index = 0; index < options.warmupRequests; index += 1) await timeFirstByte(client, options);
    const samples: number[] = [];
    for (let index = 0; index < options.requests; index += 1) samples.push(await timeFirstByte(client, options));
    samples.sort((left, right) => left - right);
    return { requests: samples.length, p50Us: percentile(samples, 0.5), p99Us: percentile(samples, 0.99) };
  } finally {
    await client.close();
  }
}
