import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { createSseDecoder, type SseEvent } from '../../streaming/create-sse-decoder.ts';
import { createOpenAIChatStreamDecoder } from './create-openai-chat-stream-decoder.ts';

const fixtureEvents = (name: string): SseEvent[] => {
  const sse = createSseDecoder();
  return [...sse.push(readFileSync(new URL(`../../../../shared/fixtures/openai-chat/${name}`, import.meta.url))), ...sse.end()];
};

const decode = (events: readonly SseEvent[]): StreamPart[] => {
  const decoder = createOpenAIChatStreamDecoder();
  return [...events.flatMap((event) => decoder.push(event)), ...decoder.end()];
};

const data = (value: unknown): SseEvent => ({ event: undefined, data: typeof value === 'string' ? value : JSON.stringify(value) });
const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): SseEvent =>
  data({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finishReason }] });
const done: SseEvent = { event: undefined, data: '[DONE]' };

const textDeltas = (index: number, texts: readonly string[]): StreamPart[] => texts.map((delta) => ({ type: 'text-delta', index, delta }));

test('stream-text.sse: response-start, one text block, finish stop; no usage', () => {
  assert.deepEqual(decode(fixtureEvents('stream-text.sse')), [
    { type: 'response-start', id: 'chatcmpl-123', model: 'gpt-4o-mini' },
    { type: 'text-start', index: 0 },
    ...textDeltas(0, ['Hello', '!', ' How', ' can', ' I', ' assist', ' you', ' today', '?']),
    { type: 'text-end', index: 0 },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } },
  ]);
});

test('stream-usage.sse: the usage chunk after the finish chunk becomes a usage part (usage:null chunks ignored)', () => {
  const parts = decode(fixtureEvents('stream-usage.sse'));
  assert.deepEqual(parts.slice(-3), [
    { type: 'text-end', index: 0 },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } },
    { type: 'usage', usage: { inputTokens: 19, outputTokens: 10, totalTokens: 29, cachedInputTokens: 0, reasoningTokens: 0 } },
  ]);
  assert.deepEqual(parts[0], { type: 'response-start', id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT', model: 'gpt-5.4' });
  assert.equal(parts.filter((part) => part.type === 'usage').length, 1);
});

test('stream-tool-calls.sse: two parallel calls keep their own block indexes, arguments concatenate exactly', () => {
  const parts = decode(fixtureEvents('stream-tool-calls.sse'));
  const structure = parts.filter((part) => part.type !== 'tool-input-delta');
  assert.deepEqual(structure, [
    { type: 'response-start', id: 'chatcmpl-ABfwAwrNePHUgBBezonVC6MX3zd63', model: 'gpt-4o-2024-08-06' },
    { type: 'tool-call-start', index: 0, id: 'call_JMW1whyEaYG438VE1OIflxA2', name: 'GetWeatherArgs' },
    { type: 'tool-call-end', index: 0 },
    { type: 'tool-call-start', index: 1, id: 'call_DNYTawLBoN8fj3KN6qU9N1Ou', name: 'get_stock_price' },
    { type: 'tool-call-end', index: 1 },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' } },
    { type: 'usage', usage: { inputTokens: 149, outputTokens: 60, totalTokens: 209, reasoningTokens: 0 } },
  ]);
  const argumentsOf = (index: number) =>
    parts
      .filter((part) => part.type === 'tool-input-delta' && part.index === index)
      .map((part) => (part.type === 'tool-input-delta' ? part.delta : ''))
      .join('');
  assert.equal(argumentsOf(0), '{"city": "Edinburgh", "country": "GB", "units": "c"}');
  assert.equal(argumentsOf(1), '{"ticker": "AAPL", "exchange": "NASDAQ"}');
  // Each fragment is emitted as its event arrives: 11 + 9 non-empty fragments.
  assert.equal(parts.filter((part) => part.type === 'tool-input-delta').length, 20);
});

test('stream-length.sse: finish length, then usage', () => {
  assert.deepEqual(decode(fixtureEvents('stream-length.sse')), [
    { type: 'response-start', id: 'chatcmpl-ABfw3Oqj8RD0z6aJiiX37oTjV2HFh', model: 'gpt-4o-2024-08-06' },
    { type: 'text-start', index: 0 },
    { type: 'text-delta', index: 0, delta: '{"' },
    { type: 'text-end', index: 0 },
    { type: 'finish', finishReason: { unified: 'length', raw: 'length' } },
    { type: 'usage', usage: { inputTokens: 79, outputTokens: 1, totalTokens: 80, reasoningTokens: 0 } },
  ]);
});

test('parts come out as events arrive, not at the end', () => {
  const decoder = createOpenAIChatStreamDecoder();
  assert.deepEqual(decoder.push(chunk({ role: 'assistant', content: '' })), [{ type: 'response-start', id: 'c1', model: 'm' }]);
  assert.deepEqual(decoder.push(chunk({ content: 'Hi' })), [
    { type: 'text-start', index: 0 },
    { type: 'text-delta', index: 0, delta: 'Hi' },
  ]);
});

