import assert from 'node:assert/strict';
import test from 'node:test';
import OpenAI from 'openai';
import { answerSse, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.ts';

/**
 * The official `openai` SDK as a client of the gateway: what real users run. The built-in `mock` provider
 * answers the plain calls; a fake upstream replays a captured tool-call stream for the stream helper.
 */

const clientKey = 'sk-sdk-test-key';
const gptOnlyKey = 'sk-sdk-gpt-only';

async function startMockGateway(t: test.TestContext): Promise<TestGateway> {
  const gateway = await startTestGateway({
    providers: [{ name: 'canned', type: 'mock' }],
    models: {
      'mock-model': { routes: [{ provider: 'canned', model: 'mock-model' }] },
      'mock-embedding': { routes: [{ provider: 'canned', model: 'mock-embedding' }] },
    },
    master_keys: [
      { name: 'sdk', key: clientKey },
      { name: 'gpt-only', key: gptOnlyKey, allowed_models: ['gpt-*'] },
    ],
  });
  t.after(() => gateway.shutdown());
  return gateway;
}

function sdkClient(gateway: TestGateway, apiKey = clientKey): OpenAI {
  return new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey, maxRetries: 0, timeout: 10_000 });
}

test('chat.completions.create: the streamed text joined equals the non-stream answer', async (t) => {
  const client = sdkClient(await startMockGateway(t));
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Say hello' }];

  const completion = await client.chat.completions.create({ model: 'mock-model', messages });
  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.model, 'mock-model');
  assert.equal(completion.choices[0]?.finish_reason, 'stop');
  const answer = completion.choices[0]?.message.content ?? '';
  assert.match(answer, /mock provider/);
  assert.ok((completion.usage?.total_tokens ?? 0) > 0);

  const stream = await client.chat.completions.create({ model: 'mock-model', messages, stream: true, stream_options: { include_usage: true } });
  let streamed = '';
  let chunks = 0;
  let finishReason: string | null | undefined;
  let usageTotal = 0;
  for await (const chunk of stream) {
    chunks += 1;
    assert.equal(chunk.object, 'chat.completion.chunk');
    streamed += chunk.choices[0]?.delta.content ?? '';
    finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    usageTotal = chunk.usage?.total_tokens ?? usageTotal;
  }
  assert.ok(chunks > 3, `the answer came in pieces (${chunks} chunks)`);
  assert.equal(streamed, answer);
  assert.equal(finishReason, 'stop');
  assert.ok(usageTotal > 0, 'the usage chunk arrives when asked for');
});

test('embeddings.create: one vector per input', async (t) => {
  const client = sdkClient(await startMockGateway(t));
  const result = await client.embeddings.create({ model: 'mock-embedding', input: ['first text', 'second text'], encoding_format: 'float' });
  assert.equal(result.object, 'list');
  assert.equal(result.data.length, 2);
  assert.deepEqual(
    result.data.map((item) => item.index),
    [0, 1],
  );
  for (const item of result.data) {
    assert.equal(item.embedding.length, 8, "the mock's vectors have 8 dimensions");
    assert.ok(Math.abs(Math.hypot(...item.embedding) - 1) < 1e-3, 'unit length');
  }
  assert.notDeepEqual(result.data[0]?.embedding, result.data[1]?.embedding);
  assert.ok(result.usage.prompt_tokens > 0);
});

test('embeddings.create with the SDK default (encoding_format base64) decodes to the same vectors', async (t) => {
  const client = sdkClient(await startMockGateway(t));
  const asFloats = await client.embeddings.create({ model: 'mock-embedding', input: 'some text', encoding_format: 'float' });
  const byDefault = await client.embeddings.create({ model: 'mock-embedding', input: 'some text' });
  assert.equal(byDefault.data[0]?.embedding.length, asFloats.data[0]?.embedding.length);
  for (const [index, value] of (byDefault.data[0]?.embedding ?? []).entries()) {
    assert.ok(Math.abs(value - (asFloats.data[0]?.embedding[index] ?? Number.NaN)) < 1e-6);
  }
});

