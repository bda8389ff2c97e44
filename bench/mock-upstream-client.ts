import { request } from 'undici';

/** Talks to bench/mock-upstream.ts: the chat request counter and the delay between stream chunks. */
export class MockUpstreamClient {
  readonly origin: string;

  constructor(origin: string) {
    this.origin = origin;
  }

  async count(): Promise<number> {
    const response = await request(`${this.origin}/count`);
    const payload = (await response.body.json()) as { count?: unknown };
    if (typeof payload.count !== 'number') throw new Error(`unexpected /count answer from the mock: ${JSON.stringify(payload)}`);
    return payload.count;
  }

  async setChunkDelay(milliseconds: number): Promise<void> {
    const response = await request(`${this.origin}/chunk-delay?ms=${milliseconds}`, { method: 'POST' });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`the mock refused chunk delay ${milliseconds}: ${response.statusCode}`);
  }
}
