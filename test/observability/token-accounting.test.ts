import assert from 'node:assert/strict';
import test, { type TestContext } from 'node:test';
import { loadTokenCounter } from '../../src/tokens/estimate-request-tokens.ts';
import { answerJson, answerSse, type FakeUpstream, readFixture, startFakeUpstream, type UpstreamBehaviour } from '../helpers/fake-upstream.ts';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.ts';
import { metricValue, waitFor } from './read-metric.ts';

/**
 * Token accounting end to end: each protocol's answer, streamed and whole, relayed and translated, from a
 * fake upstream replaying recorded traffic; the counts land in llm_proxy_tokens_total and the log line.
 */

/** A Chat upstream that honours `stream_options.include_usage` the way OpenAI does (usage chunk only when asked). */
const chatUpstream: UpstreamBehaviour = (request, response, index) => {
  const body = request.json ?? {};
  if (request.path.endsWith('/embeddings')) {
    return answerJson(200, {
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: [0.1] }],
      model: 'e',
      usage: { prompt_tokens: 7, total_tokens: 7 },
    })(request, response, index);
  }
  if (body['stream'] !== true) return answerJson(200, readFixture('openai-chat/nonstream-text.json'))(request, response, index);
  const includeUsage = (body['stream_options'] as { include_usage?: boolean } | undefined)?.include_usage === true;
  return answerSse(readFixture(includeUsage ? 'openai-chat/stream-usage.sse' : 'openai-chat/stream-text.sse'))(request, response, index);
};

const anthropicUpstream: UpstreamBehaviour = (request, response, index) =>
  request.json?.['stream'] === true
    ? answerSse(readFixture('anthropic-messages/stream-text.sse'))(request, response, index)
    : answerJson(200, readFixture('anthropic-messages/nonstream-text.json'))(request, response, index);

const responsesUpstream: UpstreamBehaviour = (request, response, index) =>
  request.json?.['stream'] === true
    ? answerSse(readFixture('responses/stream-text.sse'))(request, response, index)
    : answerJson(200, readFixture('responses/nonstream-text.json'))(request, response, index);

interface Setup {
  readonly gateway: TestGateway;
  readonly chat: FakeUpstream;
  readonly anthropic: FakeUpstream;
  readonly responses: FakeUpstream;
}

async function setUp(t: TestContext, chatBehaviour: UpstreamBehaviour = chatUpstream): Promise<Setup> {
  const [chat, anthropic, responses] = await Promise.all([
    startFakeUpstream(chatBehaviour),
    startFakeUpstream(anthropicUpstream),
    startFakeUpstream(responsesUpstream),
  ]);
  t.after(() => Promise.all([chat.close(), anthropic.close(), responses.close()]));
  const gateway = await startTestGateway({
    providers: [
      { name: 'oa', type: 'openai', api_base: `${chat.url}/v1` },
      { name: 'an', type: 'anthropic', api_base: anthropic.url },
      { name: 'rs', type: 'openai', wire_api: 'responses', api_base: `${responses.url}/v1` },
    ],
    models: {
      'chat-m': { routes: [{ provider: 'oa', model: 'gpt-4o-mini' }] },
      'claude-m': { routes: [{ provider: 'an', model: 'claude-3-5-sonnet' }] },
      'resp-m': { routes: [{ provider: 'rs', model: 'gpt-5.4' }] },
    },
  });
  t.after(() => gateway.shutdown());
  return { gateway, chat, anthropic, responses };
}

async function post(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

const chatRequest = (model: string, extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: 'user', content: 'Hello there' }], ...extra });
const messagesRequest = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  max_tokens: 100,
  messages: [{ role: 'user', content: 'Hello there' }],
  ...extra,
});

/** The finished-request log line of the nth proxied request (0-based), once written. */
async function finishedLine(gateway: TestGateway, index: number): Promise<Record<string, unknown>> {
  const lines = () => gateway.logLines.filter((line) => line['msg'] === 'request finished' && line['endpoint'] !== '/metrics');
  await waitFor(() => lines().length > index, 'the request log line');
  return lines()[index] as Record<string, unknown>;
}

async function tokens(gateway: TestGateway, model: string, provider: string): Promise<Record<string, number>> {
  const read = (tokenType: string) => metricValue(gateway.metrics.registry, 'llm_proxy_tokens_total', { model, provider, token_type: tokenType });
  return {
    prompt: await read('prompt_tokens'),
    completion: await read('completion_tokens'),
    total: await read('total_tokens'),
    cached: await read('cached_tokens'),
    reasoning: await read('reasoning_tokens'),
  };
}