test('text after a tool call opens a new block with the next index; reasoning_content is a reasoning block', () => {
  const parts = decode([
    chunk({ role: 'assistant', content: null, reasoning_content: '' }),
    chunk({ reasoning_content: 'Think' }),
    chunk({ reasoning_content: 'ing.' }),
    chunk({ content: 'Let me look.' }),
    chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'look', arguments: '{}' } }] }),
    chunk({ content: 'Done.' }),
    chunk({}, 'stop'),
    done,
  ]);
  assert.deepEqual(parts.slice(1), [
    { type: 'reasoning-start', index: 0 },
    { type: 'reasoning-delta', index: 0, delta: 'Think' },
    { type: 'reasoning-delta', index: 0, delta: 'ing.' },
    { type: 'reasoning-end', index: 0 },
    { type: 'text-start', index: 1 },
    { type: 'text-delta', index: 1, delta: 'Let me look.' },
    { type: 'text-end', index: 1 },
    { type: 'tool-call-start', index: 2, id: 'call_a', name: 'look' },
    { type: 'tool-input-delta', index: 2, delta: '{}' },
    { type: 'tool-call-end', index: 2 },
    { type: 'text-start', index: 3 },
    { type: 'text-delta', index: 3, delta: 'Done.' },
    { type: 'text-end', index: 3 },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } },
  ]);
});

test('OpenRouter `reasoning` deltas and refusal deltas; finish_reason and usage in the same chunk', () => {
  const parts = decode([
    chunk({ role: 'assistant', reasoning: 'Hmm' }),
    chunk({ refusal: "I can't help with that." }),
    data({ id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'content_filter' }], usage: { prompt_tokens: 5, completion_tokens: 7 } }),
  ]);
  assert.deepEqual(parts.slice(1), [
    { type: 'reasoning-start', index: 0 },
    { type: 'reasoning-delta', index: 0, delta: 'Hmm' },
    { type: 'reasoning-end', index: 0 },
    { type: 'text-start', index: 1 },
    { type: 'text-delta', index: 1, delta: "I can't help with that." },
    { type: 'text-end', index: 1 },
    { type: 'finish', finishReason: { unified: 'content-filter', raw: 'content_filter' } },
    { type: 'usage', usage: { inputTokens: 5, outputTokens: 7 } },
  ]);
});

test('a whole tool call in one chunk, and compatible servers that leave out `index`', () => {
  const parts = decode([
    chunk({ tool_calls: [{ id: 'a', type: 'function', function: { name: 'one', arguments: '{"x":1}' } }] }),
    chunk({ tool_calls: [{ id: 'b', type: 'function', function: { name: 'two', arguments: '{"y"' } }] }),
    chunk({ tool_calls: [{ function: { arguments: ':2}' } }] }),
    chunk({}, 'function_call'),
  ]);
  assert.deepEqual(parts.slice(1), [
    { type: 'tool-call-start', index: 0, id: 'a', name: 'one' },
    { type: 'tool-input-delta', index: 0, delta: '{"x":1}' },
    { type: 'tool-call-end', index: 0 },
    { type: 'tool-call-start', index: 1, id: 'b', name: 'two' },
    { type: 'tool-input-delta', index: 1, delta: '{"y"' },
    { type: 'tool-input-delta', index: 1, delta: ':2}' },
    { type: 'tool-call-end', index: 1 },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'function_call' } },
  ]);
});

test('cumulative usage: every usage report becomes a part (last wins)', () => {
  const parts = decode([
    data({ id: 'c1', choices: [{ index: 0, delta: { content: 'a' } }], usage: { prompt_tokens: 3, completion_tokens: 1 } }),
    data({ id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 2 } }),
    done,
  ]);
  assert.deepEqual(
    parts.filter((part) => part.type === 'usage'),
    [
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 1 } },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 2 } },
    ],
  );
});

test('usage with cache reads, cache writes and reasoning tokens', () => {
  const parts = decode([
    data({
      id: 'c1',
      choices: [],
      usage: {
        prompt_tokens: 2006,
        completion_tokens: 300,
        total_tokens: 2306,
        prompt_tokens_details: { cached_tokens: 1920, cache_write_tokens: 50 },
        completion_tokens_details: { reasoning_tokens: 256 },
      },
    }),
  ]);
  assert.deepEqual(parts[1], {
    type: 'usage',
    usage: { inputTokens: 2006, outputTokens: 300, totalTokens: 2306, cachedInputTokens: 1920, cacheWriteInputTokens: 50, reasoningTokens: 256 },
  });
});

test('an in-stream {"error": …} event becomes one error part, and the stream is over', () => {
  const decoder = createOpenAIChatStreamDecoder();
  decoder.push(chunk({ content: 'Hel' }));
  assert.deepEqual(decoder.push(data({ error: { message: 'The server had an error', type: 'server_error', param: null, code: null } })), [
    { type: 'error', errorType: 'server_error', message: 'The server had an error' },
  ]);
  assert.deepEqual(decoder.push(chunk({ content: 'lo' })), []);
  assert.deepEqual(decoder.end(), []);
});

