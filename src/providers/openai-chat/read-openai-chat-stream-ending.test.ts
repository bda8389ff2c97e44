import assert from 'node:assert/strict';
import test from 'node:test';
import { readFixtureEventData } from '../../../test/helpers/read-fixture-event-data.ts';
import { readOpenAIChatChunk } from './read-openai-chat-chunk.ts';
import { readOpenAIChatStreamEnding } from './read-openai-chat-stream-ending.ts';

const fixtures = readFixtureEventData(['stream-text', 'stream-usage', 'stream-tool-calls', 'stream-length'].map((name) => `openai-chat/${name}.sse`));

const head = '"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini"';
const finish = (reason: string): string => `"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"${reason}"}]`;
const usage =
  '{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":4,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":2}}';

/** Read by the fast reader: [event, finish reason] or [event, usage]. */
const finishes: ReadonlyArray<readonly [string, string]> = [
  [`{${head},${finish('stop')}}`, 'stop'],
  [`{${head},"service_tier":"default","system_fingerprint":"fp_1",${finish('length')},"usage":null,"obfuscation":"x1"}`, 'length'],
  [`{${finish('tool_calls')}}`, 'tool_calls'],
  [`{${head},"usage":null,${finish('content_filter')}}`, 'content_filter'],
];
const usages: readonly string[] = [
  `{${head},"choices":[],"usage":${usage}}`,
  `{${head},"system_fingerprint":"fp_1","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":null,"total_tokens":1},"obfuscation":""}`,
  `{"choices":[],"usage":{}}`,
];

/** Left to the full path. */
const notRead: readonly string[] = [
  `{ ${head},${finish('stop')}}`,
  `{${head},"choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":"stop"}]}`,
  `{${head},"choices":[{"index":1,"delta":{},"logprobs":null,"finish_reason":"stop"}]}`,
  `{${head},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":null}]}`,
  `{${head},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"Stop!"}]}`,
  `{${head},${finish('stop')},"usage":${usage}}`,
  `{${head},"error":{"message":"boom"},${finish('stop')}}`,
  `{${head},${finish('stop')},${finish('length')}}`,
  `{"id":7,${finish('stop')}}`,
  `{${head},"choices":[],"usage":${usage},"usage":null}`,
  `{${head},"usage":null,"choices":[],"usage":${usage}}`,
  `{${head},"choices":[],"usage":{"prompt_tokens":"19"}}`,
  `{${head},"choices":[],"usage":{"prompt_tokens":1.5}}`,
  `{${head},"choices":[],"usage":{"prompt_tokens_details":{"cached":{"deeper":1}}}}`,
  `{${head},"choices":[],"usage":null}`,
  `{${head},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":null}],"usage":${usage}}`,
  `{${head},"choices":[],"usage":${usage}`,
  `{${head},${finish('stop')}}x`,
];

/** What the full path reads from an event the fast reader took: the same finish reason or usage, and nothing else the decoder uses. */
function assertFullPathAgrees(data: string, expected: { readonly finishReason?: string | undefined; readonly usage?: unknown }): void {
  const value = JSON.parse(data) as Record<string, unknown>;
  const chunk = readOpenAIChatChunk(value);
  assert.notEqual(chunk, undefined, data);
  assert.equal('error' in value, false, data);
  if (expected.finishReason !== undefined) {
    assert.equal(value['usage'] ?? null, null, data);
    assert.deepEqual(value['choices'], [{ index: 0, delta: {}, logprobs: null, finish_reason: expected.finishReason }], data);
  } else {
    assert.deepEqual(value['choices'], [], data);
    assert.deepEqual(chunk?.usage, expected.usage, data);
  }
}

test("the finish chunk and the usage-only chunk are read without parsing the event, with exactly the full path's reading", () => {
  for (const [data, finishReason] of finishes) {
    assert.deepEqual(readOpenAIChatStreamEnding(data), { finishReason }, data);
    assertFullPathAgrees(data, { finishReason });
  }
  for (const data of usages) {
    const read = readOpenAIChatStreamEnding(data);
    assert.notEqual(read?.usage, undefined, data);
    assertFullPathAgrees(data, { usage: read?.usage });
  }
});

test('anything else is left to the full path: whitespace, content, other choices, no finish, usage with choices, errors, a second usage member, bad counts', () => {
  for (const data of notRead) assert.equal(readOpenAIChatStreamEnding(data), undefined, data);
});

test("recorded OpenAI streams: every finish and usage chunk is read, and each reading is the full path's", () => {
  let finishesRead = 0;
  let usagesRead = 0;
  for (const data of fixtures) {
    const read = readOpenAIChatStreamEnding(data);
    if (read === undefined) continue;
    if (read.usage === undefined) finishesRead += 1;
    else usagesRead += 1;
    assertFullPathAgrees(data, read);
  }
  assert.equal(finishesRead, 4);
  assert.equal(usagesRead, 3);
});
