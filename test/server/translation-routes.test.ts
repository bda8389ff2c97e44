import assert from 'node:assert/strict';
import test from 'node:test';
import { answerJson, answerSse, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

/** The gateway end to end with raw HTTP: routes, which path is taken (fast or translated), headers, error shapes. */

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function sseEventNames(text: string): string[] {
  return [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1] ?? '');
}

const anthropicRequest = JSON.parse(readFixture('anthropic-messages/nonstream-text.request.json')) as Record<string, unknown>;
const chatRequest = JSON.parse(readFixture('openai-chat/nonstream-text.request.json')) as Record<string, unknown>;

test('Anthropic client -> openai provider, whole answer: a Chat request goes up, an Anthropic message comes back', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, readFixture('openai-chat/nonstream-text.json')));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'gpt', type: 'openai', api_base: `${upstream.url}/v1`, model_mapping: { claude: 'gpt-up' } }] });
  t.after(() => gateway.shutdown());

  const response = await post(`${gateway.url}/v1/messages`, { ...anthropicRequest, model: 'claude', system: 'Be brief.' });

  assert.equal(response.status, 200, response.text);
  assert.equal(response.headers.get('x-llm-proxy-translation'), 'anthropic-messages->openai-chat');
  const sent = upstream.requests[0]?.json;
  assert.equal(upstream.requests[0]?.path, '/v1/chat/completions');
  assert.equal(sent?.['model'], 'gpt-up');
  assert.deepEqual(sent?.['messages'], [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hello, world' },
  ]);
  assert.equal(sent?.['max_completion_tokens'], 1024);
  const answer = JSON.parse(response.text) as {
    type: string;
    role: string;
    content: { type: string; text: string }[];
    stop_reason: string;
    usage: { input_tokens: number };
  };
  const upstreamAnswer = JSON.parse(readFixture('openai-chat/nonstream-text.json')) as {
    choices: { message: { content: string } }[];
    usage: { prompt_tokens: number };
  };
  assert.equal(answer.type, 'message');
  assert.equal(answer.content[0]?.text, upstreamAnswer.choices[0]?.message.content);
  assert.equal(answer.stop_reason, 'end_turn');
  assert.equal(answer.usage.input_tokens, upstreamAnswer.usage.prompt_tokens);
  assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(response.text)));
});

test('Anthropic client -> openai provider, stream: Anthropic events in order, the same text, usage asked for upstream', async (t) => {
  const upstream = await startFakeUpstream(answerSse(readFixture('openai-chat/stream-usage.sse')));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'gpt', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());

  const response = await post(`${gateway.url}/v2/messages?beta=true`, { ...anthropicRequest, stream: true });

  assert.equal(response.status, 200, response.text);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.deepEqual(upstream.requests[0]?.json?.['stream_options'], { include_usage: true });
  const names = sseEventNames(response.text);
  assert.equal(names[0], 'message_start');
  assert.equal(names.at(-1), 'message_stop');
  assert.ok(names.includes('content_block_delta') && names.includes('message_delta'), names.join());
  const upstreamText = [...readFixture('openai-chat/stream-usage.sse').matchAll(/"content":"([^"]*)"/g)].map((match) => match[1]).join('');
  const clientText = [...response.text.matchAll(/"text_delta","text":"([^"]*)"/g)].map((match) => match[1]).join('');
  assert.equal(clientText, upstreamText);
});

test('Chat client -> anthropic provider, stream: Messages upstream with its headers, Chat chunks and [DONE] back', async (t) => {
  const upstream = await startFakeUpstream(answerSse(readFixture('anthropic-messages/stream-text.sse')));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'claude', type: 'anthropic', api_base: upstream.url, api_key: 'sk-ant-upstream' }] });
  t.after(() => gateway.shutdown());

  const response = await post(`${gateway.url}/v1/chat/completions`, { ...chatRequest, stream: true }, { 'anthropic-beta': 'not-for-translation' });

  assert.equal(response.status, 200, response.text);
  const sent = upstream.requests[0];
  assert.equal(sent?.path, '/v1/messages');
  assert.equal(sent?.headers['x-api-key'], 'sk-ant-upstream');
  assert.equal(sent?.headers['anthropic-version'], '2023-06-01');
  assert.equal(sent?.headers['anthropic-beta'], undefined, 'betas name features of a body the gateway rewrote');
  assert.equal(typeof sent?.json?.['max_tokens'], 'number');
  assert.ok(response.text.trimEnd().endsWith('data: [DONE]'), response.text.slice(-200));
  assert.match(response.text, /"finish_reason":"stop"/);
});

