import assert from 'node:assert/strict';
import test from 'node:test';
import type { FixtureCase } from '../helpers/replay-fixture-case.ts';
import { replayFixtureCase } from '../helpers/replay-fixture-case.ts';
import { buildNextTurn, type ToolRunner } from './build-next-turn.ts';
import { buildSdkRequest } from './build-sdk-request.ts';
import { createSdkClients } from './create-sdk-clients.ts';
import { normalizeSdkResult } from './normalize-sdk-result.ts';
import { postRawWithSdk } from './post-raw-with-sdk.ts';
import { type MatrixFixtureCase, providerFixtureCases } from './provider-fixture-cases.ts';
import { readUpstreamToolHistory } from './read-upstream-tool-history.ts';
import { type SdkProtocol, sdkProtocols } from './sdk-protocol.ts';
import { type SdkCallMode, sendWithSdk } from './send-with-sdk.ts';
import { matrixNames, startMatrixGateway } from './start-matrix-gateway.ts';

/**
 * A tool loop through every client x provider pair: the provider's tool-call fixture answers the first turn
 * (plain or through the SDK's stream helper), the client sends back the assistant's calls and its tool results
 * in its own protocol, and the upstream must receive them in the provider's protocol: the same call ids,
 * names and arguments, each result with its call's id and its content, placed where that protocol wants them.
 * And each client's tool_choice (forced tool without parallel calls, required, none) in the provider's form.
 */

function caseNamed(provider: SdkProtocol, name: string): MatrixFixtureCase {
  const found = providerFixtureCases[provider].find((fixtureCase) => fixtureCase.name === name);
  assert.ok(found !== undefined, `no ${provider} case '${name}'`);
  return found;
}

const toolLoops: Record<SdkProtocol, readonly { readonly call: MatrixFixtureCase; readonly answer: FixtureCase }[]> = {
  'openai-chat': [{ call: caseNamed('openai-chat', 'two parallel tool calls'), answer: { name: 'answer', json: 'openai-chat/nonstream-text.json' } }],
  'anthropic-messages': [
    { call: caseNamed('anthropic-messages', 'tool use'), answer: { name: 'answer', json: 'anthropic-messages/nonstream-tool-result.json' } },
    { call: caseNamed('anthropic-messages', 'text then tool use'), answer: { name: 'answer', json: 'anthropic-messages/nonstream-tool-result.json' } },
  ],
  'openai-responses': [{ call: caseNamed('openai-responses', 'function call'), answer: { name: 'answer', json: 'responses/nonstream-text.json' } }],
};

const textAnswers: Record<SdkProtocol, FixtureCase> = {
  'openai-chat': { name: 'text', json: 'openai-chat/nonstream-text.json' },
  'openai-responses': { name: 'text', json: 'responses/nonstream-text.json' },
  'anthropic-messages': { name: 'text', json: 'anthropic-messages/nonstream-text.json' },
};

const runTool: ToolRunner = (call) => JSON.stringify({ tool: call.name, temperature: '68°F', condition: 'Sunny' });

/** The names of the tools offered in an upstream request body, in the provider's protocol. */
function upstreamToolNames(provider: SdkProtocol, body: Readonly<Record<string, unknown>> | undefined): string[] {
  const tools = Array.isArray(body?.['tools']) ? (body['tools'] as unknown[]) : [];
  return tools.map((tool) => {
    const entry = (tool ?? {}) as Record<string, unknown>;
    const named = provider === 'openai-chat' ? ((entry['function'] ?? {}) as Record<string, unknown>) : entry;
    return String(named['name']);
  });
}

