import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import test from 'node:test';
import { RequestObservers } from '../observability/request-observers.ts';
import { createRequestContext } from '../server/request-context.ts';
import type { WireProtocol } from '../translation/wire-protocol.ts';
import { type RelayedStreamOptions, RelayedStreamSink, untouchedStream } from './relayed-stream-sink.ts';

/** A client response that records what was written, and in how many writes. */
function fakeResponse(): { response: ServerResponse; written: () => string; writes: () => number; setNeedDrain: (needDrain: boolean) => void } {
  let text = '';
  let writes = 0;
  const response = {
    write(chunk: Buffer | string) {
      text += chunk.toString();
      writes += 1;
      return true;
    },
    end(chunk?: Buffer | string) {
      if (chunk !== undefined) text += chunk.toString();
    },
    once() {},
    writableEnded: false,
    writableNeedDrain: false,
    destroyed: false,
  };
  return {
    response: response as unknown as ServerResponse,
    written: () => text,
    writes: () => writes,
    setNeedDrain: (needDrain) => {
      response.writableNeedDrain = needDrain;
    },
  };
}

/** Lets the microtasks queued so far run: the end of a socket read's handling. */
const afterRead = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Each inner list is what one socket read brought; the sink's flush runs between reads. */
async function relayInReads(reads: readonly (readonly string[])[], options: RelayedStreamOptions) {
  const fake = fakeResponse();
  const context = createRequestContext('r', 'POST', '/v1/chat/completions');
  const sink = new RelayedStreamSink(fake.response, context, new RequestObservers(), options);
  const writesPerRead: number[] = [];
  for (const read of reads) {
    const before = fake.writes();
    for (const chunk of read) sink.write(Buffer.from(chunk));
    await afterRead();
    writesPerRead.push(fake.writes() - before);
  }
  sink.end();
  return { text: fake.written(), usage: sink.providerUsage(), answerText: sink.answerText(), writesPerRead };
}

function relay(chunks: readonly string[], protocol: WireProtocol, strip: boolean) {
  const { response, written } = fakeResponse();
  const context = createRequestContext('r', 'POST', '/v1/chat/completions');
  const sink = new RelayedStreamSink(response, context, new RequestObservers(), { protocol, stripUsageOnlyChunk: strip, adapter: undefined, keepChunks: true });
  for (const chunk of chunks) sink.write(Buffer.from(chunk));
  sink.end();
  return { text: written(), usage: sink.providerUsage(), context };
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

const stripping: RelayedStreamOptions = { protocol: 'openai-chat', stripUsageOnlyChunk: true, adapter: undefined, keepChunks: true };

test('the chunks of one socket read go to the client in one write, stripped the same across reads', async () => {
  const whole = content + finish + usageOnly + done;
  const { text, usage, writesPerRead } = await relayInReads([[content, finish], [usageOnly], [done]], stripping);
  assert.equal(text, content + finish + done);
  assert.deepEqual(usage, chatUsage);
  assert.deepEqual(writesPerRead, [1, 0, 1], 'one write for the first read; the usage-only read writes nothing');
  for (let cut = 1; cut < whole.length; cut += 11) {
    const split = await relayInReads([[whole.slice(0, cut)], [whole.slice(cut)]], stripping);
    assert.equal(split.text, content + finish + done, `cut at ${cut}`);
    assert.deepEqual(split.usage, chatUsage);
  }
});

test("the client's backpressure reaches the relay: write is false while the response needs to drain", () => {
  const fake = fakeResponse();
  const sink = new RelayedStreamSink(fake.response, createRequestContext('r', 'POST', '/v1/chat/completions'), new RequestObservers(), stripping);
  assert.equal(sink.write(Buffer.from(content)), true);
  fake.setNeedDrain(true);
  assert.equal(sink.write(Buffer.from(finish)), false);
  fake.setNeedDrain(false);
  assert.equal(sink.write(Buffer.from(done)), true);
  sink.end();
  assert.equal(fake.written(), content + finish + done);
});

test('untouched: every byte relayed, one write per read, nothing kept or read', async () => {
  const whole = content + finish + usageOnly + done;
  const { text, usage, answerText, writesPerRead } = await relayInReads([[content, finish, usageOnly], [done]], untouchedStream);
  assert.equal(text, whole);
  assert.deepEqual(writesPerRead, [1, 1]);
  assert.equal(answerText, '');
  assert.equal(usage, undefined);
});

test("a closing text (a broken stream's error event) goes out after the bytes still held, in the one end", () => {
  const fake = fakeResponse();
  const sink = new RelayedStreamSink(fake.response, createRequestContext('r', 'POST', '/v1/chat/completions'), new RequestObservers(), stripping);
  sink.write(Buffer.from(content));
  sink.write(Buffer.from(finish.slice(0, 20)));
  sink.end('data: {"error":{"message":"broke off"}}\n\n');
  assert.equal(fake.written(), `${content}${finish.slice(0, 20)}data: {"error":{"message":"broke off"}}\n\n`);
  assert.equal(fake.writes(), 0, 'nothing was written before the end');
});