test('Responses client -> anthropic provider, whole answer: a Response with a message item', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, readFixture('anthropic-messages/nonstream-text.json')));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'claude', type: 'anthropic', api_base: upstream.url }] });
  t.after(() => gateway.shutdown());

  const response = await post(`${gateway.url}/v1/responses`, { model: 'claude-x', input: 'Hello', instructions: 'Be brief.' });

  assert.equal(response.status, 200, response.text);
  assert.equal(upstream.requests[0]?.json?.['system'], 'Be brief.');
  const answer = JSON.parse(response.text) as { object: string; status: string; id: string; output: { type: string; content: { text: string }[] }[] };
  assert.equal(answer.object, 'response');
  assert.equal(answer.status, 'completed');
  assert.match(answer.id, /^resp_/);
  assert.equal(answer.output[0]?.content[0]?.text, 'Hi! My name is Claude.');
});

test('an openai provider with wire_api: responses is called on /responses, statelessly', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, readFixture('responses/nonstream-text.json')));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'gpt', type: 'openai', wire_api: 'responses', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());

  const response = await post(`${gateway.url}/v1/chat/completions`, chatRequest);

  assert.equal(response.status, 200, response.text);
  assert.equal(upstream.requests[0]?.path, '/v1/responses');
  assert.equal(upstream.requests[0]?.json?.['store'], false);
  const answer = JSON.parse(response.text) as { object: string; choices: { message: { content: string } }[] };
  assert.equal(answer.object, 'chat.completion');
  assert.ok((answer.choices[0]?.message.content ?? '').length > 0);
});

test('Anthropic client -> anthropic provider takes the fast path: model rewritten, betas passed on, answer bytes unchanged', async (t) => {
  const upstreamAnswer = readFixture('anthropic-messages/nonstream-text.json');
  const upstream = await startFakeUpstream(answerJson(200, upstreamAnswer));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    providers: [{ name: 'claude', type: 'anthropic', api_base: upstream.url, api_key: 'sk-ant-upstream', model_mapping: { sonnet: 'claude-sonnet-up' } }],
    master_keys: [{ name: 'cc', key: 'sk-client' }],
  });
  t.after(() => gateway.shutdown());
  const body = {
    ...anthropicRequest,
    model: 'sonnet',
    context_management: { edits: [] },
    messages: [{ role: 'user', content: [{ type: 'future_block', x: 1 }] }],
  };

  const response = await post(`${gateway.url}/v1/messages?beta=true`, body, {
    'x-api-key': 'sk-client',
    'anthropic-version': '2023-06-01',
    'anthropic-beta': 'context-management-2025-06-27',
  });

  assert.equal(response.status, 200, response.text);
  assert.equal(response.text, upstreamAnswer);
  assert.equal(response.headers.get('x-llm-proxy-translation'), null);
  const sent = upstream.requests[0];
  assert.equal(sent?.headers['anthropic-beta'], 'context-management-2025-06-27');
  assert.equal(sent?.headers['x-api-key'], 'sk-ant-upstream');
  assert.deepEqual(sent?.json, { ...body, model: 'claude-sonnet-up' }, 'unknown fields and block types pass through');
});

test('bad input and refused keys get each protocol its own error shape', async (t) => {
  const gateway = await startTestGateway({ providers: [{ name: 'mock', type: 'mock' }], master_keys: [{ name: 'k', key: 'sk-client' }] });
  t.after(() => gateway.shutdown());
  const auth = { 'x-api-key': 'sk-client' };

  const badJson = await post(`${gateway.url}/v1/messages`, '{"model":', auth);
  assert.equal(badJson.status, 400);
  const anthropicError = JSON.parse(badJson.text) as { type: string; error: { type: string; message: string }; request_id: string };
  assert.equal(anthropicError.type, 'error');
  assert.equal(anthropicError.error.type, 'invalid_request_error');
  assert.equal(anthropicError.request_id, badJson.headers.get('x-request-id'));

  const noMaxTokens = await post(`${gateway.url}/v1/messages`, { model: 'm', messages: [] }, auth);
  assert.equal(noMaxTokens.status, 400);
  assert.match((JSON.parse(noMaxTokens.text) as { error: { message: string } }).error.message, /max_tokens/);

  const unknownKey = await post(`${gateway.url}/v1/messages`, anthropicRequest, { 'x-api-key': 'sk-wrong' });
  assert.equal(unknownKey.status, 401);
  assert.equal((JSON.parse(unknownKey.text) as { error: { type: string } }).error.type, 'authentication_error');

  const responsesBad = await post(`${gateway.url}/v1/responses`, { input: 'hi' }, auth);
  assert.equal(responsesBad.status, 400);
  assert.equal((JSON.parse(responsesBad.text) as { error: { param: string } }).error.param, 'model');
});

