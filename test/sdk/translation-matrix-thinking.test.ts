import assert from 'node:assert/strict';
import test from 'node:test';
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { readFixture } from '../helpers/fake-upstream.ts';
import { replayFixtureCase } from '../helpers/replay-fixture-case.ts';
import { buildNextTurn } from './build-next-turn.ts';
import { buildSdkRequest, type SdkRequest } from './build-sdk-request.ts';
import { createSdkClients } from './create-sdk-clients.ts';
import { normalizeSdkResult } from './normalize-sdk-result.ts';
import { type SdkProtocol, sdkProtocols } from './sdk-protocol.ts';
import { sendWithSdk } from './send-with-sdk.ts';
import { matrixNames, startMatrixGateway } from './start-matrix-gateway.ts';

/**
 * Reasoning across protocols, as docs/protocols.md chose it: an Anthropic thinking budget becomes an OpenAI
 * effort through the one effort/budget table (clamped to low, medium, high) and an OpenAI effort an Anthropic
 * budget (low 2048, medium 8192, high 24576) inside max_tokens; an Anthropic thinking block reaches a Responses client as a
 * reasoning item whose `encrypted_content` wraps the signature (`llm-proxy:signature:<sig>`) and comes back
 * as the same thinking block; a Chat client never sees reasoning, so none goes back.
 */

const textAnswers = {
  'openai-chat': { name: 'text', json: 'openai-chat/nonstream-text.json' },
  'openai-responses': { name: 'text', json: 'responses/nonstream-text.json' },
  'anthropic-messages': { name: 'text', json: 'anthropic-messages/nonstream-text.json' },
} as const;

/** The effort an OpenAI-protocol upstream request asked for. */
function upstreamEffort(provider: SdkProtocol, body: Readonly<Record<string, unknown>> | undefined): unknown {
  if (provider === 'openai-chat') return body?.['reasoning_effort'];
  return ((body?.['reasoning'] ?? {}) as { effort?: unknown }).effort;
}

test('an Anthropic thinking budget becomes the OpenAI providers’ reasoning effort, and passes through to Anthropic', async (t) => {
  // One table both ways (src/canonical/reasoning-effort-budgets.ts): the highest row at or below the budget;
  // a bare budget only picks efforts every OpenAI reasoning model accepts, so minimal -> low, xhigh/max -> high.
  const budgets: [number, string][] = [
    [1024, 'low'],
    [2048, 'low'],
    [4096, 'low'],
    [10_000, 'medium'],
    [16_384, 'medium'],
    [24_576, 'high'],
    [31_999, 'high'],
    [32_768, 'high'],
    [49_152, 'high'],
  ];
  for (const provider of sdkProtocols) {
    const { gateway, upstream } = await startMatrixGateway(t, provider, replayFixtureCase(textAnswers[provider]));
    const clients = createSdkClients(gateway.url, matrixNames.clientKey);
    for (const [budget, effort] of budgets) {
      await t.test(`${provider} provider, budget_tokens ${budget}`, async () => {
        const before = upstream.requests.length;
        const request = buildSdkRequest('anthropic-messages', {
          user: 'What is 27 * 453?',
          maxTokens: 40_000,
          thinkingBudget: budget,
          model: matrixNames.clientModel,
        });
        await sendWithSdk(clients, request, 'create');
        const sent = upstream.requests[before]?.json;
        if (provider === 'anthropic-messages') assert.deepEqual(sent?.['thinking'], { type: 'enabled', budget_tokens: budget });
        else assert.equal(upstreamEffort(provider, sent), effort);
      });
    }
  }
});

/** A Chat or Responses request asking for `effort`, with an output cap or none. */
function effortRequest(client: 'openai-chat' | 'openai-responses', effort: 'low' | 'medium' | 'high', cap: number | undefined): SdkRequest {
  const model = matrixNames.clientModel;
  return client === 'openai-chat'
    ? {
        protocol: client,
        params: { model, reasoning_effort: effort, messages: [{ role: 'user', content: 'Hi' }], ...(cap === undefined ? {} : { max_completion_tokens: cap }) },
      }
    : { protocol: client, params: { model, reasoning: { effort }, input: 'Hi', ...(cap === undefined ? {} : { max_output_tokens: cap }) } };
}

