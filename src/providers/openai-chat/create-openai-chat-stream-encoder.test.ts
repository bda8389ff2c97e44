import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import OpenAI from 'openai';
import type { StreamPart } from '../../canonical/stream-part.ts';
import { createSseDecoder } from '../../streaming/create-sse-decoder.ts';
import { convertOpenAIChatUsageToCanonical } from './convert-openai-chat-usage.ts';
import { createOpenAIChatStreamDecoder } from './create-openai-chat-stream-decoder.ts';
import { createOpenAIChatStreamEncoder, type OpenAIChatStreamEncoderOptions } from './create-openai-chat-stream-encoder.ts';

type Json = Record<string, unknown>;

const fixtureText = (name: string) => readFileSync(new URL(`../../../../shared/fixtures/openai-chat/${name}`, import.meta.url), 'utf8');

const eventsOf = (text: string): string[] => {
  const sse = createSseDecoder();
  const events = [...sse.push(Buffer.from(text)), ...sse.end()];
  assert.ok(
    events.every((event) => event.event === undefined),
    'Chat streams have no event: lines',
  );
  return events.map((event) => event.data);
};

const decodeFixture = (name: string): StreamPart[] => {
  const decoder = createOpenAIChatStreamDecoder();
  return [...eventsOf(fixtureText(name)).flatMap((data) => decoder.push({ event: undefined, data })), ...decoder.end()];
};

const encodeAll = (parts: readonly StreamPart[], options: OpenAIChatStreamEncoderOptions): string => {
  const encoder = createOpenAIChatStreamEncoder(options);
  return parts.map((part) => encoder.encode(part)).join('') + encoder.end();
};

/** A chunk without the fields the canonical form does not carry (fingerprint, tier, padding); usage compared by meaning. */
const normalize = (data: string): unknown => {
  if (data === '[DONE]') return data;
  const { system_fingerprint, service_tier, obfuscation, usage, ...rest } = JSON.parse(data) as Json;
  return usage == null ? rest : { ...rest, usage: convertOpenAIChatUsageToCanonical(usage as Json) };
};

const optionsFor = (firstChunk: string, includeUsage: boolean): OpenAIChatStreamEncoderOptions => {
  const { id, model, created } = JSON.parse(firstChunk) as { id: string; model: string; created: number };
  return { id, model, createdSeconds: created, includeUsage };
};

for (const [name, includeUsage] of [
  ['stream-text.sse', false],
  ['stream-usage.sse', true],
  ['stream-length.sse', true],
  ['stream-tool-calls.sse', true],
] as const) {
  test(`${name}: decode then encode gives the fixture's events back`, () => {
    const fixture = eventsOf(fixtureText(name));
    const encoded = eventsOf(encodeAll(decodeFixture(name), optionsFor(fixture[0] ?? '', includeUsage)));
    // The live tool-call recording has no `usage: null` on its chunks; the spec (and stream-usage.sse) has them.
    const dropNullUsage = name === 'stream-tool-calls.sse' || name === 'stream-length.sse';
    const expected = fixture.map(normalize);
    const actual = encoded.map(normalize).map((chunk) => {
      if (!dropNullUsage || typeof chunk !== 'object' || chunk === null) return chunk;
      const { usage, ...rest } = chunk as Json;
      return usage === null ? rest : chunk;
    });
    assert.deepEqual(actual, expected);
  });
}

test('without includeUsage: no usage field anywhere and no usage chunk, even when usage arrived', () => {
  const text = encodeAll(decodeFixture('stream-usage.sse'), { id: 'x', model: 'm', createdSeconds: 1, includeUsage: false });
  assert.ok(!text.includes('usage'));
  assert.ok(text.endsWith('data: [DONE]\n\n'));
});

