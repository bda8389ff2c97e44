import assert from 'node:assert/strict';
import test from 'node:test';
import { readFixture } from '../../test/helpers/fake-upstream.ts';
import { anthropicMessagesAdapter } from '../providers/anthropic-messages/anthropic-messages-adapter.ts';
import { openaiChatAdapter } from '../providers/openai-chat/openai-chat-adapter.ts';
import { openaiResponsesAdapter } from '../providers/openai-responses/openai-responses-adapter.ts';
import { TranslatedStreamUsage } from '../proxy/translated-stream-usage.ts';
import { createSseDecoder } from '../streaming/create-sse-decoder.ts';
import type { RelaySink } from '../upstream/relay-upstream-response.ts';
import { createTranslatingStreamSink } from './create-translating-stream-sink.ts';
import type { ClientAnswerWriter, ProtocolAdapter } from './protocol-adapter.ts';
import type { StreamDecoder } from './stream-codec.ts';

const answerContext = { requestId: 'req_1', model: 'model-gw', nowSeconds: 1_767_225_600 };
/** A fresh answer writer per stream: a Responses writer numbers its ids per request. */
const messagesClient = (): ClientAnswerWriter =>
  anthropicMessagesAdapter.translateRequest({ model: 'model-gw', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Hi' }] }, answerContext)
    .writer;
const chatClient = (): ClientAnswerWriter =>
  openaiChatAdapter.translateRequest(
    { model: 'model-gw', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Hi' }] },
    answerContext,
  ).writer;
const responsesClient = (): ClientAnswerWriter =>
  openaiResponsesAdapter.translateRequest({ model: 'model-gw', stream: true, input: 'Hi' }, answerContext).writer;

/** Which provider's stream goes to which client. */
interface Pair {
  readonly provider: ProtocolAdapter;
  readonly client: () => ClientAnswerWriter;
}
const chatToMessages: Pair = { provider: openaiChatAdapter, client: messagesClient };
const messagesToChat: Pair = { provider: anthropicMessagesAdapter, client: chatClient };
const chatToResponses: Pair = { provider: openaiChatAdapter, client: responsesClient };
const responsesToChat: Pair = { provider: openaiResponsesAdapter, client: chatClient };
const responsesToMessages: Pair = { provider: openaiResponsesAdapter, client: messagesClient };
const messagesToResponses: Pair = { provider: anthropicMessagesAdapter, client: responsesClient };

interface Translation {
  readonly text: string;
  /** Events the decoder's `push` saw. */
  readonly pushed: number;
  readonly answerText: string;
  readonly usage: unknown;
}

/**
 * `upstream` (the provider's SSE text) through the translating sink to the client, as the gateway does it
 * (the provider's decoder, the client's encoder, TranslatedStreamUsage), in writes of `pieceSize` bytes.
 * `shortcut: false` hides the decoder's text-delta shortcut, so every event takes the canonical path.
 */
function translate(upstream: string, shortcut: boolean, pieceSize = upstream.length, pair = chatToMessages): Translation {
  const decoder = pair.provider.createStreamDecoder();
  let pushed = 0;
  const counted: StreamDecoder = {
    push: (event) => {
      pushed += 1;
      return decoder.push(event);
    },
    end: () => decoder.end(),
  };
  if (shortcut) {
    Object.assign(counted, { deltaJson: decoder.deltaJson?.bind(decoder), commitDeltaJson: decoder.commitDeltaJson?.bind(decoder) });
    Object.defineProperty(counted, 'deltaIndex', { get: () => decoder.deltaIndex });
    Object.defineProperty(counted, 'deltaType', { get: () => decoder.deltaType });
  }
  let text = '';
  const target: RelaySink = {
    write: (chunk) => {
      text += chunk.toString();
      return true;
    },
    end: (chunk) => {
      text += chunk?.toString() ?? '';
    },
    once: () => undefined,
    writableEnded: false,
    destroyed: false,
  };
  const usage = new TranslatedStreamUsage();
  const sink = createTranslatingStreamSink(target, counted, pair.client().createStreamEncoder(), usage);
  const bytes = Buffer.from(upstream);
  for (let start = 0; start < bytes.length; start += pieceSize) sink.write(bytes.subarray(start, start + pieceSize));
  sink.end();
  return { text, pushed, answerText: usage.answerText(), usage: usage.providerUsage() };
}

/** Each client event as its name and parsed data (Chat's `[DONE]` as it is). */
function events(text: string): unknown[] {
  const sse = createSseDecoder();
  return [...sse.push(Buffer.from(text)), ...sse.end()].map((event) => [event.event, event.data === '[DONE]' ? event.data : JSON.parse(event.data)]);
}

const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
  `data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}}]}\n\n`;
const content = (literal: string): string =>
  `data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":${literal}},"logprobs":null,"finish_reason":null}]}\n\n`;

test('recorded Messages streams translate to Chat byte for byte the same with the shortcut as without it, and the shortcut is taken', () => {
  for (const name of ['stream-text.sse', 'stream-thinking.sse', 'stream-tool-use.sse', 'stream-tool-use-live.sse', 'stream-error.sse']) {
    const upstream = readFixture(`anthropic-messages/${name}`);
    const without = translate(upstream, false, upstream.length, messagesToChat);
    for (const pieceSize of [upstream.length, 5]) {
      const withShortcut = translate(upstream, true, pieceSize, messagesToChat);
      assert.equal(withShortcut.text, without.text, `${name} in pieces of ${pieceSize}`);
      assert.equal(withShortcut.answerText, without.answerText, name);
      assert.deepEqual(withShortcut.usage, without.usage, name);
    }
    assert.ok(translate(upstream, true, upstream.length, messagesToChat).pushed <= without.pushed, name);
  }
  // Every text and thinking delta and every non-empty partial JSON skips the decoder's push.
  for (const name of ['stream-text.sse', 'stream-tool-use.sse', 'stream-thinking.sse']) {
    const upstream = readFixture(`anthropic-messages/${name}`);
    const deltas = upstream
      .split('\n')
      .filter(
        (line) =>
          line.includes('"text_delta"') || line.includes('"thinking_delta"') || (line.includes('"input_json_delta"') && !/"partial_json":\s*""/.test(line)),
      ).length;
    assert.ok(deltas > 1, name);
    const skipped = translate(upstream, false, upstream.length, messagesToChat).pushed - translate(upstream, true, upstream.length, messagesToChat).pushed;
    assert.equal(skipped, deltas, name);
  }
});

test('recorded Chat streams translate to Messages byte for byte the same with the shortcut as without it, and the shortcut is taken', () => {
  for (const name of ['stream-text.sse', 'stream-usage.sse', 'stream-tool-calls.sse', 'stream-length.sse']) {
    const upstream = readFixture(`openai-chat/${name}`);
    const without = translate(upstream, false);
    for (const pieceSize of [upstream.length, 7, 1]) {
      const withShortcut = translate(upstream, true, pieceSize);
      assert.equal(withShortcut.text, without.text, `${name} in pieces of ${pieceSize}`);
      assert.equal(withShortcut.answerText, without.answerText, name);
      assert.deepEqual(withShortcut.usage, without.usage, name);
    }
  }
  // stream-text.sse: 9 text deltas, of which the 8 after the first chunk skip the decoder's push.
  const upstream = readFixture('openai-chat/stream-text.sse');
  assert.equal(translate(upstream, false).pushed - translate(upstream, true).pushed, 8);
  assert.equal(translate(upstream, true).answerText, 'Hello! How can I assist you today?');
  // stream-tool-calls.sse: two calls, each started by a chunk with its id and name; every non-empty fragment after that skips push.
  const toolCalls = readFixture('openai-chat/stream-tool-calls.sse');
  const fragments = toolCalls
    .split('\n')
    .filter((line) => line.includes('"arguments":') && !line.includes('"name":') && !line.includes('"arguments":""')).length;
  assert.ok(fragments > 2);
  assert.equal(translate(toolCalls, false).pushed - translate(toolCalls, true).pushed, fragments);
});

test("a shortcut text delta keeps the provider's escapes, and the client reads the same text", () => {
  const upstream = [
    chunk({ role: 'assistant', content: 'A' }),
    content(String.raw`"\"q\" \\ \/ line\nbreak \u00e9 \ud83d\ude00 \t"`),
    content('""'),
    content(String.raw`"bad \x escape"`),
    chunk({}, 'stop'),
    'data: [DONE]\n\n',
  ].join('');
  const withShortcut = translate(upstream, true);
  const without = translate(upstream, false);
  assert.deepEqual(events(withShortcut.text), events(without.text));
  assert.ok(withShortcut.text.includes(String.raw`"text":"\"q\" \\ \/ line\nbreak \u00e9 \ud83d\ude00 \t"`), 'copied as the provider wrote it');
  assert.equal(withShortcut.answerText, 'A"q" \\ / line\nbreak é 😀 \t');
  // The invalid escape is not taken by the shortcut: the full path reads it as a broken event.
  const last = events(withShortcut.text).at(-1) as [string, { type: string }];
  assert.deepEqual([last[0], last[1].type], ['error', 'error']);
});

test('text after a tool call opens a new block on the canonical path; the shortcut then resumes in it', () => {
  const upstream = [
    chunk({ role: 'assistant', content: 'Let me check.' }),
    content('" More."'),
    chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '' } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: '{"q":1}' } }] }),
    content('"Done"'),
    content('" now."'),
    chunk({}, 'tool_calls'),
    'data: [DONE]\n\n',
  ].join('');
  const withShortcut = translate(upstream, true);
  assert.equal(withShortcut.text, translate(upstream, false).text);
  assert.equal(withShortcut.answerText, 'Let me check. More.lookup {"q":1}Done now.');
  const deltas = (events(withShortcut.text) as [string, { index?: number; delta?: { text?: string } }][])
    .filter(([name, data]) => name === 'content_block_delta' && data.delta?.text !== undefined)
    .map(([, data]) => [data.index, data.delta?.text]);
  assert.deepEqual(deltas, [
    [0, 'Let me check.'],
    [0, ' More.'],
    [2, 'Done'],
    [2, ' now.'],
  ]);
});

