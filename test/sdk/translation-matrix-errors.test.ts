import assert from 'node:assert/strict';
import test from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { answerJson, answerSse, readFixture } from '../helpers/fake-upstream.ts';
import { assertProtocolError } from './assert-protocol-error.ts';
import { buildSdkRequest } from './build-sdk-request.ts';
import { createSdkClients } from './create-sdk-clients.ts';
import { postRawWithSdk } from './post-raw-with-sdk.ts';
import { type SdkProtocol, sdkProtocols } from './sdk-protocol.ts';
import { sendWithSdk } from './send-with-sdk.ts';
import { matrixNames, startMatrixGateway } from './start-matrix-gateway.ts';

/**
 * Errors through every client x provider pair, read by the client's own SDK: bad input and an unknown key
 * are answered in the client's protocol without calling the upstream, and so is a field that cannot be
 * translated for the provider; a provider's 400 reaches the client
 * as a 400 in the client's shape with the provider's message; a provider's 500 becomes a 502 in the
 * client's shape that does not echo the provider's body; a provider stream that breaks after the first
 * byte makes the client's stream helper fail instead of ending normally.
 */

const ask = { user: 'Hello!', maxTokens: 64 } as const;

/** Bodies each client protocol's SDK would refuse to build, sent raw. */
const badInputs: { name: string; openaiCode: string; body: (protocol: SdkProtocol) => string | Record<string, unknown> }[] = [
  { name: 'invalid JSON', openaiCode: 'GW_ERR_INVALID_JSON', body: () => '{"model": "matrix-model", "messages": [' },
  {
    name: 'missing model',
    openaiCode: 'GW_ERR_INVALID_REQUEST',
    body: (protocol) =>
      protocol === 'openai-responses'
        ? { input: 'Hello!' }
        : { messages: [{ role: 'user', content: 'Hello!' }], ...(protocol === 'anthropic-messages' ? { max_tokens: 64 } : {}) },
  },
  {
    name: 'messages not an array',
    openaiCode: 'GW_ERR_INVALID_REQUEST',
    body: (protocol) =>
      protocol === 'openai-responses'
        ? { model: matrixNames.clientModel, input: 42 }
        : { model: matrixNames.clientModel, messages: 'Hello!', ...(protocol === 'anthropic-messages' ? { max_tokens: 64 } : {}) },
  },
];

/**
 * A field of the client's protocol that cannot cross to another protocol (docs/protocols.md: a loss that
 * would change what the model is asked is a 400 naming the field): Chat `n: 2`, Responses
 * `previous_response_id` (no server-side state), an Anthropic `document` given by Files API id (its `source`).
 */
const untranslatable: Record<SdkProtocol, { field: string; body: Record<string, unknown> }> = {
  'openai-chat': { field: 'n', body: { model: matrixNames.clientModel, n: 2, messages: [{ role: 'user', content: 'Hello!' }] } },
  'openai-responses': { field: 'previous_response_id', body: { model: matrixNames.clientModel, previous_response_id: 'resp_123', input: 'Hello!' } },
  'anthropic-messages': {
    field: 'messages.0.content.0.source',
    body: {
      model: matrixNames.clientModel,
      max_tokens: 64,
      messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'file', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' } }] }],
    },
  },
};

/** A client-fault 400 and a 500 as each provider protocol writes them (OpenAI `ErrorResponse`, Anthropic error shape). */
const upstreamErrors = {
  openai: {
    badRequest: { error: { message: "Invalid value for 'temperature': must be at most 2.", type: 'invalid_request_error', param: 'temperature', code: null } },
    serverError: { error: { message: 'internal boom with sk-matrix-upstream-secret', type: 'server_error', param: null, code: null } },
  },
  anthropic: {
    badRequest: { type: 'error', error: { type: 'invalid_request_error', message: 'messages.0.content: text content blocks must be non-empty' } },
    serverError: { type: 'error', error: { type: 'api_error', message: 'internal boom with sk-matrix-upstream-secret' } },
  },
} as const;