test("a provider's 400 reaches a translated client with its status and message in the client's shape; its 500 becomes a 502", async (t) => {
  const upstream = await startFakeUpstream(
    answerJson(400, { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: 999999 > 64000, the maximum' } }),
  );
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'claude', type: 'anthropic', api_base: upstream.url }] });
  t.after(() => gateway.shutdown());

  const refused = await post(`${gateway.url}/v1/chat/completions`, chatRequest);
  assert.equal(refused.status, 400);
  assert.deepEqual(JSON.parse(refused.text), {
    error: { message: 'max_tokens: 999999 > 64000, the maximum', type: 'invalid_request_error', code: null, param: null },
  });

  upstream.setBehaviour(answerJson(500, { type: 'error', error: { type: 'api_error', message: 'internal' } }));
  const failed = await post(`${gateway.url}/v1/responses`, { model: 'c', input: 'hi' });
  assert.equal(failed.status, 502);
  assert.equal((JSON.parse(failed.text) as { error: { code: string } }).error.code, 'GW_ERR_UPSTREAM_ERROR');
});

test('a translated stream that breaks off ends with the client protocol error event', async (t) => {
  const events = readFixture('openai-chat/stream-text.sse').split(/(?<=\n\n)/);
  const upstream = await startFakeUpstream((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(events.slice(0, 2).join(''));
    setTimeout(() => response.destroy(), 20);
  });
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'gpt', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());

  const response = await post(`${gateway.url}/v1/messages`, { ...anthropicRequest, stream: true });

  assert.equal(response.status, 200);
  const names = sseEventNames(response.text);
  assert.equal(names[0], 'message_start');
  assert.equal(names.at(-1), 'error');
  assert.ok(!names.includes('message_stop'), 'a broken answer must not look complete');
});

test('what a translation drops is listed in x-llm-proxy-warnings, from the request and from the answer', async (t) => {
  const answer = {
    ...(JSON.parse(readFixture('anthropic-messages/nonstream-text.json')) as Record<string, unknown>),
    stop_reason: 'stop_sequence',
    stop_sequence: 'END',
  };
  const upstream = await startFakeUpstream(answerJson(200, answer));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'claude', type: 'anthropic', api_base: upstream.url }] });
  t.after(() => gateway.shutdown());

  const response = await post(`${gateway.url}/v1/chat/completions`, { ...chatRequest, logit_bias: { '50256': -100 }, stop: ['END'] });

  assert.equal(response.status, 200, response.text);
  const warnings = response.headers.get('x-llm-proxy-warnings') ?? '';
  assert.match(warnings, /logit_bias/, 'from the request');
  assert.match(warnings, /stop_sequence/, 'from the answer');
  assert.ok(
    gateway.logLines.some((line) => line['msg'] === 'translation dropped or adjusted fields' && line['requestId'] === response.headers.get('x-request-id')),
    'each warning is logged with the request id',
  );
});

test('a translated stream is written event by event as the upstream sends, not held to the end', async (t) => {
  const events = readFixture('openai-chat/stream-text.sse').split(/(?<=\n\n)/);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const upstream = await startFakeUpstream(async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(events.slice(0, 2).join(''));
    await held;
    response.end(events.slice(2).join(''));
  });
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'gpt', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());

  const response = await fetch(`${gateway.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...anthropicRequest, stream: true }),
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let early = '';
  while (!early.includes('text_delta')) {
    const { value, done } = await reader.read();
    assert.ok(!done, 'the stream ended before the first text arrived');
    early += Buffer.from(value).toString('utf8');
  }
  assert.ok(!early.includes('message_stop'), 'the first text came while the upstream was still holding the rest');
  release();
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += Buffer.from(value).toString('utf8');
  }
  assert.match(rest, /event: message_stop/);
});

test("a provider's max_output_tokens lowers a translated request's larger cap (Claude Code asks for 128k)", async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, readFixture('openai-chat/nonstream-text.json')));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'gpt', type: 'openai', api_base: `${upstream.url}/v1`, max_output_tokens: 16_384 }] });
  t.after(() => gateway.shutdown());

  const large = await post(`${gateway.url}/v1/messages`, { ...anthropicRequest, max_tokens: 128_000 });
  const small = await post(`${gateway.url}/v1/messages`, { ...anthropicRequest, max_tokens: 1_000 });

  assert.equal(large.status, 200, large.text);
  assert.equal(upstream.requests[0]?.json?.['max_completion_tokens'], 16_384);
  assert.match(large.headers.get('x-llm-proxy-warnings') ?? '', /adjusted max_tokens/);
  assert.equal(small.status, 200, small.text);
  assert.equal(upstream.requests[1]?.json?.['max_completion_tokens'], 1_000, 'a cap under the limit is kept');
  assert.doesNotMatch(small.headers.get('x-llm-proxy-warnings') ?? '', /adjusted max_tokens/);
});
