import assert from 'node:assert/strict';
import test from 'node:test';
import type { StreamPart } from '../../src/canonical/stream-part.ts';
import { createAnthropicMessagesStreamDecoder } from '../../src/providers/anthropic-messages/create-anthropic-messages-stream-decoder.ts';
import { createAnthropicMessagesStreamEncoder } from '../../src/providers/anthropic-messages/create-anthropic-messages-stream-encoder.ts';
import { createOpenAIChatStreamDecoder } from '../../src/providers/openai-chat/create-openai-chat-stream-decoder.ts';
import { createOpenAIChatStreamEncoder } from '../../src/providers/openai-chat/create-openai-chat-stream-encoder.ts';
import { createOpenAIResponsesStreamDecoder } from '../../src/providers/openai-responses/create-openai-responses-stream-decoder.ts';
import { createOpenAIResponsesStreamEncoder } from '../../src/providers/openai-responses/create-openai-responses-stream-encoder.ts';
import { createSseDecoder } from '../../src/streaming/create-sse-decoder.ts';
import type { StreamDecoder, StreamEncoder } from '../../src/translation/stream-codec.ts';
import { readFixture } from '../helpers/fake-upstream.ts';

/**
 * Every provider stream fixture, translated into every client protocol and read back by that protocol's
 * own decoder, must say the same thing: the same text, the same tool calls (ids, names, complete
 * arguments) in the same order, and the same finish reason. This is the cross-protocol check the
 * per-folder tests cannot make on their own.
 */

interface Protocol {
  readonly name: string;
  createDecoder(): StreamDecoder;
  createEncoder(): StreamEncoder;
}

let minted = 0;
const protocols: Protocol[] = [
  {
    name: 'openai-chat',
    createDecoder: createOpenAIChatStreamDecoder,
    createEncoder: () => createOpenAIChatStreamEncoder({ id: 'chatcmpl-test', model: 'm', createdSeconds: 1, includeUsage: true }),
  },
  {
    name: 'anthropic-messages',
    createDecoder: createAnthropicMessagesStreamDecoder,
    createEncoder: () => createAnthropicMessagesStreamEncoder({ id: 'msg_test', model: 'm', createdSeconds: 1 }),
  },
  {
    name: 'openai-responses',
    createDecoder: createOpenAIResponsesStreamDecoder,
    createEncoder: () =>
      createOpenAIResponsesStreamEncoder({
        id: 'resp_test',
        model: 'm',
        createdSeconds: 1,
        idSource: (prefix) => {
          minted += 1;
          return `${prefix}_${minted}`;
        },
      }),
  },
];

const fixtures: [string, string][] = [
  ['openai-chat', 'openai-chat/stream-text.sse'],
  ['openai-chat', 'openai-chat/stream-tool-calls.sse'],
  ['openai-chat', 'openai-chat/stream-length.sse'],
  ['anthropic-messages', 'anthropic-messages/stream-text.sse'],
  ['anthropic-messages', 'anthropic-messages/stream-tool-use.sse'],
  ['anthropic-messages', 'anthropic-messages/stream-tool-use-live.sse'],
  ['openai-responses', 'responses/stream-text.sse'],
  ['openai-responses', 'responses/stream-function-call.sse'],
];

function decode(text: string, decoder: StreamDecoder): StreamPart[] {
  const sse = createSseDecoder();
  const parts: StreamPart[] = [];
  for (const event of [...sse.push(Buffer.from(text)), ...sse.end()]) parts.push(...decoder.push(event));
  parts.push(...decoder.end());
  return parts;
}

/** What a client would end up with: joined text, tool calls in order, and the finish reason. */
function summarize(parts: readonly StreamPart[]) {
  let text = '';
  const toolCalls = new Map<number, { id: string; name: string; arguments: string }>();
  let finish: string | undefined;
  for (const part of parts) {
    if (part.type === 'text-delta') text += part.delta;
    else if (part.type === 'tool-call-start') toolCalls.set(part.index, { id: part.id, name: part.name, arguments: '' });
    else if (part.type === 'tool-input-delta') {
      const call = toolCalls.get(part.index);
      if (call !== undefined) call.arguments += part.delta;
    } else if (part.type === 'finish') finish = part.finishReason.unified;
  }
  return {
    text,
    toolCalls: [...toolCalls.values()].map((call) => ({ ...call, arguments: call.arguments === '' ? {} : (JSON.parse(call.arguments) as unknown) })),
    finish,
  };
}

for (const [sourceName, fixturePath] of fixtures) {
  const source = protocols.find((protocol) => protocol.name === sourceName) as Protocol;
  const original = summarize(decode(readFixture(fixturePath), source.createDecoder()));
  for (const target of protocols) {
    test(`${fixturePath} -> ${target.name} client reads the same answer`, () => {
      const encoder = target.createEncoder();
      let wire = '';
      for (const part of decode(readFixture(fixturePath), source.createDecoder())) wire += encoder.encode(part);
      wire += encoder.end();
      const read = summarize(decode(wire, target.createDecoder()));
      assert.deepEqual(read, original);
      assert.ok(original.text !== '' || original.toolCalls.length > 0, 'the fixture says something');
    });
  }
}