test('Chat stream, client did not ask for usage: include_usage is asked upstream, its usage chunk counted and kept from the client', async (t) => {
  const { gateway, chat } = await setUp(t);
  const answer = await post(`${gateway.url}/v1/chat/completions`, chatRequest('chat-m', { stream: true }));
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(chat.requests[0]?.json?.['stream_options'], { include_usage: true }, 'asked upstream');
  assert.ok(!/"usage"\s*:\s*\{/.test(answer.text), 'no usage chunk reaches a client that did not ask');
  assert.match(answer.text, /"content":" today"/, 'the answer itself is whole');
  assert.match(answer.text, /data: \[DONE\]\n\n$/);
  const line = await finishedLine(gateway, 0);
  assert.deepEqual([line['promptTokens'], line['completionTokens'], line['totalTokens'], line['tokensEstimated']], [19, 10, 29, undefined]);
  assert.deepEqual(await tokens(gateway, 'chat-m', 'oa'), { prompt: 19, completion: 10, total: 29, cached: 0, reasoning: 0 });
});

test('Chat stream, client asked for usage: its own stream_options are sent as they were and the usage chunk reaches it', async (t) => {
  const { gateway, chat } = await setUp(t);
  const answer = await post(`${gateway.url}/v1/chat/completions`, chatRequest('chat-m', { stream: true, stream_options: { include_usage: true } }));
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(chat.requests[0]?.json?.['stream_options'], { include_usage: true });
  assert.match(answer.text, /"choices":\[\],"usage":\{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29/);
  await finishedLine(gateway, 0);
  assert.deepEqual(await tokens(gateway, 'chat-m', 'oa'), { prompt: 19, completion: 10, total: 29, cached: 0, reasoning: 0 });
});

test('Chat stream split mid-event: the usage chunk is still found and still dropped', async (t) => {
  const sse = readFixture('openai-chat/stream-usage.sse');
  const pieces = sse.match(/[\s\S]{1,37}/g) ?? [];
  const splitting: UpstreamBehaviour = async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const piece of pieces) {
      response.write(piece);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    response.end();
  };
  const { gateway } = await setUp(t, splitting);
  const answer = await post(`${gateway.url}/v1/chat/completions`, chatRequest('chat-m', { stream: true }));
  assert.equal(answer.status, 200);
  assert.ok(!/"usage"\s*:\s*\{/.test(answer.text), 'dropped');
  const expected = sse
    .split('\n\n')
    .filter((event) => !event.includes('"choices":[]'))
    .join('\n\n');
  assert.equal(answer.text, expected, 'every other byte relayed as it came');
  await finishedLine(gateway, 0);
  assert.deepEqual(await tokens(gateway, 'chat-m', 'oa'), { prompt: 19, completion: 10, total: 29, cached: 0, reasoning: 0 });
});

test('Anthropic stream: message_start input and message_delta output', async (t) => {
  const { gateway } = await setUp(t);
  const answer = await post(`${gateway.url}/v1/messages`, messagesRequest('claude-m', { stream: true }));
  assert.equal(answer.status, 200, answer.text);
  const line = await finishedLine(gateway, 0);
  assert.deepEqual([line['promptTokens'], line['completionTokens'], line['totalTokens']], [25, 15, 40]);
  assert.deepEqual(await tokens(gateway, 'claude-m', 'an'), { prompt: 25, completion: 15, total: 40, cached: 0, reasoning: 0 });
});

test('Responses stream: response.completed usage', async (t) => {
  const { gateway } = await setUp(t);
  const answer = await post(`${gateway.url}/v1/responses`, { model: 'resp-m', input: 'Hello there', stream: true });
  assert.equal(answer.status, 200, answer.text);
  await finishedLine(gateway, 0);
  assert.deepEqual(await tokens(gateway, 'resp-m', 'rs'), { prompt: 37, completion: 11, total: 48, cached: 0, reasoning: 0 });
});

test("translated streams: the provider decoder's usage (Chat client on Anthropic, Anthropic client on Chat)", async (t) => {
  const { gateway } = await setUp(t);
  const chatOnAnthropic = await post(`${gateway.url}/v1/chat/completions`, chatRequest('claude-m', { stream: true }));
  assert.equal(chatOnAnthropic.status, 200, chatOnAnthropic.text);
  await finishedLine(gateway, 0);
  assert.deepEqual(await tokens(gateway, 'claude-m', 'an'), { prompt: 25, completion: 15, total: 40, cached: 0, reasoning: 0 });
  const anthropicOnChat = await post(`${gateway.url}/v1/messages`, messagesRequest('chat-m', { stream: true }));
  assert.equal(anthropicOnChat.status, 200, anthropicOnChat.text);
  const line = await finishedLine(gateway, 1);
  assert.equal(line['translation'], 'anthropic-messages->openai-chat');
  assert.deepEqual(await tokens(gateway, 'chat-m', 'oa'), { prompt: 19, completion: 10, total: 29, cached: 0, reasoning: 0 });
});

test('whole answers: relayed Chat, Anthropic and Responses bodies, a translated body, and /v1/embeddings', async (t) => {
  const { gateway } = await setUp(t);
  assert.equal((await post(`${gateway.url}/v1/chat/completions`, chatRequest('chat-m'))).status, 200);
  assert.equal((await post(`${gateway.url}/v1/messages`, messagesRequest('claude-m'))).status, 200);
  assert.equal((await post(`${gateway.url}/v1/responses`, { model: 'resp-m', input: 'Hello there' })).status, 200);
  await finishedLine(gateway, 2);
  assert.deepEqual(await tokens(gateway, 'chat-m', 'oa'), { prompt: 19, completion: 10, total: 29, cached: 0, reasoning: 0 });
  assert.deepEqual(await tokens(gateway, 'claude-m', 'an'), { prompt: 2095, completion: 503, total: 2598, cached: 0, reasoning: 0 });
  assert.deepEqual(await tokens(gateway, 'resp-m', 'rs'), { prompt: 14, completion: 50, total: 64, cached: 0, reasoning: 0 });
  assert.equal((await post(`${gateway.url}/v1/chat/completions`, chatRequest('resp-m'))).status, 200, 'Chat client, Responses provider');
  await finishedLine(gateway, 3);
  assert.deepEqual(await tokens(gateway, 'resp-m', 'rs'), { prompt: 28, completion: 100, total: 128, cached: 0, reasoning: 0 });
  assert.equal((await post(`${gateway.url}/v1/embeddings`, { model: 'chat-m', input: 'Hello there' })).status, 200);
  const line = await finishedLine(gateway, 4);
  assert.deepEqual([line['endpoint'], line['promptTokens'], line['totalTokens']], ['/v1/embeddings', 7, 7]);
});

test('no usage from the provider: the tokenizer counts prompt and answer, after the response, and says so', async (t) => {
  // An OpenAI-compatible server that ignores stream_options and never reports usage.
  const noUsage: UpstreamBehaviour = (request, response, index) => answerSse(readFixture('openai-chat/stream-text.sse'))(request, response, index);
  const { gateway } = await setUp(t, noUsage);
  const answer = await post(`${gateway.url}/v1/chat/completions`, chatRequest('chat-m', { stream: true }));
  assert.equal(answer.status, 200);
  const line = await finishedLine(gateway, 0);
  const count = await loadTokenCounter();
  const completion = count('Hello! How can I assist you today?');
  const prompt = count('Hello there\n') + 3 + 3;
  assert.deepEqual(
    [line['promptTokens'], line['completionTokens'], line['totalTokens'], line['tokensEstimated']],
    [prompt, completion, prompt + completion, true],
  );
  assert.deepEqual(await tokens(gateway, 'chat-m', 'oa'), { prompt, completion, total: prompt + completion, cached: 0, reasoning: 0 });
});

test('no usage in a whole answer: the tokenizer counts the prompt and the answer text', async (t) => {
  const body = JSON.parse(readFixture('openai-chat/nonstream-text.json')) as Record<string, unknown>;
  delete body['usage'];
  const { gateway } = await setUp(t, answerJson(200, body));
  assert.equal((await post(`${gateway.url}/v1/chat/completions`, chatRequest('chat-m'))).status, 200);
  const line = await finishedLine(gateway, 0);
  const count = await loadTokenCounter();
  const prompt = count('Hello there\n') + 3 + 3;
  const completion = count('Hello! How can I assist you today?');
  assert.deepEqual([line['promptTokens'], line['completionTokens'], line['tokensEstimated']], [prompt, completion, true]);
});
