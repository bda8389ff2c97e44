import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { createSseDecoder } from '../../streaming/create-sse-decoder.ts';
import { isOpenAIChatUsageOnlyChunk } from './is-openai-chat-usage-only-chunk.ts';

const fixtureData = (name: string): string[] => {
  const sse = createSseDecoder();
  const bytes = readFileSync(new URL(`../../../../shared/fixtures/openai-chat/${name}`, import.meta.url));
  return [...sse.push(bytes), ...sse.end()].map((event) => event.data);
};

test('in every fixture stream, exactly the usage chunk is picked out (with or without usage:null on other chunks)', () => {
  for (const name of ['stream-usage.sse', 'stream-tool-calls.sse', 'stream-length.sse', 'stream-text.sse']) {
    const events = fixtureData(name);
    const picked = events.map(isOpenAIChatUsageOnlyChunk);
    const expected = events.map((data) => data !== '[DONE]' && (JSON.parse(data) as { choices: unknown[] }).choices.length === 0);
    assert.deepEqual(picked, expected, name);
    assert.equal(picked.filter(Boolean).length, name === 'stream-text.sse' ? 0 : 1, name);
  }
});

test('spacing variants, and look-alikes that are not the usage chunk', () => {
  assert.equal(isOpenAIChatUsageOnlyChunk('{"id":"x", "choices": [ ], "usage": {"prompt_tokens": 1}}'), true);
  // `"usage"` appears only as text in a delta; choices is not empty.
  assert.equal(isOpenAIChatUsageOnlyChunk('{"choices":[{"index":0,"delta":{"content":"usage"}}],"usage":null}'), false);
  assert.equal(isOpenAIChatUsageOnlyChunk('{"choices":[],"usage":null}'), false);
  // A provider that puts usage on the finish chunk: the client needs that chunk, keep it.
  assert.equal(isOpenAIChatUsageOnlyChunk('{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":1}}'), false);
  assert.equal(isOpenAIChatUsageOnlyChunk('{"choices":[],"usage":{"prompt_tokens":1}'), false, 'truncated JSON');
  assert.equal(isOpenAIChatUsageOnlyChunk('[DONE]'), false);
  assert.equal(isOpenAIChatUsageOnlyChunk('{"error":{"message":"usage","type":"x"}}'), false);
});