for (const provider of sdkProtocols) {
  test(`${provider} provider: errors reach each client SDK in its own protocol's shape`, async (t) => {
    const { gateway, upstream } = await startMatrixGateway(t, provider, answerJson(500, { error: { message: 'not set' } }));
    const clients = createSdkClients(gateway.url, matrixNames.clientKey);
    const upstreamBodies = provider === 'anthropic-messages' ? upstreamErrors.anthropic : upstreamErrors.openai;

    for (const client of sdkProtocols) {
      for (const badInput of badInputs) {
        await t.test(`${client} client: ${badInput.name} is a 400 and never reaches the upstream`, async () => {
          const before = upstream.requests.length;
          await assert.rejects(postRawWithSdk(clients, client, badInput.body(client)), (error: unknown) =>
            assertProtocolError(error, client, {
              status: 400,
              anthropicType: 'invalid_request_error',
              openaiType: 'invalid_request_error',
              openaiCode: badInput.openaiCode,
            }),
          );
          assert.equal(upstream.requests.length, before);
        });
      }

      if (client !== provider) {
        await t.test(`${client} client: '${untranslatable[client].field}', which cannot be translated, is a 400 naming it`, async () => {
          const before = upstream.requests.length;
          await assert.rejects(postRawWithSdk(clients, client, untranslatable[client].body), (error: unknown) =>
            assertProtocolError(error, client, {
              status: 400,
              anthropicType: 'invalid_request_error',
              openaiType: 'invalid_request_error',
              messageIncludes: untranslatable[client].field,
            }),
          );
          assert.equal(upstream.requests.length, before);
        });
      }

      await t.test(`${client} client: an unknown key is a 401`, async () => {
        const stranger = createSdkClients(gateway.url, 'sk-not-a-configured-key');
        const before = upstream.requests.length;
        await assert.rejects(sendWithSdk(stranger, buildSdkRequest(client, { ...ask, model: matrixNames.clientModel }), 'create'), (error: unknown) =>
          assertProtocolError(error, client, {
            status: 401,
            anthropicType: 'authentication_error',
            openaiCode: 'GW_ERR_INVALID_API_KEY',
            messageExcludes: 'sk-not-a-configured-key',
          }),
        );
        assert.equal(upstream.requests.length, before);
      });

      for (const mode of ['create', 'stream'] as const) {
        await t.test(`${client} client, ${mode}: the provider's 400 is a 400 with the provider's message`, async () => {
          upstream.setBehaviour(answerJson(400, upstreamBodies.badRequest));
          await assert.rejects(sendWithSdk(clients, buildSdkRequest(client, { ...ask, model: matrixNames.clientModel }), mode), (error: unknown) =>
            assertProtocolError(error, client, {
              status: 400,
              anthropicType: 'invalid_request_error',
              openaiType: 'invalid_request_error',
              messageIncludes: upstreamBodies.badRequest.error.message,
            }),
          );
        });

        await t.test(`${client} client, ${mode}: the provider's 500 is a 502 that does not echo its body`, async () => {
          upstream.setBehaviour(answerJson(500, upstreamBodies.serverError));
          await assert.rejects(sendWithSdk(clients, buildSdkRequest(client, { ...ask, model: matrixNames.clientModel }), mode), (error: unknown) =>
            assertProtocolError(error, client, { status: 502, anthropicType: 'api_error', openaiCode: 'GW_ERR_UPSTREAM_ERROR', messageExcludes: 'boom' }),
          );
        });
      }

      if (provider === 'anthropic-messages') {
        await t.test(`${client} client: a provider stream that breaks after the first byte fails the stream helper`, async () => {
          upstream.setBehaviour(answerSse(readFixture('anthropic-messages/stream-error.sse')));
          const outcome = await sendWithSdk(clients, buildSdkRequest(client, { ...ask, model: matrixNames.clientModel }), 'stream').then(
            (result) => ({ settled: 'resolved' as const, result }),
            (error: unknown) => ({ settled: 'rejected' as const, error }),
          );
          assert.equal(outcome.settled, 'rejected', `the stream helper failed (got ${JSON.stringify(outcome)})`);
          const error = outcome.settled === 'rejected' ? outcome.error : undefined;
          if (client === 'openai-chat') assert.ok(error instanceof OpenAI.APIError, `Chat: data: {"error": ...} makes the SDK throw, got ${String(error)}`);
          if (client === 'anthropic-messages')
            assert.ok(error instanceof Anthropic.APIError, `Anthropic: event: error makes the SDK throw, got ${String(error)}`);
          // openai-node does not throw on a Responses `error` event; ResponseStream rejects with the event itself.
          if (client === 'openai-responses') assert.equal((error as { type?: unknown } | undefined)?.type, 'error', `got ${JSON.stringify(error)}`);
        });
      }
    }
  });
}