test('the role chunk has content null before a tool call; tool-call indexes count tool calls only; usage held to end()', () => {
  const encoder = createOpenAIChatStreamEncoder({ id: 'chatcmpl-1', model: 'm', createdSeconds: 7, includeUsage: true });
  const steps: [StreamPart, number][] = [
    [{ type: 'response-start', id: 'msg_1', model: 'claude', usage: { inputTokens: 10 } }, 0],
    [{ type: 'reasoning-start', index: 0 }, 0],
    [{ type: 'reasoning-delta', index: 0, delta: 'hidden' }, 0],
    [{ type: 'reasoning-end', index: 0, signature: 'sig' }, 0],
    [{ type: 'tool-call-start', index: 1, id: 'toolu_a', name: 'a' }, 2],
    [{ type: 'tool-input-delta', index: 1, delta: '' }, 0],
    [{ type: 'tool-input-delta', index: 1, delta: '{"q":1}' }, 1],
    [{ type: 'tool-call-end', index: 1 }, 0],
    [{ type: 'tool-call-start', index: 2, id: 'toolu_b', name: 'b' }, 1],
    [{ type: 'tool-input-delta', index: 2, delta: '{}' }, 1],
    [{ type: 'tool-call-end', index: 2 }, 0],
    [{ type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } }, 1],
    [{ type: 'usage', usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 4 } }, 0],
  ];
  const chunks: Json[] = [];
  for (const [part, count] of steps) {
    const events = eventsOf(encoder.encode(part));
    assert.equal(events.length, count, `${part.type} writes ${count} event(s)`);
    chunks.push(...events.map((data) => JSON.parse(data) as Json));
  }
  const tail = eventsOf(encoder.end());
  const choice = (delta: Json, finishReason: string | null = null) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 7,
    model: 'm',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    usage: null,
  });
  assert.deepEqual(chunks, [
    choice({ role: 'assistant', content: null }),
    choice({ tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'a', arguments: '' } }] }),
    choice({ tool_calls: [{ index: 0, function: { arguments: '{"q":1}' } }] }),
    choice({ tool_calls: [{ index: 1, id: 'toolu_b', type: 'function', function: { name: 'b', arguments: '' } }] }),
    choice({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
    choice({}, 'tool_calls'),
  ]);
  assert.deepEqual(tail, [
    JSON.stringify({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 7,
      model: 'm',
      choices: [],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 4 },
      },
    }),
    '[DONE]',
  ]);
  assert.equal(encoder.encode({ type: 'text-delta', index: 3, delta: 'late' }), '', 'nothing after end()');
});

test('reasoningContent: reasoning streamed as reasoning_content deltas (DeepSeek style)', () => {
  const text = encodeAll(
    [
      { type: 'response-start', id: 'r', model: 'm' },
      { type: 'reasoning-start', index: 0 },
      { type: 'reasoning-delta', index: 0, delta: 'Because.' },
      { type: 'reasoning-end', index: 0 },
      { type: 'text-start', index: 1 },
      { type: 'text-delta', index: 1, delta: 'Yes.' },
      { type: 'text-end', index: 1 },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } },
    ],
    { id: 'r', model: 'm', createdSeconds: 1, includeUsage: false, reasoningContent: true },
  );
  const deltas = eventsOf(text)
    .slice(0, -1)
    .map((data) => (JSON.parse(data) as { choices: { delta: Json }[] }).choices[0]?.delta);
  assert.deepEqual(deltas, [{ role: 'assistant', content: null, reasoning_content: '' }, { reasoning_content: 'Because.' }, { content: 'Yes.' }, {}]);
});

test('fail(): one data: {"error": …} event, no [DONE], nothing after it', () => {
  const encoder = createOpenAIChatStreamEncoder({ id: 'e', model: 'm', createdSeconds: 1, includeUsage: false });
  encoder.encode({ type: 'text-delta', index: 0, delta: 'Hel' });
  const text = encoder.fail('overloaded_error', 'Overloaded');
  assert.equal(text, 'data: {"error":{"message":"Overloaded","type":"overloaded_error","param":null,"code":null}}\n\n');
  assert.equal(encoder.end(), '');
  assert.equal(encoder.fail('x', 'y'), '');
  const viaPart = createOpenAIChatStreamEncoder({ id: 'e', model: 'm', createdSeconds: 1, includeUsage: false });
  assert.equal(viaPart.encode({ type: 'error', errorType: 'overloaded_error', message: 'Overloaded' }), text);
});

