import assert from 'node:assert/strict';
import test from 'node:test';
import { answerJson, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

const completion = (totalTokens: number) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: totalTokens - 10, completion_tokens: 10, total_tokens: totalTokens },
});

async function chat(url: string) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-tpm-test-key' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  });
  const text = await response.text();
  // The charge is settled when the response closes on the gateway's side, a moment after the client has it.
  await new Promise((resolve) => setTimeout(resolve, 30));
  return { status: response.status, headers: response.headers, text };
}

test('tokens_per_minute: charged the real usage after each answer, refused while in debt with Retry-After, recovering with time', async (t) => {
  const upstream = await startFakeUpstream(answerJson(200, completion(500)));
  t.after(() => upstream.close());
  let clock = 1_000_000;
  const gateway = await startTestGateway(
    {
      providers: [{ name: 'openai', type: 'openai', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' }],
      master_keys: [{ name: 'tpm', key: 'sk-tpm-test-key', tokens_per_minute: 600 }],
    },
    { now: () => clock },
  );
  t.after(() => gateway.shutdown());

  const first = await chat(gateway.url);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('x-ratelimit-limit-tokens'), '600');
  const estimate = 600 - Number(first.headers.get('x-ratelimit-remaining-tokens'));
  assert.ok(estimate > 0 && estimate < 100, `charged an estimate up front (${estimate})`);
  assert.equal(first.headers.get('x-ratelimit-limit-requests'), null, 'no request limit on this key');

  const second = await chat(gateway.url);
  assert.equal(second.status, 200, 'the bucket still held 100 tokens after the first answer was settled (600 - 500)');
  assert.equal(Number(second.headers.get('x-ratelimit-remaining-tokens')), 100 - estimate);

  // Settled: 100 - 500 = -400; 10 tokens a second refill it to 1 in 40.1 s.
  const refused = await chat(gateway.url);
  assert.equal(refused.status, 429);
  assert.match(refused.text, /Token limit of API key 'tpm' exceeded \(600 tokens per minute\)/);
  assert.equal(refused.headers.get('retry-after'), '41');
  assert.equal(refused.headers.get('x-ratelimit-remaining-tokens'), '0');
  assert.equal(upstream.requests.length, 2);

  clock += 40_000;
  assert.equal((await chat(gateway.url)).status, 429, 'still in debt after 40 s');
  clock += 1_000;
  assert.equal((await chat(gateway.url)).status, 200, 'paid off after 41 s');
});

test('tokens_per_minute: a request that got no answer gives its estimate back', async (t) => {
  const upstream = await startFakeUpstream(answerJson(500, { error: { message: 'down' } }));
  t.after(() => upstream.close());
  const clock = 1_000_000;
  const gateway = await startTestGateway(
    {
      providers: [{ name: 'openai', type: 'openai', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' }],
      master_keys: [{ name: 'tpm', key: 'sk-tpm-test-key', tokens_per_minute: 600 }],
      fallback: { max_retries: 0, cooldown_seconds: 0 },
    },
    { now: () => clock },
  );
  t.after(() => gateway.shutdown());
  const failed = await chat(gateway.url);
  assert.equal(failed.status, 502);
  const remainingAfterFirst = Number(failed.headers.get('x-ratelimit-remaining-tokens'));
  assert.ok(remainingAfterFirst < 600);
  const again = await chat(gateway.url);
  assert.equal(Number(again.headers.get('x-ratelimit-remaining-tokens')), remainingAfterFirst, 'the first estimate came back, the second was charged the same');
});