test('to a Responses client: recorded streams translate byte for byte the same with the shortcut as without it, done events and snapshots included', () => {
  const cases: ReadonlyArray<readonly [string, Pair]> = [
    ...['stream-text.sse', 'stream-usage.sse', 'stream-tool-calls.sse', 'stream-length.sse'].map((name) => [`openai-chat/${name}`, chatToResponses] as const),
    ...['stream-text.sse', 'stream-thinking.sse', 'stream-tool-use.sse', 'stream-tool-use-live.sse', 'stream-error.sse'].map(
      (name) => [`anthropic-messages/${name}`, messagesToResponses] as const,
    ),
  ];
  for (const [name, pair] of cases) {
    const upstream = readFixture(name);
    const without = translate(upstream, false, upstream.length, pair);
    for (const pieceSize of [upstream.length, 6]) {
      const withShortcut = translate(upstream, true, pieceSize, pair);
      assert.equal(withShortcut.text, without.text, `${name} in pieces of ${pieceSize}`);
      assert.equal(withShortcut.answerText, without.answerText, name);
    }
  }
  const toolCalls = readFixture('openai-chat/stream-tool-calls.sse');
  assert.ok(translate(toolCalls, true, toolCalls.length, chatToResponses).pushed < translate(toolCalls, false, toolCalls.length, chatToResponses).pushed);
  const done = (events(translate(toolCalls, true, toolCalls.length, chatToResponses).text) as [string, { arguments?: string }][])
    .filter(([name]) => name === 'response.function_call_arguments.done')
    .map(([, data]) => JSON.parse(data.arguments ?? ''));
  assert.deepEqual(done, [
    { city: 'Edinburgh', country: 'GB', units: 'c' },
    { ticker: 'AAPL', exchange: 'NASDAQ' },
  ]);
});

