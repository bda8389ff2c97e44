import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import test from 'node:test';
import { RequestObservers } from '../observability/request-observers.ts';
import { createRequestContext } from '../server/request-context.ts';
import type { WireProtocol } from '../translation/wire-protocol.ts';
import { RelayedStreamSink } from './relayed-stream-sink.ts';

/** A client response that records what was written. */
function fakeResponse(): { response: ServerResponse; written: () => string } {
  let text = '';
  const response = {
    write(chunk: Buffer | string) {
      text += chunk.toString();
      return true;
    },
    end(chunk?: Buffer | string) {
      if (chunk !== undefined) text += chunk.toString();
    },
    once() {},
    writableEnded: false,
    destroyed: false,
  };
  return { response: response as unknown as ServerResponse, written: () => text };
}

function relayOnce(chunks: readonly string[], protocol: WireProtocol, strip: boolean, lastWithEnd: boolean) {
  const { response, written } = fakeResponse();
  const context = createRequestContext('r', 'POST', '/v1/chat/completions');
  const sink = new RelayedStreamSink(response, context, new RequestObservers(), { protocol, stripUsageOnlyChunk: strip, adapter: undefined });
  const sent = lastWithEnd ? chunks.slice(0, -1) : chunks;
  for (const chunk of sent) sink.write(Buffer.from(chunk));
  const last = chunks.at(-1);
  sink.end(lastWithEnd && last !== undefined ? Buffer.from(last) : undefined);
  return { text: written(), usage: sink.providerUsage(), context };
}

/** Every chunk written, then the end; and the same with the last chunk handed to `end` (as the relay does with a read that ends the answer): the two must agree. */
function relay(chunks: readonly string[], protocol: WireProtocol, strip: boolean) {
  const written = relayOnce(chunks, protocol, strip, false);
  const ended = relayOnce(chunks, protocol, strip, true);
  assert.equal(ended.text, written.text, `the last chunk with the end: ${JSON.stringify(chunks.map((chunk) => chunk.length))}`);
  assert.deepEqual(ended.usage, written.usage);
  return written;
}

const content = 'data: {"id":"c","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n';
const finish = 'data: {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}\n\n';
const usageOnly =
  'data: {"id":"c","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":4}}}\n\n';
const done = 'data: [DONE]\n\n';
const chatUsage = { inputTokens: 19, outputTokens: 10, totalTokens: 29, cachedInputTokens: 4 };

test('Chat, stripping: the usage-only chunk goes whether it comes alone, with [DONE], or split anywhere', () => {
  const whole = content + finish + usageOnly + done;
  const expected = content + finish + done;
  const cases: string[][] = [[content, finish, usageOnly, done], [content, finish, usageOnly + done], [whole]];
  for (let cut = 1; cut < whole.length; cut += 7) cases.push([whole.slice(0, cut), whole.slice(cut)]);
  cases.push(whole.match(/[\s\S]{1,5}/g) ?? []);
  for (const chunks of cases) {
    const { text, usage, context } = relay(chunks, 'openai-chat', true);
    assert.equal(text, expected, JSON.stringify(chunks.map((chunk) => chunk.length)));
    assert.deepEqual(usage, chatUsage);
    assert.notEqual(context.firstByteAtNs, undefined);
  }
});

test('Chat, not stripping (the client asked): every byte passes, the usage is still read', () => {
  const whole = content + finish + usageOnly + done;
  const { text, usage } = relay([content, finish, usageOnly + done], 'openai-chat', false);
  assert.equal(text, whole);
  assert.deepEqual(usage, chatUsage);
});

test('a chunk ending in "}}" that is not a usage-only chunk passes unchanged', () => {
  const toolCall = 'data: {"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}}],"x":{"y":{}}}\n\n';
  const { text, usage } = relay([toolCall, done], 'openai-chat', true);
  assert.equal(text, toolCall + done);
  assert.equal(usage, undefined);
});

test('Anthropic: message_start input merged with message_delta output', () => {
  const events = [
    'event: message_start\ndata: {"type":"message_start","message":{"id":"m","usage":{"input_tokens":25,"cache_read_input_tokens":5,"output_tokens":1}}}\n\n',
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n',
    'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":15}}\n\n',
    'event: message_stop\ndata: {"type":"message_stop"}\n\n',
  ];
  const { text, usage } = relay(events, 'anthropic-messages', false);
  assert.equal(text, events.join(''));
  assert.deepEqual(usage, { inputTokens: 30, outputTokens: 15, totalTokens: 45, cachedInputTokens: 5 });
});

test('a stream without usage has none (the tokenizer takes over)', () => {
  assert.equal(relay([content, finish, done], 'openai-chat', true).usage, undefined);
});

test('Chat, stripping: only the usage-only chunk goes when other chunks in the same read carry a usage too', () => {
  const finishWithUsage =
    'data: {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}\n\n';
  const whole = content + finishWithUsage + usageOnly + done;
  for (const chunks of [[whole], [content + finishWithUsage, usageOnly + done]]) {
    const { text, usage } = relay(chunks, 'openai-chat', true);
    assert.equal(text, content + finishWithUsage + done);
    assert.deepEqual(usage, chatUsage);
  }
  const noUsageOnly = relay([content + finishWithUsage + done], 'openai-chat', true);
  assert.equal(noUsageOnly.text, content + finishWithUsage + done, 'a chunk with choices is never dropped');
});