test('junk and truncation are errors, never a fake normal end', () => {
  assert.deepEqual(decode([data('{not json')]), [
    { type: 'error', errorType: 'upstream_error', message: 'The upstream sent a stream event that is not valid JSON.' },
  ]);
  assert.deepEqual(decode([data({ choices: 'nope' })]), [
    { type: 'error', errorType: 'upstream_error', message: 'The upstream sent a stream event that is not a chat completion chunk.' },
  ]);
  const truncated = decode([chunk({ content: 'Hel' })]);
  assert.deepEqual(truncated.at(-1), { type: 'error', errorType: 'upstream_error', message: 'The upstream stream ended before the answer was complete.' });
  assert.equal(truncated.filter((part) => part.type === 'finish').length, 0);
});

test('exactly one finish: a stream without [DONE] is complete after its finish reason; [DONE] without one finishes as other', () => {
  assert.deepEqual(decode([chunk({ content: 'a' }, 'stop')]).at(-1), { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } });
  const withoutReason = decode([chunk({ content: 'a' }), done]);
  assert.deepEqual(withoutReason.slice(-2), [
    { type: 'text-end', index: 0 },
    { type: 'finish', finishReason: { unified: 'other', raw: undefined } },
  ]);
  const repeated = decode([chunk({ content: 'a' }, 'stop'), chunk({}, 'stop'), done]);
  assert.equal(repeated.filter((part) => part.type === 'finish').length, 1);
});

test('deltaJson: the literal of a text delta continuing the open text block, nothing for any other event, and no change to the decoder', () => {
  const decoder = createOpenAIChatStreamDecoder();
  const plain = (literal: string): SseEvent =>
    data(
      `{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":${literal}},"logprobs":null,"finish_reason":null}]}`,
    );
  assert.equal(decoder.deltaJson?.(plain('"Hi"')), undefined, 'no block open before the first chunk');
  decoder.push(chunk({ role: 'assistant', content: 'A' }));
  assert.equal(decoder.deltaJson?.(plain(String.raw`"B \"c\""`)), String.raw`"B \"c\""`);
  assert.equal(decoder.deltaIndex, 0);
  assert.equal(decoder.deltaJson?.(plain('""')), undefined, 'an empty delta makes no part');
  assert.equal(decoder.deltaJson?.(plain(String.raw`"\q"`)), undefined, 'not a JSON escape');
  assert.equal(decoder.deltaJson?.(chunk({ content: 'x', refusal: 'no' })), undefined, 'not only content');
  // Asking changed nothing: the same event pushed makes the one text delta of block 0.
  assert.deepEqual(decoder.push(plain('"B"')), [{ type: 'text-delta', index: 0, delta: 'B' }]);
  decoder.push(chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }] }));
  assert.equal(decoder.deltaJson?.(plain('"C"')), undefined, 'a tool block is open: the text opens a new block');
  assert.deepEqual(
    decoder.push(plain('"C"')).map((part) => part.type),
    ['tool-call-end', 'text-start', 'text-delta'],
  );
  assert.equal(decoder.deltaJson?.(plain('"D"')), '"D"');
  assert.equal(decoder.deltaIndex, 2);
  decoder.push(chunk({}, 'stop'));
  assert.equal(decoder.deltaJson?.(plain('"E"')), undefined, 'after the finish');
});

test("deltaJson: the literal of an arguments fragment of the call the last fragment went to, and that call's block", () => {
  const decoder = createOpenAIChatStreamDecoder();
  const fragment = (callIndex: number, literal: string): SseEvent =>
    data(
      `{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":${callIndex},"function":{"arguments":${literal}}}]},"logprobs":null,"finish_reason":null}]}`,
    );
  const start = (callIndex: number, id: string): SseEvent =>
    chunk({ tool_calls: [{ index: callIndex, id, type: 'function', function: { name: 'f', arguments: '' } }] });
  decoder.push(chunk({ role: 'assistant', content: null }));
  assert.equal(decoder.deltaJson?.(fragment(0, '"{"')), undefined, 'no call started');
  decoder.push(start(0, 'call_a'));
  assert.equal(decoder.deltaJson?.(fragment(0, String.raw`"{\"q\":"`)), String.raw`"{\"q\":"`);
  assert.deepEqual([decoder.deltaType, decoder.deltaIndex], ['tool-input-delta', 0]);
  assert.equal(decoder.deltaJson?.(fragment(0, '""')), undefined, 'an empty fragment makes no part');
  assert.equal(decoder.deltaJson?.(fragment(1, '"1"')), undefined, 'a call not started');
  decoder.push(start(1, 'call_b'));
  assert.equal(decoder.deltaJson?.(fragment(1, '"x"')), '"x"');
  assert.equal(decoder.deltaIndex, 1);
  assert.equal(decoder.deltaJson?.(fragment(0, '"1}"')), undefined, "the first call's late fragment: push moves the last call");
  assert.deepEqual(decoder.push(fragment(0, '"1}"')), [{ type: 'tool-input-delta', index: 0, delta: '1}' }]);
  assert.equal(
    decoder.deltaJson?.(chunk({ tool_calls: [{ index: 1, id: 'call_b', function: { arguments: 'x' } }] })),
    undefined,
    'more than index and arguments',
  );
});
