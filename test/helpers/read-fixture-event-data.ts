import { readFixture } from './fake-upstream.ts';

/** The JSON `data:` payloads of recorded SSE fixtures (`openai-chat/stream-text.sse`…), in order. */
export function readFixtureEventData(relativePaths: readonly string[]): string[] {
  return relativePaths.flatMap((path) =>
    readFixture(path)
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => line.slice(6)),
  );
}
