import assert from 'node:assert/strict';
import test from 'node:test';
import { readFixtureEventData } from '../../../test/helpers/read-fixture-event-data.ts';
import { readOpenAIChatChunk } from './read-openai-chat-chunk.ts';
import { readOpenAIChatContentDelta } from './read-openai-chat-content-delta.ts';

const fixtures = readFixtureEventData(['stream-text', 'stream-usage', 'stream-tool-calls', 'stream-length'].map((name) => `openai-chat/${name}.sse`));

const head = '"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini"';
const delta = (content: string): string => `"choices":[{"index":0,"delta":{"content":${content}},"logprobs":null,"finish_reason":null}]`;

/** Read by the fast reader (what the full path makes of each is checked below). */
const read: ReadonlyArray<readonly [string, string]> = [
  [`{${head},${delta('"Hi"')}}`, 'Hi'],
  [
    `{${head},"service_tier":"default","system_fingerprint":"fp_1",${delta('"a \\"quoted\\" \\\\ line\\nbreak \\u00e9 \\ud83d\\ude00"')},"usage":null,"obfuscation":"x1"}`,
    'a "quoted" \\ line\nbreak é 😀',
  ],
  [`{${delta('""')}}`, ''],
  [`{"created":1.5e3,"flag":true,"other":null,${delta('"x"')}}`, 'x'],
];

/** Left to the full path. */
const notRead: readonly string[] = [
  `{ ${head},${delta('"Hi"')}}`,
  `{${head}, ${delta('"Hi"')}}`,
  `{${head},"error":{"message":"boom"},${delta('"Hi"')}}`,
  `{${head},"error":null,${delta('"Hi"')}}`,
  `{${head},${delta('"Hi"')},"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}`,
  `{${head},${delta('"Hi"')},${delta('"again"')}}`,
  `{"id":7,"model":"m",${delta('"Hi"')}}`,
  `{"id":"c","model":null,${delta('"Hi"')}}`,
  `{${head},"note":"esc\\"aped",${delta('"Hi"')}}`,
  `{${head},"nested":{"a":1},${delta('"Hi"')}}`,
  `{${head},"choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":"stop"}]}`,
  `{${head},"choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"logprobs":null,"finish_reason":null}]}`,
  `{${head},"choices":[{"index":1,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}]}`,
  `{${head},"choices":[{"index":0,"delta":{"content":null},"logprobs":null,"finish_reason":null}]}`,
  `{${head},${delta('"bad \\x escape"')}}`,
  `{${head},${delta('"raw\ttab"')}}`,
  `{${head},${delta('"Hi"')}`,
  `{${head},${delta('"Hi"')}}x`,
  `{"created":007,${delta('"Hi"')}}`,
  `{"created":1.,${delta('"Hi"')}}`,
];

/** What the full path reads from an event the fast reader took: choice 0's content, and nothing else the decoder uses. */
function assertFullPathAgrees(data: string, content: string): void {
  const value = JSON.parse(data) as Record<string, unknown>;
  assert.notEqual(readOpenAIChatChunk(value), undefined, data);
  assert.equal('error' in value, false);
  assert.equal(value['usage'] ?? null, null);
  assert.deepEqual(value['choices'], [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }]);
}

test("a plain text delta is read without parsing the event, with exactly the full path's reading", () => {
  for (const [data, content] of read) {
    assert.equal(readOpenAIChatContentDelta(data), content, data);
    assertFullPathAgrees(data, content);
  }
});

test('anything else is left to the full path: whitespace, errors, usage, other delta fields, finish, other choices, bad escapes, bad numbers', () => {
  for (const data of notRead) assert.equal(readOpenAIChatContentDelta(data), undefined, data);
});

test("recorded OpenAI streams: every text delta is read, and each reading is the full path's", () => {
  let taken = 0;
  for (const data of fixtures) {
    const content = readOpenAIChatContentDelta(data);
    if (content === undefined) continue;
    taken += 1;
    assertFullPathAgrees(data, content);
  }
  assert.ok(taken >= 18, `${taken} events read`);
});
