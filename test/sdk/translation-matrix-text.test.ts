import assert from 'node:assert/strict';
import test from 'node:test';
import { answerJson, type RecordedRequest, readFixture } from '../helpers/fake-upstream.ts';
import { replayFixtureCase } from '../helpers/replay-fixture-case.ts';
import { assertSameAsDirect, assertStreamMatchesFinal } from './assert-same-as-direct.ts';
import { buildSdkRequest } from './build-sdk-request.ts';
import { createSdkClients } from './create-sdk-clients.ts';
import { type NormalizedResult, normalizeSdkResult } from './normalize-sdk-result.ts';
import { providerFixtureCases } from './provider-fixture-cases.ts';
import { type SdkProtocol, sdkProtocols } from './sdk-protocol.ts';
import type { SdkCallMode } from './send-with-sdk.ts';
import { sendWithSdk } from './send-with-sdk.ts';
import { matrixNames, startMatrixGateway, upstreamPaths } from './start-matrix-gateway.ts';

/**
 * Every provider answer in ../shared/fixtures, replayed by a fake upstream of the provider's protocol, is
 * fetched once directly (the provider protocol's own SDK against the fake upstream) and once through the
 * gateway by each client SDK, plain and with the SDK's stream helper. The two must say the same: text, tool
 * calls, stop reason, usage (normalize-sdk-result.ts). The upstream request must be in the provider's
 * protocol, at its path, with its auth, the alias rewritten, the client's stream flag kept and the system
 * prompt (if any) in the provider's form.
 */

/** Text of a string or of text parts. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: unknown) => String((part as { text?: unknown } | null)?.text ?? '')).join('');
}

/** The system prompt of an upstream body: Anthropic `system`, Chat system/developer messages, Responses `instructions` and system/developer items. */
function upstreamSystemText(provider: SdkProtocol, body: Readonly<Record<string, unknown>> | undefined): string {
  if (provider === 'anthropic-messages') return textOf(body?.['system']);
  const messages = (provider === 'openai-chat' ? body?.['messages'] : body?.['input']) as { role?: unknown; content?: unknown }[] | string | undefined;
  const fromMessages = Array.isArray(messages)
    ? messages
        .filter((message) => message.role === 'system' || message.role === 'developer')
        .map((message) => textOf(message.content))
        .join('')
    : '';
  return (provider === 'openai-responses' ? textOf(body?.['instructions']) : '') + fromMessages;
}

function assertUpstreamRequest(sent: RecordedRequest | undefined, provider: SdkProtocol, mode: SdkCallMode, system: string | undefined): void {
  assert.ok(sent !== undefined, 'the gateway called the upstream');
  assert.equal(sent.path, upstreamPaths[provider]);
  assert.equal(sent.json?.['model'], matrixNames.upstreamModel, 'the alias became the upstream model');
  assert.equal(sent.json?.['stream'] === true, mode === 'stream', 'stream flag');
  assert.equal(upstreamSystemText(provider, sent.json), system ?? '', 'the system prompt, in the provider form');
  if (provider === 'anthropic-messages') {
    assert.equal(sent.headers['x-api-key'], matrixNames.upstreamKey);
    assert.equal(sent.headers['anthropic-version'], '2023-06-01');
  } else {
    assert.equal(sent.headers.authorization, `Bearer ${matrixNames.upstreamKey}`);
  }
}

for (const provider of sdkProtocols) {
  test(`${provider} provider: each fixture through each client SDK says what a direct call says`, async (t) => {
    const { gateway, upstream } = await startMatrixGateway(t, provider, () => undefined);
    const direct = createSdkClients(upstream.url, matrixNames.upstreamKey);
    const viaGateway = createSdkClients(gateway.url, matrixNames.clientKey);

    for (const fixtureCase of providerFixtureCases[provider]) {
      upstream.setBehaviour(replayFixtureCase(fixtureCase));
      const modes: SdkCallMode[] = [...('json' in fixtureCase ? ['create' as const] : []), ...('sse' in fixtureCase ? ['stream' as const] : [])];
      for (const mode of modes) {
        let expected: NormalizedResult | undefined;
        await t.test(`${fixtureCase.name}, ${mode}: direct call with the ${provider} SDK`, async () => {
          const request = buildSdkRequest(provider, { ...fixtureCase.request, model: matrixNames.upstreamModel });
          const result = await sendWithSdk(direct, request, mode);
          expected = normalizeSdkResult(result);
          if (mode === 'stream') assertStreamMatchesFinal(result.streamed, expected);
        });
        for (const client of sdkProtocols) {
          await t.test(`${fixtureCase.name}, ${mode}: ${client} client`, async () => {
            assert.ok(expected !== undefined, 'the direct call worked');
            const before = upstream.requests.length;
            const request = buildSdkRequest(client, { ...fixtureCase.request, model: matrixNames.clientModel });
            const result = await sendWithSdk(viaGateway, request, mode);
            const actual = normalizeSdkResult(result);
            assertSameAsDirect(actual, expected);
            if (mode === 'stream') assertStreamMatchesFinal(result.streamed, actual);
            assert.equal(upstream.requests.length, before + 1, 'one upstream request');
            assertUpstreamRequest(upstream.requests[before], provider, mode, 'system' in fixtureCase.request ? fixtureCase.request.system : undefined);
          });
        }
      }
    }
  });
}

/**
 * The recorded answers all have empty prompt caches, so these are the non-stream text fixtures with only the
 * cache numbers filled in: the input total (OpenAI meaning, Anthropic input + cache read + cache write) and
 * the cache read must survive every translation.
 */
function answerWithCachedTokens(provider: SdkProtocol): unknown {
  switch (provider) {
    case 'openai-chat': {
      const body = JSON.parse(readFixture('openai-chat/nonstream-text.json')) as { usage: { prompt_tokens_details: { cached_tokens: number } } };
      body.usage.prompt_tokens_details.cached_tokens = 12;
      return body;
    }
    case 'openai-responses': {
      const body = JSON.parse(readFixture('responses/nonstream-text.json')) as { usage: { input_tokens_details: { cached_tokens: number } } };
      body.usage.input_tokens_details.cached_tokens = 9;
      return body;
    }
    case 'anthropic-messages': {
      const body = JSON.parse(readFixture('anthropic-messages/nonstream-tool-result.json')) as {
        usage: { input_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number };
      };
      Object.assign(body.usage, { input_tokens: 10, cache_read_input_tokens: 100, cache_creation_input_tokens: 50 });
      return body;
    }
  }
}

for (const provider of sdkProtocols) {
  test(`${provider} provider: prompt-cache usage reaches each client SDK as a direct call reports it`, async (t) => {
    const { gateway, upstream } = await startMatrixGateway(t, provider, answerJson(200, answerWithCachedTokens(provider)));
    const ask = { user: 'Hello!', maxTokens: 256 } as const;
    const direct = normalizeSdkResult(
      await sendWithSdk(
        createSdkClients(upstream.url, matrixNames.upstreamKey),
        buildSdkRequest(provider, { ...ask, model: matrixNames.upstreamModel }),
        'create',
      ),
    );
    assert.ok((direct.usage?.cacheRead ?? 0) > 0, 'the direct answer reports a cache read');
    const viaGateway = createSdkClients(gateway.url, matrixNames.clientKey);
    for (const client of sdkProtocols) {
      await t.test(`${client} client`, async () => {
        const actual = normalizeSdkResult(await sendWithSdk(viaGateway, buildSdkRequest(client, { ...ask, model: matrixNames.clientModel }), 'create'));
        assertSameAsDirect(actual, direct);
      });
    }
  });
}