test('a Responses stream that breaks off after shortcut deltas reports the text so far in its failed snapshot', () => {
  const upstream = [chunk({ role: 'assistant', content: 'Hel' }), content('"lo "'), content(String.raw`"w\u00f6rld"`)].join('');
  const withShortcut = translate(upstream, true, upstream.length, chatToResponses);
  // The same events; the bytes differ only in the escape the provider wrote (\u00f6), which the shortcut keeps.
  assert.deepEqual(events(withShortcut.text), events(translate(upstream, false, upstream.length, chatToResponses).text));
  const failed = (events(withShortcut.text) as [string, { response?: { output?: { content?: { text?: string }[] }[] } }][]).find(
    ([name]) => name === 'response.failed',
  );
  assert.equal(failed?.[1].response?.output?.[0]?.content?.[0]?.text, 'Hello wörld');
});

test("a custom tool's fragments taken as literals give its whole input at the end, as without the shortcut", () => {
  const codexClient = (): ClientAnswerWriter =>
    openaiResponsesAdapter.translateRequest(
      { model: 'model-gw', stream: true, input: 'Hi', tools: [{ type: 'custom', name: 'apply_patch', description: 'Edit files' }] },
      answerContext,
    ).writer;
  const pair: Pair = { provider: openaiChatAdapter, client: codexClient };
  const fragment = (text: string): string => chunk({ tool_calls: [{ index: 0, function: { arguments: text } }] });
  const upstream = [
    chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'apply_patch', arguments: '' } }] }),
    fragment('{"input":"*** Begin'),
    fragment(' Patch\\n+ é'),
    fragment('"}'),
    chunk({}, 'tool_calls'),
    'data: [DONE]\n\n',
  ].join('');
  const withShortcut = translate(upstream, true, upstream.length, pair);
  const without = translate(upstream, false, upstream.length, pair);
  assert.equal(without.pushed - withShortcut.pushed, 3);
  assert.deepEqual(events(withShortcut.text), events(without.text));
  const done = (events(withShortcut.text) as [string, { input?: string }][]).find(([name]) => name === 'response.custom_tool_call_input.done');
  assert.equal(done?.[1].input, '*** Begin Patch\n+ é');
});