test('end() without a finish part still closes the choice (finish_reason stop) before [DONE]', () => {
  const text = encodeAll([{ type: 'text-delta', index: 0, delta: 'a' }], { id: 'e', model: 'm', createdSeconds: 1, includeUsage: false });
  const events = eventsOf(text);
  assert.deepEqual(JSON.parse(events[2] ?? '').choices[0], { index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
  assert.equal(events.at(-1), '[DONE]');
});

// The official SDK reads what we write: its stream helper must complete with the same message.
const sdkAgainst = (body: string) =>
  new OpenAI({
    apiKey: 'test',
    baseURL: 'http://gateway.invalid/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  });

test('openai SDK: chat.completions.stream().finalChatCompletion() reads an encoded parallel tool-call stream', async () => {
  const body = encodeAll(decodeFixture('stream-tool-calls.sse'), { id: 'chatcmpl-x', model: 'gpt-4o', createdSeconds: 5, includeUsage: true });
  const completion = await sdkAgainst(body)
    .chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream_options: { include_usage: true } })
    .finalChatCompletion();
  assert.equal(completion.id, 'chatcmpl-x');
  assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
  assert.equal(completion.choices[0]?.message.content, null);
  assert.deepEqual(
    completion.choices[0]?.message.tool_calls?.map((call) => (call.type === 'function' ? [call.id, call.function.name, call.function.arguments] : [])),
    [
      ['call_JMW1whyEaYG438VE1OIflxA2', 'GetWeatherArgs', '{"city": "Edinburgh", "country": "GB", "units": "c"}'],
      ['call_DNYTawLBoN8fj3KN6qU9N1Ou', 'get_stock_price', '{"ticker": "AAPL", "exchange": "NASDAQ"}'],
    ],
  );
  assert.equal(completion.usage?.total_tokens, 209);
});

test('openai SDK: text stream content, and the in-band error raises an APIError', async () => {
  const body = encodeAll(decodeFixture('stream-text.sse'), { id: 'chatcmpl-t', model: 'gpt-4o-mini', createdSeconds: 5, includeUsage: false });
  const completion = await sdkAgainst(body)
    .chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
    .finalChatCompletion();
  assert.equal(completion.choices[0]?.message.content, 'Hello! How can I assist you today?');
  assert.equal(completion.choices[0]?.finish_reason, 'stop');

  const encoder = createOpenAIChatStreamEncoder({ id: 'e', model: 'm', createdSeconds: 1, includeUsage: false });
  const broken = encoder.encode({ type: 'text-delta', index: 0, delta: 'Hel' }) + encoder.fail('server_error', 'The upstream provider failed.');
  const stream = await sdkAgainst(broken).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
  await assert.rejects(
    async () => {
      for await (const _chunk of stream) {
        // drain
      }
    },
    (error: unknown) => error instanceof OpenAI.APIError && error.message.includes('The upstream provider failed.'),
  );
});

test('openai SDK: text then a tool call (an Anthropic text@0 + tool_use@1 stream) gives content and tool_calls[0]', async () => {
  const parts: StreamPart[] = [
    { type: 'response-start', id: 'msg_1', model: 'claude' },
    { type: 'text-start', index: 0 },
    { type: 'text-delta', index: 0, delta: "Okay, let's check the weather." },
    { type: 'text-end', index: 0 },
    { type: 'tool-call-start', index: 1, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' },
    { type: 'tool-input-delta', index: 1, delta: '{"location":' },
    { type: 'tool-input-delta', index: 1, delta: ' "San Francisco, CA"}' },
    { type: 'tool-call-end', index: 1 },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
    { type: 'usage', usage: { inputTokens: 472, outputTokens: 89, cachedInputTokens: 0 } },
  ];
  const body = encodeAll(parts, { id: 'chatcmpl-a', model: 'claude', createdSeconds: 5, includeUsage: true });
  const completion = await sdkAgainst(body)
    .chat.completions.stream({ model: 'claude', messages: [{ role: 'user', content: 'weather?' }], stream_options: { include_usage: true } })
    .finalChatCompletion();
  const message = completion.choices[0]?.message;
  assert.equal(message?.content, "Okay, let's check the weather.");
  assert.deepEqual(
    message?.tool_calls?.map((call) => (call.type === 'function' ? [call.id, call.function.name, call.function.arguments] : [])),
    [['toolu_01T1x1fJ34qAmk2tNTrN7Up6', 'get_weather', '{"location": "San Francisco, CA"}']],
  );
  assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
  assert.deepEqual(completion.usage, { prompt_tokens: 472, completion_tokens: 89, total_tokens: 561, prompt_tokens_details: { cached_tokens: 0 } });
});

test('encodeDeltaJson writes what encode writes for a text delta once the role chunk is out, or a fragment of a started tool call', () => {
  const options = { id: 'chatcmpl-gw', model: 'gpt-gw', createdSeconds: 1, includeUsage: false };
  const encoder = createOpenAIChatStreamEncoder(options);
  const reference = createOpenAIChatStreamEncoder(options);
  const both = (part: StreamPart): void => assert.equal(encoder.encode(part), reference.encode(part));
  assert.equal(encoder.encodeDeltaJson?.('text-delta', 0, '"x"'), undefined, 'the role chunk comes first, from encode');
  both({ type: 'response-start', id: 'up', model: 'm' });
  both({ type: 'text-start', index: 0 });
  assert.equal(encoder.encodeDeltaJson?.('text-delta', 0, JSON.stringify('a "b"\n')), reference.encode({ type: 'text-delta', index: 0, delta: 'a "b"\n' }));
  assert.equal(encoder.encodeDeltaJson?.('tool-input-delta', 1, '"x"'), undefined, 'no tool call started');
  both({ type: 'text-end', index: 0 });
  both({ type: 'tool-call-start', index: 1, id: 'call_1', name: 'lookup' });
  assert.equal(
    encoder.encodeDeltaJson?.('tool-input-delta', 1, JSON.stringify('{"q":')),
    reference.encode({ type: 'tool-input-delta', index: 1, delta: '{"q":' }),
  );
  encoder.fail('upstream_error', 'broken');
  assert.equal(encoder.encodeDeltaJson?.('text-delta', 0, '"x"'), '', 'nothing after the error');
});

test('encodeDeltaJson drops reasoning as encode does, or writes it as reasoning_content when asked to', () => {
  for (const reasoningContent of [false, true]) {
    const options = { id: 'chatcmpl-gw', model: 'gpt-gw', createdSeconds: 1, includeUsage: false, reasoningContent };
    const encoder = createOpenAIChatStreamEncoder(options);
    const reference = createOpenAIChatStreamEncoder(options);
    const both = (part: StreamPart): void => assert.equal(encoder.encode(part), reference.encode(part));
    both({ type: 'response-start', id: 'up', model: 'm' });
    assert.equal(encoder.encodeDeltaJson?.('reasoning-delta', 0, '"x"'), reasoningContent ? undefined : '', 'before the role chunk');
    both({ type: 'reasoning-start', index: 0 });
    both({ type: 'reasoning-delta', index: 0, delta: 'first' });
    assert.equal(
      encoder.encodeDeltaJson?.('reasoning-delta', 0, JSON.stringify('step "2"')),
      reference.encode({ type: 'reasoning-delta', index: 0, delta: 'step "2"' }),
      `reasoningContent ${reasoningContent}`,
    );
  }
});
