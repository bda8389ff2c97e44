import assert from 'node:assert/strict';
import test from 'node:test';
import { answerJson, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

async function post(url: string, body: unknown) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const countBody = {
  model: 'claude',
  system: 'You are a weather bot.',
  messages: [{ role: 'user', content: 'What is the weather in Paris today?' }],
  tools: [{ name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
};

test('count_tokens for an Anthropic provider is relayed to its own count_tokens endpoint', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, { input_tokens: 421 }));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({
    providers: [{ name: 'claude', type: 'anthropic', api_base: upstream.url, model_mapping: { claude: 'claude-up' } }],
  });
  t.after(() => gateway.shutdown());

  const response = await post(`${gateway.url}/v1/messages/count_tokens?beta=true`, countBody);

  assert.equal(response.status, 200, response.text);
  assert.deepEqual(JSON.parse(response.text), { input_tokens: 421 });
  assert.equal(upstream.requests[0]?.path, '/v1/messages/count_tokens');
  assert.equal(upstream.requests[0]?.json?.['model'], 'claude-up');
  assert.equal(response.headers.get('x-llm-proxy-token-count'), null);
});

test('count_tokens for an OpenAI provider is estimated by the gateway, without calling it, and says so', async (t) => {
  const upstream = await startFakeUpstream(answerJson(500, {}));
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'gpt', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());

  const response = await post(`${gateway.url}/v1/messages/count_tokens`, countBody);
  const shorter = await post(`${gateway.url}/v1/messages/count_tokens`, { model: 'claude', messages: countBody.messages });

  assert.equal(response.status, 200, response.text);
  assert.equal(response.headers.get('x-llm-proxy-token-count'), 'estimated');
  const { input_tokens: full } = JSON.parse(response.text) as { input_tokens: number };
  const { input_tokens: bare } = JSON.parse(shorter.text) as { input_tokens: number };
  assert.ok(bare >= 8 && bare < 20, `the question alone is about a dozen tokens, got ${bare}`);
  assert.ok(full > bare + 15, `system prompt and tool schema are counted: ${full} vs ${bare}`);
  assert.equal(upstream.requests.length, 0);
});

test('a bad count_tokens body gets an Anthropic-shaped 400', async (t) => {
  const gateway = await startTestGateway({ providers: [{ name: 'mock', type: 'mock' }] });
  t.after(() => gateway.shutdown());
  const response = await post(`${gateway.url}/v1/messages/count_tokens`, { model: 'm' });
  assert.equal(response.status, 400);
  const body = JSON.parse(response.text) as { type: string; error: { type: string; message: string } };
  assert.equal(body.type, 'error');
  assert.equal(body.error.type, 'invalid_request_error');
  assert.match(body.error.message, /messages/);
});