test('from a Responses provider: recorded streams translate byte for byte the same with the shortcut as without it, and every delta takes it', () => {
  for (const pair of [responsesToChat, responsesToMessages]) {
    for (const name of ['stream-text.sse', 'stream-function-call.sse', 'stream-reasoning.sse']) {
      const upstream = readFixture(`responses/${name}`);
      const without = translate(upstream, false, upstream.length, pair);
      for (const pieceSize of [upstream.length, 9]) {
        const withShortcut = translate(upstream, true, pieceSize, pair);
        assert.equal(withShortcut.text, without.text, `${name} in pieces of ${pieceSize}`);
        assert.equal(withShortcut.answerText, without.answerText, name);
        assert.deepEqual(withShortcut.usage, without.usage, name);
      }
      const deltas = upstream
        .split('\n')
        .filter((line) => /"type":"response\.(output_text|function_call_arguments)\.delta"/.test(line) && !line.includes('"delta":""')).length;
      assert.equal(without.pushed - translate(upstream, true, upstream.length, pair).pushed, deltas, name);
    }
  }
});

test("a Responses provider's done event completes the text its shortcut deltas left out, once", () => {
  const event = (type: string, payload: Record<string, unknown>): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
  const position = { item_id: 'msg_1', output_index: 0, content_index: 0 };
  const upstream = [
    event('response.created', { response: { id: 'resp_1', model: 'gpt-5', status: 'in_progress', output: [] } }),
    event('response.output_item.added', { output_index: 0, item: { id: 'msg_1', type: 'message', role: 'assistant', content: [] } }),
    event('response.content_part.added', { ...position, part: { type: 'output_text', text: '' } }),
    event('response.output_text.delta', { ...position, delta: 'Hel', logprobs: [], sequence_number: 3 }),
    event('response.output_text.delta', { ...position, delta: 'lo w\u00f6', logprobs: [], sequence_number: 4 }),
    event('response.output_text.done', { ...position, text: 'Hello wörld!', logprobs: [], sequence_number: 5 }),
    event('response.completed', { response: { id: 'resp_1', model: 'gpt-5', status: 'completed', output: [], usage: null } }),
  ].join('');
  for (const pair of [responsesToChat, responsesToMessages]) {
    const withShortcut = translate(upstream, true, upstream.length, pair);
    const without = translate(upstream, false, upstream.length, pair);
    assert.equal(without.pushed - withShortcut.pushed, 2);
    assert.deepEqual(events(withShortcut.text), events(without.text));
    assert.equal(withShortcut.answerText, 'Hello wörld!');
  }
});
