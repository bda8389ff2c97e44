import assert from 'node:assert/strict';
import test from 'node:test';
import { readFixtureEventData } from '../../../test/helpers/read-fixture-event-data.ts';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { createOpenAIChatStreamDecoder } from './create-openai-chat-stream-decoder.ts';
import { readOpenAIChatChunk } from './read-openai-chat-chunk.ts';
import { readOpenAIChatFirstChunk } from './read-openai-chat-first-chunk.ts';

const head = '"id":"chatcmpl-1","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini"';
const choices = (delta: string, finish = 'null'): string => `"choices":[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}]`;

/** Read by the fast reader, with what it reads (checked against the full path below). */
const read: ReadonlyArray<readonly [string, { id: string; model: string; content: string }]> = [
  [`{${head},${choices('{"role":"assistant","content":"","refusal":null}')}}`, { id: 'chatcmpl-1', model: 'gpt-4o-mini', content: '' }],
  [
    `{${head},"service_tier":"default","system_fingerprint":"fp_1",${choices('{"role":"assistant","content":"Hi \\"there\\" \\u00e9"}')},"usage":null,"obfuscation":"x1"}`,
    { id: 'chatcmpl-1', model: 'gpt-4o-mini', content: 'Hi "there" é' },
  ],
  [`{${choices('{"role":"assistant","content":"x"}')}}`, { id: '', model: '', content: 'x' }],
  [`{"id":"a","model":"m1",${choices('{"role":"assistant","content":"x"}')},"id":"b","model":"m2"}`, { id: 'b', model: 'm2', content: 'x' }],
  [`{"xid":"not","id":"yes",${choices('{"role":"assistant","content":"\\"id\\":\\"no\\""}')}}`, { id: 'yes', model: '', content: '"id":"no"' }],
];

/** Left to the full path. */
const notRead: readonly string[] = [
  `{ ${head},${choices('{"role":"assistant","content":""}')}}`,
  `{${head},${choices('{"content":"Hi"}')}}`,
  `{${head},${choices('{"role":"assistant","content":null}')}}`,
  `{${head},${choices('{"role":"assistant","content":"","refusal":"no"}')}}`,
  `{${head},${choices('{"role":"assistant","content":"Hi"}', '"stop"')}}`,
  `{${head},${choices('{"role":"assistant","content":"","tool_calls":[]}')}}`,
  `{${head},"error":null,${choices('{"role":"assistant","content":""}')}}`,
  `{${head},${choices('{"role":"assistant","content":""}')},"usage":{"prompt_tokens":1,"completion_tokens":0,"total_tokens":1}}`,
  `{"id":7,${choices('{"role":"assistant","content":""}')}}`,
  `{${head},${choices('{"role":"assistant","content":"bad \\x"}')}}`,
  `{${head},"choices":[{"index":1,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}`,
];

/** The full path's reading of the same event: the decoder's parts for it as a first event, without the fast reader. */
function fullPathReading(data: string): { id: string; model: string; content: string } {
  const chunk = readOpenAIChatChunk(JSON.parse(data));
  assert.notEqual(chunk, undefined, data);
  const choice = chunk?.choices?.[0];
  assert.equal(chunk?.choices?.length, 1);
  assert.equal(choice?.finish_reason ?? null, null);
  assert.equal(chunk?.usage ?? null, null);
  return { id: chunk?.id ?? '', model: chunk?.model ?? '', content: choice?.delta?.content ?? '' };
}

test("a stream's first chunk is read without parsing the event, as the full path reads it", () => {
  for (const [data, expected] of read) {
    assert.deepEqual(readOpenAIChatFirstChunk(data), expected, data);
    assert.deepEqual(fullPathReading(data), expected, data);
  }
});

test('any other shape is left to the full path', () => {
  for (const data of notRead) assert.equal(readOpenAIChatFirstChunk(data), undefined, data);
});

test("recorded OpenAI streams' first chunks are read fast; as a stream's first event each makes the parts the full path makes", () => {
  const firsts = ['stream-text', 'stream-usage', 'stream-length'].map((name) => readFixtureEventData([`openai-chat/${name}.sse`])[0] as string);
  for (const data of [...firsts, ...read.map(([event]) => event)]) {
    const fast = readOpenAIChatFirstChunk(data);
    assert.notEqual(fast, undefined, data);
    const { id, model, content } = fullPathReading(data);
    const expected: StreamPart[] = [{ type: 'response-start', id, model }];
    if (content !== '') expected.push({ type: 'text-start', index: 0 }, { type: 'text-delta', index: 0, delta: content });
    assert.deepEqual(createOpenAIChatStreamDecoder().push({ event: undefined, data }), expected, data);
  }
});