test('models.list: the configured models the key may use', async (t) => {
  const gateway = await startMockGateway(t);
  const ids: string[] = [];
  for await (const model of sdkClient(gateway).models.list()) {
    assert.equal(model.object, 'model');
    ids.push(model.id);
  }
  assert.deepEqual(ids.sort(), ['mock-embedding', 'mock-model']);

  const restricted: string[] = [];
  for await (const model of sdkClient(gateway, gptOnlyKey).models.list()) restricted.push(model.id);
  assert.deepEqual(restricted, [], 'a key limited to gpt-* sees none of them');
});

test("a wrong key is the SDK's AuthenticationError (401)", async (t) => {
  const client = sdkClient(await startMockGateway(t), 'sk-not-a-configured-key');
  await assert.rejects(client.chat.completions.create({ model: 'mock-model', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
    assert.ok(error instanceof OpenAI.AuthenticationError, `got ${String(error)}`);
    assert.equal(error.status, 401);
    assert.equal(error.code, 'GW_ERR_INVALID_API_KEY');
    assert.ok(!error.message.includes('sk-not-a-configured-key'), 'the key is not echoed');
    return true;
  });
  await assert.rejects(client.models.list(), OpenAI.AuthenticationError);
});

test("a model the key may not use is the SDK's PermissionDeniedError (403)", async (t) => {
  const client = sdkClient(await startMockGateway(t), gptOnlyKey);
  await assert.rejects(
    client.chat.completions.create({ model: 'mock-model', messages: [{ role: 'user', content: 'hi' }] }),
    (error: unknown) => error instanceof OpenAI.PermissionDeniedError && error.status === 403,
  );
});

test('chat.completions.stream helper over a captured tool-call stream: two complete tool calls', async (t) => {
  const upstream = await startFakeUpstream(answerSse(readFixture('openai-chat/stream-tool-calls.sse')));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    providers: [{ name: 'openai-upstream', type: 'openai', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream-secret' }],
    master_keys: [{ name: 'sdk', key: clientKey }],
  });
  t.after(() => gateway.shutdown());
  const fixtureRequest = JSON.parse(readFixture('openai-chat/stream-tool-calls.request.json')) as OpenAI.Chat.ChatCompletionCreateParamsStreaming;
  const { stream: _stream, ...request } = fixtureRequest;

  const finishedCalls: { name: string; arguments: string }[] = [];
  const stream = sdkClient(gateway).chat.completions.stream(request);
  stream.on('tool_calls.function.arguments.done', (event) => finishedCalls.push({ name: event.name, arguments: event.arguments }));
  const final = await stream.finalChatCompletion();

  const expected = [
    { id: 'call_JMW1whyEaYG438VE1OIflxA2', name: 'GetWeatherArgs', arguments: { city: 'Edinburgh', country: 'GB', units: 'c' } },
    { id: 'call_DNYTawLBoN8fj3KN6qU9N1Ou', name: 'get_stock_price', arguments: { ticker: 'AAPL', exchange: 'NASDAQ' } },
  ];
  const choice = final.choices[0];
  assert.equal(choice?.finish_reason, 'tool_calls');
  const toolCalls = (choice?.message.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [call] : []));
  assert.deepEqual(
    toolCalls.map((call) => ({ id: call.id, name: call.function.name, arguments: JSON.parse(call.function.arguments) as unknown })),
    expected,
  );
  assert.deepEqual(
    finishedCalls.map((call) => ({ name: call.name, arguments: JSON.parse(call.arguments) as unknown })),
    expected.map(({ name, arguments: args }) => ({ name, arguments: args })),
    'the helper announced each call once its arguments were complete',
  );
  assert.equal(final.usage?.total_tokens, 209);

  const sent = upstream.requests[0];
  assert.equal(upstream.requests.length, 1);
  assert.equal(sent?.path, '/v1/chat/completions');
  assert.equal(sent?.json?.['stream'], true);
  assert.deepEqual(sent?.json?.['tools'], fixtureRequest.tools, 'the tools reach the upstream unchanged');
  assert.deepEqual(sent?.json?.['messages'], fixtureRequest.messages);
  assert.equal(sent?.headers.authorization, 'Bearer sk-upstream-secret');
});