for (const provider of sdkProtocols) {
  test(`${provider} provider: a tool loop from each client SDK reaches the upstream intact`, async (t) => {
    const { gateway, upstream } = await startMatrixGateway(t, provider, () => undefined);
    const clients = createSdkClients(gateway.url, matrixNames.clientKey);
    for (const loop of toolLoops[provider]) {
      const modes: SdkCallMode[] = [...(loop.call.json === undefined ? [] : ['create' as const]), ...(loop.call.sse === undefined ? [] : ['stream' as const])];
      for (const client of sdkProtocols) {
        for (const mode of modes) {
          await t.test(`${loop.call.name}, ${client} client, first turn ${mode}`, async () => {
            upstream.setBehaviour(replayFixtureCase(loop.call));
            const firstIndex = upstream.requests.length;
            const first = buildSdkRequest(client, { ...loop.call.request, model: matrixNames.clientModel });
            const answer = await sendWithSdk(clients, first, mode);
            const { toolCalls: calls, text } = normalizeSdkResult(answer);
            assert.ok(calls.length > 0, 'the client got tool calls');
            assert.deepEqual(upstreamToolNames(provider, upstream.requests[firstIndex]?.json), loop.call.request.toolNames, 'the tools reached the upstream');

            upstream.setBehaviour(replayFixtureCase(loop.answer));
            const secondIndex = upstream.requests.length;
            const final = normalizeSdkResult(await sendWithSdk(clients, buildNextTurn(first, answer, { runTool }), 'create'));
            const history = readUpstreamToolHistory(provider, upstream.requests[secondIndex]?.json);
            assert.deepEqual(history.calls, calls, 'the assistant tool calls: same ids, names, arguments');
            assert.equal(history.assistantText, text, 'the text the assistant said with its calls');
            assert.deepEqual(
              history.results,
              calls.map((call) => ({ id: call.id, content: runTool(call) })),
              'one result per call, with its id and content',
            );
            assert.equal(final.stopReason, 'stop');
            assert.ok(final.text.length > 0, 'the final answer arrived');
          });
        }
      }
    }
  });
}

/** How a client of each protocol forces one tool (and no parallel calls), requires some tool, or forbids tools. */
const toolChoices: Record<'forced' | 'required' | 'none', Record<SdkProtocol, Record<string, unknown>>> = {
  forced: {
    'openai-chat': { tool_choice: { type: 'function', function: { name: 'get_weather' } }, parallel_tool_calls: false },
    'openai-responses': { tool_choice: { type: 'function', name: 'get_weather' }, parallel_tool_calls: false },
    'anthropic-messages': { tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true } },
  },
  required: {
    'openai-chat': { tool_choice: 'required' },
    'openai-responses': { tool_choice: 'required' },
    'anthropic-messages': { tool_choice: { type: 'any' } },
  },
  none: {
    'openai-chat': { tool_choice: 'none' },
    'openai-responses': { tool_choice: 'none' },
    'anthropic-messages': { tool_choice: { type: 'none' } },
  },
};

for (const provider of sdkProtocols) {
  test(`${provider} provider: each client's tool_choice arrives as the provider's own way of saying it`, async (t) => {
    const { gateway, upstream } = await startMatrixGateway(t, provider, replayFixtureCase(textAnswers[provider]));
    const clients = createSdkClients(gateway.url, matrixNames.clientKey);
    for (const [choice, forms] of Object.entries(toolChoices)) {
      for (const client of sdkProtocols) {
        await t.test(`${client} client, ${choice}`, async () => {
          const before = upstream.requests.length;
          const { params } = buildSdkRequest(client, {
            user: 'What is the weather in SF?',
            toolNames: ['get_weather'],
            maxTokens: 256,
            model: matrixNames.clientModel,
          });
          await postRawWithSdk(clients, client, { ...params, ...forms[client] });
          const sent = upstream.requests[before]?.json ?? {};
          const picked = Object.fromEntries(Object.keys(forms[provider]).map((key) => [key, sent[key]]));
          assert.deepEqual(picked, forms[provider]);
          if (provider !== 'anthropic-messages' && !('parallel_tool_calls' in forms[provider])) assert.notEqual(sent['parallel_tool_calls'], false);
        });
      }
    }
  });
}
