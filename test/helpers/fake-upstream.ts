import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** One request as the fake upstream received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The body parsed as JSON, or undefined. */
  readonly json: Record<string, unknown> | undefined;
}

/** Decides the answer; gets the request and how many came before it (0 for the first). */
export type UpstreamBehaviour = (request: RecordedRequest, response: ServerResponse, index: number) => void | Promise<void>;

export interface FakeUpstream {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Resolves when the upstream sees its connection for a request closed by the other side. */
  readonly aborted: Promise<void>;
  setBehaviour(behaviour: UpstreamBehaviour): void;
  close(): Promise<void>;
}

/** A real HTTP server on a free loopback port that records every request (STYLE.md §9). */
export async function startFakeUpstream(behaviour: UpstreamBehaviour): Promise<FakeUpstream> {
  let current = behaviour;
  const requests: RecordedRequest[] = [];
  let markAborted: () => void = () => {};
  const aborted = new Promise<void>((resolve) => {
    markAborted = resolve;
  });
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      const recorded: RecordedRequest = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body, json };
      requests.push(recorded);
      response.once('close', () => {
        if (!response.writableFinished) markAborted();
      });
      void current(recorded, response, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    aborted,
    setBehaviour(next) {
      current = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const fixturesRoot = new URL('../../../shared/fixtures/', import.meta.url);

/** A file from ../shared/fixtures (real wire shapes), as text. */
export function readFixture(relativePath: string): string {
  return readFileSync(join(fixturesRoot.pathname, relativePath), 'utf8');
}

export function answerJson(status: number, body: unknown, headers: Record<string, string> = {}): UpstreamBehaviour {
  return (_request, response) => {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(payload);
  };
}

/** Replays an SSE body event by event (split on blank lines), `delayMs` apart. */
export function answerSse(sse: string, delayMs = 0): UpstreamBehaviour {
  const events = sse.split(/(?<=\n\n)/);
  return async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const event of events) {
      if (response.destroyed) return;
      response.write(event);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    response.end();
  };
}
