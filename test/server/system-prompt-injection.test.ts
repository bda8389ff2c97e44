import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { ConfigError } from '../../src/config/config-error.ts';
import { answerJson, readFixture, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

async function post(url: string, body: unknown) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

function promptsDir(t: { after(fn: () => void): void }): string {
  const directory = mkdtempSync(join(tmpdir(), 'llm-proxy-prompts-'));
  t.after(() => rmSync(directory, { recursive: true, force: true }));
  writeFileSync(join(directory, 'house.txt'), 'You work for ACME.\n');
  writeFileSync(join(directory, 'notes.md'), 'not a prompt');
  return directory;
}

/** One upstream per protocol, answering with a fixture of that protocol; the gateway routes `house` to each. */
async function startGatewayFor(t: { after(fn: () => Promise<void> | void): void }, type: 'openai' | 'anthropic', wireApi?: 'responses') {
  const answer =
    type === 'anthropic'
      ? 'anthropic-messages/nonstream-text.json'
      : wireApi === 'responses'
        ? 'responses/nonstream-text.json'
        : 'openai-chat/nonstream-text.json';
  const upstream = await startFakeUpstream(answerJson(200, readFixture(answer)));
  t.after(() => upstream.close());
  const apiBase = type === 'anthropic' ? upstream.url : `${upstream.url}/v1`;
  const gateway = await startTestGateway({
    providers: [{ name: 'up', type, api_base: apiBase, ...(wireApi === undefined ? {} : { wire_api: wireApi }), model_mapping: { house: 'up-model' } }],
    proxy: { enable_system_prompt: true, system_prompts_dir: promptsDir(t) },
  });
  t.after(() => gateway.shutdown());
  return { gateway, upstream };
}

test('fast path, Chat: the prompt is merged into the leading system message', async (t) => {
  const { gateway, upstream } = await startGatewayFor(t, 'openai');
  const response = await post(`${gateway.url}/v1/chat/completions`, {
    model: 'house',
    messages: [
      { role: 'system', content: 'Answer in French.' },
      { role: 'user', content: 'hi' },
    ],
  });
  assert.equal(response.status, 200, response.text);
  assert.deepEqual(upstream.requests[0]?.json?.['messages'], [
    { role: 'system', content: 'You work for ACME.\n\nAnswer in French.' },
    { role: 'user', content: 'hi' },
  ]);
  const other = await post(`${gateway.url}/v1/chat/completions`, { model: 'other', messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(other.status, 404, 'only models with a prompt file get one; an unknown model is still a 404');
});

test('fast path, Anthropic: the prompt is the first system block', async (t) => {
  const { gateway, upstream } = await startGatewayFor(t, 'anthropic');
  const system = [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }];
  const response = await post(`${gateway.url}/v1/messages`, { model: 'house', max_tokens: 10, system, messages: [{ role: 'user', content: 'hi' }] });
  assert.equal(response.status, 200, response.text);
  assert.deepEqual(upstream.requests[0]?.json?.['system'], [{ type: 'text', text: 'You work for ACME.' }, ...system]);
});

test('fast path, Responses: the prompt leads the instructions', async (t) => {
  const { gateway, upstream } = await startGatewayFor(t, 'openai', 'responses');
  const response = await post(`${gateway.url}/v1/responses`, { model: 'house', input: 'hi' });
  assert.equal(response.status, 200, response.text);
  assert.equal(upstream.requests[0]?.json?.['instructions'], 'You work for ACME.');
});

test('translated path: Anthropic client to an openai provider gets the prompt before its own system text', async (t) => {
  const { gateway, upstream } = await startGatewayFor(t, 'openai');
  const response = await post(`${gateway.url}/v1/messages`, {
    model: 'house',
    max_tokens: 10,
    system: 'Be brief.',
    messages: [{ role: 'user', content: 'hi' }],
  });
  assert.equal(response.status, 200, response.text);
  const messages = upstream.requests[0]?.json?.['messages'] as { role: string; content: unknown }[];
  assert.equal(messages[0]?.role, 'system');
  assert.match(JSON.stringify(messages[0]?.content), /^"?.*You work for ACME\..*Be brief\./s);
});

test('an enabled injection whose directory is missing refuses to start with a config error', async () => {
  await assert.rejects(
    startTestGateway({
      providers: [{ name: 'mock', type: 'mock' }],
      proxy: { enable_system_prompt: true, system_prompts_dir: '/nonexistent/llm-proxy-prompts' },
    }),
    (error: unknown) => error instanceof ConfigError && /proxy\.system_prompts_dir/.test(error.message),
  );
});