test('an OpenAI reasoning effort becomes an Anthropic thinking budget inside max_tokens', async (t) => {
  const { gateway, upstream } = await startMatrixGateway(t, 'anthropic-messages', replayFixtureCase(textAnswers['anthropic-messages']));
  const clients = createSdkClients(gateway.url, matrixNames.clientKey);
  // OpenAI's output caps include reasoning tokens, so a cap stays max_tokens and the budget fits inside it;
  // without a cap, max_tokens is the default 4096 plus the budget; a cap too small for the 1024 minimum
  // drops thinking (with a warning in the log).
  const rows: { effort: 'low' | 'medium' | 'high'; cap: number | undefined; thinking: unknown; maxTokens: number }[] = [
    { effort: 'low', cap: undefined, thinking: { type: 'enabled', budget_tokens: 2048 }, maxTokens: 4096 + 2048 },
    { effort: 'medium', cap: undefined, thinking: { type: 'enabled', budget_tokens: 8192 }, maxTokens: 4096 + 8192 },
    { effort: 'high', cap: undefined, thinking: { type: 'enabled', budget_tokens: 24_576 }, maxTokens: 4096 + 24_576 },
    { effort: 'high', cap: 40_000, thinking: { type: 'enabled', budget_tokens: 24_576 }, maxTokens: 40_000 },
    { effort: 'high', cap: 1000, thinking: undefined, maxTokens: 1000 },
  ];
  for (const row of rows) {
    for (const client of ['openai-chat', 'openai-responses'] as const) {
      await t.test(`${client} client, effort ${row.effort}, cap ${row.cap ?? 'none'}`, async () => {
        const before = upstream.requests.length;
        await sendWithSdk(clients, effortRequest(client, row.effort, row.cap), 'create');
        const sent = upstream.requests[before]?.json;
        assert.deepEqual(sent?.['thinking'], row.thinking);
        assert.equal(sent?.['max_tokens'], row.maxTokens);
        assert.equal(sent?.['temperature'], undefined, 'no temperature with thinking');
      });
    }
  }
});

test('an Anthropic thinking block round-trips through each client SDK (signature intact, or dropped for Chat)', async (t) => {
  const thinkingStream = readFixture('anthropic-messages/stream-thinking.sse');
  const thinkingText = [...thinkingStream.matchAll(/"thinking_delta","thinking":("(?:[^"\\]|\\.)*")/g)]
    .map((match) => JSON.parse(match[1] ?? '""') as string)
    .join('');
  const signature = /"signature_delta","signature":"([^"]*)"/.exec(thinkingStream)?.[1] ?? '';
  assert.ok(thinkingText.length > 0 && signature.length > 0, 'the fixture has thinking text and a signature');
  const answerText = '27 * 453 = 12,231';

  const { gateway, upstream } = await startMatrixGateway(t, 'anthropic-messages', () => undefined);
  const clients = createSdkClients(gateway.url, matrixNames.clientKey);
  for (const client of sdkProtocols) {
    await t.test(`${client} client`, async () => {
      upstream.setBehaviour(replayFixtureCase({ name: 'thinking', sse: 'anthropic-messages/stream-thinking.sse' }));
      const first = buildSdkRequest(client, { user: 'What is 27 * 453?', maxTokens: 16_000, thinkingBudget: 10_000, model: matrixNames.clientModel });
      const answer = await sendWithSdk(clients, first, 'stream');
      const normalized = normalizeSdkResult(answer);
      assert.equal(normalized.text, answerText);
      assert.equal(normalized.reasoning, client === 'openai-chat' ? '' : thinkingText, 'the reasoning text (Chat has no place for it)');
      if (answer.protocol === 'openai-responses') {
        const reasoning = answer.value.output.find((item): item is OpenAI.Responses.ResponseReasoningItem => item.type === 'reasoning');
        assert.equal(reasoning?.encrypted_content, `llm-proxy:signature:${signature}`, 'the signature travels in encrypted_content');
        assert.deepEqual(
          answer.value.output.map((item) => item.type),
          ['reasoning', 'message'],
        );
      }
      if (answer.protocol === 'anthropic-messages') {
        const thinking = answer.value.content.find((block): block is Anthropic.ThinkingBlock => block.type === 'thinking');
        assert.equal(thinking?.signature, signature);
      }

      upstream.setBehaviour(replayFixtureCase(textAnswers['anthropic-messages']));
      const before = upstream.requests.length;
      await sendWithSdk(clients, buildNextTurn(first, answer, { followUp: 'And 27 * 454?' }), 'create');
      const messages = (upstream.requests[before]?.json?.['messages'] ?? []) as { role: string; content: unknown }[];
      assert.deepEqual(
        messages.map((message) => message.role),
        ['user', 'assistant', 'user'],
      );
      const expectedAssistant = [
        ...(client === 'openai-chat' ? [] : [{ type: 'thinking', thinking: thinkingText, signature }]),
        { type: 'text', text: answerText },
      ];
      const assistantContent = messages[1]?.content;
      const blocks = typeof assistantContent === 'string' ? [{ type: 'text', text: assistantContent }] : assistantContent;
      assert.deepEqual(blocks, expectedAssistant, 'the assistant turn the Anthropic upstream gets back');
    });
  }
});

test('a Responses reasoning item reaches an Anthropic client as a thinking block with the summary text', async (t) => {
  const { gateway } = await startMatrixGateway(t, 'openai-responses', replayFixtureCase({ name: 'reasoning', sse: 'responses/stream-reasoning.sse' }));
  const clients = createSdkClients(gateway.url, matrixNames.clientKey);
  const request = buildSdkRequest('anthropic-messages', { user: 'Hello!', maxTokens: 4096, thinkingBudget: 2048, model: matrixNames.clientModel });
  const answer = await sendWithSdk(clients, request, 'stream');
  assert.equal(answer.protocol, 'anthropic-messages');
  const blocks = answer.protocol === 'anthropic-messages' ? answer.value.content.map((block) => block.type) : [];
  assert.deepEqual(blocks, ['thinking', 'text'], 'thinking first, then the answer');
  assert.equal(
    normalizeSdkResult(answer).reasoning,
    '**Responding to a greeting**\n\nThe user just said "Hello!", so I should greet them back and offer help.',
  );
});
