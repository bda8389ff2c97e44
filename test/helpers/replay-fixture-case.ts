import { answerJson, answerSse, readFixture, type UpstreamBehaviour } from './fake-upstream.ts';

/** One provider answer from ../shared/fixtures, as a 200 body, as a stream, or both. */
export interface FixtureCase {
  readonly name: string;
  /** Fixture path of the non-stream 200 body. */
  readonly json?: string;
  /** Fixture path of the SSE stream. */
  readonly sse?: string;
}

/**
 * Answers a request with `stream: true` by replaying the case's stream, any other with its JSON body, so
 * an upstream request with the wrong `stream` flag shows up as a failure (a 500 naming the problem) instead
 * of a body the client cannot read.
 */
export function replayFixtureCase(fixtureCase: FixtureCase): UpstreamBehaviour {
  return (request, response, index) => {
    const wantsStream = request.json?.['stream'] === true;
    const path = wantsStream ? fixtureCase.sse : fixtureCase.json;
    if (path === undefined) {
      const message = `fake upstream: case '${fixtureCase.name}' has no ${wantsStream ? 'stream' : 'non-stream'} fixture`;
      return answerJson(500, { error: { message, type: 'test_setup' } })(request, response, index);
    }
    return (wantsStream ? answerSse(readFixture(path)) : answerJson(200, readFixture(path)))(request, response, index);
  };
}
